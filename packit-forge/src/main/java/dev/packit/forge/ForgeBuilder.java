package dev.packit.forge;

import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.http.Sleeper;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.ForgeHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by the GitHub, GitLab, Pagure and Forgejo builders (and those of third-party forges): where, who, and the injected
 * transport, clock and sleeper (for tests and for embedding).
 *
 * <pre>{@code
 * GitHubForge gh = GitHub.builder()
 *     .baseUri(URI.create("https://github.example.com/api/v3/"))
 *     .credentials(ForgeCredentials.token(token))
 *     .forkTimeout(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 *
 * @param <B> the concrete builder
 * @param <F> the forge it builds
 */
public abstract class ForgeBuilder<B extends ForgeBuilder<B, F>, F extends Forge> {
  /** Where the API (GitHub, GitLab) or the instance (Pagure, Forgejo) is. */
  protected URI baseUri;
  /** Who. */
  protected ForgeCredentials credentials = ForgeCredentials.anonymous();
  /** The HTTP transport. */
  protected HttpTransport transport;
  /** Waits (rate limits, fork polling). */
  protected Sleeper sleeper = Sleeper.system();
  /** The time. */
  protected Clock clock = Clock.systemUTC();
  /** Retries of idempotent requests. */
  protected RetryPolicy retryPolicy = RetryPolicy.defaults();
  /** How long to wait for an asynchronous fork. */
  protected Duration forkTimeout = Duration.ofMinutes(5);
  /** The first pause between fork polls. */
  protected Duration pollInterval = Duration.ofSeconds(1);
  /** The longest wait for a rate limit per request. */
  protected Duration rateLimitBudget = Duration.ofMinutes(15);
  /** Creates tried when their outcome is unknown. */
  protected int createAttempts = 3;
  /** How long lookups go on after a create timed out. */
  protected Duration createSettle = Duration.ofMinutes(2);

  /**
   * Creates a builder with a default base URI.
   *
   * @param defaultBase the public instance
   */
  protected ForgeBuilder(URI defaultBase) {
    this.baseUri = defaultBase;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Sets the base URI: the API root for GitHub ({@code https://api.github.com/}, GitHub Enterprise
   * {@code https://host/api/v3/}) and GitLab ({@code https://host/api/v4/}), the instance root for
   * Pagure ({@code https://src.fedoraproject.org/}) and Forgejo ({@code https://codeberg.org/}).
   *
   * @param uri the base URI
   * @return this
   */
  public B baseUri(URI uri) {
    this.baseUri = Objects.requireNonNull(uri, "uri == null");
    return self();
  }

  /** @param credentials who to authenticate as @return this */
  public B credentials(ForgeCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials == null");
    return self();
  }

  /**
   * Applies the shared client settings: transport (when set), retry policy, sleeper and clock.
   * Setters called afterwards override single settings. (A forge sends packit-java's
   * {@code User-Agent} and its own timeouts.)
   *
   * <pre>{@code
   * Forge github = GitHub.builder().options(HttpClientOptions.defaults().withClock(clock)).build();
   * }</pre>
   *
   * @param options the shared settings
   * @return this
   * @since 0.2.0
   */
  public B options(dev.packit.core.http.HttpClientOptions options) {
    Objects.requireNonNull(options, "options == null");
    options.transport().ifPresent(this::transport);
    retryPolicy(options.retryPolicy());
    sleeper(options.sleeper());
    clock(options.clock());
    return self();
  }

  /** @param transport the HTTP transport (default: the JDK client) @return this */
  public B transport(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport == null");
    return self();
  }

  /** @param sleeper how to wait (tests inject a fake) @return this */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    return self();
  }

  /** @param clock the time @return this */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return self();
  }

  /** @param policy retries of idempotent requests @return this */
  public B retryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "policy == null");
    return self();
  }

  /** @param timeout how long {@link Forge#forkOrCreate} waits for a fork to become ready @return this */
  public B forkTimeout(Duration timeout) {
    this.forkTimeout = Objects.requireNonNull(timeout, "timeout == null");
    return self();
  }

  /** @param interval the first pause between fork polls (then doubling up to 10 s) @return this */
  public B pollInterval(Duration interval) {
    this.pollInterval = Objects.requireNonNull(interval, "interval == null");
    return self();
  }

  /** @param budget the longest total wait for rate limits per request @return this */
  public B rateLimitBudget(Duration budget) {
    this.rateLimitBudget = Objects.requireNonNull(budget, "budget == null");
    return self();
  }

  /** @param attempts how many times a create whose outcome is unknown is tried (each after a lookup) @return this */
  public B createAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1");
    }
    this.createAttempts = attempts;
    return self();
  }

  /**
   * How long, after a create timed out, the client keeps looking for what it may have made before
   * creating it again (default 2 minutes). A server can act on a request after the client gave up
   * waiting; without settling, Pagure would get two identical pull requests.
   *
   * @param settle the settle time; zero looks once
   * @return this
   */
  public B createSettle(Duration settle) {
    Objects.requireNonNull(settle, "settle == null");
    if (settle.isNegative()) {
      throw new IllegalArgumentException("settle must not be negative");
    }
    this.createSettle = settle;
    return self();
  }

  /**
   * Returns the settings as the {@link ClientOptions} the SPI's building blocks take: for a
   * third-party forge's {@link #build()}.
   *
   * <pre>{@code
   * public TinyForge build() {
   *   ClientOptions o = clientOptions();
   *   return new TinyClient(new Rest(ForgeHttp.service("tiny", o, List.of()), Headers.of("Accept", "application/json")), o);
   * }
   * }</pre>
   *
   * @return the options, with the JDK transport when none was set
   * @since 0.2.0
   */
  protected ClientOptions clientOptions() {
    return new ClientOptions(baseUri, transport == null ? ForgeHttp.defaultTransport() : transport, sleeper, clock,
        retryPolicy, forkTimeout, pollInterval, rateLimitBudget, createAttempts, createSettle);
  }

  /**
   * Builds the client.
   *
   * @return the forge
   */
  public abstract F build();
}
