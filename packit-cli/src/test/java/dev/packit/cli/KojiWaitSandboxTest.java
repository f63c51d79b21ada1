package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 items 5 and 11: build-in-koji prints each task's link and waits for it by default
 * (its state on a terminal, quiet when piped, JSON events with -o json); --no-wait; --koji-target.
 */
@Tag("integration")
class KojiWaitSandboxTest {

  /** The hello package after a direct push of 1.1.0, with its config in a local folder. */
  private static Path pushed(CliSandbox s, Path tmp) throws Exception {
    CliSandbox.Run push = s.run("propose-downstream", "--no-pr", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
    assertEquals(0, push.exit(), push.all());
    Path repo = Files.createDirectories(tmp.resolve("hello"));
    Files.writeString(repo.resolve(".packit.yaml"), s.hello.packitYaml());
    return repo;
  }

  @Test
  void waitsForTheTaskAndPrintsItsLink(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      Path repo = pushed(s, tmp);
      // Koji's clock runs while the CLI waits, as on a real hub.
      Thread clock = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(300);
            s.sandbox.koji().advance(Duration.ofMinutes(20));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      clock.setDaemon(true);
      clock.start();
      try {
        s.env.put("PACKIT_PROGRESS", "always");
        CliSandbox.Run r = s.run("build-in-koji", "--dist-git-branch", "f43", repo.toString());
        assertEquals(0, r.exit(), r.all());
        Matcher m = Pattern.compile("Koji task (\\d+) \\(f43\\): (\\S+)").matcher(r.err());
        assertTrue(m.find(), r.err());
        assertEquals(s.base() + "koji/taskinfo?taskID=" + m.group(1), m.group(2));
        assertTrue(r.err().contains("packit: Koji task " + m.group(1) + " "), "state while waiting: " + r.err());
        assertTrue(r.err().contains("Koji task " + m.group(1) + " (f43) closed"), r.err());
        // Koji's build state 1 is COMPLETE.
        assertEquals(1L, ((Number) s.sandbox.koji().builds().get(0).get("state")).longValue(), "the build is complete");

        // Piped (PACKIT_PROGRESS=never stands for a non-terminal): the link and the end, no state lines.
        s.env.put("PACKIT_PROGRESS", "never");
        CliSandbox.Run quiet = s.run("build-in-koji", "--scratch", "--dist-git-branch", "f43", repo.toString());
        assertEquals(0, quiet.exit(), quiet.all());
        assertTrue(quiet.err().contains("(f43) closed"), quiet.err());
        assertFalse(quiet.err().contains("packit: Koji task"), quiet.err());
        assertFalse(quiet.err().contains("packit: planning"), quiet.err());

        // -o json: progress events are JSON lines on stderr; stdout is one JSON document with the exit.
        s.env.put("PACKIT_PROGRESS", "always");
        CliSandbox.Run json = s.run("build-in-koji", "-o", "json", "--scratch", "--dist-git-branch", "f43", repo.toString());
        assertEquals(0, json.exit(), json.all());
        assertTrue(json.err().contains("{\"event\":\"koji_task\",\"task\":"), json.err());
        assertTrue(json.err().contains("\"state\":\"closed\""), json.err());
        assertEquals(0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("exit").asInt());
      } finally {
        clock.interrupt();
      }
    }
  }

  @Test
  void noWaitAndKojiTarget(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      Path repo = pushed(s, tmp);
      CliSandbox.Run bad = s.run("build-in-koji", "--koji-target", "f43-sidetag", "--dist-git-branch", "f43", repo.toString());
      assertEquals(2, bad.exit(), bad.all());
      assertTrue(bad.err().contains("--koji-target f43-sidetag: no such build target in Koji on 127.0.0.1"), bad.err());
      assertEquals(0, s.sandbox.koji().tasks().size());

      s.sandbox.koji().addTarget("f43-sidetag", "f43-build", "f43-updates-candidate");
      CliSandbox.Run r = s.run("build-in-koji", "--no-wait", "--koji-target", "f43-sidetag", "--dist-git-branch", "f43", repo.toString());
      assertEquals(0, r.exit(), r.all());
      assertTrue(r.out().contains("f43-sidetag"), "the plan names the target: " + r.out());
      assertTrue(Pattern.compile("Koji task \\d+ \\(f43\\): " + Pattern.quote(s.base() + "koji/taskinfo?taskID=")).matcher(r.err()).find(),
          r.err());
      assertFalse(r.err().contains("closed"), "did not wait: " + r.err());
      assertEquals(1, s.sandbox.koji().tasks().size());
      assertTrue(String.valueOf(s.sandbox.koji().tasks().get(0).get("request")).contains("f43-sidetag"),
          String.valueOf(s.sandbox.koji().tasks().get(0)));
    }
  }

  @Test
  void aRefusedKojiLoginIsSaidOnceBeforeAnyBuild(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      Path repo = pushed(s, tmp);
      Path cfg = tmp.resolve("badkoji.yaml");
      String good = java.util.Base64.getEncoder().encodeToString("packit@FEDORAPROJECT.ORG".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String config = s.userConfig(s.pagureToken);
      assertTrue(config.contains(good), config);
      // Without the hub's token the CLI falls back to Kerberos, which has no ticket here: refused.
      Files.writeString(cfg, config.replaceAll("\\s*\"[^\"]*kojihub\":\\s*\n\\s*token: " + good, ""));
      assertTrue(!Files.readString(cfg).contains(good), Files.readString(cfg));
      CliSandbox.Run r = s.run("build-in-koji", "--config", cfg.toString(), "--no-wait", "--dist-git-branch", "f43", repo.toString());
      assertEquals(2, r.exit(), r.all());
      assertTrue(r.err().contains("Koji on 127.0.0.1 refused the login (checked before submitting builds): "), r.err());
      assertEquals(r.err().indexOf("refused the login"), r.err().lastIndexOf("refused the login"), r.err());
      assertEquals(0, s.sandbox.koji().tasks().size());
    }
  }
}
