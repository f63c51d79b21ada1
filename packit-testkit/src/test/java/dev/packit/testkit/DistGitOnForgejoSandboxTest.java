package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.distgit.DistGitBackendProbe;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.forgejo.ForgejoForge;
import dev.packit.forge.pagure.PagureForge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * propose_downstream, koji_build and bodhi_update with Fedora's dist-git on Forgejo: the bot's
 * fork is {@code packit/hello} (not Pagure's {@code forks/packit/rpms/hello}), its pull requests
 * let maintainers edit them, a second run changes nothing; and the same dist-git address switched
 * from Pagure to Forgejo while running, found by the backend probe without a configuration edit.
 */
@Tag("integration")
class DistGitOnForgejoSandboxTest {
  private static final RepoId HELLO = RepoId.of("rpms/hello");

  private static BranchResult only(ReleaseWorkflow wf, Plan plan) {
    List<BranchResult> results = wf.apply(plan).branches();
    assertEquals(1, results.size(), plan.render());
    return results.get(0);
  }

  private static Map<String, String> heads(Path bare) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Git g = Git.open(bare.toFile())) {
      for (Ref r : g.getRepository().getRefDatabase().getRefs()) {
        out.put(r.getName(), r.getObjectId().name());
      }
    }
    return out;
  }

  @Test
  void proposeBuildAndUpdateWithDistGitOnForgejo(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0").distGitOn(ForgeKind.FORGEJO);
      SandboxDistGit distGit = sandbox.distGit();
      distGit.maintainer("rpms/hello", "jane");
      assertTrue(hello.distGitForge() instanceof ForgejoForge, "the probe found Forgejo: " + hello.distGitForge());
      ReleaseWorkflow wf = hello.workflow(work.resolve("run")).build();
      PackitConfig config = hello.config();

      List<BranchResult> first = wf.apply(wf.planProposeDownstream(hello.releaseRequest())).branches();
      assertEquals(3, first.size());
      first.forEach(r -> assertEquals(BranchOutcome.DONE, r.outcome(), r.toString()));

      // The fork is where Forgejo keeps it, a real repository with the bot's branches.
      Path fork = sandbox.root().resolve("git/packit/hello.git");
      assertTrue(Files.isDirectory(fork), "Forgejo's fork packit/hello");
      assertFalse(Files.exists(sandbox.root().resolve("git/forks/packit/rpms/hello.git")), "no Pagure-style fork");
      ForgejoForge jane = Forgejo.builder().instance(distGit.instanceUri())
          .credentials(ForgeCredentials.token(distGit.token("jane"))).build();
      List<PullRequest> open = jane.pullRequests(HELLO, PrState.OPEN).toList();
      assertEquals(3, open.size(), open.toString());
      for (PullRequest pr : open) {
        assertEquals(RepoId.of("packit/hello"), pr.source(), pr.toString());
        assertEquals("packit", pr.author());
        assertEquals(true, jane.maintainerCanEdit(HELLO, pr.number()).orElseThrow(), "maintainers may edit #" + pr.number());
      }

      // A second run: nothing pushed, nothing opened, the PRs as they were.
      Map<String, String> before = heads(fork);
      List<BranchResult> second = wf.apply(wf.planProposeDownstream(hello.releaseRequest())).branches();
      for (BranchResult r : second) {
        assertFalse(r.detail().contains("opened") || r.detail().contains("pushed "), r.toString());
      }
      assertEquals(before, heads(fork));
      assertEquals(3, jane.pullRequests(HELLO, PrState.ALL).count());

      // The maintainer merges; koji_build builds from dist-git's clone URL, bodhi_update follows.
      for (PullRequest pr : open) {
        assertEquals(PrState.MERGED, jane.mergePullRequest(HELLO, pr.number()).state());
      }
      String f43 = heads(sandbox.root().resolve("git/rpms/hello.git")).get("refs/heads/f43");
      // Each merge is announced as Fedora's webhook relay announces Forgejo pushes: forgejo.push.
      List<dev.packit.fedora.messaging.DistGitPush> pushes = sandbox.messages().published().stream()
          .map(e -> FedoraMessages.typed(e, "sandbox")).filter(dev.packit.fedora.messaging.ForgejoEvent.class::isInstance)
          .map(dev.packit.fedora.messaging.ForgejoEvent.class::cast)
          .flatMap(e -> dev.packit.fedora.messaging.DistGitPush.fromForgejo(e).stream()).toList();
      assertEquals(3, pushes.size(), pushes.toString());
      dev.packit.fedora.messaging.DistGitPush f43push = pushes.stream().filter(p -> p.branch().equals("f43")).findFirst().orElseThrow();
      assertEquals("rpms/hello", f43push.fullName());
      assertEquals(f43, f43push.endCommit());
      assertTrue(f43push.specChanged(), f43push.changedFiles().toString());
      assertEquals("jane", f43push.agent());
      long prNumber = f43push.pullRequest().orElseThrow();
      String author = jane.pullRequest(HELLO, prNumber).orElseThrow().author();
      assertEquals("packit", author);
      assertEquals(BranchOutcome.SKIPPED, only(wf, wf.planKojiBuild(f43push, config, "mallory")).outcome());
      BranchResult built = only(wf, wf.planKojiBuild(f43push, config, author));
      assertEquals(BranchOutcome.DONE, built.outcome(), built.detail());
      assertEquals("hello-1.1.0-1.fc43", built.buildNvr().orElseThrow());
      List<Map<String, Object>> builds = sandbox.koji().builds();
      assertEquals(1, builds.size());
      assertEquals("git+" + sandbox.gitUri("rpms/hello") + "#" + f43, String.valueOf(builds.get(0).get("source")));
      assertEquals(BranchOutcome.SKIPPED, only(wf, wf.planKojiBuild(f43push, config, author)).outcome());

      sandbox.koji().advance(Duration.ofHours(1));
      KojiBuildStateChange complete = sandbox.messages().published().stream()
          .map(e -> FedoraMessages.typed(e, "sandbox")).filter(KojiBuildStateChange.class::isInstance)
          .map(KojiBuildStateChange.class::cast).filter(c -> c.newState().name().equals("COMPLETE")).findFirst().orElseThrow();
      BranchResult update = only(wf, wf.planBodhiUpdate(complete, config, List.of("f43", "f42")));
      assertEquals(BranchOutcome.DONE, update.outcome(), update.detail());
      assertEquals(BranchOutcome.SKIPPED, only(wf, wf.planBodhiUpdate(complete, config, List.of("f43", "f42"))).outcome());
      assertEquals(1, sandbox.bodhi().updates().size());

      // The lookaside cache is untouched by the forge: the archive was uploaded to it once.
      try (var files = Files.walk(sandbox.lookaside().store())) {
        List<String> stored = files.filter(Files::isRegularFile).map(f -> sandbox.lookaside().store().relativize(f).toString()).toList();
        assertFalse(stored.isEmpty());
        assertTrue(stored.stream().allMatch(f -> f.endsWith("hello-1.1.0.tar.gz") && f.contains("hello")), stored.toString());
        assertTrue(stored.stream().anyMatch(f -> f.contains("/sha512/")), stored.toString());
      }
    }
  }

  @Test
  void theSameAddressSwitchesFromPagureToForgejoWithoutAConfigEdit(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0").distGitOn(ForgeKind.PAGURE);
      SandboxDistGit distGit = sandbox.distGit();
      AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-09-01T10:00:00Z"));
      Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
      DistGitBackendProbe probe = DistGitBackendProbe.builder().clock(clock).cacheFor(Duration.ofMinutes(10)).build();
      ForgeCredentials token = ForgeCredentials.token(distGit.token("packit"));

      assertEquals(ForgeKind.PAGURE, probe.backend(distGit.instanceUri()));
      Forge before = probe.forge(distGit.instanceUri(), token);
      assertTrue(before instanceof PagureForge, before.toString());
      assertEquals("rawhide", before.repository(HELLO).orElseThrow().defaultBranch());

      distGit.switchTo(ForgeKind.FORGEJO); // migration day: same URL, another forge
      assertEquals(ForgeKind.PAGURE, probe.backend(distGit.instanceUri()), "cached for ten minutes");
      now.set(now.get().plus(Duration.ofMinutes(11)));
      assertEquals(ForgeKind.FORGEJO, probe.backend(distGit.instanceUri()));
      Forge after = probe.forge(distGit.instanceUri(), token);
      assertTrue(after instanceof ForgejoForge, after.toString());
      assertEquals("rawhide", after.repository(HELLO).orElseThrow().defaultBranch());

      // The workflow built after the switch proposes through Forgejo, the same scenario, no edit.
      ReleaseWorkflow wf = hello.workflow(work.resolve("run")).build();
      List<BranchResult> results = wf.apply(wf.planProposeDownstream(hello.releaseRequest())).branches();
      results.forEach(r -> assertEquals(BranchOutcome.DONE, r.outcome(), r.toString()));
      assertEquals(3, ((ForgejoForge) after).pullRequests(HELLO, PrState.OPEN).count());
      assertTrue(Files.isDirectory(sandbox.root().resolve("git/packit/hello.git")));
    }
  }

  @Test
  void distGitCheckoutProposesFromTheForgejoForkAndASecondRunChangesNothing(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario.hello(sandbox, "1.0.0", "1.1.0").distGitOn(ForgeKind.FORGEJO);
      SandboxDistGit front = sandbox.distGit();
      dev.packit.fedora.distgit.DistGit distGit = dev.packit.fedora.distgit.DistGit.builder()
          .layout(dev.packit.fedora.distgit.DistGitLayout.of(sandbox.baseUri().resolve("git/")))
          .lookaside(dev.packit.fedora.lookaside.LookasideClient.builder().baseUri(sandbox.lookaside().baseUri()).build())
          .forge(DistGitBackendProbe.builder().build().forge(front.instanceUri(), ForgeCredentials.token(front.token("jdoe"))))
          .user("jdoe")
          .identity(dev.packit.forge.git.GitIdentity.of("J. Doe", "jdoe@example.org"))
          .build();
      List<dev.packit.fedora.distgit.DistGitCheckout.Proposal> proposals = new java.util.ArrayList<>();
      for (int run = 0; run < 2; run++) {
        try (var co = distGit.clone("hello", "rawhide", work.resolve("run" + run))) {
          Files.writeString(co.specFile(), Files.readString(co.specFile()).replace("1.0.0", "2.0"));
          co.commit("Update to 2.0");
          proposals.add(co.proposeUpdate("update-2.0-rawhide", "Update to 2.0", "Upstream release 2.0"));
        }
      }
      PullRequest pr = proposals.get(0).pullRequest();
      assertTrue(proposals.get(0).created());
      assertEquals(RepoId.of("jdoe/hello"), pr.source(), "Forgejo's fork, not forks/jdoe/rpms/hello");
      assertTrue(Files.isDirectory(sandbox.root().resolve("git/jdoe/hello.git")));
      ForgejoForge reader = Forgejo.builder().instance(front.instanceUri()).build();
      assertEquals(true, reader.maintainerCanEdit(HELLO, pr.number()).orElseThrow());
      assertFalse(proposals.get(1).created());
      assertEquals(pr.number(), proposals.get(1).pullRequest().number());
      assertTrue(proposals.get(1).pushed().isEmpty(), proposals.get(1).pushed().toString());
    }
  }

  @Test
  void anUpstreamOnForgejoReleasesIntoDistGitOnForgejo(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0").distGitOn(ForgeKind.FORGEJO)
          .upstreamOnForgejo();
      assertTrue(hello.upstreamForge() instanceof ForgejoForge);
      sandbox.resetRequestCounts(); // what the workflow asks, not what seeding did
      ReleaseWorkflow wf = hello.workflow(work.resolve("run")).build();
      List<BranchResult> results = wf.apply(wf.planProposeDownstream(hello.releaseRequest())).branches();
      results.forEach(r -> assertEquals(BranchOutcome.DONE, r.outcome(), r.toString()));
      ForgejoForge reader = Forgejo.builder().instance(sandbox.distGit().instanceUri()).build();
      List<PullRequest> open = reader.pullRequests(HELLO, PrState.OPEN).toList();
      assertEquals(3, open.size());
      for (PullRequest pr : open) {
        String spec = reader.file(pr.source(), "hello.spec", pr.sourceBranch()).orElseThrow().text();
        assertTrue(spec.contains("1.1.0"), spec);
      }
      // the upstream was read from Forgejo only: the fake GitHub was never asked
      assertTrue(sandbox.requestCounts().keySet().stream().anyMatch(k -> k.startsWith("/forgejo ")), sandbox.requestCounts().toString());
      assertFalse(sandbox.requestCounts().keySet().stream().anyMatch(k -> k.startsWith("/github ")), sandbox.requestCounts().toString());
    }
  }

  @Test
  void pullFromUpstreamRunsOnlyWhenMonitoringTomlOnRawhideSaysSo(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0").distGitOn(ForgeKind.FORGEJO);
      hello.putDistGitConfig("upstream_package_name: hello\nupstream_project_url: " + sandbox.forgejo().instanceUri()
          + "upstream/hello\nupstream_tag_template: v{version}\njobs:\n  - job: pull_from_upstream\n    trigger: release\n"
          + "    dist_git_branches: [rawhide, f43]\n", work.resolve("cfg"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      PackitConfig config = wf.distGitConfig("hello");
      var request = new dev.packit.fedora.workflow.PullFromUpstreamRequest(config, "hello", "1.1.0", List.of("rawhide", "f43"),
          List.of(), 0);

      // no monitoring.toml on Forgejo dist-git: monitoring is off, as the-new-hotness reads it
      Plan missing = wf.planPullFromUpstream(request);
      assertEquals(2, missing.branches().size());
      missing.branches().forEach(b -> assertTrue(b.skipReason().orElseThrow().contains("has no monitoring.toml on rawhide"),
          b.toString()));

      hello.putDistGitFile("monitoring.toml", "# the-new-hotness\nmonitoring = false\nbugzilla = true\n", "No monitoring",
          work.resolve("m1"));
      Plan off = wf.planPullFromUpstream(request);
      off.branches().forEach(b -> assertEquals("release monitoring is off in rpms/hello/monitoring.toml (monitoring = false)",
          b.skipReason().orElseThrow()));

      hello.putDistGitFile("monitoring.toml", "monitoring = true\nstable_only = true  # newest stable\n", "Monitor",
          work.resolve("m2"));
      Plan on = wf.planPullFromUpstream(request);
      assertEquals(2, on.branches().size());
      on.branches().forEach(b -> assertTrue(b.skipReason().isEmpty(), b.toString()));

      hello.putDistGitFile("monitoring.toml", "monitoring = yes\n", "Broken", work.resolve("m3"));
      var bad = org.junit.jupiter.api.Assertions.assertThrows(dev.packit.core.InvalidInputException.class,
          () -> wf.planPullFromUpstream(request));
      assertTrue(bad.getMessage().contains("rpms/hello/monitoring.toml@rawhide:1:") && bad.getMessage().contains("true or false"),
          bad.getMessage());
    }
  }
}
