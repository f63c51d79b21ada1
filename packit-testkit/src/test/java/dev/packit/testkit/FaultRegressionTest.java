package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.LocalRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bugs the fault-injection run found, each pinned down on its own. */
class FaultRegressionTest {

  /**
   * A logged-in KojiClient shared by threads sent callnums out of order (numbered first, sent
   * later), and the hub refused the late ones with SequenceError (1008) even without any fault.
   */
  @Test
  void aSharedKojiSessionKeepsItsCallnumsInOrder() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.koji();
      String token = Base64.getEncoder().encodeToString("packit@FEDORAPROJECT.ORG".getBytes(StandardCharsets.UTF_8));
      KojiClient koji = KojiClient.builder().hub(sandbox.baseUri().resolve("kojihub"))
          .login(KojiLogin.negotiate(() -> Secret.of(token))).build();
      koji.login();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          String nvr = "hello-1.0." + i + "-1.fc43";
          calls.add(pool.submit(() -> koji.getBuild(nvr)));
        }
        for (Future<?> f : calls) {
          f.get(60, TimeUnit.SECONDS); // a SequenceError would surface here
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(koji.loggedIn());
    }
  }

  /**
   * apply() called from the workflow executor's only thread used to queue its branches behind
   * itself and wait for them forever (200 jobs on one bounded pool for jobs and branches hit it).
   * Branches no pool thread has started now run in the caller's thread.
   */
  @Test
  void applyFromTheExecutorsOwnThreadDoesNotDeadlock(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ExecutorService one = Executors.newFixedThreadPool(1);
      try {
        dev.packit.fedora.workflow.ReleaseWorkflow wf = hello.workflow(work).executor(one).build();
        dev.packit.fedora.workflow.RunResult result = one.submit(() -> wf.apply(wf.planProposeDownstream(
            hello.releaseRequest()))).get(3, TimeUnit.MINUTES);
        assertEquals(3, result.branches().size());
        result.branches().forEach(b -> assertEquals(dev.packit.fedora.workflow.BranchOutcome.DONE, b.outcome(), b.toString()));
      } finally {
        one.shutdownNow();
      }
    }
  }

  /**
   * A read whose answer was lost after the hub ran it: the retransmission (same callnum) is refused
   * with RetryError (1009), as Koji does; the client asks again with a new callnum.
   */
  @Test
  void aKojiReadWhoseAnswerWasLostIsAskedAgain() {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.koji();
      String token = Base64.getEncoder().encodeToString("packit@FEDORAPROJECT.ORG".getBytes(StandardCharsets.UTF_8));
      KojiClient koji = KojiClient.builder().hub(sandbox.baseUri().resolve("kojihub")).sleeper(d -> { })
          .login(KojiLogin.negotiate(() -> Secret.of(token))).build();
      koji.login();
      SandboxFaults faults = sandbox.faults(FaultPlan.rate(0.3).seed(5).kinds(FaultKind.RESET).afterShare(1)
          .services("kojihub"));
      for (int i = 0; i < 20; i++) {
        assertTrue(koji.getBuild("hello-1.0." + i + "-1.fc43").isEmpty());
      }
      assertTrue(faults.injectedAfterAction() > 0, faults.summary());
    }
  }

  /**
   * Clone, fetch and push over the sandbox's git server while it resets connections and answers
   * 503: each is tried again (they are safe to repeat). Before, the first fault failed the job.
   * The seed fixes which requests fail; the kinds are ones a single attempt cannot survive.
   */
  @Test
  void gitOperationsSurviveTransientFaults(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      SandboxFaults faults = sandbox.faults(FaultPlan.rate(0.25).seed(11)
          .kinds(FaultKind.RESET, FaultKind.ERROR_503, FaultKind.TRUNCATED).services("git"));
      for (int i = 0; i < 6; i++) {
        try (LocalRepository repo = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/hello"),
            work.resolve("clone-" + i)).branch("f43").build())) {
          repo.fetch("origin", List.of("+refs/heads/*:refs/remotes/origin/*"), dev.packit.forge.git.GitCredentials.none());
          assertEquals(repo.resolve("refs/remotes/origin/rawhide"), repo.resolve("refs/remotes/origin/f43"));
        }
      }
      assertTrue(faults.injected() > 0, faults.summary());
    }
  }
}
