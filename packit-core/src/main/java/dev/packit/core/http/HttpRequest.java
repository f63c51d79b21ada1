package dev.packit.core.http;

import org.jspecify.annotations.Nullable;
import dev.packit.core.Redaction;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable HTTP request. The URI may be relative: {@link HttpService} resolves it against its
 * base URI (so clients write {@code "repos/o/r/releases"}).
 *
 * <pre>{@code
 * HttpRequest get = HttpRequest.get("repos/packit/ogr/releases?per_page=100");
 * HttpRequest create = HttpRequest.post("repos/packit/ogr/pulls", RequestBody.ofJson(pr))
 *     .header("Accept", "application/vnd.github+json")
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 * HttpRequest upsert = HttpRequest.post("upload.cgi", body).idempotent(true).build();
 * }</pre>
 *
 * <p>{@code idempotent} decides whether the request may be retried: GET, HEAD, PUT, DELETE,
 * OPTIONS and TRACE are by default; POST and PATCH only when the caller says so.
 * {@code followRedirects} (default {@code true}) lets {@link HttpService} follow 3xx answers; when
 * {@code false} the 3xx response is returned. {@link #toString()} redacts the URI and headers.
 *
 * @param method the method, upper case, such as {@code GET}
 * @param uri absolute, or relative to the service's base URI
 * @param headers the headers set by the caller
 * @param body the body, empty for none
 * @param idempotent whether repeating the request is harmless, so it may be retried
 * @param timeout how long to wait for the response headers; empty for the service's default
 * @param followRedirects whether {@link HttpService} follows redirects for this request
 */
public record HttpRequest(
    String method,
    URI uri,
    Headers headers,
    Optional<RequestBody> body,
    boolean idempotent,
    Optional<Duration> timeout,
    boolean followRedirects) {

  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

  /** Validates the components. */
  public HttpRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null (use Optional.empty())");
    Objects.requireNonNull(timeout, "timeout == null (use Optional.empty())");
    if (method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
      throw new IllegalArgumentException("invalid HTTP method: " + method);
    }
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout.get());
    }
  }

  /**
   * Whether a method is idempotent by default.
   *
   * @param method the method, any case
   * @return {@code true} for GET, HEAD, PUT, DELETE, OPTIONS and TRACE
   */
  public static boolean idempotentByDefault(String method) {
    return IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * A GET request.
   *
   * @param uri absolute, or relative to the service's base URI
   * @return the request
   */
  public static HttpRequest get(String uri) {
    return builder("GET", URI.create(uri)).build();
  }

  /**
   * A GET request.
   *
   * @param uri absolute, or relative to the service's base URI
   * @return the request
   */
  public static HttpRequest get(URI uri) {
    return builder("GET", uri).build();
  }

  /**
   * A HEAD request.
   *
   * @param uri absolute, or relative to the service's base URI
   * @return the request
   */
  public static HttpRequest head(String uri) {
    return builder("HEAD", URI.create(uri)).build();
  }

  /**
   * A DELETE request.
   *
   * @param uri absolute, or relative to the service's base URI
   * @return the request
   */
  public static HttpRequest delete(String uri) {
    return builder("DELETE", URI.create(uri)).build();
  }

  /**
   * Starts a POST request (not idempotent unless marked).
   *
   * @param uri absolute, or relative to the service's base URI
   * @param body the body
   * @return a builder
   */
  public static Builder post(String uri, RequestBody body) {
    return builder("POST", URI.create(uri)).body(body);
  }

  /**
   * Starts a PUT request.
   *
   * @param uri absolute, or relative to the service's base URI
   * @param body the body
   * @return a builder
   */
  public static Builder put(String uri, RequestBody body) {
    return builder("PUT", URI.create(uri)).body(body);
  }

  /**
   * Starts a PATCH request (not idempotent unless marked).
   *
   * @param uri absolute, or relative to the service's base URI
   * @param body the body
   * @return a builder
   */
  public static Builder patch(String uri, RequestBody body) {
    return builder("PATCH", URI.create(uri)).body(body);
  }

  /**
   * Starts a request.
   *
   * @param method the method, any case
   * @param uri absolute, or relative to the service's base URI
   * @return a builder
   */
  public static Builder builder(String method, URI uri) {
    return new Builder(method, uri);
  }

  /**
   * Returns a builder holding this request, to derive another.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(method, uri);
    b.headers = headers.toBuilder();
    b.body = body.orElse(null);
    b.idempotent = idempotent;
    b.timeout = timeout.orElse(null);
    b.followRedirects = followRedirects;
    return b;
  }

  /**
   * Returns a copy with a header set (replacing previous values); for interceptors.
   *
   * @param name the header name
   * @param value the value
   * @return the new request
   */
  public HttpRequest withHeader(String name, String value) {
    return new HttpRequest(method, uri, headers.with(name, value), body, idempotent, timeout, followRedirects);
  }

  /**
   * Returns a copy with another URI.
   *
   * @param uri the new URI
   * @return the new request
   */
  public HttpRequest withUri(URI uri) {
    return new HttpRequest(method, uri, headers, body, idempotent, timeout, followRedirects);
  }

  /** Prints the method, the redacted URI and headers, and the body's kind (never its content). */
  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + Redaction.url(uri) + ", headers=" + headers
        + body.map(b -> ", body=" + b).orElse("") + ", idempotent=" + idempotent
        + timeout.map(t -> ", timeout=" + t).orElse("") + (followRedirects ? "" : ", followRedirects=false") + "]";
  }

  /** Builds an {@link HttpRequest}; not thread-safe. */
  public static final class Builder {
    private final String method;
    private final URI uri;
    private Headers.Builder headers = Headers.builder();
    private RequestBody body;
    private Boolean idempotent;
    private Duration timeout;
    private boolean followRedirects = true;

    private Builder(String method, URI uri) {
      this.method = Objects.requireNonNull(method, "method == null").toUpperCase(Locale.ROOT);
      this.uri = Objects.requireNonNull(uri, "uri == null");
    }

    /**
     * Adds a header value.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /**
     * Replaces all headers.
     *
     * @param headers the headers
     * @return this builder
     */
    public Builder headers(Headers headers) {
      this.headers = headers.toBuilder();
      return this;
    }

    /**
     * Sets the body.
     *
     * @param body the body, or {@code null} for none
     * @return this builder
     */
    public Builder body(@Nullable RequestBody body) {
      this.body = body;
      return this;
    }

    /**
     * Marks whether repeating the request is harmless, which allows retries. Overrides the
     * method's default.
     *
     * @param idempotent {@code true} to allow retries
     * @return this builder
     */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /**
     * Sets how long to wait for the response headers.
     *
     * @param timeout the timeout, positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Whether {@link HttpService} follows redirects (default {@code true}).
     *
     * @param follow {@code false} to receive 3xx responses
     * @return this builder
     */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public HttpRequest build() {
      boolean idem = idempotent != null ? idempotent : idempotentByDefault(method);
      return new HttpRequest(method, uri, headers.build(), Optional.ofNullable(body), idem,
          Optional.ofNullable(timeout), followRedirects);
    }
  }
}
