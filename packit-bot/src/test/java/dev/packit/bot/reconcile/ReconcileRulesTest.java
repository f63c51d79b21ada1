package dev.packit.bot.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.config.TagFilter;
import dev.packit.fedora.koji.KojiBuildState;
import dev.packit.forge.RepoId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reconciliation rules as pure functions: what is missing, and what is left alone. */
class ReconcileRulesTest {
  static final String YAML = "upstream_package_name: hello\n"
      + "downstream_package_name: hello\n"
      + "upstream_tag_template: v{version}\n"
      + "jobs:\n"
      + "  - job: propose_downstream\n"
      + "    trigger: release\n"
      + "    dist_git_branches: [rawhide, f43]\n"
      + "  - job: koji_build\n"
      + "    trigger: commit\n"
      + "    dist_git_branches: [rawhide, f43]\n"
      + "  - job: bodhi_update\n"
      + "    trigger: commit\n"
      + "    dist_git_branches: [f43]\n";
  static final UpstreamRelease V110 = new UpstreamRelease("v1.1.0", "1.1.0");
  static final SpecCommit BOT_PR = new SpecCommit("0123456789abcdef", "packit@example.org", Optional.of("packit"));

  static RoadConfig road(String yaml) {
    PackitConfig config = PackitConfigLoader.defaults().load(yaml, "acme/hello/.packit.yaml");
    return RoadConfig.of(new WatchedPackage("hello", RepoId.of("acme/hello"), config), DistroAliases.from(List.of()), "packit");
  }

  static BranchState branch(String name, String version, Optional<SpecCommit> commit, Optional<KojiBuildState> build,
      Optional<String> update, BotPullRequest... prs) {
    String dist = name.equals("rawhide") ? ".fc44" : "." + name.replace("f", "fc");
    return new BranchState(name, "head-" + name, Optional.of(version), Optional.of("hello-" + version + "-1" + dist), commit,
        List.of(prs), build, build.isPresent() ? "packit" : "", update);
  }

  @Test
  void theLatestReleaseIsTheHighestVersionAmongTheTagsTheConfigAccepts() {
    assertEquals(Optional.of(new UpstreamRelease("v1.10.0", "1.10.0")),
        ReconcileRules.latestRelease(List.of("v1.9.0", "v1.10.0", "v1.2.0"), "v{version}", TagFilter.NONE));
    // not the template's shape, or not a valid version: not a release propose_downstream would take
    assertEquals(Optional.of(V110), ReconcileRules.latestRelease(List.of("v1.1.0", "nightly", "v%{evil}"), "v{version}",
        TagFilter.NONE));
    TagFilter noRc = TagFilter.of(CommonConfig.builder().set("upstream_tag_exclude", ".*-rc").build());
    assertEquals(Optional.of(V110), ReconcileRules.latestRelease(List.of("v1.1.0", "v1.2.0-rc"), "v{version}", noRc));
    assertEquals(Optional.empty(), ReconcileRules.latestRelease(List.of("nightly"), "v{version}", TagFilter.NONE));
  }

  @Test
  void roadConfigResolvesBranchesPerJobAndTheWorkflowsDefaults() {
    RoadConfig r = road(YAML);
    assertEquals(List.of("rawhide", "f43"), r.propose());
    assertEquals(List.of("rawhide", "f43"), r.kojiBuild());
    assertEquals(List.of("f43"), r.bodhiUpdate());
    assertEquals(List.of("packit"), r.allowedPrAuthors());
    assertEquals(List.of(), r.allowedCommitters());
    assertEquals("v{version}", r.tagTemplate());
  }

  @Test
  void roadConfigResolvesAliasesWithTheReleaseList() {
    DistroAliases aliases = DistroAliases.from(List.of(
        new FedoraRelease("F44", "Fedora 44", "44", "FEDORA", "pending", "rawhide", "fc44", "f44-updates-candidate"),
        new FedoraRelease("F43", "Fedora 43", "43", "FEDORA", "current", "f43", "fc43", "f43-updates-candidate"),
        new FedoraRelease("F42", "Fedora 42", "42", "FEDORA", "current", "f42", "fc42", "f42-updates-candidate")));
    PackitConfig config = PackitConfigLoader.defaults().load("downstream_package_name: hello\njobs:\n  - job: koji_build\n    trigger: commit\n"
        + "    dist_git_branches: [fedora-all]\n  - job: bodhi_update\n    trigger: commit\n", "acme/hello/.packit.yaml");
    RoadConfig r = RoadConfig.of(new WatchedPackage("hello", RepoId.of("acme/hello"), config), aliases, "packit");
    assertTrue(r.kojiBuild().containsAll(List.of("rawhide", "f43", "f42")), r.kojiBuild().toString());
    // bodhi_update without branches: fedora-stable, as the dispatcher has it
    assertEquals(List.of("f42", "f43"), r.bodhiUpdate().stream().sorted().toList());
    assertEquals(List.of(), r.propose());
  }

