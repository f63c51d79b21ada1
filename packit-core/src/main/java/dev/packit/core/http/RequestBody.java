package dev.packit.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.internal.http.Bodies;
import dev.packit.core.internal.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A request body that can be opened again for every attempt, so retries and same-host redirects
 * resend it. Bodies are streamed: nothing is buffered beyond what the factory method was given.
 *
 * <pre>{@code
 * RequestBody json = RequestBody.ofJson(Map.of("title", "Update to 1.2.3"));
 * RequestBody file = RequestBody.ofFile(Path.of("foo-1.2.3.tar.gz"));
 * RequestBody big  = RequestBody.ofInputStreamSupplier(() -> openArchive(), size, "application/gzip");
 * }</pre>
 *
 * <p>Implementations must be thread-safe and {@link #open()} must return a fresh stream from the
 * start each time. {@code toString()} never prints the content (it may hold a password).
 */
public interface RequestBody {

  /**
   * Returns the media type sent as {@code Content-Type}.
   *
   * @return the media type, for example {@code application/json}
   */
  String contentType();

  /**
   * Returns the exact number of bytes {@link #open()} yields.
   *
   * @return the length, or {@code -1} when unknown (the body is then sent chunked)
   */
  long contentLength();

  /**
   * Opens the content from its first byte. Called once per attempt; the caller closes the stream.
   *
   * @return a new stream over the content
   * @throws IOException when the content cannot be opened (a missing file, ...)
   */
  InputStream open() throws IOException;

  /**
   * Whether {@link #open()} may be called more than once. A body that is not repeatable is never
   * retried and never follows a redirect that resends it.
   *
   * @return {@code true} for every body made by the factory methods here
   */
  default boolean repeatable() {
    return true;
  }

  /**
   * A body of bytes (not copied: do not change the array afterwards).
   *
   * @param bytes the content
   * @param contentType the media type
   * @return the body
   */
  static RequestBody ofBytes(byte[] bytes, String contentType) {
    return Bodies.bytes(Objects.requireNonNull(bytes, "bytes == null"), contentType, "bytes");
  }

  /**
   * A UTF-8 {@code text/plain} body.
   *
   * @param text the content
   * @return the body
   */
  static RequestBody ofString(String text) {
    return ofString(text, "text/plain; charset=UTF-8");
  }

  /**
   * A UTF-8 body of the given media type.
   *
   * @param text the content
   * @param contentType the media type
   * @return the body
   */
  static RequestBody ofString(String text, String contentType) {
    return Bodies.bytes(Objects.requireNonNull(text, "text == null").getBytes(StandardCharsets.UTF_8),
        contentType, "string");
  }

  /**
   * A JSON body, serialised now with packit-java's shared {@code ObjectMapper}.
   *
   * @param value any value Jackson can serialise (a record, a map, a {@code JsonNode})
   * @return the body, {@code application/json}
   * @throws IllegalArgumentException when the value cannot be serialised
   */
  static RequestBody ofJson(Object value) {
    return ofJson(value, Json.shared());
  }

  /**
   * A JSON body, serialised now with the given mapper.
   *
   * @param value any value the mapper can serialise
   * @param mapper the mapper
   * @return the body, {@code application/json}
   * @throws IllegalArgumentException when the value cannot be serialised
   */
  static RequestBody ofJson(Object value, ObjectMapper mapper) {
    return Bodies.bytes(Json.write(mapper, value), "application/json", "json");
  }

  /**
   * An {@code application/x-www-form-urlencoded} body, in the map's iteration order.
   *
   * @param fields field names to values
   * @return the body
   */
  static RequestBody ofForm(Map<String, String> fields) {
    return Bodies.form(fields);
  }

  /**
   * A file, streamed from disk on every attempt, as {@code application/octet-stream}.
   *
   * @param file the file
   * @return the body; its length is the file's size when the request is sent
   */
  static RequestBody ofFile(Path file) {
    return ofFile(file, "application/octet-stream");
  }

  /**
   * A file, streamed from disk on every attempt.
   *
   * @param file the file
   * @param contentType the media type
   * @return the body
   */
  static RequestBody ofFile(Path file, String contentType) {
    return Bodies.file(file, contentType);
  }

  /**
   * A body read from streams the supplier opens, one per attempt.
   *
   * @param supplier opens a new stream over the same content each time it is called
   * @param contentLength the exact length, or {@code -1} when unknown
   * @param contentType the media type
   * @return the body
   */
  static RequestBody ofInputStreamSupplier(InputStreamSupplier supplier, long contentLength, String contentType) {
    return Bodies.supplied(supplier, contentLength, contentType);
  }

  /**
   * Opens a stream; may throw {@link IOException}, unlike {@link java.util.function.Supplier}.
   *
   * <pre>{@code
   * InputStreamSupplier s = () -> Files.newInputStream(path);
   * }</pre>
   */
  @FunctionalInterface
  interface InputStreamSupplier {
    /**
     * Opens a new stream over the content, from its start.
     *
     * @return the stream
     * @throws IOException when it cannot be opened
     */
    InputStream get() throws IOException;
  }
}
