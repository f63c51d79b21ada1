package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.forgejo.ForgejoForge;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fork ids come from the forge (a GitHub-style dist-git keeps the bot's fork at {@code packit/hello},
 * not Pagure's {@code forks/packit/rpms/hello}), also for the pull requests of
 * {@code fast_forward_merge_into}; and the pull request says what happens after merge, warning when a
 * stable branch's own config has other koji_build/bodhi_update jobs than rawhide's (packit#2729).
 */
@org.junit.jupiter.api.Tag("integration")
class AfterMergeAndForkIdSandboxTest {
  private static final RepoId HELLO = RepoId.of("rpms/hello");
  private static final String JOBS = "  - job: koji_build\n"
      + "    trigger: commit\n"
      + "    dist_git_branches: [rawhide, f43]\n"
      + "  - job: bodhi_update\n"
      + "    trigger: commit\n"
      + "    dist_git_branches: [f43]\n";

  private static PackitConfig config(String branches) {
    return PackitConfigLoader.defaults().load("upstream_package_name: hello\n"
        + "downstream_package_name: hello\n"
        + "upstream_tag_template: v{version}\n"
        + "jobs:\n"
        + "  - job: propose_downstream\n"
        + "    trigger: release\n"
        + "    dist_git_branches:\n" + branches
        + JOBS, "upstream/hello/.packit.yaml");
  }

  /** Commits a file to a dist-git branch as a maintainer. */
  private static void put(FedoraSandbox sandbox, String branch, String name, String text, Path dir) throws IOException {
    try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/hello"), dir).branch(branch).build())) {
      Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
      r.addAll();
      r.commit("Add " + name, GitIdentity.of("Jane Maintainer", "jane@example.org"));
      r.push(PushRequest.builder("origin").refSpec("refs/heads/" + branch + ":refs/heads/" + branch).build());
    }
  }

  @Test
  void onAGitHubStyleDistGitEveryPullRequestComesFromTheForgesForkAndSaysWhatHappensAfterMerge(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0").distGitOn(ForgeKind.FORGEJO);
      sandbox.distGit().maintainer("rpms/hello", "jane");
      try (ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build()) {
        ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(
            config("      rawhide:\n        fast_forward_merge_into: [f43]\n"), RepoId.of(SandboxScenario.UPSTREAM), hello.tag())
            .branches(List.of("rawhide")).build();
        Plan plan = wf.planProposeDownstream(request);
        String after = "After merge: Koji build for rawhide; Koji build for f43; Bodhi update for f43";
        PlannedStep.PullRequest pr = plan.branch("rawhide").orElseThrow().steps(PlannedStep.PullRequest.class).get(0);
        assertTrue(pr.body().contains("\n" + after + "\n"), pr.body());

        RunResult result = wf.apply(plan);
        assertEquals(BranchOutcome.DONE, result.branch("rawhide").orElseThrow().outcome(), result.toString());
        ForgejoForge jane = Forgejo.builder().instance(sandbox.distGit().instanceUri())
            .credentials(ForgeCredentials.token(sandbox.distGit().token("jane"))).build();
        List<PullRequest> open = jane.pullRequests(HELLO, PrState.OPEN).toList();
        assertEquals(List.of("f43", "rawhide"), open.stream().map(PullRequest::targetBranch).sorted().toList(), open.toString());
        for (PullRequest p : open) {
          // the fork in the user's namespace, as Forgejo returned it; not forks/packit/rpms/hello
          assertEquals(RepoId.of("packit/hello"), p.source(), p.toString());
          assertEquals("rawhide-update-propose_downstream", p.sourceBranch(), p.toString());
          assertTrue(p.body().contains(after), p.body());
        }
      }
    }
  }

  @Test
  void aStableBranchWhoseConfigDiffersFromRawhidesIsWarnedAboutInThePlanAndThePullRequest(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      String rawhideYaml = "downstream_package_name: hello\njobs:\n" + JOBS;
      put(sandbox, "rawhide", ".packit.yaml", rawhideYaml, work.resolve("c1"));
      // f43's own config drops the bodhi_update job: Packit would not notice, it reads rawhide's
      put(sandbox, "f43", ".packit.yaml", "downstream_package_name: hello\njobs:\n"
          + "  - job: koji_build\n    trigger: commit\n    dist_git_branches: [rawhide, f43]\n", work.resolve("c2"));
      put(sandbox, "f42", ".packit.yaml", rawhideYaml, work.resolve("c3"));
      try (ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build()) {
        ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(config("      - rawhide\n      - f43\n      - f42\n"),
            RepoId.of(SandboxScenario.UPSTREAM), hello.tag()).branches(List.of("rawhide", "f43", "f42")).build();
        Plan plan = wf.planProposeDownstream(request);
        String warning = "the bodhi_update jobs in the .packit.yaml of f43 differ from rawhide's; Packit reads them from rawhide"
            + " only, so f43's are ignored";
        BranchPlan f43 = plan.branch("f43").orElseThrow();
        assertEquals(List.of(warning), f43.warnings(), plan.render());
        String body = f43.steps(PlannedStep.PullRequest.class).get(0).body();
        assertTrue(body.contains("\nAfter merge: Koji build for f43; Bodhi update for f43\n"), body);
        assertTrue(body.contains("**Warning:** " + warning), body);
        assertEquals(List.of(), plan.branch("rawhide").orElseThrow().warnings(), "rawhide's config is the one Packit reads");
        assertEquals(List.of(), plan.branch("f42").orElseThrow().warnings(), "f42 has rawhide's jobs");
        String f42Body = plan.branch("f42").orElseThrow().steps(PlannedStep.PullRequest.class).get(0).body();
        assertTrue(f42Body.contains("\nAfter merge: nothing is built or released automatically (no koji_build or bodhi_update job"
            + " for f42)\n"), f42Body);
        assertTrue(plan.render().contains("! warning: " + warning), plan.render());
        assertEquals(BranchOutcome.DONE, wf.apply(plan).branch("f43").orElseThrow().outcome());
      }
    }
  }
}
