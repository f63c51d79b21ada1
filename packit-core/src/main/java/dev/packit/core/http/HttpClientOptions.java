package dev.packit.core.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The client settings every HTTP client of packit-java shares: transport, retries, waits, clock,
 * {@code User-Agent} and request timeout. Set once and handed to each client builder
 * ({@code options(...)} on the Koji, Bodhi, lookaside, dist-git probe and forge builders, and
 * {@link HttpService.Builder#options(HttpClientOptions)}) instead of repeating four setters on each;
 * a builder's own setters called after {@code options(...)} still override one setting.
 *
 * <pre>{@code
 * HttpClientOptions options = HttpClientOptions.defaults()
 *     .withRetryPolicy(RetryPolicy.none()).withClock(clock).withUserAgent("my-bot/1.0");
 * KojiClient koji = KojiClient.builder().options(options).build();
 * BodhiClient bodhi = BodhiClient.builder().options(options).build();
 * }</pre>
 *
 * @since 0.2.0
 * @param transport the transport; empty for each client's default (the JDK client, or Koji's TLS one)
 * @param retryPolicy the retry policy of idempotent requests
 * @param sleeper waits between attempts
 * @param clock the time (retry budgets, rate limits, caches)
 * @param userAgent the {@code User-Agent}; empty for {@code packit-java/<version>}
 * @param timeout how long to wait for response headers; empty for each client's default
 */
public record HttpClientOptions(Optional<HttpTransport> transport, RetryPolicy retryPolicy, Sleeper sleeper, Clock clock,
    Optional<String> userAgent, Optional<Duration> timeout) {

  /** Validates the components. */
  public HttpClientOptions {
    Objects.requireNonNull(transport, "transport == null");
    Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    Objects.requireNonNull(sleeper, "sleeper == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(userAgent, "userAgent == null");
    userAgent.ifPresent(u -> Headers.checkValue("User-Agent", u));
    Objects.requireNonNull(timeout, "timeout == null");
    timeout.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + t);
      }
    });
  }

  /**
   * Each client's default transport and timeout, {@link RetryPolicy#defaults()}, the system
   * sleeper and UTC clock, packit-java's {@code User-Agent}.
   *
   * @return the defaults
   */
  public static HttpClientOptions defaults() {
    return new HttpClientOptions(Optional.empty(), RetryPolicy.defaults(), Sleeper.system(), Clock.systemUTC(),
        Optional.empty(), Optional.empty());
  }

  /** @param t the transport @return a copy with it */
  public HttpClientOptions withTransport(HttpTransport t) {
    return new HttpClientOptions(Optional.of(t), retryPolicy, sleeper, clock, userAgent, timeout);
  }

  /** @param p the retry policy @return a copy with it */
  public HttpClientOptions withRetryPolicy(RetryPolicy p) {
    return new HttpClientOptions(transport, p, sleeper, clock, userAgent, timeout);
  }

  /** @param s the sleeper @return a copy with it */
  public HttpClientOptions withSleeper(Sleeper s) {
    return new HttpClientOptions(transport, retryPolicy, s, clock, userAgent, timeout);
  }

  /** @param c the clock @return a copy with it */
  public HttpClientOptions withClock(Clock c) {
    return new HttpClientOptions(transport, retryPolicy, sleeper, c, userAgent, timeout);
  }

  /** @param ua the User-Agent @return a copy with it */
  public HttpClientOptions withUserAgent(String ua) {
    return new HttpClientOptions(transport, retryPolicy, sleeper, clock, Optional.of(ua), timeout);
  }

  /** @param t the request timeout @return a copy with it */
  public HttpClientOptions withTimeout(Duration t) {
    return new HttpClientOptions(transport, retryPolicy, sleeper, clock, userAgent, Optional.of(t));
  }
}
