package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.forge.git.GitException;
import dev.packit.forge.git.GitTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failed branch says whether running the job again can help. */
class FailureTest {

  @Test
  void retryableComesFromTheExceptionAndTheKindFromItsType() {
    Failure down = Failure.of(PackitServiceException.builder().service("pagure").method("GET").url("https://x/api").status(503).build());
    assertEquals(Failure.Kind.SERVICE, down.kind());
    assertTrue(down.retryable(), "a 503 passes");
    Failure refused = Failure.of(PackitServiceException.builder().service("pagure").method("GET").url("https://x/api").status(400).build());
    assertFalse(refused.retryable(), "a 400 does not");
    Failure net = Failure.of(new PackitIoException("koji", "POST", "https://koji/hub", 3, new IOException("reset")));
    assertEquals(Failure.Kind.NETWORK, net.kind());
    assertTrue(net.retryable());
    Failure transport = Failure.of(new GitException("fetch", "connection refused", true, null));
    assertEquals(Failure.Kind.GIT, transport.kind());
    assertTrue(transport.retryable());
    Failure local = Failure.of(new GitException("commit", "bad object", false, null));
    assertFalse(local.retryable());
    Failure slow = Failure.of(new GitTimeoutException("fetch", "h", "r", Duration.ofSeconds(1), null));
    assertEquals(Failure.Kind.NETWORK, slow.kind());
    assertTrue(slow.retryable());
    Failure input = Failure.of(new PackitClientException("tag 'x' does not match"));
    assertEquals(Failure.Kind.INPUT, input.kind());
    assertFalse(input.retryable());
    assertEquals("PackitClientException: tag 'x' does not match", input.message());
    Failure timeout = Failure.of(new JobTimeoutException("committing", Duration.ofMinutes(1), null, null));
    assertEquals(Failure.Kind.TIMEOUT, timeout.kind());
    assertTrue(timeout.retryable(), "a rerun resumes what the timeout left");
    Failure bug = Failure.of(new IllegalStateException("no commit"));
    assertEquals(Failure.Kind.UNEXPECTED, bug.kind());
    assertFalse(bug.retryable());
  }

  @Test
  void branchResultsCarryTheFailureAndKeepTheirOldShape() {
    BranchResult failed = BranchResult.failed("f43", new Failure(Failure.Kind.NETWORK, true, "reset"));
    assertEquals(BranchOutcome.FAILED, failed.outcome());
    assertEquals("reset", failed.detail());
    assertTrue(failed.retryable());
    BranchResult done = new BranchResult("f43", BranchOutcome.DONE, "ok", "", "", "");
    assertEquals(Optional.empty(), done.failure());
    assertFalse(done.retryable());
    BranchResult untyped = new BranchResult("f43", BranchOutcome.FAILED, "boom", "", "", "");
    assertEquals(Failure.Kind.UNEXPECTED, untyped.failure().orElseThrow().kind());
    assertFalse(untyped.retryable());
    assertEquals(Optional.empty(), new BranchResult("f43", BranchOutcome.SKIPPED, "x", "", "", "",
        Optional.of(new Failure(Failure.Kind.NETWORK, true, "x"))).failure(), "only a failed branch has a failure");
    RunResult run = new RunResult(new Plan(dev.packit.core.config.JobType.KOJI_BUILD, "hello", "", "test", List.of()),
        List.of(failed, done, untyped));
    assertEquals(List.of(failed), run.retryableFailures());
    assertEquals(List.of(failed, untyped), run.failed());
  }

  @Test
  void skipKindsAreTypedAndOldTextsReadTheSame() {
    assertEquals(BranchPlan.SkipKind.PLANNING_FAILED, BranchPlan.unplannable("f43", "git down").skipKind());
    assertEquals("cannot plan: git down", BranchPlan.unplannable("f43", "git down").skip());
    assertEquals(BranchPlan.SkipKind.TAG_FILTERED, BranchPlan.tagFiltered("f43", "excluded").skipKind());
    assertEquals(BranchPlan.SkipKind.RULE, BranchPlan.skipped("f43", "downgrade").skipKind());
    assertEquals(BranchPlan.SkipKind.NONE, BranchPlan.of("f43", List.of(new PlannedStep.DirectPush("f43"))).skipKind());
    // a plan built from its old five components reads its kind from the documented prefixes
    assertTrue(new BranchPlan("f43", List.of(), "cannot plan: x", List.of(), List.of()).planningFailed());
    assertTrue(new BranchPlan("f43", List.of(), BranchPlan.TAG_FILTERED + "x", List.of(), List.of()).tagFilteredOut());
    // warnings and action reports keep the kind
    assertEquals(BranchPlan.SkipKind.UP_TO_DATE, BranchPlan.skipped("f43", BranchPlan.SkipKind.UP_TO_DATE, "already at version 1")
        .withActions(List.of("a")).withWarnings(List.of("w")).skipKind());
  }
}
