package dev.packit.core.http;

import dev.packit.core.PackitIoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response whose body is a stream: nothing is buffered unless {@link #bytes()} or
 * {@link #text()} is called. Close it (try-with-resources) to release the connection.
 *
 * <pre>{@code
 * try (HttpResponse r = github.execute(HttpRequest.get("repos/o/r/tarball/v1.0"))) {
 *   Files.copy(r.body(), target);                 // streamed, constant memory
 * }
 * String etag = github.execute(HttpRequest.head("repos/o/r")).headers().firstValue("ETag").orElse("");
 * }</pre>
 *
 * <p>Transports and test fakes create responses with the {@code of(...)} factories. The body can be
 * read once. Not thread-safe (a stream is being consumed); {@link #toString()} masks sensitive headers.
 */
public final class HttpResponse implements AutoCloseable {
  private final int status;
  private final Headers headers;
  private final InputStream body;

  private HttpResponse(int status, Headers headers, InputStream body) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("invalid HTTP status: " + status);
    }
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers == null");
    this.body = Objects.requireNonNull(body, "body == null");
  }

  /**
   * A response streaming its body from {@code body}; closing the response closes the stream.
   *
   * @param status the status code
   * @param headers the headers
   * @param body the body stream
   * @return the response
   */
  public static HttpResponse of(int status, Headers headers, InputStream body) {
    return new HttpResponse(status, headers, body);
  }

  /**
   * A response with the given body bytes.
   *
   * @param status the status code
   * @param headers the headers
   * @param body the body
   * @return the response
   */
  public static HttpResponse of(int status, Headers headers, byte[] body) {
    return new HttpResponse(status, headers, new ByteArrayInputStream(body));
  }

  /**
   * A response with a UTF-8 body.
   *
   * @param status the status code
   * @param headers the headers
   * @param body the body text
   * @return the response
   */
  public static HttpResponse of(int status, Headers headers, String body) {
    return of(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** @return the status code, such as 200 */
  public int status() {
    return status;
  }

  /** @return the headers, case-insensitive */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** @return whether the status is 2xx */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** @return whether the status is 3xx */
  public boolean isRedirect() {
    return status >= 300 && status < 400;
  }

  /**
   * Returns the body stream. It is the same stream on every call; it can be read once.
   *
   * @return the body
   */
  public InputStream body() {
    return body;
  }

  /**
   * Reads the whole body into memory and closes the response.
   *
   * @return the body bytes
   * @throws PackitIoException when reading fails
   */
  public byte[] bytes() {
    try (InputStream in = body) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new PackitIoException("http", "reading", "the response body", 1, e);
    }
  }

  /**
   * Reads the whole body as text in the charset of its {@code Content-Type} (UTF-8 when absent)
   * and closes the response.
   *
   * @return the body text
   * @throws PackitIoException when reading fails
   */
  public String text() {
    return new String(bytes(), charset());
  }

  /** @return the charset named by {@code Content-Type}, else UTF-8 */
  public Charset charset() {
    String type = headers.firstValue("Content-Type").orElse("");
    for (String param : type.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = p.substring(8).replace("\"", "").trim();
        try {
          return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** Closes the body stream, releasing the connection; safe to call more than once. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // Nothing useful to do: the connection is discarded either way.
    }
  }

  /** Prints the status and headers, sensitive values masked; never the body. */
  @Override
  public String toString() {
    return "HttpResponse[" + status + ", headers=" + headers + "]";
  }
}
