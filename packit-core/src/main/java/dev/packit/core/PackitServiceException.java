package dev.packit.core;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A service answered with an error: GitHub, Pagure, Koji, Bodhi, the lookaside cache.
 *
 * <pre>{@code
 * throw PackitServiceException.builder()
 *     .service("bodhi").method("POST").url(url).status(400)
 *     .requestId(requestId).body(responseText).attempts(1)
 *     .build();        // picks the leaf type by status: 404 -> NotFoundException, ...
 * }</pre>
 *
 * <p>Carries what a bot needs to decide and to report: the service, the HTTP status (0 when the
 * error was not an HTTP status, like an XML-RPC fault), the method and the redacted URL, the
 * request id if the service sent one, a short redacted excerpt of the body and the attempts made.
 */
public class PackitServiceException extends PackitException {
  private static final long serialVersionUID = 1L;
  private static final int EXCERPT = 300;

  private final String service;
  private final String method;
  private final String url;
  private final int status;
  private final String requestId;
  private final String bodyExcerpt;
  private final int attempts;
  private final boolean retryable;

  /**
   * Creates an exception from a builder; subclasses call this.
   *
   * @param b the builder holding the details
   */
  protected PackitServiceException(Builder b) {
    super(b.message(), b.cause);
    this.service = b.service;
    this.method = b.method;
    this.url = Redaction.url(b.url);
    this.status = b.status;
    this.requestId = b.requestId;
    this.bodyExcerpt = b.excerpt();
    this.attempts = b.attempts;
    this.retryable = b.retryable != null ? b.retryable : defaultRetryable(b.status);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the service name, such as {@code github} or {@code koji} */
  public String service() {
    return service;
  }

  /** @return the HTTP method of the failed request, empty when not applicable */
  public String method() {
    return method;
  }

  /** @return the redacted URL of the failed request, empty when not applicable */
  public String url() {
    return url;
  }

  /** @return the HTTP status, or 0 when the error was not an HTTP status */
  public int status() {
    return status;
  }

  /** @return the request id the service sent (e.g. {@code X-GitHub-Request-Id}), if any */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** @return a short, redacted excerpt of the response body, possibly empty */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }

  /** @return how many attempts were made before giving up, at least 1 */
  public int attempts() {
    return attempts;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }

  /**
   * Returns a copy of this exception's details as a builder, for example to record more attempts.
   *
   * @return a builder initialised from this exception
   */
  public Builder toBuilder() {
    Builder b = new Builder().service(service).method(method).url(url).status(status)
        .attempts(attempts).retryable(retryable).cause(getCause());
    b.requestId = requestId;
    b.body = bodyExcerpt;
    b.detail = null;
    if (this instanceof RateLimitedException r) {
      r.retryAfter().ifPresent(b::retryAfter);
    }
    return b;
  }

  static boolean defaultRetryable(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** Collects the details of a service error; {@link #build()} picks the leaf type by status. */
  public static final class Builder {
    private String service = "service";
    private String method = "";
    private String url = "";
    private int status;
    private String requestId;
    private String body = "";
    private String detail;
    private int attempts = 1;
    private Boolean retryable;
    private Duration retryAfter;
    private Throwable cause;

    Builder() {}

    /**
     * @param service service name such as {@code github}
     * @return this builder
     */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service == null");
      return this;
    }

    /**
     * @param method HTTP method of the failed request
     * @return this builder
     */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method == null");
      return this;
    }

    /**
     * @param url request URL; it is redacted before it is stored
     * @return this builder
     */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url == null");
      return this;
    }

    /**
     * @param status HTTP status, or 0 when not an HTTP error
     * @return this builder
     */
    public Builder status(int status) {
      this.status = status;
      return this;
    }

    /**
     * @param requestId the request id header the service sent, may be {@code null}
     * @return this builder
     */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId == null || requestId.isBlank() ? null : requestId;
      return this;
    }

    /**
     * @param body response body text; redacted and cut to a short excerpt
     * @return this builder
     */
    public Builder body(String body) {
      this.body = body == null ? "" : body;
      return this;
    }

    /**
     * @param detail a human explanation put in the message before the body excerpt, e.g. Bodhi's error list
     * @return this builder
     */
    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    /**
     * @param attempts attempts made, at least 1
     * @return this builder
     */
    public Builder attempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
      }
      this.attempts = attempts;
      return this;
    }

    /**
     * @param retryable overrides the status-based default (408, 429, 500, 502, 503, 504 are retryable)
     * @return this builder
     */
    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    /**
     * @param retryAfter how long the service asked us to wait (rate limits)
     * @return this builder
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * @param cause the underlying cause, may be {@code null}
     * @return this builder
     */
    public Builder cause(@Nullable Throwable cause) {
      this.cause = cause;
      return this;
    }

    Duration retryAfterValue() {
      return retryAfter;
    }

    /**
     * Builds the exception of the type the status calls for: 404/410 {@link NotFoundException},
     * 401/403 {@link AuthenticationException} (403 with a retry-after is a rate limit), 429 (or a
     * retry-after) {@link RateLimitedException}, 409 {@link ConflictException}, else the base type.
     *
     * @return the exception, to be thrown by the caller
     */
    public PackitServiceException build() {
      if (status == 429 || (retryAfter != null && (status == 403 || status == 503 || status == 0))) {
        return new RateLimitedException(this);
      }
      if (status == 404 || status == 410) {
        return new NotFoundException(this);
      }
      if (status == 401 || status == 403) {
        return new AuthenticationException(this);
      }
      if (status == 409) {
        return new ConflictException(this);
      }
      return new PackitServiceException(this);
    }

    /**
     * Builds a {@link ConflictException} whatever the status: for services that report "already
     * exists" with a 400 or a fault.
     *
     * @return the exception
     */
    public ConflictException buildConflict() {
      return new ConflictException(this);
    }

    /**
     * Builds a {@link NotFoundException} whatever the status: for services that answer "nothing"
     * with a 200 (an XML-RPC {@code nil}) where the caller needs the thing to exist.
     *
     * @return the exception
     */
    public NotFoundException buildNotFound() {
      return new NotFoundException(this);
    }

    String excerpt() {
      String clean = Redaction.text(body).strip().replaceAll("\\s+", " ");
      return clean.length() <= EXCERPT ? clean : clean.substring(0, EXCERPT) + "...";
    }

    String message() {
      StringBuilder sb = new StringBuilder(service).append(':');
      if (!method.isEmpty()) {
        sb.append(' ').append(method);
      }
      if (!url.isEmpty()) {
        sb.append(' ').append(Redaction.url(url));
      }
      if (status > 0) {
        sb.append(" returned ").append(status);
      }
      if (requestId != null) {
        sb.append(" (request id ").append(requestId).append(')');
      }
      if (attempts > 1) {
        sb.append(" after ").append(attempts).append(" attempts");
      }
      if (detail != null && !detail.isBlank()) {
        sb.append(": ").append(Redaction.text(detail));
      }
      String excerpt = excerpt();
      if (!excerpt.isEmpty()) {
        sb.append(detail == null || detail.isBlank() ? ": " : " — ").append(excerpt);
      }
      return sb.toString();
    }
  }
}
