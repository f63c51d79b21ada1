package dev.packit.fedora.internal.workflow;

import dev.packit.fedora.workflow.JobTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One job's time limit: checked (on the injected clock) before every step, and a step still
 * running when it passes is interrupted, so blocking work that honours interruption (HTTP calls,
 * sleeps, waits) stops too. Git transports are bounded by their own connect/read timeouts.
 *
 * <pre>{@code
 * JobDeadline d = JobDeadline.start(clock, Duration.ofMinutes(30));
 * String note = d.run("upload on branch f43", () -> upload(step));
 * }</pre>
 */
public final class JobDeadline {
  // One daemon thread for every job's watchdogs: it only calls Thread.interrupt().
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "packit-job-deadline");
    t.setDaemon(true);
    return t;
  });

  private final Clock clock;
  private final Duration limit;
  private final Instant end;

  private JobDeadline(Clock clock, Duration limit) {
    this.clock = clock;
    this.limit = limit;
    this.end = clock.instant().plus(limit);
  }

  /**
   * Starts the clock of a job.
   *
   * @param clock the workflow's clock
   * @param limit the job's time limit
   * @return the deadline
   */
  public static JobDeadline start(Clock clock, Duration limit) {
    return new JobDeadline(clock, limit);
  }

  /** @return whether the limit has passed */
  public boolean passed() {
    return !clock.instant().isBefore(end);
  }

  /**
   * Fails when the limit has passed.
   *
   * @param step the step about to start
   * @throws JobTimeoutException naming the step
   */
  public void check(String step) {
    if (passed()) {
      throw new JobTimeoutException(step, limit, null, null);
    }
  }

  /**
   * Runs a step within the limit: refuses to start it after the limit, and interrupts it when the
   * limit passes while it runs.
   *
   * @param <T> the step's result
   * @param step what the step is, for the error
   * @param work the step
   * @return the step's result
   * @throws JobTimeoutException when the limit passed before or during the step
   */
  public <T> T run(String step, Supplier<T> work) {
    check(step);
    Watch watch = new Watch(Thread.currentThread());
    long delayMs = Math.max(1, Duration.between(clock.instant(), end).toMillis());
    ScheduledFuture<?> alarm = WATCHDOG.schedule(watch::fire, delayMs, TimeUnit.MILLISECONDS);
    try {
      T result = work.get();
      if (watch.fired()) {
        // Interrupted but finished (or swallowed the interrupt): the job is over its limit anyway.
        throw new JobTimeoutException(step, limit, null, null);
      }
      return result;
    } catch (RuntimeException e) {
      if (e instanceof JobTimeoutException) {
        throw e;
      }
      if (watch.fired() || passed()) {
        throw new JobTimeoutException(step, limit, null, e);
      }
      throw e;
    } finally {
      alarm.cancel(false);
      if (watch.stop()) {
        Thread.interrupted(); // the interrupt was ours: do not leak it into the next step
      }
    }
  }

  /** Interrupts one thread once, unless the step finished first. */
  private static final class Watch {
    private final Thread thread;
    private boolean done;
    private boolean fired;

    Watch(Thread thread) {
      this.thread = thread;
    }

    synchronized void fire() {
      if (!done) {
        fired = true;
        thread.interrupt();
      }
    }

    synchronized boolean fired() {
      return fired;
    }

    /** Ends the watch; returns whether it interrupted the thread. */
    synchronized boolean stop() {
      done = true;
      return fired;
    }
  }
}
