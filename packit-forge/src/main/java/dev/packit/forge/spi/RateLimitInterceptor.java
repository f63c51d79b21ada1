package dev.packit.forge.spi;

import dev.packit.core.PackitServiceException;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.Interceptor;
import dev.packit.core.http.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits out forge rate limits and tries again, for every method: a request refused by a rate limit
 * was not performed, so repeating it (even a POST) cannot duplicate anything. Gives up with a
 * {@code RateLimitedException} when the total wait would exceed the budget. A third-party forge
 * whose rate limits look like GitHub's or GitLab's uses the matching {@link Flavor}.
 *
 * <pre>{@code
 * Interceptor limits = new RateLimitInterceptor(RateLimitInterceptor.Flavor.GITLAB, options.sleeper(),
 *     options.clock(), options.rateLimitBudget(), Duration.ofSeconds(60));
 * HttpService http = ForgeHttp.service("tiny", options, List.of(auth, limits));
 * }</pre>
 *
 * @since 0.2.0
 */
public final class RateLimitInterceptor implements Interceptor {
  private static final String SECONDARY_MARKER = "secondary rate limit";
  private static final Duration MIN_CHARGE = Duration.ofSeconds(1);

  /**
   * Which forge's signals to read.
   *
   * <pre>{@code
   * RateLimitInterceptor.Flavor f = kind.equals(ForgeKind.GITLAB) ? RateLimitInterceptor.Flavor.GITLAB : RateLimitInterceptor.Flavor.GITHUB;
   * }</pre>
   */
  public enum Flavor {
    /** GitHub: 403/429 with Retry-After, x-ratelimit-remaining 0 + reset, or the body marker. */
    GITHUB,
    /** GitLab: 429 with Retry-After or RateLimit-Reset. */
    GITLAB
  }

  private final Flavor flavor;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration budget;
  private final Duration defaultWait;

  /**
   * @param flavor which forge
   * @param sleeper waits (injected in tests)
   * @param clock the current time when the server's Date is unusable
   * @param budget the longest total wait for one request
   * @param defaultWait the wait when the forge names none (GitHub says at least a minute)
   */
  public RateLimitInterceptor(Flavor flavor, Sleeper sleeper, Clock clock, Duration budget, Duration defaultWait) {
    this.flavor = Objects.requireNonNull(flavor);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.clock = Objects.requireNonNull(clock);
    this.budget = Objects.requireNonNull(budget);
    this.defaultWait = Objects.requireNonNull(defaultWait);
  }

  @Override
  public HttpResponse intercept(Chain chain) throws IOException {
    Duration waited = Duration.ZERO;
    int limited = 0;
    while (true) {
      HttpResponse response = chain.proceed(chain.request());
      int status = response.status();
      if (status != 403 && status != 429) {
        return response;
      }
      byte[] body = response.bytes();
      response.close();
      HttpResponse copy = HttpResponse.of(status, response.headers(), body);
      Optional<Duration> wait = waitFor(copy, new String(body, java.nio.charset.StandardCharsets.UTF_8), limited);
      if (wait.isEmpty()) {
        return copy;
      }
      limited++;
      // A wait of zero ("Retry-After: 0") counts as one second against the budget, or a server
      // answering 429 with it forever kept the client looping without end (found by the canary test).
      Duration w = wait.get();
      Duration charged = w.compareTo(MIN_CHARGE) < 0 ? MIN_CHARGE : w;
      if (waited.plus(charged).compareTo(budget) > 0) {
        throw PackitServiceException.builder().service(chain.service()).method(chain.request().method())
            .url(chain.request().uri().toString()).status(status).body(new String(body, java.nio.charset.StandardCharsets.UTF_8))
            .detail("rate limited; waiting " + w.toSeconds() + " s more would exceed the budget of " + budget.toSeconds() + " s")
            .retryAfter(w).attempts(limited).build();
      }
      try {
        sleeper.sleep(w);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting out a rate limit");
      }
      waited = waited.plus(charged);
    }
  }

  /** Returns how long to wait, or empty when this response is not a rate limit. */
  Optional<Duration> waitFor(HttpResponse r, String body, int previous) {
    Optional<Duration> retryAfter = r.header("Retry-After").flatMap(this::parseRetryAfter);
    if (flavor == Flavor.GITLAB) {
      if (r.status() != 429) {
        return Optional.empty();
      }
      return retryAfter.or(() -> untilReset(r, "RateLimit-Reset")).or(() -> Optional.of(backoff(previous)));
    }
    if (retryAfter.isPresent()) {
      return retryAfter;
    }
    if ("0".equals(r.header("X-RateLimit-Remaining").orElse(null))) {
      Optional<Duration> reset = untilReset(r, "X-RateLimit-Reset");
      if (reset.isPresent()) {
        return reset;
      }
    }
    boolean marker = body.toLowerCase(Locale.ROOT).contains(SECONDARY_MARKER)
        || body.toLowerCase(Locale.ROOT).contains("abuse detection") || r.header("gh-limited-by").isPresent();
    if (marker || r.status() == 429) {
      return Optional.of(backoff(previous));
    }
    return Optional.empty();
  }

  private Duration backoff(int previous) {
    // GitHub: wait at least a minute, then back off exponentially
    long factor = 1L << Math.min(previous, 4);
    return defaultWait.multipliedBy(factor);
  }

  private Optional<Duration> untilReset(HttpResponse r, String header) {
    Optional<String> reset = r.header(header);
    if (reset.isEmpty() || !reset.get().trim().chars().allMatch(Character::isDigit) || reset.get().isBlank()) {
      return Optional.empty();
    }
    Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().trim()));
    // the server's clock decides when its window resets
    Instant now = r.header("Date").flatMap(RateLimitInterceptor::httpDate).orElse(clock.instant());
    Duration d = Duration.between(now, at).plusSeconds(1);
    return Optional.of(d.isNegative() ? Duration.ofSeconds(1) : d);
  }

  private Optional<Duration> parseRetryAfter(String v) {
    String s = v.trim();
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
    }
    return httpDate(s).map(at -> {
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    });
  }

  private static Optional<Instant> httpDate(String s) {
    try {
      return Optional.of(ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
