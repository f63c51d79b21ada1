package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 5: progress of planning, fetching (JGit's monitor), the archive download and the upload (bytes and
 * rate) on a terminal (PACKIT_PROGRESS=always stands for one), nothing when piped, JSON lines with -o json.
 */
@Tag("integration")
class ProgressSandboxTest {

  @Test
  void progressOnATerminalOnly(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      s.env.put("PACKIT_PROGRESS", "always");
      CliSandbox.Run tty = s.run("propose-downstream", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0");
      assertEquals(0, tty.exit(), tty.all());
      assertTrue(tty.err().contains("packit: planning propose-downstream"), tty.err());
      assertTrue(tty.err().contains("packit: fetching " + s.upstreamUrl() + " ..."), tty.err());
      assertTrue(Pattern.compile("packit: downloaded hello-1\\.1\\.0\\.tar\\.gz: 112 B in \\d+\\.\\d s \\([\\d.]+ (B|KiB|MiB)/s\\)")
          .matcher(tty.err()).find(), tty.err());
      assertTrue(Pattern.compile("packit: uploaded hello-1\\.1\\.0\\.tar\\.gz: 112 B in \\d+\\.\\d s").matcher(tty.err()).find(), tty.err());
      // JGit's own progress of the fetches: the upstream checkout, and dist-git through the workflow.
      assertTrue(Pattern.compile("packit: " + Pattern.quote(s.upstreamUrl()) + ": Receiving objects 100% \\((\\d+)/\\1\\), done")
          .matcher(tty.err()).find(), tty.err());
      assertTrue(Pattern.compile("packit: " + Pattern.quote(s.sandbox.gitUri("rpms/hello").toString())
          + ": Receiving objects 100% \\((\\d+)/\\1\\), done").matcher(tty.err()).find(), tty.err());
      // Progress is on stderr only: stdout is the plan, the steps and the table.
      assertFalse(tty.out().contains("packit: "), tty.out());

      s.env.put("PACKIT_PROGRESS", "never");
      CliSandbox.Run piped = s.run("propose-downstream", "--dry-run", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, piped.exit(), piped.all());
      assertFalse(piped.err().contains("packit: "), piped.err());

      s.env.put("PACKIT_PROGRESS", "always");
      CliSandbox.Run json = s.run("propose-downstream", "--dry-run", "-o", "json", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, json.exit(), json.all());
      assertTrue(json.err().contains("{\"event\":\"phase\",\"phase\":\"fetching\""), json.err());
      assertTrue(json.err().contains("{\"event\":\"downloaded\",\"file\":\"hello-1.1.0.tar.gz\",\"bytes\":112,"), json.err());
      assertTrue(Pattern.compile("\\{\"event\":\"git\",\"location\":\"[^\"]+\",\"task\":\"Receiving objects\",\"done\":(\\d+),\"total\":\\1}")
          .matcher(json.err()).find(), json.err());
    }
  }
}
