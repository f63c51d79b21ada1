package dev.packit.fedora.distgit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.PackitException;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RetryPolicy;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.pagure.Pagure;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells which forge serves a dist-git host: Fedora moves {@code src.fedoraproject.org} from Pagure
 * to Forgejo without changing its name, so the name cannot tell. Pagure answers
 * {@code GET /api/0/version}, Forgejo {@code GET /api/v1/version}. The answer is cached per host
 * for a while (the switch happens once, a probe per request would double every call), can be
 * forgotten early (after a 404 or 410 from the forge, say), and can be pinned in configuration.
 * An instance is its host, or a path ending in {@code /} when the forge is served below one
 * (behind a proxy, in the sandbox): {@code https://h/distgit/} is probed at
 * {@code https://h/distgit/api/0/version}, while {@code https://h/rpms/hello} names {@code https://h}.
 *
 * <pre>{@code
 * DistGitBackendProbe probe = DistGitBackendProbe.builder().cacheFor(Duration.ofMinutes(10)).build();
 * ForgeKind kind = probe.backend(URI.create("https://src.fedoraproject.org/"));   // PAGURE, later FORGEJO
 * Forge distgit = probe.forge(URI.create("https://src.fedoraproject.org/"), ForgeCredentials.token(token));
 * DistGitBackendProbe pinned = DistGitBackendProbe.builder()
 *     .pin(URI.create("https://src.stg.fedoraproject.org/"), ForgeKind.FORGEJO).build();   // no probe
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DistGitBackendProbe {
  private final HttpService http;
  private final HttpTransport transport;
  private final Clock clock;
  private final Duration cacheFor;
  private final Map<String, ForgeKind> pins;
  private final Map<String, Answer> cache = new ConcurrentHashMap<>();

  private record Answer(ForgeKind kind, Instant until) {}

  private DistGitBackendProbe(Builder b) {
    this.transport = b.transport == null ? HttpTransport.jdk() : b.transport;
    this.clock = b.clock;
    this.cacheFor = b.cacheFor;
    this.pins = Map.copyOf(b.pins);
    HttpService.Builder hb = HttpService.builder().service("distgit-probe");
    if (b.options != null) {
      hb.options(b.options); // User-Agent, timeout and sleeper; the rest are the builder's, possibly overridden
    }
    this.http = hb.transport(transport).clock(clock).retryPolicy(b.retryPolicy).build();
  }

  /** @return a builder: 10 minutes of caching, nothing pinned */
  public static Builder builder() {
    return new Builder();
  }

  private static String key(URI instance) {
    Objects.requireNonNull(instance, "instance == null");
    if (instance.getHost() == null) {
      throw new IllegalArgumentException("not an instance URL: " + instance);
    }
    String scheme = instance.getScheme() == null ? "https" : instance.getScheme().toLowerCase(Locale.ROOT);
    // An instance root below a path ends in "/" (a proxy's /distgit/, the sandbox's /forgejo/);
    // anything else (a repository URL such as .../rpms/hello) names its host.
    String path = instance.getRawPath() == null ? "" : instance.getRawPath();
    String root = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : "";
    if (root.contains("/./") || root.contains("/../") || root.endsWith("/..") || root.endsWith("/.")) {
      throw new IllegalArgumentException("not an instance root: " + instance);
    }
    return scheme + "://" + instance.getRawAuthority().toLowerCase(Locale.ROOT) + root;
  }

  /**
   * Returns the forge serving a dist-git instance: the pinned one, the cached answer, or a probe.
   *
   * @param instance the instance root, such as {@code https://src.fedoraproject.org/}
   * @return {@link ForgeKind#PAGURE} or {@link ForgeKind#FORGEJO}
   * @throws PackitException when neither API answers (the message names both URLs and what they said)
   */
  public ForgeKind backend(URI instance) {
    String k = key(instance);
    ForgeKind pinned = pins.get(k);
    if (pinned != null) {
      return pinned;
    }
    Answer a = cache.get(k);
    Instant now = clock.instant();
    if (a != null && now.isBefore(a.until())) {
      return a.kind();
    }
    ForgeKind kind = probe(k);
    cache.put(k, new Answer(kind, now.plus(cacheFor)));
    return kind;
  }

  /**
   * Returns the cached answer without probing.
   *
   * @param instance the instance root
   * @return the pinned or still valid cached backend
   */
  public Optional<ForgeKind> cached(URI instance) {
    String k = key(instance);
    if (pins.containsKey(k)) {
      return Optional.of(pins.get(k));
    }
    Answer a = cache.get(k);
    return a != null && clock.instant().isBefore(a.until()) ? Optional.of(a.kind()) : Optional.empty();
  }

  /**
   * Forgets the cached answer for a host, so that the next {@link #backend} probes again (a pin
   * stays).
   *
   * @param instance the instance root
   */
  public void forget(URI instance) {
    cache.remove(key(instance));
  }

  /**
   * Builds the client for the backend that serves the instance.
   *
   * @param instance the instance root
   * @param credentials the token (a Pagure API token or a Forgejo access token: they differ)
   * @return a {@code PagureForge} or a {@code ForgejoForge}
   */
  public Forge forge(URI instance, ForgeCredentials credentials) {
    URI root = URI.create(key(instance) + "/");
    return backend(instance) == ForgeKind.FORGEJO
        ? Forgejo.builder().instance(root).transport(transport).clock(clock).credentials(credentials).build()
        : Pagure.builder().instance(root).transport(transport).clock(clock).credentials(credentials).build();
  }

  private ForgeKind probe(String root) {
    String pagure = answer(root + "/api/0/version", "version");
    if (pagure == null) {
      String forgejo = answer(root + "/api/v1/version", "version");
      if (forgejo == null) {
        throw new PackitException("cannot tell which forge serves " + root + ": neither " + root
            + "/api/0/version (Pagure) nor " + root + "/api/v1/version (Forgejo) answered with a version", null);
      }
      return ForgeKind.FORGEJO;
    }
    return ForgeKind.PAGURE;
  }

  /** Returns the field of a 200 JSON answer, or null for any other answer (a 404, an HTML page). */
  private String answer(String url, String field) {
    try (HttpResponse r = http.exchangeBuffered(HttpRequest.builder("GET", URI.create(url))
        .header("Accept", "application/json").build())) {
      if (r.status() != 200) {
        return null;
      }
      JsonNode n = HttpService.defaultObjectMapper().readTree(r.bytes());
      JsonNode v = n == null ? null : n.get(field);
      return v != null && v.isValueNode() && !v.asText().isBlank() ? v.asText() : null;
    } catch (IOException e) {
      return null; // not JSON: not the API we asked for
    }
  }

  @Override
  public String toString() {
    return "DistGitBackendProbe[cacheFor=" + cacheFor + ", pins=" + pins + "]";
  }

  /** Builds a {@link DistGitBackendProbe}. */
  public static final class Builder {
    private HttpTransport transport;
    private Clock clock = Clock.systemUTC();
    private Duration cacheFor = Duration.ofMinutes(10);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final Map<String, ForgeKind> pins = new ConcurrentHashMap<>();
    private dev.packit.core.http.HttpClientOptions options;

    private Builder() {}

    /**
     * Applies the shared client settings: transport (when set), retry policy, sleeper, clock, {@code User-Agent} and timeout (when set).
     * Setters called afterwards override single settings.
     *
     * @param options the shared settings, e.g. {@code FedoraServices.options()}
     * @return this builder
     * @since 0.2.0
     */
    public Builder options(dev.packit.core.http.HttpClientOptions options) {
      this.options = Objects.requireNonNull(options, "options == null");
      options.transport().ifPresent(t -> this.transport = t);
      this.retryPolicy = options.retryPolicy();
      this.clock = options.clock();
      return this;
    }

    /** @param transport the HTTP transport (default: the JDK client) @return this */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    /** @param clock the time (for the cache) @return this */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** @param policy retries of the probes @return this */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * How long an answer is used before the host is probed again.
     *
     * @param ttl zero probes every time
     * @return this
     */
    public Builder cacheFor(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl == null");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("ttl must not be negative");
      }
      this.cacheFor = ttl;
      return this;
    }

    /**
     * Pins the backend of a host: it is never probed.
     *
     * @param instance the instance root
     * @param kind {@link ForgeKind#PAGURE} or {@link ForgeKind#FORGEJO}
     * @return this
     */
    public Builder pin(URI instance, ForgeKind kind) {
      Objects.requireNonNull(kind, "kind == null");
      if (kind != ForgeKind.PAGURE && kind != ForgeKind.FORGEJO) {
        throw new IllegalArgumentException("dist-git runs on Pagure or Forgejo, not " + kind);
      }
      pins.put(key(instance), kind);
      return this;
    }

    /** @return the probe */
    public DistGitBackendProbe build() {
      return new DistGitBackendProbe(this);
    }
  }
}
