package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist_git_branches: {rawhide: {fast_forward_merge_into: [f43, f42]}}}: f43 gets rawhide's very
 * commit (through a PR of the same fork branch, or pushed with {@code create_pr: false}); f42, which
 * has a commit of its own, is refused with a reason.
 */
@Tag("integration")
class FastForwardMergeSandboxTest {

  private static PackitConfig config(boolean createPr) {
    return PackitConfigLoader.defaults().load("upstream_package_name: hello\n"
        + "downstream_package_name: hello\n"
        + "upstream_tag_template: v{version}\n"
        + "create_pr: " + createPr + "\n"
        + "jobs:\n"
        + "  - job: propose_downstream\n"
        + "    trigger: release\n"
        + "    dist_git_branches:\n"
        + "      rawhide:\n"
        + "        fast_forward_merge_into: [f43, f42]\n", "upstream/hello/.packit.yaml");
  }

  private static ProposeDownstreamRequest request(SandboxScenario hello, boolean createPr) {
    return ProposeDownstreamRequest.builder(config(createPr), RepoId.of(SandboxScenario.UPSTREAM), hello.tag())
        .branches(List.of("rawhide")).build();
  }

  /** A maintainer commits straight to f42, so it no longer is an ancestor of rawhide. */
  private static void divergeF42(FedoraSandbox sandbox, Path dir) throws IOException {
    try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/hello"), dir).branch("f42").build())) {
      Files.writeString(dir.resolve("README.f42"), "only on f42\n", StandardCharsets.UTF_8);
      r.addAll();
      r.commit("f42-only note", GitIdentity.of("Jane Maintainer", "jane@example.org"));
      r.push(PushRequest.builder("origin").refSpec("refs/heads/f42:refs/heads/f42").build());
    }
  }

  private static String head(FedoraSandbox sandbox, Path dir, String repo, String branch) {
    try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri(repo), dir).branch(branch).build())) {
      return r.head().orElseThrow();
    }
  }

  @Test
  void withPullRequestsTheSameForkCommitIsProposedIntoTheFastForwardBranch(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      divergeF42(sandbox, work.resolve("f42"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();

      Plan plan = wf.planProposeDownstream(request(hello, true));
      List<PlannedStep.FastForward> ff = plan.branch("rawhide").orElseThrow().steps(PlannedStep.FastForward.class);
      assertEquals(1, ff.size(), plan.render());
      assertEquals("f43", ff.get(0).branch());
      String f42 = plan.branch("f42").orElseThrow().skipReason().orElseThrow();
      assertTrue(f42.contains("f42 has diverged"), f42);

      RunResult result = wf.apply(plan);
      assertEquals(BranchOutcome.DONE, result.branch("rawhide").orElseThrow().outcome(), result.toString());
      assertEquals(BranchOutcome.SKIPPED, result.branch("f42").orElseThrow().outcome());
      List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/hello");
      assertEquals(2, prs.size(), prs.toString());
      assertEquals(List.of("rawhide-update-propose_downstream"), prs.stream().map(p -> p.path("branch_from").asText()).distinct().toList());
      assertEquals(List.of("f43", "rawhide"), prs.stream().map(p -> p.path("branch").asText()).sorted().toList());

      // Merging the f43 PR fast-forwards f43 to the very commit proposed for rawhide.
      sandbox.pagure().owner("rpms/hello", "jane");
      PagureForge jane = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      long f43Pr = prs.stream().filter(p -> p.path("branch").asText().equals("f43")).findFirst().orElseThrow().path("id").asLong();
      jane.mergePullRequest(RepoId.of("rpms/hello"), f43Pr);
      String forkHead = head(sandbox, work.resolve("fork"), "forks/packit/rpms/hello", "rawhide-update-propose_downstream");
      assertEquals(forkHead, head(sandbox, work.resolve("f43"), "rpms/hello", "f43"));

      // A rerun adds nothing.
      wf.apply(wf.planProposeDownstream(request(hello, true)));
      assertEquals(2, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  @Test
  void withoutPullRequestsTheFastForwardBranchIsPushedToTheSameCommit(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      divergeF42(sandbox, work.resolve("f42"));
      String f42Before = head(sandbox, work.resolve("f42-before"), "rpms/hello", "f42");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();

      RunResult result = wf.apply(wf.planProposeDownstream(request(hello, false)));
      assertEquals(BranchOutcome.DONE, result.branch("rawhide").orElseThrow().outcome(), result.toString());
      assertTrue(result.branch("rawhide").orElseThrow().detail().contains("fast-forwarded f43"), result.toString());
      String rawhide = head(sandbox, work.resolve("rawhide"), "rpms/hello", "rawhide");
      assertEquals(rawhide, head(sandbox, work.resolve("f43"), "rpms/hello", "f43"));
      assertEquals(f42Before, head(sandbox, work.resolve("f42-after"), "rpms/hello", "f42"));
      assertNotEquals(rawhide, f42Before);
      assertTrue(result.branch("f42").orElseThrow().detail().contains("diverged"), result.toString());
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  /**
   * A run killed after the direct push of rawhide but before f43 was fast-forwarded: the rerun
   * finds rawhide at the version already, and still fast-forwards f43 to it.
   */
  @Test
  void aRunKilledBeforeTheFastForwardPushIsFinishedByTheRerun(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      divergeF42(sandbox, work.resolve("f42"));
      String f43Before = head(sandbox, work.resolve("f43-before"), "rpms/hello", "f43");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();

      Plan plan = wf.planProposeDownstream(request(hello, false));
      BranchPlan rawhide = plan.branch("rawhide").orElseThrow();
      List<PlannedStep> upToThePush = rawhide.steps().stream().filter(st -> !(st instanceof PlannedStep.FastForward)).toList();
      assertEquals(rawhide.steps().size() - 1, upToThePush.size(), plan.render());
      List<BranchPlan> killed = plan.branches().stream()
          .map(b -> b.branch().equals("rawhide") ? BranchPlan.of("rawhide", upToThePush) : b).toList();
      wf.apply(new Plan(plan.job(), plan.packageName(), plan.version(), plan.cause(), killed));
      String rawhideHead = head(sandbox, work.resolve("rawhide"), "rpms/hello", "rawhide");
      assertEquals(f43Before, head(sandbox, work.resolve("f43-killed"), "rpms/hello", "f43"), "the kill left f43 behind");

      Plan rerun = wf.planProposeDownstream(request(hello, false));
      List<PlannedStep> steps = rerun.branch("rawhide").orElseThrow().steps();
      assertEquals(List.of(new PlannedStep.FastForward("f43", "rawhide", false, "", "")), steps, rerun.render());
      RunResult result = wf.apply(rerun);
      assertTrue(result.branch("rawhide").orElseThrow().detail().contains("fast-forwarded f43"), result.toString());
      assertEquals(rawhideHead, head(sandbox, work.resolve("f43-after"), "rpms/hello", "f43"));
      assertEquals(rawhideHead, head(sandbox, work.resolve("rawhide-after"), "rpms/hello", "rawhide"), "rawhide is untouched");

      // Everything is there now: the next run skips rawhide as before.
      String skip = wf.planProposeDownstream(request(hello, false)).branch("rawhide").orElseThrow().skipReason().orElse("");
      assertTrue(skip.startsWith("already at version 1.1.0"), skip);

      // A maintainer's later commit on rawhide is not carried into f43 by a rerun of the release.
      try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/hello"), work.resolve("later"))
          .branch("rawhide").build())) {
        Files.writeString(work.resolve("later/README.rawhide"), "rawhide only\n", StandardCharsets.UTF_8);
        r.addAll();
        r.commit("Rawhide-only note", GitIdentity.of("Jane Maintainer", "jane@example.org"));
        r.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
      }
      Plan later = wf.planProposeDownstream(request(hello, false));
      assertTrue(later.branch("rawhide").orElseThrow().skipReason().orElse("").startsWith("already at version"), later.render());
      wf.apply(later);
      assertEquals(rawhideHead, head(sandbox, work.resolve("f43-later"), "rpms/hello", "f43"));
    }
  }
}
