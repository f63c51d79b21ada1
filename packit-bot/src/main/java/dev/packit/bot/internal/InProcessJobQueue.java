package dev.packit.bot.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded queue: jobs wait in memory, in {@code lanes} single-threaded lanes chosen by
 * package name, so one package's jobs run one at a time and in order while different packages run
 * in parallel. Nothing survives a restart: use {@link RabbitJobQueue} when that matters.
 *
 * <pre>{@code
 * JobQueue queue = new InProcessJobQueue(4);
 * queue.start((job, redelivered) -> runner.run(job, redelivered));
 * queue.submit(job);
 * }</pre>
 *
 * <p>A handler that throws gets the job again, up to {@code 3} attempts, then the job is dropped
 * with an error log (a poison job must not block its lane forever).
 */
public final class InProcessJobQueue implements JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessJobQueue.class);
  static final int MAX_ATTEMPTS = 3;

  private final List<ExecutorService> lanes = new ArrayList<>();
  private final AtomicLong ready = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile JobHandler handler;
  private volatile boolean closed;

  /**
   * Creates the lanes.
   *
   * @param laneCount how many packages may run at once
   */
  public InProcessJobQueue(int laneCount) {
    if (laneCount < 1) {
      throw new IllegalArgumentException("laneCount must be at least 1: " + laneCount);
    }
    for (int i = 0; i < laneCount; i++) {
      int n = i;
      lanes.add(Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bot-lane-" + n);
        t.setDaemon(true);
        return t;
      }));
    }
  }

  @Override
  public void submit(Job job) {
    if (closed) {
      throw new IllegalStateException("queue is closed");
    }
    ready.incrementAndGet();
    lanes.get(Shards.of(job.packageName(), lanes.size())).execute(() -> run(job));
  }

  private void run(Job job) {
    ready.decrementAndGet();
    for (int attempt = 1; ; attempt++) {
      JobHandler h = handler;
      while (h == null && !closed) {
        // submitted before start(): wait for the handler rather than losing the job
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        h = handler;
      }
      if (h == null) {
        return;
      }
      inFlight.incrementAndGet();
      try {
        h.handle(job, attempt > 1);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (attempt >= MAX_ATTEMPTS) {
          LOG.error(Kv.line("event", "job.dropped", "job", job.id(), "attempts", attempt, "error", e.toString()));
          try {
            h.dropped(job, attempt, e);
          } catch (RuntimeException r) {
            LOG.warn(Kv.line("event", "job.drop_listener_failed", "job", job.id(), "error", r.toString()));
          }
          return;
        }
        LOG.warn(Kv.line("event", "job.retry", "job", job.id(), "attempt", attempt, "error", e.toString()));
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Override
  public void start(JobHandler handler) {
    this.handler = java.util.Objects.requireNonNull(handler, "handler");
  }

  @Override
  public QueueStats stats() {
    return new QueueStats(ready.get(), inFlight.get());
  }

  @Override
  public boolean healthy() {
    return !closed;
  }

  @Override
  public void close() {
    closed = true;
    lanes.forEach(ExecutorService::shutdown);
    for (ExecutorService lane : lanes) {
      try {
        if (!lane.awaitTermination(30, TimeUnit.SECONDS)) {
          lane.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lane.shutdownNow();
      }
    }
  }

  @Override
  public String toString() {
    return "InProcessJobQueue[lanes=" + lanes.size() + ", " + stats() + "]";
  }
}
