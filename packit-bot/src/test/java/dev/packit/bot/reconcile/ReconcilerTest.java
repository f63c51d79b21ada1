package dev.packit.bot.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.bot.history.InMemoryJobHistory;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.bot.history.ReconcileDecision;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.koji.KojiBuildState;
import dev.packit.forge.RepoId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The reconciler's acting: enqueue once, record decisions without repeating itself, go on after failures. */
class ReconcilerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
  static final WatchedPackage HELLO = watched("hello");

  static WatchedPackage watched(String name) {
    return new WatchedPackage(name, RepoId.of("acme/" + name), PackitConfigLoader.defaults()
        .load(ReconcileRulesTest.YAML.replace("hello", name), "acme/" + name + "/.packit.yaml"));
  }

  /** rawhide at the release and built; f43 merged and not built. */
  static PackageState unbuiltF43(String pkg) {
    return new PackageState(pkg, Optional.of(ReconcileRulesTest.V110), List.of(
        ReconcileRulesTest.branch("rawhide", "1.1.0", Optional.of(ReconcileRulesTest.BOT_PR), Optional.of(KojiBuildState.COMPLETE),
            Optional.empty()),
        ReconcileRulesTest.branch("f43", "1.1.0", Optional.of(ReconcileRulesTest.BOT_PR), Optional.empty(), Optional.empty())));
  }

  @Test
  void aMissingBuildIsEnqueuedOnceAndAnUnchangedNoneIsRecordedOnce() {
    InMemoryJobHistory history = new InMemoryJobHistory();
    List<ReconcileAction> queue = new ArrayList<>();
    Reconciler r = Reconciler.builder().observer((w, road) -> unbuiltF43(w.packageName())).sink(queue::add)
        .history(history).clock(CLOCK).watch(HELLO).build();

    ReconcileReport first = r.runOnce();
    assertEquals(1, queue.size());
    ReconcileAction a = queue.get(0);
    assertEquals(ReconcileKind.KOJI_BUILD, a.kind());
    assertEquals("reconcile:koji_build:hello:f43:hello-1.1.0-1.fc43", a.jobId());
    JobRecord queued = history.find(a.jobId()).orElseThrow();
    // the typed request: a build of the branch head on request, its JSON kept for a rerun
    JobRequest.KojiBuildOnRequest request = (JobRequest.KojiBuildOnRequest) JobRequest.fromJson(queued.request());
    assertEquals(a.request(), request);
    assertEquals(List.of("f43"), request.branches());
    assertEquals("reconciliation", request.requestedBy());
    assertEquals(JobState.QUEUED, queued.state());
    assertEquals(List.of("f43"), queued.branches());
    assertEquals("koji_build", queued.kind());
    assertEquals(2, first.recorded().size());
    assertEquals(a.jobId(), history.decisions("hello", 10).stream().filter(d -> d.branch().equals("f43")).findFirst()
        .orElseThrow().jobId());

    // Still queued: not again; the branch's decision says why (once).
    ReconcileReport second = r.runOnce();
    assertEquals(1, queue.size());
    assertEquals(1, second.recorded().size(), second.recorded().toString());
    assertEquals("at upstream release 1.1.0; no complete build of hello-1.1.0-1.fc43 to update yet; koji_build job "
        + a.jobId() + " is queued or running", second.recorded().get(0).reason());
    ReconcileReport third = r.runOnce();
    assertEquals(List.of(), third.recorded());
    assertEquals(1, queue.size());
    assertEquals(3, history.decisions("hello", 100).size());

    // The job ended and the build is still not there: not retried, the decision says so.
    history.finished(a.jobId(), CLOCK.instant(), JobState.FAILED, "Koji refused the build", true, List.of());
    ReconcileReport fourth = r.runOnce();
    assertEquals(1, queue.size());
    assertEquals("koji_build is still missing after job " + a.jobId() + " ended failed (Koji refused the build); "
        + "reconciliation does not retry it", fourth.recorded().get(0).reason());
    assertEquals("none", fourth.recorded().get(0).kind());
  }

  @Test
  void everyActionIsATypedRequestThatRoundTripsThroughJson() {
    ReconcileAction propose = new ReconcileAction("reconcile:propose_downstream:hello:f43:v1.1.0", ReconcileKind.PROPOSE_DOWNSTREAM,
        HELLO, "f43", "v1.1.0", "behind");
    JobRequest.ProposeDownstream p = (JobRequest.ProposeDownstream) propose.request();
    assertEquals("v1.1.0", p.tag());
    assertEquals("acme/hello", p.upstreamRepository());
    assertEquals("github", p.upstreamForge());
    assertEquals("hello", p.packageName());
    assertEquals(List.of("f43"), p.branches());
    assertEquals(HELLO.config().jobViews().size(), p.config().load().jobViews().size());
    ReconcileAction update = new ReconcileAction("u", ReconcileKind.BODHI_UPDATE, HELLO, "f43", "hello-1.1.0-1.fc43", "built");
    JobRequest.BodhiUpdateOnRequest u = (JobRequest.BodhiUpdateOnRequest) update.request();
    assertEquals(List.of("hello-1.1.0-1.fc43"), u.builds());
    for (ReconcileAction a : List.of(propose, update,
        new ReconcileAction("k", ReconcileKind.KOJI_BUILD, HELLO, "rawhide", "hello-1.1.0-1.fc44", "merged"))) {
      assertEquals(a.request(), JobRequest.fromJson(a.request().toJson()), a.kind().name());
    }
    assertThrows(IllegalArgumentException.class, () -> new ReconcileAction("n", ReconcileKind.NONE, HELLO, "f43", "", ""));
  }

  @Test
  void theEventPathsQueuedJobIsNotDuplicated() {
    InMemoryJobHistory history = new InMemoryJobHistory();
    history.queued(JobRecord.queued("event-7", "koji_build", "hello", List.of("f43"), "push abc to rpms/hello f43",
        CLOCK.instant()));
    List<ReconcileAction> queue = new ArrayList<>();
    Reconciler.builder().observer((w, road) -> unbuiltF43(w.packageName())).sink(queue::add).history(history).clock(CLOCK)
        .watch(HELLO).build().runOnce();
    assertEquals(List.of(), queue);
    ReconcileDecision f43 = history.decisions("hello", 10).stream().filter(d -> d.branch().equals("f43")).findFirst().orElseThrow();
    assertTrue(f43.reason().endsWith("; koji_build job event-7 is queued or running"), f43.reason());
  }

  @Test
  void aRefusedJobIsOfferedAgainOnTheNextRun() {
    InMemoryJobHistory history = new InMemoryJobHistory();
    List<ReconcileAction> queue = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    Reconciler r = Reconciler.builder().observer((w, road) -> unbuiltF43(w.packageName())).history(history).clock(CLOCK)
        .sink(a -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("queue full");
          }
          queue.add(a);
        }).watch(HELLO).build();
    r.runOnce();
    String id = "reconcile:koji_build:hello:f43:hello-1.1.0-1.fc43";
    assertEquals(JobState.FAILED, history.find(id).orElseThrow().state());
    assertEquals("not enqueued: queue full", history.find(id).orElseThrow().detail());
    r.runOnce();
    assertEquals(1, queue.size());
    assertEquals(JobState.RETRYING, history.find(id).orElseThrow().state());
    r.runOnce();
    assertEquals(1, queue.size());
  }

  @Test
  void aFailingPackageIsLoggedAndRecordedAndTheOthersGoOn() {
    InMemoryJobHistory history = new InMemoryJobHistory();
    List<ReconcileAction> queue = new ArrayList<>();
    WatchedPackage broken = watched("broken");
    Reconciler r = Reconciler.builder().history(history).clock(CLOCK).sink(queue::add)
        .observer((w, road) -> {
          if (w.packageName().equals("broken")) {
            throw new IllegalStateException("dist-git answered 503 for rpms/broken");
          }
          return unbuiltF43(w.packageName());
        }).watch(broken, HELLO).build();
    ReconcileReport report = r.runOnce();
    assertEquals(List.of("hello"), queue.stream().map(ReconcileAction::packageName).toList());
    assertEquals("IllegalStateException: dist-git answered 503 for rpms/broken", report.failures().get("broken"));
    assertEquals("cannot reconcile: IllegalStateException: dist-git answered 503 for rpms/broken",
        history.decisions("broken", 1).get(0).reason());
    r.runOnce();
    assertEquals(1, history.decisions("broken", 10).size()); // the same failure is not recorded twice
  }

  @Test
  void theScheduleRunsOnTheInjectedSchedulerAndSurvivesAFailingRun() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      CountDownLatch runs = new CountDownLatch(2);
      AtomicReference<String> thread = new AtomicReference<>();
      Reconciler r = Reconciler.builder().history(new InMemoryJobHistory()).clock(CLOCK).sink(a -> { })
          .observer((w, road) -> {
            thread.set(Thread.currentThread().getName());
            runs.countDown();
            throw new IllegalStateException("down");
          }).watch(HELLO).scheduler(scheduler).build();
      r.start(Duration.ofSeconds(1));
      assertThrows(IllegalStateException.class, () -> r.start(Duration.ofSeconds(1)));
      assertTrue(runs.await(10, TimeUnit.SECONDS), "the second run came");
      assertTrue(thread.get().startsWith("pool-"), thread.get());
      r.close();
      assertTrue(!scheduler.isShutdown(), "an injected scheduler is the caller's");
    } finally {
      scheduler.shutdownNow();
    }
    assertThrows(IllegalArgumentException.class, () -> Reconciler.builder().history(new InMemoryJobHistory())
        .sink(a -> { }).observer((w, road) -> null).build().start(Duration.ofMillis(10)));
  }
}