  @Test
  void proposeDownstreamIsMissingWhenTheBranchIsBehindAndNoBotPullRequestNamesTheRelease() {
    BranchState behind = branch("f43", "1.0.0", Optional.empty(), Optional.empty(), Optional.empty());
    Verdict v = ReconcileRules.proposeDownstream(behind, Optional.of(V110));
    assertEquals(ReconcileKind.PROPOSE_DOWNSTREAM, v.kind());
    assertEquals("v1.1.0", v.target());

    BranchState withPr = branch("f43", "1.0.0", Optional.empty(), Optional.empty(), Optional.empty(),
        new BotPullRequest(7, "Update f43 to upstream release 1.1.0", "f43-update-propose_downstream"));
    assertEquals("pull request #7 proposes 1.1.0, waiting for review",
        ReconcileRules.proposeDownstream(withPr, Optional.of(V110)).reason());
    // an open pull request for an older release does not count: the job updates it
    BranchState olderPr = branch("f43", "1.0.0", Optional.empty(), Optional.empty(), Optional.empty(),
        new BotPullRequest(6, "Update f43 to upstream release 1.1", "f43-update-propose_downstream"));
    assertEquals(ReconcileKind.PROPOSE_DOWNSTREAM, ReconcileRules.proposeDownstream(olderPr, Optional.of(V110)).kind());

    assertFalse(ReconcileRules.proposeDownstream(branch("f43", "1.1.0", Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.of(V110)).missing());
    Verdict ahead = ReconcileRules.proposeDownstream(branch("f43", "1.2.0", Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.of(V110));
    assertEquals("f43 has 1.2.0, newer than upstream's 1.1.0", ahead.reason());
    assertFalse(ReconcileRules.proposeDownstream(behind, Optional.empty()).missing());
  }

  @Test
  void kojiBuildIsMissingOnlyForAnAllowedSpecChangeWithoutABuildOfTheHeadsNvr() {
    RoadConfig r = road(YAML);
    Verdict v = ReconcileRules.kojiBuild(r, branch("f43", "1.1.0", Optional.of(BOT_PR), Optional.empty(), Optional.empty()));
    assertEquals(ReconcileKind.KOJI_BUILD, v.kind());
    assertEquals("hello-1.1.0-1.fc43", v.target());
    assertEquals("spec change 0123456 merged on f43, Koji has no build of hello-1.1.0-1.fc43", v.reason());

    for (KojiBuildState s : List.of(KojiBuildState.BUILDING, KojiBuildState.COMPLETE, KojiBuildState.FAILED,
        KojiBuildState.CANCELED)) {
      assertFalse(ReconcileRules.kojiBuild(r, branch("f43", "1.1.0", Optional.of(BOT_PR), Optional.of(s), Optional.empty()))
          .missing(), s.name());
    }
    assertTrue(ReconcileRules.kojiBuild(r, branch("f43", "1.1.0", Optional.of(BOT_PR), Optional.of(KojiBuildState.FAILED),
        Optional.empty())).reason().contains("does not retry"));

    // a stranger's pull request, or a direct push by someone not in allowed_committers: as the event path, no build
    SpecCommit mallory = new SpecCommit("fedcba9876543210", "mallory@example.org", Optional.of("mallory"));
    assertEquals("spec change fedcba9 came with a pull request by 'mallory', who is not in allowed_pr_authors: "
        + "no build of hello-1.1.0-1.fc43, as on the event path",
        ReconcileRules.kojiBuild(r, branch("f43", "1.1.0", Optional.of(mallory), Optional.empty(), Optional.empty())).reason());
    SpecCommit jane = new SpecCommit("fedcba9876543210", "jane@fedoraproject.org", Optional.empty());
    assertFalse(ReconcileRules.kojiBuild(r, branch("f43", "1.1.0", Optional.of(jane), Optional.empty(), Optional.empty())).missing());
    RoadConfig janeAllowed = road(YAML.replace("upstream_tag_template", "allowed_committers: [jane]\nupstream_tag_template"));
    assertEquals(ReconcileKind.KOJI_BUILD,
        ReconcileRules.kojiBuild(janeAllowed, branch("f43", "1.1.0", Optional.of(jane), Optional.empty(), Optional.empty())).kind());
    SpecCommit janeElsewhere = new SpecCommit("fedcba9876543210", "jane@evil.example", Optional.empty());
    assertFalse(ReconcileRules.kojiBuild(janeAllowed,
        branch("f43", "1.1.0", Optional.of(janeElsewhere), Optional.empty(), Optional.empty())).missing());
    // no spec-changing commit seen: nothing to build
    assertFalse(ReconcileRules.kojiBuild(r, branch("f43", "1.1.0", Optional.empty(), Optional.empty(), Optional.empty())).missing());
  }

  @Test
  void bodhiUpdateIsMissingForACompleteBuildOfAnAllowedBuilderInNoUpdate() {
    RoadConfig r = road(YAML);
    Verdict v = ReconcileRules.bodhiUpdate(r, branch("f43", "1.1.0", Optional.of(BOT_PR), Optional.of(KojiBuildState.COMPLETE),
        Optional.empty()));
    assertEquals(ReconcileKind.BODHI_UPDATE, v.kind());
    assertEquals("hello-1.1.0-1.fc43", v.target());
    assertFalse(ReconcileRules.bodhiUpdate(r, branch("f43", "1.1.0", Optional.of(BOT_PR), Optional.of(KojiBuildState.COMPLETE),
        Optional.of("FEDORA-2026-0123456789"))).missing());
    assertFalse(ReconcileRules.bodhiUpdate(r, branch("f43", "1.1.0", Optional.of(BOT_PR), Optional.of(KojiBuildState.BUILDING),
        Optional.empty())).missing());
    BranchState byMallory = new BranchState("f43", "h", Optional.of("1.1.0"), Optional.of("hello-1.1.0-1.fc43"),
        Optional.empty(), List.of(), Optional.of(KojiBuildState.COMPLETE), "mallory", Optional.empty());
    assertEquals("hello-1.1.0-1.fc43 was built by 'mallory', who is not in allowed_builders",
        ReconcileRules.bodhiUpdate(r, byMallory).reason());
  }

  @Test
  void decideFollowsTheConfigPerBranchAndLeavesWhatTheEventPathHasQueued() {
    RoadConfig r = road(YAML);
    // rawhide: built, no bodhi_update configured; f43: merged, not built
    PackageState s = new PackageState("hello", Optional.of(V110), List.of(
        branch("rawhide", "1.1.0", Optional.of(BOT_PR), Optional.of(KojiBuildState.COMPLETE), Optional.empty()),
        branch("f43", "1.1.0", Optional.of(BOT_PR), Optional.empty(), Optional.empty())));
    List<Verdict> v = ReconcileRules.decide(r, s, List.of());
    assertEquals(2, v.size(), v.toString());
    assertEquals(ReconcileKind.NONE, v.get(0).kind());
    assertEquals("at upstream release 1.1.0; hello-1.1.0-1.fc44 is complete in Koji", v.get(0).reason());
    assertEquals(ReconcileKind.KOJI_BUILD, v.get(1).kind());

    List<Verdict> busy = ReconcileRules.decide(r, s, List.of(new ReconcileRules.Busy(ReconcileKind.KOJI_BUILD, "f43", "job-9")));
    assertEquals(ReconcileKind.NONE, busy.get(1).kind());
    assertTrue(busy.get(1).reason().contains("koji_build job job-9 is queued or running"), busy.get(1).reason());
    // a busy job of another kind or branch does not hide it
    assertEquals(ReconcileKind.KOJI_BUILD, ReconcileRules.decide(r, s,
        List.of(new ReconcileRules.Busy(ReconcileKind.KOJI_BUILD, "rawhide", "j"),
            new ReconcileRules.Busy(ReconcileKind.BODHI_UPDATE, "f43", "k"))).get(1).kind());

    // behind the release and not built: both are missing, in road order
    PackageState behind = new PackageState("hello", Optional.of(V110), List.of(
        branch("f43", "1.0.0", Optional.of(BOT_PR), Optional.empty(), Optional.empty())));
    assertEquals(List.of(ReconcileKind.PROPOSE_DOWNSTREAM, ReconcileKind.KOJI_BUILD),
        ReconcileRules.decide(r, behind, List.of()).stream().map(Verdict::kind).toList());
  }

  @Test
  void theJobIdNamesTheMissingItem() {
    Verdict v = new Verdict("f43", ReconcileKind.KOJI_BUILD, "hello-1.1.0-1.fc43", "x");
    assertEquals("reconcile:koji_build:hello:f43:hello-1.1.0-1.fc43", ReconcileRules.jobId("hello", v));
  }

  @Test
  void aPullRequestTitleProposesAVersionOnlyAsAWholeWord() {
    BotPullRequest pr = new BotPullRequest(1, "Update f43 to upstream release 1.2.1", "b");
    assertTrue(pr.proposes("1.2.1"));
    assertFalse(pr.proposes("1.2"));
    assertFalse(pr.proposes("2.1"));
    assertTrue(new BotPullRequest(1, "Update to 1.2.", "b").proposes("1.2"));
  }
}
