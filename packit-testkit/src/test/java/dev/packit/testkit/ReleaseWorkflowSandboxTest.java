package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class ReleaseWorkflowSandboxTest {

  @Test
  void proposeDownstreamOpensOnePullRequestPerBranchAndIsIdempotent(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work).build();

      Plan plan = wf.planProposeDownstream(hello.releaseRequest());
      assertEquals(3, plan.branches().size(), plan.render());
      for (String branch : SandboxScenario.BRANCHES) {
        var bp = plan.branch(branch).orElseThrow();
        assertTrue(bp.skipReason().isEmpty(), plan.render());
        assertEquals(1, bp.steps(PlannedStep.Upload.class).size(), plan.render());
        PlannedStep.Commit commit = bp.steps(PlannedStep.Commit.class).get(0);
        assertEquals(branch + "-update-propose_downstream", commit.branch());
        String specDiff = commit.files().get(0).diff();
        assertTrue(specDiff.contains("-Version:        1.0.0"), specDiff);
        assertTrue(specDiff.contains("+Version:        1.1.0"), specDiff);
        assertTrue(specDiff.contains("- Greets in more languages"), specDiff);
      }
      // Planning changes nothing remote.
      assertEquals(0, sandbox.lookaside().uploads());
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());

      RunResult first = wf.apply(plan);
      for (BranchResult r : first.branches()) {
        assertEquals(BranchOutcome.DONE, r.outcome(), r.toString());
        assertTrue(r.pullRequestUrl().isPresent(), r.toString());
      }
      assertEquals(3, sandbox.pagure().pullRequests("rpms/hello").size());
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));

      // Run it all again: nothing new.
      RunResult second = wf.apply(wf.planProposeDownstream(hello.releaseRequest()));
      for (BranchResult r : second.branches()) {
        assertEquals(BranchOutcome.DONE, r.outcome(), r.toString());
        assertTrue(r.detail().contains("already"), r.detail());
      }
      assertEquals(3, sandbox.pagure().pullRequests("rpms/hello").size());
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));
    }
  }

  @Test
  void aBranchThatCannotBePlannedFailsWhileTheOthersFinish(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work).build();
      var request = dev.packit.fedora.workflow.ProposeDownstreamRequest
          .builder(hello.config(), dev.packit.forge.RepoId.of(SandboxScenario.UPSTREAM), hello.tag())
          .branches(java.util.List.of("rawhide", "f99")).build();

      RunResult result = wf.apply(wf.planProposeDownstream(request));
      BranchResult f99 = result.branches().stream().filter(b -> b.branch().equals("f99")).findFirst().orElseThrow();
      assertEquals(BranchOutcome.FAILED, f99.outcome(), "a bot retries failures, not skips: " + f99);
      assertTrue(f99.detail().startsWith(ReleaseWorkflow.CANNOT_PLAN), f99.detail());
      BranchResult rawhide = result.branches().stream().filter(b -> b.branch().equals("rawhide")).findFirst()
          .orElseThrow();
      assertEquals(BranchOutcome.DONE, rawhide.outcome(), rawhide.toString());
    }
  }
}
