package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 11: packit status, per branch: head NVR, Koji build, Bodhi update, open pull requests. */
@Tag("integration")
class StatusSandboxTest {

  @Test
  void statusShowsEachBranch(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      Path repo = Files.createDirectories(tmp.resolve("hello"));
      Files.writeString(repo.resolve(".packit.yaml"), s.hello.packitYaml());
      assertEquals(0, s.run("propose-downstream", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0").exit());
      assertEquals(0, s.run("propose-downstream", "--no-pr", "--dist-git-branch", "f42", s.upstreamUrl(), "1.1.0").exit());
      assertEquals(0, s.run("build-in-koji", "--no-wait", "--dist-git-branch", "f42", repo.toString()).exit());
      s.sandbox.koji().advance(Duration.ofHours(1));
      assertEquals(0, s.run("create-update", "--dist-git-branch", "f42", repo.toString()).exit());

      CliSandbox.Run r = s.run("status", repo.toString());
      assertEquals(0, r.exit(), r.all());
      assertTrue(r.out().startsWith("Status of rpms/hello on 127.0.0.1\n"), r.out());
      assertTrue(Pattern.compile("(?m)^rawhide\\s+hello-1\\.0\\.0-1\\.fc\\d+\\s+not built\\s+-\\s+#\\d+ http://127\\.0\\.0\\.1:\\d+/pagure/rpms/hello/pull-request/\\d+$")
          .matcher(r.out()).find(), r.out());
      assertTrue(Pattern.compile("(?m)^f42\\s+hello-1\\.1\\.0-1\\.fc42\\s+complete\\s+FEDORA-\\d{4}-[0-9a-f]{10} \\w+\\s+-$")
          .matcher(r.out()).find(), r.out());
      assertTrue(Pattern.compile("(?m)^f43\\s+hello-1\\.0\\.0-1\\.fc43\\s+not built\\s+-\\s+-$").matcher(r.out()).find(), r.out());

      CliSandbox.Run json = s.run("status", "-o", "json", "--dist-git-branch", "f42", repo.toString());
      assertEquals(0, json.exit(), json.all());
      JsonNode rows = new ObjectMapper().readTree(json.out());
      assertEquals(1, rows.size());
      assertEquals("hello-1.1.0-1.fc42", rows.get(0).get("nvr").asText());
      assertEquals("complete", rows.get(0).get("build").asText());

      CliSandbox.Run bad = s.run("status", "--dist-git-branch", "f9", repo.toString());
      assertEquals(2, bad.exit(), bad.all());
      assertTrue(bad.err().contains("dist-git branch f9 does not exist in rpms/hello"), bad.err());
    }
  }
}
