package dev.packit.bot.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobHistory} must do, run on each implementation: in memory, H2 and PostgreSQL
 * (the subclasses). A new implementation extends this class.
 */
abstract class JobHistoryContract {
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  JobHistory history;

  /** A new, empty history; called before each test. */
  abstract JobHistory create() throws Exception;

  @BeforeEach
  void open() throws Exception {
    history = create();
  }

  @AfterEach
  void closeHistory() {
    if (history != null) {
      history.close();
    }
  }

  static JobRecord full(String id) {
    return new JobRecord(id, "propose_downstream", "hello", List.of("rawhide", "f43", "f42"),
        "release 1.2.0 of github.com/acme/hello", JobState.QUEUED, T0, Optional.empty(), Optional.empty(), "", "",
        false, List.of(), "{\"kind\":\"propose_downstream\",\"version\":\"1.2.0\"}");
  }

  @Test
  void aJobRoundTripsWithEveryField() {
    assertTrue(history.queued(full("j1")));
    assertEquals(full("j1"), history.find("j1").orElseThrow());
    assertEquals(Optional.empty(), history.find("nope"));
  }

  @Test
  void theSameIdTwiceKeepsTheFirstRecord() {
    assertTrue(history.queued(full("j1")));
    assertFalse(history.queued(JobRecord.queued("j1", "koji_build", "other", List.of("f41"), "again", T0.plusSeconds(5))));
    JobRecord r = history.find("j1").orElseThrow();
    assertEquals("propose_downstream", r.kind());
    assertEquals("hello", r.packageName());
    assertEquals(List.of("rawhide", "f43", "f42"), r.branches());
    assertEquals(T0, r.queuedAt());
    assertEquals(1, history.jobs(JobQuery.all()).size());
  }

  @Test
  void theLifecycleIsKeptWithBranchResultsAndLinks() {
    history.queued(full("j1"));
    history.started("j1", T0.plusSeconds(1), "bot-a");
    JobRecord running = history.find("j1").orElseThrow();
    assertEquals(JobState.RUNNING, running.state());
    assertEquals(Optional.of(T0.plusSeconds(1)), running.startedAt());
    assertEquals("bot-a", running.botInstance());

    List<BranchRecord> results = List.of(
        new BranchRecord("rawhide", "done", "", Map.of(
            "pull request", URI.create("https://src.fedoraproject.org/rpms/hello/pull-request/7"),
            "koji build", URI.create("https://koji.fedoraproject.org/koji/taskinfo?taskID=123"))),
        new BranchRecord("f43", "failed", "koji: build failed (exit 1)", Map.of()),
        new BranchRecord("f42", "skipped", "already at 1.2.0", Map.of()));
    history.finished("j1", T0.plusSeconds(9), JobState.FAILED, "f43: koji build failed", true, results);
    JobRecord done = history.find("j1").orElseThrow();
    assertEquals(JobState.FAILED, done.state());
    assertEquals(Optional.of(T0.plusSeconds(9)), done.finishedAt());
    assertEquals(Optional.of(T0.plusSeconds(1)), done.startedAt());
    assertEquals("bot-a", done.botInstance());
    assertEquals("f43: koji build failed", done.detail());
    assertTrue(done.retryable());
    assertEquals(results, done.branchResults());
    assertEquals(full("j1").request(), done.request());
  }

  @Test
  void aRetryGoesBackWithoutAnEndAndTheNextFinishReplacesTheResults() {
    history.queued(full("j1"));
    history.started("j1", T0.plusSeconds(1), "bot-a");
    history.finished("j1", T0.plusSeconds(2), JobState.RETRYING, "koji: 503", true,
        List.of(new BranchRecord("rawhide", "failed", "koji: 503", Map.of())));
    JobRecord retrying = history.find("j1").orElseThrow();
    assertEquals(JobState.RETRYING, retrying.state());
    assertEquals(Optional.empty(), retrying.finishedAt());

    history.started("j1", T0.plusSeconds(60), "bot-b");
    history.finished("j1", T0.plusSeconds(70), JobState.DONE, "", false, List.of(
        new BranchRecord("rawhide", "done", "", Map.of("pull request", URI.create("https://example.test/pr/1")))));
    JobRecord done = history.find("j1").orElseThrow();
    assertEquals(JobState.DONE, done.state());
    assertEquals("bot-b", done.botInstance());
    assertEquals(Optional.of(T0.plusSeconds(60)), done.startedAt());
    assertEquals(Optional.of(T0.plusSeconds(70)), done.finishedAt());
    assertFalse(done.retryable());
    assertEquals(1, done.branchResults().size());
    assertEquals("done", done.branchResults().get(0).outcome());
  }

  @Test
  void updatesOfAnUnknownJobChangeNothing() {
    history.started("ghost", T0, "bot-a");
    history.finished("ghost", T0, JobState.DONE, "", false, List.of(new BranchRecord("f43", "done", "", Map.of())));
    assertEquals(Optional.empty(), history.find("ghost"));
    assertEquals(List.of(), history.jobs(JobQuery.all()));
  }

