package dev.packit.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.AuthenticationException;
import dev.packit.core.ConflictException;
import dev.packit.core.NotFoundException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.PackitVersion;
import dev.packit.core.RateLimitedException;
import dev.packit.core.Redaction;
import dev.packit.core.internal.http.Json;
import dev.packit.core.internal.http.Pipeline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The front door every packit-java client talks through: resolves relative URIs, runs the
 * interceptors, follows redirects safely, retries what is safe to retry, logs one redacted DEBUG
 * line per exchange and turns errors into {@link PackitServiceException}s.
 *
 * <pre>{@code
 * HttpService github = HttpService.builder()
 *     .service("github")
 *     .baseUri("https://api.github.com/")
 *     .interceptor(Interceptor.bearer(Secret.of(System.getenv("GITHUB_TOKEN"))))
 *     .build();
 * JsonNode repo = github.executeJson(HttpRequest.get("repos/packit/ogr"), JsonNode.class);
 * try (HttpResponse r = github.execute(HttpRequest.get("repos/packit/ogr/tarball/0.50.0"))) {
 *   Files.copy(r.body(), Path.of("ogr.tar.gz"));
 * }
 * }</pre>
 *
 * <p><b>Pipeline</b>, per call: the URI is resolved against {@link #baseUri()}; {@code User-Agent}
 * ({@code packit-java/<version>}) and the body's {@code Content-Type} are added when absent; then
 * for each attempt the interceptors run in order, then redirects are followed (301, 302, 303, 307,
 * 308; at most {@code maxRedirects}): on the same origin with every header, to another origin
 * (scheme, host or port differ) without {@code Authorization}, cookies or any header a credential
 * interceptor set; then the {@link HttpTransport} sends it.
 *
 * <p><b>Retries</b> (Resilience4j Retry, waits through the injected {@link Sleeper} and
 * {@link Clock}): only for idempotent requests with a repeatable body; on {@link java.io.IOException}
 * (connection reset or refused, timeout) and on 408, 429, 500, 502, 503, 504 and a 403 that is a
 * rate limit ({@code x-ratelimit-remaining: 0} or a {@code Retry-After}). The wait is the
 * {@code Retry-After} (seconds or HTTP date), else the rate-limit reset ({@code X-RateLimit-Reset}
 * or {@code RateLimit-Reset}; epoch seconds or, below 10^9, seconds from now), else the policy's
 * exponential backoff with jitter. A wait that would end after the policy's total time gives up at once.
 *
 * <p><b>Errors</b>: {@link #execute} returns 2xx and 3xx responses and throws for the rest,
 * through {@link PackitServiceException#builder()}: 404 {@link NotFoundException}, 401/403
 * {@link AuthenticationException}, 429 or a rate-limit 403 {@link RateLimitedException} (with
 * {@code retryAfter()}), 409 {@link ConflictException}; each with the attempts made, the request id
 * header and a redacted body excerpt. A failed exchange becomes a {@link PackitIoException}.
 *
 * <p>Immutable and thread-safe; share one per service. {@link #toString()} prints no secrets.
 */
public final class HttpService {
  private final String service;
  private final URI baseUri;
  private final HttpTransport transport;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final RandomGenerator random;
  private final List<Interceptor> interceptors;
  private final String userAgent;
  private final Duration timeout;
  private final int maxRedirects;
  private final ObjectMapper objectMapper;
  private final Pipeline pipeline;

  private HttpService(Builder b) {
    this.service = b.service;
    this.baseUri = b.baseUri;
    this.transport = b.transport;
    this.retryPolicy = b.retryPolicy;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.random = b.random;
    this.interceptors = List.copyOf(b.interceptors);
    this.userAgent = b.userAgent;
    this.timeout = b.timeout;
    this.maxRedirects = b.maxRedirects;
    this.objectMapper = b.objectMapper;
    this.pipeline = new Pipeline(service, baseUri, transport, retryPolicy, sleeper, clock, random, interceptors,
        userAgent, timeout, maxRedirects, objectMapper);
  }

  /**
   * Starts a builder; {@link Builder#service(String)} is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this service's settings, to derive another (e.g. with a token).
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.service = service;
    b.baseUri = baseUri;
    b.transport = transport;
    b.retryPolicy = retryPolicy;
    b.sleeper = sleeper;
    b.clock = clock;
    b.random = random;
    b.interceptors.addAll(interceptors);
    b.userAgent = userAgent;
    b.timeout = timeout;
    b.maxRedirects = maxRedirects;
    b.objectMapper = objectMapper;
    return b;
  }

  /**
   * Returns packit-java's shared mapper: unknown properties ignored, dates written as ISO strings
   * (no Java time module: parse dates from strings). Do not reconfigure it; {@code copy()} it.
   *
   * @return the shared mapper
   */
  public static ObjectMapper defaultObjectMapper() {
    return Json.shared();
  }

  /** @return the service name used in logs and exceptions, such as {@code github} */
  public String service() {
    return service;
  }

  /** @return the URI relative request URIs are resolved against, if set */
  public Optional<URI> baseUri() {
    return Optional.ofNullable(baseUri);
  }

  /** @return the retry policy */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** @return the mapper the JSON helpers use */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /**
   * Resolves a URI against the base URI.
   *
   * @param uri absolute, or relative to the base URI
   * @return the absolute URI
   * @throws IllegalArgumentException when the URI is relative and there is no base URI
   */
  public URI resolve(String uri) {
    return pipeline.resolve(URI.create(uri));
  }

  /**
   * Sends a request and returns a 2xx or 3xx response (stream it, then close it).
   *
   * @param request the request
   * @return the response; the caller closes it
   * @throws PackitServiceException (a leaf chosen by status) when the service answered 4xx or 5xx
   * @throws PackitIoException when the exchange failed on every attempt
   */
  public HttpResponse execute(HttpRequest request) {
    return pipeline.execute(request);
  }

  /**
   * Sends a request through the same pipeline (retries, redirects) and returns the response
   * whatever its status, for callers that branch on it themselves.
   *
   * @param request the request
   * @return the response; the caller closes it
   * @throws PackitIoException when the exchange failed on every attempt
   */
  public HttpResponse exchange(HttpRequest request) {
    return pipeline.exchange(request);
  }

  /**
   * Sends a request and returns a 2xx or 3xx response whose body is already read into memory. A
   * body that breaks off (the connection closes before {@code Content-Length} bytes, a reset while
   * reading) is a failed attempt: idempotent requests are sent again under the retry policy. Use it
   * for small bodies; {@link #execute} streams.
   *
   * <pre>{@code
   * try (HttpResponse r = http.executeBuffered(HttpRequest.get("api/0/rpms/hello"))) {
   *   JsonNode project = HttpService.defaultObjectMapper().readTree(r.bytes());
   * }
   * }</pre>
   *
   * @param request the request
   * @return the response with an in-memory body
   * @throws PackitServiceException (a leaf chosen by status) when the service answered 4xx or 5xx
   * @throws PackitIoException when the exchange or the body failed on every attempt
   */
  public HttpResponse executeBuffered(HttpRequest request) {
    return pipeline.executeBuffered(request);
  }

  /**
   * Like {@link #exchange} (any status), with the body read into memory and a body that breaks off
   * retried as in {@link #executeBuffered}.
   *
   * @param request the request
   * @return the response with an in-memory body
   * @throws PackitIoException when the exchange or the body failed on every attempt
   */
  public HttpResponse exchangeBuffered(HttpRequest request) {
    return pipeline.exchangeBuffered(request);
  }

  /**
   * Sends a request and returns the body as text.
   *
   * @param request the request
   * @return the body decoded with its charset
   * @throws PackitServiceException when the service answered 4xx or 5xx
   * @throws PackitIoException when the exchange failed
   */
  public String executeText(HttpRequest request) {
    return pipeline.executeText(request);
  }

  /**
   * Sends a request (adding {@code Accept: application/json} when absent) and maps the JSON body.
   *
   * @param request the request
   * @param type the type to map to; {@code Void.class} for responses without a body
   * @param <T> the result type
   * @return the mapped body, {@code null} only for {@code Void.class}
   * @throws PackitServiceException when the service answered 4xx or 5xx, or with a body that is
   *     not valid JSON for {@code type} (then {@code retryable()} is {@code false})
   * @throws PackitIoException when the exchange failed
   */
  public <T> T executeJson(HttpRequest request, Class<T> type) {
    return pipeline.executeJson(request, objectMapper.constructType(type));
  }

  /**
   * Sends a request and maps the JSON body to a generic type.
   *
   * <pre>{@code
   * List<Release> releases = github.executeJson(HttpRequest.get("repos/o/r/releases"), new TypeReference<>() {});
   * }</pre>
   *
   * @param request the request
   * @param type the type to map to
   * @param <T> the result type
   * @return the mapped body
   * @throws PackitServiceException when the service answered 4xx or 5xx or the JSON is invalid
   * @throws PackitIoException when the exchange failed
   */
  public <T> T executeJson(HttpRequest request, TypeReference<T> type) {
    return pipeline.executeJson(request, objectMapper.constructType(type));
  }

  /** Prints the service, base URI, policy and interceptors; never a secret. */
  @Override
  public String toString() {
    return "HttpService[" + service + (baseUri == null ? "" : " " + Redaction.url(baseUri)) + ", transport="
        + transport + ", retry=" + retryPolicy + ", interceptors=" + interceptors + "]";
  }

  /** Builds an {@link HttpService}; not thread-safe. */
  public static final class Builder {
    private String service;
    private URI baseUri;
    private HttpTransport transport;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private String userAgent = PackitVersion.userAgent();
    private Duration timeout = Duration.ofSeconds(60);
    private int maxRedirects = 10;
    private ObjectMapper objectMapper = Json.shared();

    private Builder() {}

    /**
     * @param service the name in logs and exceptions, such as {@code github} or {@code bodhi}
     * @return this builder
     */
    public Builder service(String service) {
      Objects.requireNonNull(service, "service == null");
      if (service.isBlank()) {
        throw new IllegalArgumentException("service name is blank");
      }
      this.service = service;
      return this;
    }

    /**
     * @param baseUri the URI relative requests are resolved against; a trailing {@code /} is
     *     added when missing so {@code "projects"} resolves below {@code .../api/v4/}
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri == null");
      if (!baseUri.isAbsolute() || baseUri.getHost() == null) {
        throw new IllegalArgumentException("base URI must be absolute with a host: " + Redaction.url(baseUri));
      }
      String s = baseUri.toString();
      this.baseUri = s.endsWith("/") || baseUri.getRawQuery() != null ? baseUri : URI.create(s + "/");
      return this;
    }

    /**
     * @param baseUri the base URI as text
     * @return this builder
     */
    public Builder baseUri(String baseUri) {
      return baseUri(URI.create(baseUri));
    }

    /**
     * @param transport the transport; default {@link HttpTransport#jdk()}
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    /**
     * @param retryPolicy the retry policy; default {@link RetryPolicy#defaults()}
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * @param sleeper waits between attempts; default {@link Sleeper#system()}
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * @param clock measures the retry budget and rate-limit resets; default UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * @param random jitter source; used under a lock, so any generator will do. Default:
     *     {@code ThreadLocalRandom}
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * Adds an interceptor after those already added (the first added runs outermost).
     *
     * @param interceptor the interceptor
     * @return this builder
     */
    public Builder interceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor == null"));
      return this;
    }

    /**
     * Replaces all interceptors.
     *
     * @param interceptors the interceptors, in order
     * @return this builder
     */
    public Builder interceptors(List<Interceptor> interceptors) {
      this.interceptors.clear();
      interceptors.forEach(this::interceptor);
      return this;
    }

    /**
     * Applies shared client settings: transport (when set), retry policy, sleeper, clock,
     * {@code User-Agent} and timeout (when set). Later setters override single settings.
     *
     * <pre>{@code
     * HttpService http = HttpService.builder().service("mine").options(options).build();
     * }</pre>
     *
     * @param options the shared settings
     * @return this builder
     * @since 0.2.0
     */
    public Builder options(HttpClientOptions options) {
      Objects.requireNonNull(options, "options == null");
      options.transport().ifPresent(this::transport);
      retryPolicy(options.retryPolicy());
      sleeper(options.sleeper());
      clock(options.clock());
      options.userAgent().ifPresent(this::userAgent);
      options.timeout().ifPresent(this::timeout);
      return this;
    }

    /**
     * @param userAgent the {@code User-Agent} sent when a request has none; default
     *     {@code packit-java/<version>}
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      Headers.checkValue("User-Agent", userAgent);
      this.userAgent = userAgent;
      return this;
    }

    /**
     * @param timeout how long to wait for response headers when the request sets no timeout;
     *     not applied to requests with bodies over 1 MiB (an upload may take longer), default 60 s
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * @param maxRedirects how many redirects one attempt follows, 0 to follow none; default 10
     * @return this builder
     */
    public Builder maxRedirects(int maxRedirects) {
      if (maxRedirects < 0) {
        throw new IllegalArgumentException("maxRedirects must be >= 0: " + maxRedirects);
      }
      this.maxRedirects = maxRedirects;
      return this;
    }

    /**
     * @param objectMapper the mapper the JSON helpers use; default {@link #defaultObjectMapper()}
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper == null");
      return this;
    }

    /**
     * Builds the service.
     *
     * @return the service
     * @throws IllegalStateException when no service name was set
     */
    public HttpService build() {
      if (service == null) {
        throw new IllegalStateException("service name required, e.g. .service(\"github\")");
      }
      if (transport == null) {
        transport = HttpTransport.jdk();
      }
      return new HttpService(this);
    }
  }
}
