package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.JobTimeoutException;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "every job has an overall time limit": one stuck service stalled a lane of the bot.
 * A job with a short limit and a service that answers far too late fails with a typed error naming
 * the step, within the limit plus a little, leaves nothing half-written, and a later run finishes
 * the job without duplicates (the crash-resume guarantee).
 */
@Tag("integration")
class HostileJobTimeTest {
  private static final Duration LIMIT = Duration.ofSeconds(3);
  private static final Duration SLOW = Duration.ofSeconds(15);

  @Test
  void applyStopsAtTheLimitInTheSlowStepAndALaterRunFinishes(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow planner = hello.workflow(work).build();
      ReleaseWorkflow limited = hello.workflow(work).jobTimeout(LIMIT).build();
      Plan plan = planner.planProposeDownstream(hello.releaseRequest());

      // The lookaside answers 15 s late: the upload step (the first of every branch) is slow.
      sandbox.faults(FaultPlan.rate(1).kinds(FaultKind.SLOW).services("lookaside").slowDelay(SLOW).afterShare(0));
      long start = System.nanoTime();
      JobTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> assertThrows(JobTimeoutException.class, () -> limited.apply(plan)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(SLOW) < 0, "stopped at the limit, not when the slow answer came: " + took);
      assertEquals(LIMIT, e.limit());
      assertTrue(e.step().startsWith("upload on branch "), e.step());
      assertTrue(e.getMessage().startsWith("job time limit of 3 s passed during step: upload on branch "), e.getMessage());
      assertTrue(e.retryable());
      RunResult partial = e.result().orElseThrow();
      assertEquals(3, partial.branches().size());
      for (BranchResult r : partial.branches()) {
        assertEquals(BranchOutcome.FAILED, r.outcome(), r.toString());
        assertTrue(r.detail().startsWith("JobTimeoutException: job time limit of 3 s passed during step: upload on branch "),
            r.detail());
      }
      // Nothing was proposed, nothing half-uploaded.
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
      assertEquals(0, sandbox.lookaside().uploads());

      // The service recovers: running the job again finishes it, once.
      sandbox.faults(FaultPlan.none());
      RunResult again = planner.apply(planner.planProposeDownstream(hello.releaseRequest()));
      for (BranchResult r : again.branches()) {
        assertEquals(BranchOutcome.DONE, r.outcome(), r.toString());
      }
      assertEquals(3, sandbox.pagure().pullRequests("rpms/hello").size());
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));
    }
  }

  @Test
  void planningStopsAtTheLimitAndLeavesNoPartialArchive(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow limited = hello.workflow(work).jobTimeout(LIMIT).build();
      // The release archive download answers 15 s late.
      sandbox.faults(FaultPlan.rate(1).kinds(FaultKind.SLOW).services("downloads").slowDelay(SLOW).afterShare(0));

      long start = System.nanoTime();
      JobTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> assertThrows(JobTimeoutException.class, () -> limited.planProposeDownstream(hello.releaseRequest())));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(SLOW) < 0, took.toString());
      assertTrue(e.step().startsWith("planning branch "), e.step());
      assertTrue(e.result().isEmpty());
      Path archives = work.resolve("archives");
      if (Files.exists(archives)) {
        try (Stream<Path> files = Files.walk(archives)) {
          assertEquals(0, files.filter(Files::isRegularFile).count(), "no partial archive is left in the cache");
        }
      }
    }
  }
}
