package dev.packit.core.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the waits servers ask for: {@code Retry-After} and rate-limit reset headers. */
public final class RetryAfter {
  // Below this a reset value is a number of seconds to wait, above it an epoch second (2001-09-09).
  private static final long EPOCH_THRESHOLD = 1_000_000_000L;

  private RetryAfter() {}

  /**
   * {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 10.2.3), measured against {@code now}.
   * A date in the past means "now".
   */
  public static Optional<Duration> parse(String value, Instant now) {
    String v = value.trim();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code X-RateLimit-Reset} / {@code RateLimit-Reset}: epoch seconds, or seconds from now when small. */
  public static Optional<Duration> parseReset(String value, Instant now) {
    String v = value.trim();
    if (v.isEmpty() || !v.chars().allMatch(Character::isDigit) || v.length() > 18) {
      return Optional.empty();
    }
    long n = Long.parseLong(v);
    if (n < EPOCH_THRESHOLD) {
      return Optional.of(Duration.ofSeconds(n));
    }
    Instant at = Instant.ofEpochSecond(n);
    return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
  }
}
