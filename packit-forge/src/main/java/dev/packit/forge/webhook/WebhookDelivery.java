package dev.packit.forge.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One webhook delivery as it came off the wire: the request headers and the raw body bytes.
 * Verification works on these bytes, so build the delivery before any JSON parsing.
 *
 * <pre>{@code
 * // in an HTTP handler:
 * WebhookDelivery delivery = WebhookDelivery.read(exchange.getRequestHeaders(),
 *     exchange.getRequestBody(), WebhookVerifier.DEFAULT_MAX_BODY_BYTES);
 * String event = delivery.header("X-GitHub-Event").orElse("?");
 * }</pre>
 *
 * <p>Header names are matched case-insensitively. Immutable: the body is copied in and out.
 */
public final class WebhookDelivery {
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private WebhookDelivery(Map<String, List<String>> headers, byte[] body) {
    this.headers = headers;
    this.body = body;
  }

  /**
   * Creates a delivery from headers with any number of values each.
   *
   * @param headers header name to values; names in any case
   * @param body the raw request body
   * @return the delivery
   */
  public static WebhookDelivery of(Map<String, ? extends Collection<String>> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> {
      if (name != null && values != null) {
        copy.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
      }
    });
    copy.replaceAll((k, v) -> List.copyOf(v));
    return new WebhookDelivery(Collections.unmodifiableMap(copy), body.clone());
  }

  /**
   * Creates a delivery from headers with one value each.
   *
   * @param headers header name to value
   * @param body the raw request body
   * @return the delivery
   */
  public static WebhookDelivery ofSingleValues(Map<String, String> headers, byte[] body) {
    Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    return of(multi, body);
  }

  /**
   * Reads a delivery's body from a stream, refusing to buffer more than {@code maxBodyBytes}.
   *
   * @param headers the request headers
   * @param body the request body stream; read up to the limit, not closed
   * @param maxBodyBytes largest accepted body
   * @return the delivery
   * @throws WebhookRejectedException with {@link WebhookRejectedException.Reason#BODY_TOO_LARGE}
   *     when the body is larger; the stream is then left partly read
   */
  public static WebhookDelivery read(Map<String, ? extends Collection<String>> headers, InputStream body,
      long maxBodyBytes) {
    Objects.requireNonNull(body, "body == null");
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes < 0: " + maxBodyBytes);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long total = 0;
      int n;
      while ((n = body.read(buf)) != -1) {
        total += n;
        if (total > maxBodyBytes) {
          throw new WebhookRejectedException(WebhookRejectedException.Reason.BODY_TOO_LARGE,
              "webhook body is larger than the limit of " + maxBodyBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return of(headers, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the webhook body", e);
    }
  }

  /**
   * Returns the first value of a header.
   *
   * @param name header name, any case
   * @return the value, or empty when the header is absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  /** Returns all headers; names compare case-insensitively. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns a copy of the raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  // Package-private: lets verifier and parser read the body without a copy.
  byte[] rawBody() {
    return body;
  }

  /**
   * Returns the delivery's id ({@code X-Forgejo-Delivery}, {@code X-Gitea-Delivery},
   * {@code X-GitHub-Delivery} or {@code X-Gitlab-Event-UUID}).
   *
   * @return the id, or empty when the forge sent none
   */
  public Optional<String> deliveryId() {
    return header("X-Forgejo-Delivery").or(() -> header("X-Gitea-Delivery")).or(() -> header("X-GitHub-Delivery"))
        .or(() -> header("X-Gitlab-Event-UUID"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookDelivery d && headers.equals(d.headers) && Arrays.equals(body, d.body);
  }

  @Override
  public int hashCode() {
    return 31 * headers.hashCode() + Arrays.hashCode(body);
  }

  /** Names the event and size only: headers may carry tokens, so they are never printed. */
  @Override
  public String toString() {
    String event = header("X-GitHub-Event").map(e -> "github " + e)
        .or(() -> header("X-Gitlab-Event").map(e -> "gitlab " + e)).orElse("unknown");
    return "WebhookDelivery[" + event.toLowerCase(Locale.ROOT) + ", " + body.length + " bytes]";
  }
}
