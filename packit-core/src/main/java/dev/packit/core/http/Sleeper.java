package dev.packit.core.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries. Injected so tests can record the waits instead of sleeping.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * HttpService svc = HttpService.builder().service("github").sleeper(waits::add).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for the given time.
   *
   * @param duration how long, never negative
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real thing: {@link Thread#sleep(long, int)}.
   *
   * @return a sleeper that blocks the calling thread
   */
  static Sleeper system() {
    return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
  }
}
