package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.LocalRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * propose_downstream stopped after each step in turn (as if the process died there), then run again
 * from scratch: exactly one pull request per branch, the archive uploaded once, one bot commit on
 * each fork branch.
 */
@Tag("integration")
class ProposeDownstreamResumeTest {

  /** The plan cut after {@code steps} steps on every branch: what a crash at that point leaves done. */
  private static Plan cut(Plan plan, int steps) {
    return new Plan(plan.job(), plan.packageName(), plan.version(), plan.cause(), plan.branches().stream()
        .map(b -> BranchPlan.of(b.branch(), b.steps().subList(0, Math.min(steps, b.steps().size()))))
        .toList());
  }

  private static void assertFinishedOnce(FedoraSandbox sandbox, Path work) {
    assertEquals(3, sandbox.pagure().pullRequests("rpms/hello").size());
    assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));
    for (String branch : SandboxScenario.BRANCHES) {
      Path dir = work.resolve("check-" + branch);
      try (LocalRepository fork = LocalRepository.cloneFrom(CloneRequest.builder(
          sandbox.gitUri("forks/packit/rpms/hello"), dir).branch(branch + "-update-propose_downstream").build())) {
        List<CommitInfo> log = fork.log("HEAD", "", 10);
        assertEquals(2, log.size(), "one import commit and one bot commit on " + branch + ": " + log);
        assertTrue(log.get(0).message().startsWith("Update to 1.1.0 upstream release"), log.get(0).message());
      }
    }
  }

  @ParameterizedTest(name = "stopped after step {0}")
  @ValueSource(ints = {1, 2, 3})
  void aRunStoppedAfterAnyStepFinishesWithoutDuplicates(int steps, @TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      wf.apply(cut(wf.planProposeDownstream(hello.releaseRequest()), steps));

      RunResult resumed = wf.apply(wf.planProposeDownstream(hello.releaseRequest()));
      resumed.branches().forEach(b -> assertEquals(BranchOutcome.DONE, b.outcome(), b.toString()));
      assertFinishedOnce(sandbox, work);
    }
  }

  @Test
  void aFailedUploadIsRetriedAndTheRerunChangesNothing(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.lookaside().failNextUpload(500, "Internal Server Error");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      wf.apply(wf.planProposeDownstream(hello.releaseRequest()));
      // The HTTP layer retries the failed upload (upload.cgi stores a file at most once), so the
      // branch may even finish in the first run; either way the fault was met.
      assertTrue(sandbox.lookaside().uploadAttempts() >= 2, "the injected 500 was met");

      RunResult second = wf.apply(wf.planProposeDownstream(hello.releaseRequest()));
      second.branches().forEach(b -> assertEquals(BranchOutcome.DONE, b.outcome(), b.toString()));
      assertFinishedOnce(sandbox, work);
    }
  }
}