  @Test
  void queriesFilterAndListNewestFirst() {
    history.queued(JobRecord.queued("a", "koji_build", "hello", List.of("f43"), "", T0));
    history.queued(JobRecord.queued("b", "koji_build", "hello", List.of("rawhide"), "", T0.plusSeconds(1)));
    history.queued(JobRecord.queued("c", "bodhi_update", "world", List.of("f43", "f42"), "", T0.plusSeconds(2)));
    history.queued(JobRecord.queued("d", "propose_downstream", "hello", List.of("f42"), "", T0.plusSeconds(3)));
    history.finished("a", T0.plusSeconds(4), JobState.FAILED, "koji down", true, List.of());
    assertEquals(List.of("d", "c", "b", "a"), ids(JobQuery.all()));
    assertEquals(List.of("d", "b", "a"), ids(JobQuery.all().withPackage("hello")));
    assertEquals(List.of("c", "a"), ids(JobQuery.all().withBranch("f43")));
    assertEquals(List.of("a"), ids(JobQuery.all().withState(JobState.FAILED)));
    assertEquals(List.of("c"), ids(JobQuery.all().withKind("bodhi_update")));
    assertEquals(List.of("b", "a"), ids(JobQuery.all().withKind("koji_build").withPackage("hello")));
    assertEquals(List.of("d"), ids(JobQuery.all().withPackage("hello").withBranch("f42")));
    assertEquals(List.of(), ids(JobQuery.all().withPackage("hello").withState(JobState.DONE)));
    assertEquals(List.of("d", "c"), ids(JobQuery.all().limit(2)));
    // the filter finds every branch of a job, not only the first
    assertEquals(List.of("d", "c"), ids(JobQuery.all().withBranch("f42")));
  }

  private List<String> ids(JobQuery q) {
    return history.jobs(q).stream().map(JobRecord::id).toList();
  }

  @Test
  void packagesAndDecisions() {
    history.queued(JobRecord.queued("a", "koji_build", "world", List.of("f43"), "", T0));
    history.queued(JobRecord.queued("b", "koji_build", "hello", List.of("f43"), "", T0));
    history.decided(new ReconcileDecision(T0, "zeta", "", "none", "in order", ""));
    history.decided(new ReconcileDecision(T0.plusSeconds(60), "hello", "f43", "koji_build",
        "spec change abc1234 merged, no build of hello-1.2.0-1.fc43", "job-17"));
    history.decided(new ReconcileDecision(T0.plusSeconds(120), "hello", "", "none", "in order", ""));
    history.decided(new ReconcileDecision(T0.plusSeconds(30), "hello", "f42", "bodhi_update", "no update", "job-9"));
    assertEquals(List.of("hello", "world", "zeta"), history.packages());
    List<ReconcileDecision> d = history.decisions("hello", 2);
    assertEquals(2, d.size());
    assertEquals(new ReconcileDecision(T0.plusSeconds(120), "hello", "", "none", "in order", ""), d.get(0));
    assertEquals(new ReconcileDecision(T0.plusSeconds(60), "hello", "f43", "koji_build",
        "spec change abc1234 merged, no build of hello-1.2.0-1.fc43", "job-17"), d.get(1));
    assertEquals(3, history.decisions("hello", 10).size());
    assertEquals(List.of(), history.decisions("nobody", 10));
  }

  @Test
  void threadsRacingToRecordTheSameIdsRecordEachOnce() throws Exception {
    race(List.of(history, history), 8, 50);
  }

  /**
   * {@code threads} threads, spread over the given histories, each try to record the same
   * {@code jobs} ids at once: every id must be recorded exactly once.
   */
  static void race(List<JobHistory> histories, int threads, int jobs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JobHistory h = histories.get(t % histories.size());
        String instance = "bot-" + t;
        Callable<List<String>> task = () -> {
          start.await();
          List<String> won = new ArrayList<>();
          for (int i = 0; i < jobs; i++) {
            JobRecord r = JobRecord.queued("race-" + i, "koji_build", "hello", List.of("f43", "rawhide"),
                "by " + instance, T0.plusSeconds(i));
            if (h.queued(r)) {
              won.add(r.id());
            }
          }
          return won;
        };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        all.addAll(f.get(120, TimeUnit.SECONDS));
      }
      assertEquals(jobs, all.size(), "every id recorded exactly once: " + all);
      assertEquals(jobs, all.stream().distinct().count());
      JobHistory h = histories.get(0);
      assertEquals(jobs, h.jobs(JobQuery.all().limit(1000)).size());
      for (JobRecord r : h.jobs(JobQuery.all().limit(1000))) {
        // the record is whole: its branches came with it, from one winner
        assertEquals(List.of("f43", "rawhide"), r.branches(), r.id());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
