package dev.packit.forge.spi;

import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.http.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What every forge client is built from: a {@link dev.packit.forge.ForgeBuilder}'s settings, as
 * {@code ForgeBuilder.clientOptions()} returns them to a third-party forge's {@code build()}.
 *
 * <pre>{@code
 * ClientOptions o = clientOptions();                     // inside a ForgeBuilder subclass
 * HttpService http = ForgeHttp.service("tiny", o, List.of());
 * o.pause(o.pollInterval());                             // waits with the injected sleeper
 * }</pre>
 *
 * @since 0.2.0
 *
 * @param baseUri the API root (GitHub, GitLab) or the instance root (Pagure), ending in {@code /}
 * @param transport the HTTP transport
 * @param sleeper waits (rate limits, fork polling)
 * @param clock the time
 * @param retry the retry policy of idempotent requests
 * @param forkTimeout how long to wait for an asynchronous fork
 * @param pollInterval the first wait between fork polls (doubles up to 10 s)
 * @param rateLimitBudget the longest total wait for a rate limit per request
 * @param createAttempts how many times a create whose outcome is unknown is tried
 * @param createSettle how long lookups go on after a create timed out, before it is tried again
 */
public record ClientOptions(URI baseUri, HttpTransport transport, Sleeper sleeper, Clock clock, RetryPolicy retry,
    Duration forkTimeout, Duration pollInterval, Duration rateLimitBudget, int createAttempts, Duration createSettle) {

  /** Validates and normalises the base URI to end in a slash. */
  public ClientOptions {
    Objects.requireNonNull(baseUri, "baseUri == null");
    Objects.requireNonNull(transport, "transport == null");
    Objects.requireNonNull(sleeper, "sleeper == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(retry, "retry == null");
    if (!baseUri.isAbsolute()) {
      throw new IllegalArgumentException("base URI must be absolute: " + baseUri);
    }
    if (!baseUri.getPath().endsWith("/")) {
      baseUri = URI.create(baseUri + "/");
    }
    if (createAttempts < 1) {
      throw new IllegalArgumentException("createAttempts must be >= 1");
    }
    Objects.requireNonNull(createSettle, "createSettle == null");
    if (createSettle.isNegative()) {
      throw new IllegalArgumentException("createSettle must not be negative");
    }
  }

  /** Sleeps, turning an interrupt into an unchecked failure with the flag kept. */
  public void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.packit.core.PackitException("interrupted while waiting", e);
    }
  }
}
