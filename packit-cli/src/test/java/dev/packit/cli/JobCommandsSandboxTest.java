package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job subcommands against the sandbox, configured only through a user config file. */
@Tag("integration")
class JobCommandsSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void assertNothingChanged(CliSandbox s) {
    assertEquals(0, s.pullRequests(), "pull requests");
    assertEquals(0, s.sandbox.lookaside().uploads(), "uploads");
    assertEquals(0, s.sandbox.koji().builds().size(), "builds");
    assertEquals(0, s.sandbox.bodhi().updates().size(), "updates");
  }

  @Test
  void proposeDownstreamDryRunThenRunThenRerun(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      // Dry run, text: the plan for the latest release (found on the upstream forge), nothing changed.
      CliSandbox.Run dry = s.run("propose-downstream", "--dry-run", s.upstreamUrl());
      assertEquals(0, dry.exit(), dry.all());
      assertTrue(dry.out().startsWith("Plan: propose_downstream for hello 1.1.0 (release v1.1.0 of upstream/hello)\n"), dry.out());
      for (String b : List.of("rawhide", "f43", "f42")) {
        assertTrue(dry.out().contains("\n  " + b + ": 3 steps\n"), dry.out());
      }
      assertTrue(dry.out().contains("+Version:        1.1.0"), dry.out());
      assertTrue(dry.out().endsWith("Dry run: nothing was changed.\n"), dry.out());
      assertNothingChanged(s);

      // Dry run, JSON: Plan.toJson() and nothing else on stdout.
      CliSandbox.Run json = s.run("propose-downstream", "--dry-run", "--output", "json", s.upstreamUrl(), "1.1.0");
      assertEquals(0, json.exit(), json.all());
      JsonNode plan = JSON.readTree(json.out());
      assertEquals("propose_downstream", plan.get("job").asText());
      assertEquals(3, plan.get("branches").size());
      assertNothingChanged(s);

      // The real run creates what the plan said: one PR per planned PullRequest step, one upload per archive.
      Set<String> plannedPrs = new HashSet<>();
      Set<String> plannedUploads = new HashSet<>();
      for (JsonNode b : plan.get("branches")) {
        for (JsonNode step : b.get("steps")) {
          if (step.get("kind").asText().equals("PullRequest")) {
            plannedPrs.add(b.get("branch").asText());
          } else if (step.get("kind").asText().equals("Upload")) {
            plannedUploads.add(step.get("sha512").asText());
          }
        }
      }
      CliSandbox.Run real = s.run("propose-downstream", s.upstreamUrl(), "1.1.0");
      assertEquals(0, real.exit(), real.all());
      assertTrue(real.out().contains("Applying the plan:\n"), real.out());
      assertTrue(real.out().contains("] uploaded hello-1.1.0.tar.gz"), real.out());
      assertTrue(real.out().contains("uploaded hello-1.1.0.tar.gz: "), real.out());
      for (String b : List.of("rawhide", "f43", "f42")) {
        assertTrue(Pattern.compile("(?m)^" + b + "\\s+done\\s+http://127\\.0\\.0\\.1:\\d+/pagure/rpms/hello/pull-request/\\d+$")
            .matcher(real.out()).find(), real.out());
      }
      assertEquals(plannedPrs.size(), s.pullRequests());
      Set<String> targets = new HashSet<>();
      s.sandbox.pagure().pullRequests("rpms/hello").forEach(pr -> targets.add(pr.get("branch").asText()));
      assertEquals(plannedPrs, targets);
      assertEquals(plannedUploads.size(), s.sandbox.lookaside().uploads());

      // A rerun changes nothing.
      CliSandbox.Run again = s.run("propose-downstream", s.upstreamUrl(), "1.1.0");
      assertEquals(0, again.exit(), again.all());
      assertEquals(3, s.pullRequests());
      assertEquals(plannedUploads.size(), s.sandbox.lookaside().uploads());
      assertTrue(again.out().contains("already in the lookaside cache"), again.out());
      assertTrue(again.out().contains("nothing to push"), again.out());
    }
  }

  @Test
  void buildInKojiAndCreateUpdateAfterADirectPush(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      // --no-pr pushes the update straight to the branches (create_pr: false).
      CliSandbox.Run push = s.run("propose-downstream", "--no-pr", s.upstreamUrl(), "1.1.0");
      assertEquals(0, push.exit(), push.all());
      assertEquals(0, s.pullRequests());
      assertTrue(push.out().contains("] pushed to f42"), push.out());

      Path repo = Files.createDirectories(tmp.resolve("hello"));
      Files.writeString(repo.resolve(".packit.yaml"), s.hello.packitYaml());

      CliSandbox.Run dry = s.run("build-in-koji", "--dry-run", repo.toString());
      assertEquals(0, dry.exit(), dry.all());
      assertTrue(dry.out().contains("Plan: koji_build for hello"), dry.out());
      assertEquals(3, count(dry.out(), "1 step\n"), dry.out());
      assertTrue(dry.out().contains("hello-1.1.0-1.fc43"), dry.out());
      assertEquals(0, s.sandbox.koji().builds().size());

      CliSandbox.Run build = s.run("build-in-koji", "--no-wait", repo.toString());
      assertEquals(0, build.exit(), build.all());
      assertEquals(3, s.sandbox.koji().builds().size());
      assertTrue(Pattern.compile("(?m)^f42\\s+done\\s+hello-1\\.1\\.0-1\\.fc42$").matcher(build.out()).find(), build.out());
      CliSandbox.Run rebuild = s.run("build-in-koji", "--no-wait", repo.toString());
      assertEquals(0, rebuild.exit(), rebuild.all());
      assertTrue(Pattern.compile("(?m)^f42\\s+skipped\\s+hello-1\\.1\\.0-1\\.fc42 is already building in Koji$").matcher(rebuild.out()).find(),
          rebuild.out());
      assertEquals(3, s.sandbox.koji().builds().size());

      // Still building: no update yet.
      CliSandbox.Run early = s.run("create-update", "--dry-run", repo.toString());
      assertEquals(0, early.exit(), early.all());
      assertTrue(early.out().contains("f43: skip, hello-1.1.0-1.fc43 is building in Koji, not complete"), early.out());

      s.sandbox.koji().advance(Duration.ofHours(1));
      CliSandbox.Run updDry = s.run("create-update", "--dry-run", "--update-type", "bugfix", repo.toString());
      assertEquals(0, updDry.exit(), updDry.all());
      assertTrue(updDry.out().contains("f43: 1 step"), updDry.out());
      assertTrue(updDry.out().contains("f42: 1 step"), updDry.out());
      assertFalse(updDry.out().contains("rawhide"), "bodhi_update is configured for f43 and f42 only: " + updDry.out());
      assertEquals(0, s.sandbox.bodhi().updates().size());

      CliSandbox.Run upd = s.run("create-update", "--update-type", "bugfix", "--update-notes", "Fixes the greeting", repo.toString());
      assertEquals(0, upd.exit(), upd.all());
      assertEquals(2, s.sandbox.bodhi().updates().size());
      assertTrue(Pattern.compile("(?m)^f43\\s+done\\s+hello-1\\.1\\.0-1\\.fc43  FEDORA-\\d{4}-[0-9a-f]{10}$").matcher(upd.out()).find(),
          upd.out());
      assertEquals("bugfix", s.sandbox.bodhi().updates().get(0).get("type").asText());
      CliSandbox.Run again = s.run("create-update", repo.toString());
      assertEquals(0, again.exit(), again.all());
      assertTrue(again.out().contains("f42: skip, update FEDORA-"), again.out());
      assertEquals(2, s.sandbox.bodhi().updates().size());
    }
  }

  @Test
  void pullFromUpstreamReadsTheDistGitConfig(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      Path distGit = Files.createDirectories(tmp.resolve("hello"));
      Files.writeString(distGit.resolve(".packit.yaml"), "upstream_project_url: " + s.base() + "git/upstream/hello\n"
          + "upstream_tag_template: v{version}\n"
          + "jobs:\n- job: pull_from_upstream\n  trigger: release\n  dist_git_branches: [rawhide, f43]\n");
      CliSandbox.Run dry = s.run("pull-from-upstream", "--dry-run", distGit.toString());
      assertEquals(0, dry.exit(), dry.all());
      assertTrue(dry.out().startsWith("Plan: pull_from_upstream for hello 1.1.0 (release v1.1.0 of upstream/hello)\n"), dry.out());
      assertTrue(dry.out().contains("pull request rawhide-update-pull_from_upstream -> rawhide")
          || dry.out().contains("rawhide-update-pull_from_upstream"), dry.out());
      assertFalse(dry.out().contains("f42"), dry.out());
      assertNothingChanged(s);

      CliSandbox.Run real = s.run("pull-from-upstream", "--dist-git-branch", "rawhide", "-b", "rhbz#2106196",
          "--resolve-bug", "rhbz#7", distGit.toString(), "1.1.0");
      assertEquals(0, real.exit(), real.all());
      assertEquals(1, s.pullRequests());
      var pr = s.sandbox.pagure().pullRequests("rpms/hello").get(0);
      assertEquals("rawhide-update-pull_from_upstream", pr.get("branch_from").asText());
      String body = pr.get("initial_comment").asText();
      assertTrue(body.contains("Resolves: [rhbz#2106196](https://bugzilla.redhat.com/show_bug.cgi?id=2106196)\n"
          + "Resolves: [rhbz#7](https://bugzilla.redhat.com/show_bug.cgi?id=7)\n"), body);
    }
  }

  @Test
  void usageAndConfigErrorsExitTwo(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      assertEquals(2, s.run("propose-downstream", "--no-such-option").exit());
      assertEquals(2, s.run("create-update", "--update-type", "urgent").exit());
      CliSandbox.Run tag = s.run("propose-downstream", "--dry-run", tmp.resolve("missing").toString());
      assertEquals(2, tag.exit());
      assertTrue(tag.err().contains("missing: no such directory"), tag.err());

      Path bad = tmp.resolve("bad.yaml");
      Files.writeString(bad, "fas_user: packit\nauthentication:\n  github.com:\n    tokn: x\n");
      CliSandbox.Run r = s.run("propose-downstream", "--config", bad.toString(), "--dry-run", s.upstreamUrl(), "1.1.0");
      assertEquals(2, r.exit());
      assertEquals("packit propose-downstream: " + bad + ":4:5: authentication.github.com.tokn: unknown key 'tokn'; did you mean 'token'?\n",
          r.err());
      assertNothingChanged(s);

      Files.writeString(bad, "instances:\n  koji: ftp://koji\n");
      r = s.run("build-in-koji", "--config", bad.toString(), "--dry-run", tmp.toString());
      assertEquals(2, r.exit());
      assertTrue(r.err().contains(bad + ":2:9: instances.koji: expected an http(s) URL, got 'ftp://koji'"), r.err());

      Files.writeString(bad, "authentication: [a\n");
      r = CliSandbox.runWith(java.util.Map.of("PACKIT_CONFIG", bad.toString()), "create-update", "--dry-run", tmp.toString());
      assertEquals(2, r.exit());
      assertTrue(r.err().startsWith("packit create-update: " + bad + ":2:1: invalid YAML"), r.err());

      r = s.run("create-update", "--config", tmp.resolve("nope.yaml").toString(), tmp.toString());
      assertEquals(2, r.exit());
      assertTrue(r.err().contains("nope.yaml: no such file"), r.err());
    }
  }

  @Test
  void tokensNeverAppearInOutputErrorsOrVerboseLogs(@TempDir Path tmp) throws Exception {
    String canary = "CANARY-pagure-0123456789abcdef";
    try (CliSandbox s = new CliSandbox(tmp, canary)) {
      // The environment's token wins over the file's (a wrong canary here).
      s.env.put("PAGURE_TOKEN", s.pagureToken);
      CliSandbox.Run ok = s.run("propose-downstream", "--verbose", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.1.0");
      assertEquals(0, ok.exit(), ok.all());
      assertTrue(ok.err().contains("token: $PAGURE_TOKEN"), ok.err());
      assertTrue(ok.err().contains("upstream upstream/hello on github"), ok.err());
      assertSecretsAbsent(ok, s, canary);

      CliSandbox.Run plan = s.run("propose-downstream", "--verbose", "--dry-run", "--output", "json", s.upstreamUrl(), "1.1.0");
      assertEquals(0, plan.exit(), plan.all());
      assertSecretsAbsent(plan, s, canary);

      // Without the variable the file's wrong token is used: the who-am-I check refuses it before
      // cloning (exit 2, said once), and the error does not show it.
      s.env.remove("PAGURE_TOKEN");
      int prs = s.pullRequests();
      CliSandbox.Run bad = s.run("propose-downstream", "--verbose", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(2, bad.exit(), bad.all());
      assertEquals("", bad.out());
      String host = "127.0.0.1:" + s.sandbox.baseUri().getPort();
      String refused = "dist-git on " + host + " refused the token from authentication.";
      assertTrue(bad.err().contains(refused), bad.err());
      assertEquals(bad.err().indexOf(refused), bad.err().lastIndexOf(refused), "said once: " + bad.err());
      assertFalse(bad.err().contains("fetching"), "checked before cloning: " + bad.err());
      assertEquals(prs, s.pullRequests());
      assertSecretsAbsent(bad, s, canary);
    }
  }

  private static void assertSecretsAbsent(CliSandbox.Run r, CliSandbox s, String canary) {
    for (String secret : List.of(canary, s.pagureToken, s.githubToken)) {
      assertFalse(r.all().contains(secret), "a token was printed: " + r.all());
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
