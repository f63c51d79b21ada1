package dev.packit.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The service is limiting our rate (HTTP 429, GitHub's 403 secondary limit, a {@code Retry-After}).
 *
 * <pre>{@code
 * catch (RateLimitedException e) {
 *   Duration wait = e.retryAfter().orElse(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public class RateLimitedException extends PackitServiceException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception; use {@link PackitServiceException#builder()}.
   *
   * @param b the details
   */
  protected RateLimitedException(Builder b) {
    super(b);
    this.retryAfter = b.retryAfterValue();
  }

  /**
   * Returns how long the service asked us to wait, when it said.
   *
   * @return the wait, or empty when the service did not say
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Rate limits pass: always retryable. */
  @Override
  public boolean retryable() {
    return true;
  }
}
