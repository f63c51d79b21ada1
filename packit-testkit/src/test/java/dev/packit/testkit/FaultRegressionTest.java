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
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpTransport;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bugs the fault-injection run found, each pinned down on its own. */
@Tag("integration")
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
          assertEquals(repo.plumbing().resolve("refs/remotes/origin/rawhide"), repo.plumbing().resolve("refs/remotes/origin/f43"));
        }
      }
      assertTrue(faults.injected() > 0, faults.summary());
    }
  }

  /**
   * CI found two identical pull requests: Pagure acted on the create only after the client had
   * timed out (a slow fault before the service acted), the one lookup came too early, and the
   * client created it again. Lookups now go on for the settle time after a timeout.
   */
  @Test
  void aPullRequestCreatedAfterTheClientTimedOutIsFoundNotMadeTwice(@TempDir Path work) throws Exception {
    assertEquals(1, pullRequestsAfterALateCreate(work.resolve("settled"), Duration.ofSeconds(10)).size(),
        "with settling: one pull request");
    assertEquals(2, pullRequestsAfterALateCreate(work.resolve("unsettled"), Duration.ZERO).size(),
        "without settling the late create makes a second one (the bug this test pins down)");
  }

  private static List<PullRequest> pullRequestsAfterALateCreate(Path work, Duration settle) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.createBareRepository("rpms/hello");
      try (LocalRepository seed = LocalRepository.init(Files.createDirectories(work), "rawhide", Clock.systemUTC())) {
        Files.writeString(seed.directory().resolve("hello.spec"), "Name: hello\nVersion: 1.0\n");
        seed.addAll();
        seed.commit("Initial import", GitIdentity.of("Packager", "packager@example.org"));
        seed.push(PushRequest.builder(sandbox.gitUri("rpms/hello").toString()).refSpec("refs/heads/rawhide:refs/heads/rawhide")
            .refSpec("refs/heads/rawhide:refs/heads/update").build());
      }
      AtomicInteger creates = new AtomicInteger();
      sandbox.onRequest(r -> {
        // The first create waits before Pagure sees it, longer than the client's timeout.
        if (r.status() == 0 && r.method().equals("POST") && r.path().endsWith("/pull-request/new")
            && creates.getAndIncrement() == 0) {
          try {
            Thread.sleep(1_500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      HttpTransport jdk = HttpTransport.jdk();
      HttpTransport oneSecond = q -> jdk.send(new HttpRequest(q.method(), q.uri(), q.headers(), q.body(), q.idempotent(),
          Optional.of(Duration.ofSeconds(1)), q.followRedirects()));
      PagureForge pagure = Pagure.builder().instance(sandbox.pagure().instanceUri()).transport(oneSecond)
          .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 100))).createSettle(settle)
          .credentials(ForgeCredentials.token(sandbox.pagure().token("packit"))).build();
      RepoId hello = RepoId.of("rpms/hello");
      PullRequest pr = pagure.createPullRequest(hello, PullRequestSpec.builder().title("Update to 1.1")
          .source(hello, "update").targetBranch("rawhide").build());
      Thread.sleep(1_000); // let a late create land before counting
      List<PullRequest> all = pagure.pullRequests(hello, dev.packit.forge.PrState.ALL).toList();
      assertTrue(all.stream().anyMatch(p -> p.number() == pr.number()));
      return all;
    }
  }
}
