package dev.packit.bot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.JobRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.packit.bot.Scrape;
import org.junit.jupiter.api.Test;

class BotPartsTest {

  private static Job job(String delivery, String pkg) {
    JobRequest request = new JobRequest.ProposeDownstream(pkg, List.of("rawhide", "f43"),
        ConfigText.of("jobs: []\n", "upstream/" + pkg + "@v1.0/.packit.yaml", ""), "github", "upstream/" + pkg, "v1.0", "",
        "notes \"quoted\"\n- line", 0);
    return Job.of(delivery, request, "github release published", 1_700_000_000_000L);
  }

  @Test
  void jobsSurviveTheWireAndBadBytesNameTheirSource() {
    Job j = job("d1", "hello");
    assertEquals(j, Job.fromJson(j.toJson(), "test"));
    assertEquals("d1/propose_downstream/hello", j.id());
    assertEquals(j.request(), Job.fromJson(j.toJson(), "test").request(), "the request round-trips inside the envelope");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Job.fromJson("{\"id\": \"x\",\n \"kind\": }".getBytes(StandardCharsets.UTF_8), "shard-3 delivery 9"));
    assertTrue(e.getMessage().contains("shard-3 delivery 9:2:"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Job.fromJson("{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8), "d"));
  }

  @Test
  void logLinesQuoteAndRedact() {
    assertEquals("event=job.finished job=a/b ms=12", Kv.line("event", "job.finished", "job", "a/b", "ms", 12));
    assertEquals("error=\"no \\\"tag\\\"\\nhere\" empty=\"\"", Kv.line("error", "no \"tag\"\nhere", "empty", ""));
    String line = Kv.line("error", "GET https://packit:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x failed");
    assertFalse(line.contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789"), line);
    assertThrows(IllegalArgumentException.class, () -> Kv.line("key"));
  }

  @Test
  void shardsAreStableAndInRange() {
    assertEquals(Shards.of("hello", 8), Shards.of(new String("hello".toCharArray()), 8));
    for (String p : List.of("", "a", "python-requests", "kernel", "zzzzzzzzzzzzzzzzzzzzz")) {
      int s = Shards.of(p, 5);
      assertTrue(s >= 0 && s < 5, p + " -> " + s);
    }
    // "polygenelubricants" has Integer.MIN_VALUE as hash code: floorMod keeps it in range
    assertEquals(Math.floorMod(Integer.MIN_VALUE, 7), Shards.of("polygenelubricants", 7));
  }

  @Test
  void inProcessQueueRunsOnePackageAtATimeInOrderAndPackagesInParallel() throws Exception {
    Map<String, List<String>> order = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger maxPerPackage = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(30);
    try (InProcessJobQueue queue = new InProcessJobQueue(4)) {
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        for (String p : List.of("alpha", "beta", "gamma")) {
          jobs.add(job("d" + i, p));
        }
      }
      jobs.forEach(queue::submit); // before start: they wait, nothing is lost
      queue.start((job, redelivered) -> {
        int c = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(c, Math::max);
        int mine = running.computeIfAbsent(job.packageName(), k -> new AtomicInteger()).incrementAndGet();
        maxPerPackage.accumulateAndGet(mine, Math::max);
        Thread.sleep(5);
        order.computeIfAbsent(job.packageName(), k -> Collections.synchronizedList(new ArrayList<>())).add(job.eventId());
        running.get(job.packageName()).decrementAndGet();
        concurrent.decrementAndGet();
        done.countDown();
      });
      assertTrue(done.await(30, TimeUnit.SECONDS));
      // The handler counts down before it returns; the queue settles the job just after (CI saw 1 here).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (queue.stats().inFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(0, queue.stats().ready());
      assertEquals(0, queue.stats().inFlight());
    }
    assertEquals(1, maxPerPackage.get(), "a package never runs twice at once");
    for (List<String> o : order.values()) {
      assertEquals(List.of("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9"), o);
    }
    // alpha, beta and gamma land on at least two lanes of four (their hash codes differ mod 4)
    assertTrue(Shards.of("alpha", 4) != Shards.of("beta", 4) || Shards.of("beta", 4) != Shards.of("gamma", 4));
    assertTrue(maxConcurrent.get() >= 2, "packages on different lanes run in parallel: " + maxConcurrent.get());
  }

  @Test
  void inProcessQueueRetriesAFailingJobThenDropsIt() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    List<Boolean> redeliveries = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch next = new CountDownLatch(1);
    try (InProcessJobQueue queue = new InProcessJobQueue(1)) {
      queue.start((job, redelivered) -> {
        if (job.packageName().equals("poison")) {
          attempts.incrementAndGet();
          redeliveries.add(redelivered);
          throw new IllegalStateException("boom");
        }
        next.countDown();
      });
      queue.submit(job("d1", "poison"));
      queue.submit(job("d2", "fine"));
      assertTrue(next.await(10, TimeUnit.SECONDS), "the lane moves on after the poison job");
    }
    assertEquals(InProcessJobQueue.MAX_ATTEMPTS, attempts.get());
    assertEquals(List.of(false, true, true), redeliveries);
  }

  @Test
  void metricsScrapeAsPrometheusText() {
    BotMetrics m = new BotMetrics(() -> new JobQueue.QueueStats(7, 2));
    m.jobFinished("propose_downstream", "done", 1500, 250);
    m.jobFinished("propose_downstream", "done", 500, 750);
    m.jobFinished("koji_build", "skipped", 10, 10);
    m.redelivered();
    m.webhook("github", "queued");
    m.message("ignored");
    String text = m.scrape();
    assertTrue(Scrape.value(text, "packit_bot_jobs_total{type=\"propose_downstream\",outcome=\"done\"}") == 2, text);
    assertTrue(Scrape.value(text, "packit_bot_jobs_total{type=\"koji_build\",outcome=\"skipped\"}") == 1, text);
    assertTrue(Scrape.value(text, "packit_bot_jobs_redelivered_total") == 1, text);
    assertTrue(Scrape.value(text, "packit_bot_jobs_in_flight") == 2, text);
    assertTrue(Scrape.value(text, "packit_bot_queue_ready_messages") == 7, text);
    assertTrue(Scrape.value(text, "packit_bot_queue_wait_seconds_sum") == 1.010, text);
    assertTrue(Scrape.value(text, "packit_bot_queue_wait_seconds_count") == 3, text);
    assertTrue(Scrape.value(text, "packit_bot_queue_wait_seconds_max") == 0.750, text);
    assertTrue(Scrape.value(text, "packit_bot_webhooks_total{forge=\"github\",result=\"queued\"}") == 1, text);
    assertTrue(Scrape.value(text, "packit_bot_messages_total{result=\"ignored\"}") == 1, text);
    assertEquals(2, m.jobs("propose_downstream", "done"));
    for (String line : text.split("\n")) {
      // Prometheus text format: comments, or "name{labels} value"; the JVM's meters come along
      assertTrue(line.startsWith("# ") || line.matches("[a-z_]+(\\{[^}]*\\})? [-0-9.E]+"), line);
    }
  }
}
