package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 4: a rerun says honestly that nothing changed; a plan says which uploads will be skipped. */
@Tag("integration")
class RerunSandboxTest {

  @Test
  void aRerunOfAnOpenPullRequestIsUnchangedAndPlansMarkUploadsPresent(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      CliSandbox.Run dry = s.run("propose-downstream", "--dry-run", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0");
      assertEquals(0, dry.exit(), dry.all());
      assertTrue(dry.out().contains("to the lookaside cache\n"), dry.out());
      assertFalse(dry.out().contains("already there"), dry.out());

      CliSandbox.Run first = s.run("propose-downstream", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0");
      assertEquals(0, first.exit(), first.all());
      assertTrue(Pattern.compile("(?m)^rawhide\\s+done\\s+http").matcher(first.out()).find(), first.out());

      // The archive is in the lookaside now: the plan says the upload will be skipped.
      CliSandbox.Run dry2 = s.run("propose-downstream", "--dry-run", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0");
      assertEquals(0, dry2.exit(), dry2.all());
      assertTrue(dry2.out().contains("to the lookaside cache: already there, will be skipped\n"), dry2.out());
      CliSandbox.Run json = s.run("propose-downstream", "--dry-run", "-o", "json", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0");
      assertEquals(0, json.exit(), json.all());
      JsonNode upload = null;
      for (JsonNode step : new ObjectMapper().readTree(json.out()).get("branches").get(0).get("steps")) {
        if (step.get("kind").asText().equals("Upload")) {
          upload = step;
        }
      }
      assertTrue(upload != null && upload.get("already_in_lookaside").asBoolean(), json.out());

      // The rerun: nothing pushed, nothing updated, and the table says so.
      CliSandbox.Run again = s.run("propose-downstream", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0");
      assertEquals(0, again.exit(), again.all());
      assertTrue(again.out().contains("nothing to push, pull request #"), again.out());
      assertTrue(again.out().contains(" is up to date"), again.out());
      assertFalse(again.out().contains("updated pull request"), again.out());
      assertTrue(Pattern.compile("(?m)^rawhide\\s+unchanged\\s+").matcher(again.out()).find(), again.out());
      assertTrue(again.out().endsWith("Nothing to do: everything was already in place.\n"), again.out());
      assertEquals(1, s.pullRequests());
    }
  }

  @Test
  void aBranchThatHoldsTheVersionIsNothingToDo(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      CliSandbox.Run push = s.run("propose-downstream", "--no-pr", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, push.exit(), push.all());
      CliSandbox.Run again = s.run("propose-downstream", "--no-pr", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, again.exit(), again.all());
      assertTrue(again.out().contains("  f43: skip, already at version 1.1.0\n"), again.out());
      assertTrue(again.out().contains("Nothing to do."), again.out());
      assertTrue(Pattern.compile("(?m)^f43\\s+skipped\\s+already at version 1\\.1\\.0$").matcher(again.out()).find(), again.out());
      assertEquals(1, s.sandbox.lookaside().uploads());
    }
  }
}
