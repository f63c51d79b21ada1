package dev.packit.core.http;

import dev.packit.core.internal.http.Multipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578), streamed part by part: a file part is read from
 * disk while it is sent, so a 4 GiB upload runs in constant memory. The JDK has none.
 *
 * <pre>{@code
 * MultipartBody form = MultipartBody.builder()
 *     .field("name", "python-ogr")
 *     .field("hash", "sha512")
 *     .field("sha512sum", digest)
 *     .file("file", Path.of("ogr-0.50.0.tar.gz"))
 *     .build();
 * lookaside.execute(HttpRequest.post("repo/pkgs/upload.cgi", form).build());
 * }</pre>
 *
 * <p>{@link #contentLength()} is exact when every part's length is known, else {@code -1}. Text
 * fields are sent as UTF-8 without a {@code Content-Type}; parts with a body carry the body's type.
 * Names and file names are escaped as browsers do ({@code "} to {@code %22}, CR/LF to
 * {@code %0D}/{@code %0A}). Immutable and thread-safe.
 */
public final class MultipartBody implements RequestBody {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BOUNDARY_CHARS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final String boundary;
  private final List<Part> parts;
  private final Multipart encoder;

  private MultipartBody(String boundary, List<Part> parts) {
    this.boundary = boundary;
    this.parts = List.copyOf(parts);
    this.encoder = new Multipart(boundary, this.parts);
  }

  /**
   * Starts a body with a random boundary.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the boundary between parts */
  public String boundary() {
    return boundary;
  }

  /** @return the parts, in order */
  public List<Part> parts() {
    return parts;
  }

  @Override
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  @Override
  public long contentLength() {
    return encoder.length();
  }

  @Override
  public InputStream open() throws IOException {
    return encoder.open();
  }

  @Override
  public boolean repeatable() {
    return parts.stream().allMatch(p -> p.body().repeatable());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MultipartBody[");
    for (Part p : parts) {
      if (sb.charAt(sb.length() - 1) != '[') {
        sb.append(", ");
      }
      // Field values are never printed: a form may carry a password.
      sb.append(p.name()).append(p.filename().map(f -> " (" + f + ")").orElse(""));
    }
    return sb.append(']').toString();
  }

  /**
   * One part of a multipart body.
   *
   * <pre>{@code
   * for (MultipartBody.Part p : form.parts()) {
   *   System.out.println(p.name() + (p.textField() ? " (text)" : " " + p.filename().orElse("")));
   * }
   * }</pre>
   *
   * @param name the form field name
   * @param filename the file name sent in {@code Content-Disposition}, if any
   * @param body the content; a text field has {@code text/plain} content without a header
   * @param textField whether this is a plain text field (sent without {@code Content-Type})
   */
  public record Part(String name, Optional<String> filename, RequestBody body, boolean textField) {
    /** Validates the components. */
    public Part {
      Objects.requireNonNull(name, "part name == null");
      Objects.requireNonNull(filename, "filename == null (use Optional.empty())");
      Objects.requireNonNull(body, "part body == null");
    }
  }

  /** Builds a {@link MultipartBody}; not thread-safe. */
  public static final class Builder {
    private String boundary;
    private final List<Part> parts = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the boundary instead of a random one (for byte-exact tests).
     *
     * @param boundary 1 to 70 characters from RFC 2046's set, not ending with a space
     * @return this builder
     */
    public Builder boundary(String boundary) {
      Objects.requireNonNull(boundary, "boundary == null");
      if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")
          || !boundary.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || "'()+_,-./:=? ".indexOf(c) >= 0)) {
        throw new IllegalArgumentException("invalid multipart boundary: " + boundary);
      }
      this.boundary = boundary;
      return this;
    }

    /**
     * Adds a text field, sent as UTF-8.
     *
     * @param name the field name
     * @param value the value
     * @return this builder
     */
    public Builder field(String name, String value) {
      parts.add(new Part(name, Optional.empty(), RequestBody.ofString(value), true));
      return this;
    }

    /**
     * Adds a file, streamed from disk, named after the file, as {@code application/octet-stream}.
     *
     * @param name the field name
     * @param file the file
     * @return this builder
     */
    public Builder file(String name, Path file) {
      Path fileName = Objects.requireNonNull(file, "file == null").getFileName();
      return part(name, fileName == null ? "file" : fileName.toString(), RequestBody.ofFile(file));
    }

    /**
     * Adds a part with a body and a file name.
     *
     * @param name the field name
     * @param filename the file name in {@code Content-Disposition}
     * @param body the content, whose type becomes the part's {@code Content-Type}
     * @return this builder
     */
    public Builder part(String name, String filename, RequestBody body) {
      parts.add(new Part(name, Optional.of(Objects.requireNonNull(filename, "filename == null")), body, false));
      return this;
    }

    /**
     * Adds a part with a body and no file name.
     *
     * @param name the field name
     * @param body the content, whose type becomes the part's {@code Content-Type}
     * @return this builder
     */
    public Builder part(String name, RequestBody body) {
      parts.add(new Part(name, Optional.empty(), body, false));
      return this;
    }

    /**
     * Builds the body.
     *
     * @return the body
     */
    public MultipartBody build() {
      String b = boundary;
      if (b == null) {
        char[] chars = new char[32];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = BOUNDARY_CHARS[RANDOM.nextInt(BOUNDARY_CHARS.length)];
        }
        b = "packit-" + new String(chars);
      }
      return new MultipartBody(b, parts);
    }
  }
}
