package dev.packit.bot.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.InMemoryJobHistory;
import dev.packit.bot.history.JobQuery;
import dev.packit.bot.history.JobState;
import dev.packit.core.Secret;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.bodhi.BodhiReleases;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.pagure.PagureForge;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's done-when test on the sandbox: messages of the event path are lost, reconciliation
 * makes the builds and updates appear anyway, exactly once.
 */
@org.junit.jupiter.api.Tag("integration")
class ReconcileSandboxTest {
  private static final GitIdentity JANE = GitIdentity.of("Jane Maintainer", "jane@fedoraproject.org");

  /** A bot in miniature: the reconciler's queue, run through plan and apply, with history. */
  private static final class Bot {
    final FedoraSandbox sandbox;
    final SandboxScenario hello;
    final ReleaseWorkflow workflow;
    final InMemoryJobHistory history = new InMemoryJobHistory();
    final List<ReconcileAction> queue = new ArrayList<>();
    final Reconciler reconciler;

    Bot(SandboxScenario hello, WatchedPackage watched, Path work) {
      this.sandbox = hello.sandbox();
      this.hello = hello;
      this.workflow = hello.workflow(work.resolve("workflow")).build();
      ForgeObserver observer = ForgeObserver.builder()
          .upstream(hello.upstreamForge())
          .distGit(hello.distGitForge(), sandbox.baseUri().resolve("git/"))
          .gitCredentials(GitCredentials.token(SandboxScenario.BOT, Secret.of(sandbox.pagure().token(SandboxScenario.BOT))))
          .koji(hello.koji()).bodhi(hello.bodhi()).botUser(SandboxScenario.BOT)
          .workDir(work.resolve("reconcile")).build();
      BodhiReleases releases = BodhiReleases.builder(hello.bodhi()).build();
      this.reconciler = Reconciler.builder().observer(observer).sink(queue::add).history(history)
          .aliases(releases::aliases).botUser(SandboxScenario.BOT).watch(watched).build();
    }

    /** One reconciliation run, then every job it enqueued planned and applied, as the bot's runner would. */
    ReconcileReport reconcileAndRun() {
      ReconcileReport report = reconciler.runOnce();
      for (ReconcileAction a : List.copyOf(queue)) {
        history.started(a.jobId(), java.time.Instant.now(), "test-bot");
        RunResult result = workflow.apply(a.plan(workflow));
        List<BranchRecord> branches = result.branches().stream()
            .map(b -> new BranchRecord(b.branch(), b.outcome().name().toLowerCase(), b.detail(), Map.of())).toList();
        boolean done = result.branches().stream().allMatch(b -> b.outcome() == BranchOutcome.DONE);
        history.finished(a.jobId(), java.time.Instant.now(), done ? JobState.DONE : JobState.FAILED,
            done ? "" : result.branches().stream().map(BranchResult::detail).collect(Collectors.joining("; ")), false, branches);
      }
      queue.clear();
      return report;
    }

    List<String> buildNvrs() {
      return sandbox.koji().builds().stream().map(b -> (String) b.get("nvr")).sorted().toList();
    }
  }

  private static List<String> kinds(ReconcileReport r) {
    return r.enqueued().stream().map(a -> a.kind().yamlName() + " " + a.branch() + " " + a.target()).sorted().toList();
  }

  @Test
  void droppedPushAndBuildMessagesStillGiveEachBuildAndUpdateExactlyOnce(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.pagure().owner("rpms/hello", "jane");
      Bot bot = new Bot(hello, new WatchedPackage("hello", RepoId.of(SandboxScenario.UPSTREAM), hello.config()), work);

      // The event path proposes the release; the maintainer merges every pull request.
      bot.workflow.apply(bot.workflow.planProposeDownstream(hello.releaseRequest()));
      PagureForge jane = dev.packit.forge.pagure.Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      List<PullRequest> prs = jane.pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).toList();
      assertEquals(3, prs.size());
      prs.forEach(pr -> jane.mergePullRequest(RepoId.of("rpms/hello"), pr.number()));
      // The three push messages are published and never delivered: no bot reads sandbox.messages().
      assertEquals(3, typed(sandbox, DistGitPush.class).size());
      assertEquals(List.of(), bot.buildNvrs());

