package dev.packit.core.internal.http;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Redaction;
import dev.packit.core.http.Headers;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.Interceptor;
import dev.packit.core.http.RequestBody;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.http.Sleeper;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code HttpService} does: resolution, interceptors, redirects, retries, logging, errors. */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger("dev.packit.core.http");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<Integer> RETRY_STATUSES = Set.of(408, 500, 502, 503, 504);
  private static final List<String> REQUEST_ID_HEADERS = List.of(
      "X-GitHub-Request-Id", "X-Request-Id", "X-Fedora-Request-Id", "Request-Id", "X-Correlation-Id",
      "X-Amz-Request-Id");
  private static final long UNTIMED_BODY_BYTES = 1L << 20;
  private static final int EXCERPT_BYTES = 4096;
  // GitHub: "if x-ratelimit-remaining is 0 and no reset is given, wait at least a minute".
  private static final Duration UNKNOWN_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

  private final String service;
  private final URI baseUri;
  private final HttpTransport transport;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final RandomGenerator random;
  private final List<Interceptor> interceptors;
  private final String userAgent;
  private final Duration timeout;
  private final int maxRedirects;
  private final ObjectMapper mapper;
  private final Retry retry;

  public Pipeline(String service, URI baseUri, HttpTransport transport, RetryPolicy policy, Sleeper sleeper,
      Clock clock, RandomGenerator random, List<Interceptor> interceptors, String userAgent, Duration timeout,
      int maxRedirects, ObjectMapper mapper) {
    this.service = service;
    this.baseUri = baseUri;
    this.transport = transport;
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.interceptors = interceptors;
    this.userAgent = userAgent;
    this.timeout = timeout;
    this.maxRedirects = maxRedirects;
    this.mapper = mapper;
    RetryConfig config = RetryConfig.<Outcome>custom()
        .maxAttempts(policy.maxAttempts())
        .retryOnResult(Outcome::retry)
        .retryOnException(Pipeline::retryableFailure)
        .intervalBiFunction(this::interval)
        .failAfterMaxAttempts(false)
        .build();
    this.retry = Retry.of(service, config);
  }

  /** The result the retry decides on: was it worth another try, and did the server say when. */
  record Outcome(boolean retry, Duration serverWait) {}

  /** A finished call: the last response and how many attempts it took. */
  record Result(HttpRequest request, HttpResponse response, int attempts, Duration serverWait, List<String> secrets) {}

  public URI resolve(URI uri) {
    if (uri.isAbsolute()) {
      return uri;
    }
    if (baseUri == null) {
      throw new IllegalArgumentException(service + ": relative URI " + Redaction.url(uri)
          + " but the service has no base URI");
    }
    return baseUri.resolve(uri);
  }

  public HttpResponse execute(HttpRequest request) {
    Result result = run(request);
    if (result.response().status() < 400) {
      return result.response();
    }
    throw error(result, null, null);
  }

  public HttpResponse exchange(HttpRequest request) {
    return run(request).response();
  }

  public String executeText(HttpRequest request) {
    Result result = runBuffered(request);
    if (result.response().status() >= 400) {
      throw error(result, null, null);
    }
    return new String(readAll(result), result.response().charset());
  }

  /** Like {@link #exchange} with the body read into memory; a body that breaks off is fetched again when safe. */
  public HttpResponse exchangeBuffered(HttpRequest request) {
    return runBuffered(request).response();
  }

  /** Like {@link #execute} with the body read into memory; a body that breaks off is fetched again when safe. */
  public HttpResponse executeBuffered(HttpRequest request) {
    Result result = runBuffered(request);
    if (result.response().status() < 400) {
      return result.response();
    }
    throw error(result, null, null);
  }

  public <T> T executeJson(HttpRequest request, JavaType type) {
    HttpRequest req = request.headers().contains("Accept") ? request : request.withHeader("Accept", "application/json");
    Result result = runBuffered(req);
    if (result.response().status() >= 400) {
      throw error(result, null, null);
    }
    byte[] bytes = readAll(result);
    if (type.getRawClass() == Void.class || type.getRawClass() == void.class) {
      return null;
    }
    try {
      return mapper.readValue(bytes, type);
    } catch (IOException e) {
      String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.toString();
      String excerpt = new String(bytes, 0, Math.min(bytes.length, EXCERPT_BYTES), result.response().charset());
      throw error(result, "response is not valid JSON for " + type.getRawClass().getSimpleName() + ": " + why, excerpt);
    }
  }

  private byte[] readAll(Result result) {
    try (HttpResponse r = result.response(); InputStream in = r.body()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new PackitIoException(service, result.request().method(), result.request().uri().toString(),
          result.attempts(), e);
    }
  }

  // ---------------------------------------------------------------- retries

  /**
   * Runs a request and reads the whole body. A body that breaks off (connection closed before
   * {@code Content-Length} bytes, reset, timeout while reading) fails like a failed exchange: an
   * idempotent request is sent again within the policy's attempts and time, others fail.
   */
  Result runBuffered(HttpRequest request) {
    Instant deadline = saturatedPlus(clock.instant(), policy.maxTotalTime());
    int attempts = 0;
    while (true) {
      Result result = run(request);
      attempts += result.attempts();
      HttpResponse r = result.response();
      try (r; InputStream in = r.body()) {
        byte[] bytes = in.readAllBytes();
        return new Result(result.request(), HttpResponse.of(r.status(), r.headers(), bytes), attempts,
            result.serverWait(), result.secrets());
      } catch (IOException e) {
        HttpRequest prepared = result.request();
        boolean again = prepared.idempotent() && prepared.body().map(RequestBody::repeatable).orElse(true)
            && retryableFailure(e) && attempts < policy.maxAttempts();
        long delay = policy.backoff(attempts).toMillis();
        if (!again || !fits(delay, deadline)) {
          throw new PackitIoException(service, prepared.method(), prepared.uri().toString(), attempts,
              new IOException("reading the response body of " + r.status() + ": " + e.getMessage(), e));
        }
        if (LOG.isDebugEnabled()) {
          LOG.debug("{} {} {}: the body broke off ({}), sending again", service, prepared.method(),
              Redaction.url(prepared.uri()), Redaction.text(e.toString()));
        }
        pause(delay, prepared, attempts, e);
      }
    }
  }

  Result run(HttpRequest request) {
    HttpRequest prepared = prepare(request);
    boolean retryable = prepared.idempotent() && policy.maxAttempts() > 1
        && prepared.body().map(RequestBody::repeatable).orElse(true);
    Retry.AsyncContext<Outcome> context = retryable ? retry.asyncContext() : null;
    Instant start = clock.instant();
    Instant deadline = saturatedPlus(start, policy.maxTotalTime());
    // Exact secret values met on the way (headers, userinfo, signed redirect URLs), to scrub echoes.
    List<String> secrets = java.util.Collections.synchronizedList(new ArrayList<>());
    int attempt = 0;
    while (true) {
      attempt++;
      HttpResponse response;
      try {
        response = new Chain(0, attempt, prepared, prepared, secrets).proceed(prepared);
      } catch (IOException e) {
        long delay = context == null ? -1 : context.onError(e);
        if (delay < 0 || !fits(delay, deadline)) {
          throw new PackitIoException(service, prepared.method(), prepared.uri().toString(), attempt, e);
        }
        pause(delay, prepared, attempt, e);
        continue;
      }
      Duration serverWait = serverWait(response);
      if (context != null) {
        long delay = context.onResult(new Outcome(retryableStatus(response), serverWait));
        if (delay >= 0 && fits(delay, deadline)) {
          response.close();
          pause(delay, prepared, attempt, null);
          continue;
        }
      }
      return new Result(prepared, response, attempt, serverWait, secrets);
    }
  }

  private HttpRequest prepare(HttpRequest request) {
    Headers headers = request.headers();
    if (!headers.contains("User-Agent")) {
      headers = headers.with("User-Agent", userAgent);
    }
    Optional<RequestBody> body = request.body();
    if (body.isPresent() && !headers.contains("Content-Type")) {
      headers = headers.with("Content-Type", body.get().contentType());
    }
    Optional<Duration> t = request.timeout();
    if (t.isEmpty()) {
      long length = body.map(RequestBody::contentLength).orElse(0L);
      // java.net.http counts the upload against the timeout: big or unknown uploads get none.
      if (length >= 0 && length <= UNTIMED_BODY_BYTES) {
        t = Optional.of(timeout);
      }
    }
    return new HttpRequest(request.method(), resolve(request.uri()), headers, body, request.idempotent(), t,
        request.followRedirects());
  }

  private static boolean retryableFailure(Throwable t) {
    if (!(t instanceof IOException)) {
      return false;
    }
    if (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
      return false; // the caller interrupted us
    }
    // Our own mistakes (a missing file to upload, a redirect loop) will not pass by waiting.
    return !(t instanceof FileSystemException || t instanceof FileNotFoundException || t instanceof ProtocolException);
  }

  private Long interval(Integer failedAttempt, Either<Throwable, Outcome> outcome) {
    if (outcome.isRight() && outcome.get().serverWait() != null) {
      return outcome.get().serverWait().toMillis();
    }
    long base = policy.backoff(failedAttempt).toMillis();
    if (policy.jitter() == 0 || base == 0) {
      return base;
    }
    double r;
    if (random == null) {
      r = ThreadLocalRandom.current().nextDouble();
    } else {
      synchronized (random) {
        r = random.nextDouble();
      }
    }
    return Math.max(0, Math.round(base * (1 + policy.jitter() * (2 * r - 1))));
  }

  private boolean fits(long delayMillis, Instant deadline) {
    return !clock.instant().plusMillis(delayMillis).isAfter(deadline);
  }

  private void pause(long delayMillis, HttpRequest request, int attempt, IOException failure) {
    try {
      sleeper.sleep(Duration.ofMillis(delayMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while waiting to retry");
      io.initCause(e);
      if (failure != null) {
        io.addSuppressed(failure);
      }
      throw new PackitIoException(service, request.method(), request.uri().toString(), attempt, io);
    }
  }

  private static Instant saturatedPlus(Instant start, Duration d) {
    try {
      return start.plus(d);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Instant.MAX;
    }
  }

  static boolean rateLimited(HttpResponse r) {
    if (r.status() == 429) {
      return true;
    }
    return r.status() == 403 && ("0".equals(r.header("X-RateLimit-Remaining").orElse("").trim())
        || r.header("Retry-After").isPresent());
  }

  private static boolean retryableStatus(HttpResponse r) {
    return RETRY_STATUSES.contains(r.status()) || rateLimited(r);
  }

  /** The wait the server asked for: Retry-After, else a rate-limit reset; null when it did not say. */
  Duration serverWait(HttpResponse r) {
    if (!retryableStatus(r)) {
      return null;
    }
    Instant now = clock.instant();
    Optional<Duration> retryAfter = r.header("Retry-After").flatMap(v -> RetryAfter.parse(v, now));
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    if (rateLimited(r)) {
      Optional<String> reset = r.header("X-RateLimit-Reset").or(() -> r.header("RateLimit-Reset"));
      Optional<Duration> wait = reset.flatMap(v -> RetryAfter.parseReset(v, now));
      if (wait.isPresent()) {
        return wait.get();
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- interceptors and redirects

  private final class Chain implements Interceptor.Chain {
    private final int index;
    private final int attempt;
    private final HttpRequest request;
    private final HttpRequest original;
    private final List<String> secrets;

    Chain(int index, int attempt, HttpRequest request, HttpRequest original, List<String> secrets) {
      this.index = index;
      this.attempt = attempt;
      this.request = request;
      this.original = original;
      this.secrets = secrets;
    }

    @Override
    public HttpRequest request() {
      return request;
    }

    @Override
    public HttpResponse proceed(HttpRequest next) throws IOException {
      Objects.requireNonNull(next, "an interceptor passed a null request");
      if (index < interceptors.size()) {
        Interceptor interceptor = interceptors.get(index);
        HttpResponse r = interceptor.intercept(new Chain(index + 1, attempt, next, original, secrets));
        return Objects.requireNonNull(r, () -> "interceptor " + interceptor + " returned null");
      }
      return follow(original, next.uri().isAbsolute() ? next : next.withUri(resolve(next.uri())), attempt, secrets);
    }

    @Override
    public String service() {
      return service;
    }

    @Override
    public int attempt() {
      return attempt;
    }
  }

  private HttpResponse follow(HttpRequest original, HttpRequest request, int attempt, List<String> secrets)
      throws IOException {
    HttpRequest current = request;
    for (int hops = 0; ; hops++) {
      collectSecrets(current, secrets);
      HttpResponse r = send(current, attempt);
      if (!current.followRedirects() || !REDIRECTS.contains(r.status())) {
        return r;
      }
      Optional<String> location = r.header("Location");
      if (location.isEmpty()) {
        return r;
      }
      URI next;
      try {
        next = current.uri().resolve(new URI(location.get().trim()));
      } catch (URISyntaxException e) {
        return r; // let the caller see the odd Location
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
        return r;
      }
      boolean toGet = r.status() == 303 && !current.method().equals("HEAD")
          || (r.status() == 301 || r.status() == 302) && current.method().equals("POST");
      if (!toGet && current.body().isPresent() && !current.body().get().repeatable()) {
        return r; // cannot resend a one-shot body
      }
      if (hops >= maxRedirects) {
        r.close();
        throw new ProtocolException("more than " + maxRedirects + " redirects, the last to " + Redaction.url(next));
      }
      r.close();
      Headers headers = sameOrigin(current.uri(), next) ? current.headers() : withoutCredentials(original.headers());
      Optional<RequestBody> body = current.body();
      String method = current.method();
      if (toGet) {
        method = "GET";
        body = Optional.empty();
        headers = headers.without("Content-Type").without("Content-Length");
      }
      current = new HttpRequest(method, next, headers, body, current.idempotent() || toGet, current.timeout(), true);
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** The caller's headers without anything that authenticates: for a redirect to another origin. */
  private Headers withoutCredentials(Headers headers) {
    Headers h = headers;
    for (String name : headers.names()) {
      if (Redaction.isSensitiveHeader(name)) {
        h = h.without(name);
      }
    }
    for (Interceptor i : interceptors) {
      if (i instanceof HeaderInterceptor hi && hi.credential()) {
        h = h.without(hi.headerName());
      }
    }
    return h;
  }

  private HttpResponse send(HttpRequest request, int attempt) throws IOException {
    long t0 = System.nanoTime();
    try {
      HttpResponse r = transport.send(request);
      if (r == null) {
        throw new IOException("the transport returned no response");
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} {} {} -> {} in {} ms (attempt {})", service, request.method(), Redaction.url(request.uri()),
            r.status(), (System.nanoTime() - t0) / 1_000_000, attempt);
      }
      return r;
    } catch (IOException e) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} {} {} -> failed in {} ms (attempt {}): {}", service, request.method(),
            Redaction.url(request.uri()), (System.nanoTime() - t0) / 1_000_000, attempt, Redaction.text(e.toString()));
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- errors

  private PackitServiceException error(Result result, String detail, String bodyText) {
    HttpResponse r = result.response();
    String body = bodyText != null ? bodyText : excerpt(r);
    List<String> secrets = new ArrayList<>(result.secrets());
    collectSecrets(result.request(), secrets);
    PackitServiceException.Builder b = PackitServiceException.builder()
        .service(service)
        .method(result.request().method())
        .url(result.request().uri().toString())
        .status(r.status())
        .requestId(requestId(r.headers()))
        .body(Redaction.text(body, secrets))
        .attempts(result.attempts());
    if (detail != null) {
      b.detail(Redaction.text(detail, secrets)).retryable(false);
    } else if (rateLimited(r)) {
      b.retryAfter(result.serverWait() != null ? result.serverWait() : UNKNOWN_RATE_LIMIT_WAIT);
    } else if (result.serverWait() != null) {
      b.retryAfter(result.serverWait());
    }
    return b.build();
  }

  private static String excerpt(HttpResponse r) {
    try (r; InputStream in = r.body()) {
      byte[] bytes = in.readNBytes(EXCERPT_BYTES);
      return new String(bytes, r.charset());
    } catch (IOException e) {
      return "";
    }
  }

  private static String requestId(Headers headers) {
    for (String name : REQUEST_ID_HEADERS) {
      Optional<String> v = headers.firstValue(name);
      if (v.isPresent()) {
        return Redaction.text(v.get());
      }
    }
    return null;
  }

  /** Adds the exact secret values a request carries, so a service echoing one back cannot leak it. */
  private void collectSecrets(HttpRequest request, List<String> out) {
    request.headers().toMap().forEach((name, values) -> {
      if (Redaction.isSensitiveHeader(name)) {
        values.forEach(v -> addCredential(out, v));
      }
    });
    for (Interceptor i : interceptors) {
      if (i instanceof HeaderInterceptor hi && hi.credential()) {
        request.headers().firstValue(hi.headerName()).ifPresent(v -> addCredential(out, v));
      }
    }
    String userInfo = request.uri().getRawUserInfo();
    if (userInfo != null) {
      out.add(userInfo);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        out.add(userInfo.substring(colon + 1));
      }
    }
    String query = request.uri().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && eq < pair.length() - 1) {
          String name = pair.substring(0, eq);
          // Redaction owns the list of secret parameter names: ask it whether it would mask this one.
          if (!Redaction.url("?" + name + "=v").endsWith("=v")) {
            String value = pair.substring(eq + 1);
            out.add(value);
            out.add(java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
    }
  }

  private static void addCredential(List<String> out, String value) {
    out.add(value);
    int space = value.indexOf(' ');
    if (space > 0) {
      out.add(value.substring(space + 1).trim()); // "Bearer <token>": the token alone
    }
  }
}
