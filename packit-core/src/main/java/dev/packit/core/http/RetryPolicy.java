package dev.packit.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpService} retries requests that are safe to repeat: exponential backoff with
 * jitter, bounded by a number of attempts and a total time.
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.defaults();                 // 4 attempts, 500 ms x2 up to 30 s, 2 min total
 * RetryPolicy patient = RetryPolicy.defaults().withMaxAttempts(8).withMaxTotalTime(Duration.ofMinutes(10));
 * RetryPolicy never = RetryPolicy.none();
 * }</pre>
 *
 * <p>The wait before attempt {@code n+1} is {@code min(maxBackoff, initialBackoff * multiplier^(n-1))},
 * spread by {@code ±jitter} (a fraction, 0 to 1). A {@code Retry-After} or rate-limit reset
 * header replaces the computed wait. No wait may end after {@code maxTotalTime} from the first
 * attempt: the last error is thrown instead.
 *
 * @param maxAttempts attempts in total, at least 1 (1 means no retry)
 * @param initialBackoff the wait after the first failure
 * @param multiplier growth of the wait per attempt, at least 1
 * @param maxBackoff the longest computed wait
 * @param maxTotalTime the time budget of all attempts and waits together
 * @param jitter randomisation of each wait, from 0 (none) to 1 (0 to 2 times the wait)
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    Duration maxTotalTime,
    double jitter) {

  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), Duration.ofMinutes(2), 0.2);
  private static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Duration.ofDays(365), 0.0);

  /** Validates the components. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    Objects.requireNonNull(maxTotalTime, "maxTotalTime == null");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxTotalTime.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be within [0, 1]: " + jitter);
    }
  }

  /**
   * 4 attempts, waits of 500 ms doubling up to 30 s with 20 % jitter, at most 2 minutes in total.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * One attempt, no retry.
   *
   * @return the policy that never retries
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * @param maxAttempts attempts in total, at least 1
   * @return a copy with that many attempts
   */
  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, maxTotalTime, jitter);
  }

  /**
   * @param initial the first wait
   * @param multiplier growth per attempt, at least 1
   * @param max the longest computed wait
   * @return a copy with that backoff
   */
  public RetryPolicy withBackoff(Duration initial, double multiplier, Duration max) {
    return new RetryPolicy(maxAttempts, initial, multiplier, max, maxTotalTime, jitter);
  }

  /**
   * @param maxTotalTime the time budget of all attempts and waits
   * @return a copy with that budget
   */
  public RetryPolicy withMaxTotalTime(Duration maxTotalTime) {
    return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, maxTotalTime, jitter);
  }

  /**
   * @param jitter randomisation from 0 to 1
   * @return a copy with that jitter
   */
  public RetryPolicy withJitter(double jitter) {
    return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, maxTotalTime, jitter);
  }

  /**
   * Returns the wait before the attempt after {@code failedAttempt}, before jitter.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @return the wait
   */
  public Duration backoff(int failedAttempt) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
    long capped = (long) Math.min(millis, (double) maxBackoff.toMillis());
    return Duration.ofMillis(Math.max(0, capped));
  }
}