      ReconcileReport first = bot.reconcileAndRun();
      assertEquals(List.of("koji_build f42 hello-1.1.0-1.fc42", "koji_build f43 hello-1.1.0-1.fc43",
          "koji_build rawhide hello-1.1.0-1.fc44"), kinds(first), first.verdicts().toString());
      assertEquals(List.of("hello-1.1.0-1.fc42", "hello-1.1.0-1.fc43", "hello-1.1.0-1.fc44"), bot.buildNvrs());

      // Building: nothing to do until Koji finishes.
      assertEquals(List.of(), kinds(bot.reconcileAndRun()));

      // Koji completes them; the build-completed messages are dropped too.
      sandbox.koji().advance(Duration.ofHours(1));
      assertEquals(3, typed(sandbox, KojiBuildStateChange.class).stream().filter(c -> c.newState().name().equals("COMPLETE")).count());
      ReconcileReport third = bot.reconcileAndRun();
      // bodhi_update is configured for the stable branches only
      assertEquals(List.of("bodhi_update f42 hello-1.1.0-1.fc42", "bodhi_update f43 hello-1.1.0-1.fc43"), kinds(third));
      assertEquals(2, sandbox.bodhi().updates().size());

      // Exactly once: two more runs add no build, update or job. The first records that f43 and
      // f42 have their updates now; the second has nothing new to say.
      List<Integer> recorded = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        ReconcileReport again = bot.reconcileAndRun();
        assertEquals(List.of(), kinds(again), again.verdicts().toString());
        assertTrue(again.verdicts().stream().noneMatch(Verdict::missing));
        recorded.add(again.recorded().size());
        // what docs/reconciliation.md shows for the last round
        assertEquals("at upstream release 1.1.0; hello-1.1.0-1.fc44 is complete in Koji", again.verdicts().get(0).reason());
        assertTrue(again.verdicts().get(1).reason().matches("at upstream release 1\\.1\\.0; hello-1\\.1\\.0-1\\.fc43 is complete in Koji; "
            + "hello-1\\.1\\.0-1\\.fc43 is in update FEDORA-\\d{4}-[0-9a-f]{10}"), again.verdicts().get(1).reason());
      }
      assertEquals(List.of(2, 0), recorded);
      assertEquals(3, bot.buildNvrs().size());
      assertEquals(2, sandbox.bodhi().updates().size());
      assertEquals(5, bot.history.jobs(JobQuery.all()).size());
      assertTrue(bot.history.jobs(JobQuery.all()).stream().allMatch(j -> j.state() == JobState.DONE));
      assertTrue(bot.history.decisions("hello", 1).get(0).reason().matches(".*hello-1\\.1\\.0-1\\.fc4[23] is in update FEDORA-\\d{4}-[0-9a-f]{10}"),
          bot.history.decisions("hello", 1).toString());
    }
  }

  @Test
  void aLostReleaseWebhookIsProposedOnceAndTheOpenPullRequestsAreLeftToReview(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      Bot bot = new Bot(hello, new WatchedPackage("hello", RepoId.of(SandboxScenario.UPSTREAM), hello.config()), work);
      // The release webhook never arrived.
      ReconcileReport first = bot.reconcileAndRun();
      assertEquals(List.of("propose_downstream f42 v1.1.0", "propose_downstream f43 v1.1.0",
          "propose_downstream rawhide v1.1.0"), kinds(first), first.verdicts().toString());
      List<PullRequest> prs = hello.distGit().pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).toList();
      assertEquals(3, prs.size());
      ReconcileReport second = bot.reconcileAndRun();
      assertEquals(List.of(), kinds(second));
      assertTrue(second.verdicts().stream().allMatch(v -> v.reason().matches("pull request #\\d+ proposes 1\\.1\\.0, waiting for review.*")),
          second.verdicts().toString());
      assertEquals(3, hello.distGit().pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).count());
    }
  }

  @Test
  void aMultiCommitPushIsJudgedByTheBranchHeadsNvr(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.1.0", "1.1.0");
      String yaml = "allowed_committers: [jane]\n" + hello.packitYaml();
      WatchedPackage watched = new WatchedPackage("hello", RepoId.of(SandboxScenario.UPSTREAM),
          PackitConfigLoader.defaults().load(yaml, SandboxScenario.UPSTREAM + "/.packit.yaml"));
      Bot bot = new Bot(hello, watched, work);

      // Push 1, one spec commit; its message arrives and the event path builds the head.
      push(sandbox, hello, "f43", work.resolve("p1"), List.of(spec(hello, 2)));
      bot.workflow.apply(bot.workflow.planKojiBuild("hello", List.of("f43"), false));
      assertEquals(List.of("hello-1.1.0-2.fc43"), bot.buildNvrs());

      // Push 2, a spec commit and then a README commit; its message is lost (and its last commit
      // did not touch the spec, which is what packit-service#2537 looked at).
      push(sandbox, hello, "f43", work.resolve("p2"), List.of(spec(hello, 3), Map.entry("README", "notes\n")));

      ReconcileReport report = bot.reconcileAndRun();
      assertEquals(List.of("koji_build f43 hello-1.1.0-3.fc43"), kinds(report), report.verdicts().toString());
      assertEquals(List.of("hello-1.1.0-2.fc43", "hello-1.1.0-3.fc43"), bot.buildNvrs());
      assertEquals(List.of(), kinds(bot.reconcileAndRun()));
      assertEquals(2, bot.buildNvrs().size());
    }
  }

  @Test
  void nothingToDoEnqueuesNothingAndRecordsItOnce(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      // dist-git has the release; its spec came from the maintainer's import, which allowed_committers
      // does not name: the event path would not build it, so neither does reconciliation.
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.1.0", "1.1.0");
      Bot bot = new Bot(hello, new WatchedPackage("hello", RepoId.of(SandboxScenario.UPSTREAM), hello.config()), work);
      ReconcileReport first = bot.reconcileAndRun();
      assertEquals(List.of(), kinds(first));
      assertEquals(3, first.recorded().size());
      assertTrue(first.recorded().stream().allMatch(d -> d.kind().equals("none")), first.recorded().toString());
      assertTrue(first.recorded().get(0).reason().startsWith("at upstream release 1.1.0; spec change "), first.recorded().get(0).reason());
      assertTrue(gitRequests(sandbox) > 0, "the first run cloned dist-git to see who changed the spec");
      sandbox.resetRequestCounts();
      ReconcileReport second = bot.reconcileAndRun();
      assertEquals(List.of(), kinds(second));
      assertEquals(List.of(), second.recorded());
      // the heads did not move: who changed the spec is remembered, dist-git is not cloned again
      assertEquals(0L, gitRequests(sandbox), sandbox.requestCounts().toString());
      assertEquals(List.of(), bot.buildNvrs());
      assertEquals(0, sandbox.bodhi().updates().size());
    }
  }

  private static long gitRequests(FedoraSandbox sandbox) {
    return sandbox.requestCounts().entrySet().stream().filter(e -> e.getKey().startsWith("/git/"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private static Map.Entry<String, String> spec(SandboxScenario hello, int release) {
    return Map.entry("hello.spec", hello.spec("1.1.0").replace("Release:        1%{?dist}", "Release:        " + release + "%{?dist}"));
  }

  /** Pushes one commit per file change to a dist-git branch, as the maintainer, in one push. */
  private static void push(FedoraSandbox sandbox, SandboxScenario hello, String branch, Path dir,
      List<Map.Entry<String, String>> commits) throws Exception {
    try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/hello"), dir)
        .branch(branch).build())) {
      for (Map.Entry<String, String> c : commits) {
        Files.writeString(dir.resolve(c.getKey()), c.getValue(), StandardCharsets.UTF_8);
        r.addAll();
        r.commit("Change " + c.getKey(), JANE);
      }
      r.push(PushRequest.builder("origin").refSpec("refs/heads/" + branch + ":refs/heads/" + branch).build());
    }
  }

  private static <T> List<T> typed(FedoraSandbox sandbox, Class<T> type) {
    return sandbox.messages().published().stream().map(e -> FedoraMessages.typed(e, "sandbox"))
        .filter(type::isInstance).map(type::cast).toList();
  }
}
