package dev.packit.core.internal.http;

import dev.packit.core.http.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** The {@link RequestBody} implementations behind its factory methods. */
public final class Bodies {
  private Bodies() {}

  public static RequestBody bytes(byte[] bytes, String contentType, String kind) {
    return new BytesBody(bytes, checkType(contentType), kind);
  }

  public static RequestBody form(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(Objects.requireNonNull(k, "form field name == null"), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(Objects.requireNonNull(v, () -> "form field " + k + " == null"), StandardCharsets.UTF_8));
    });
    return new BytesBody(sb.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", "form");
  }

  public static RequestBody file(Path file, String contentType) {
    return new FileBody(Objects.requireNonNull(file, "file == null"), checkType(contentType));
  }

  public static RequestBody supplied(RequestBody.InputStreamSupplier supplier, long length, String contentType) {
    Objects.requireNonNull(supplier, "supplier == null");
    if (length < -1) {
      throw new IllegalArgumentException("content length must be >= -1: " + length);
    }
    return new SuppliedBody(supplier, length, checkType(contentType));
  }

  static String checkType(String contentType) {
    Objects.requireNonNull(contentType, "contentType == null");
    if (contentType.isBlank() || contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("invalid content type: " + contentType);
    }
    return contentType;
  }

  private static final class BytesBody implements RequestBody {
    private final byte[] bytes;
    private final String contentType;
    private final String kind;

    BytesBody(byte[] bytes, String contentType, String kind) {
      this.bytes = bytes;
      this.contentType = contentType;
      this.kind = kind;
    }

    @Override
    public String contentType() {
      return contentType;
    }

    @Override
    public long contentLength() {
      return bytes.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public String toString() {
      return "RequestBody[" + kind + ", " + contentType + ", " + bytes.length + " bytes]";
    }
  }

  private static final class FileBody implements RequestBody {
    private final Path file;
    private final String contentType;

    FileBody(Path file, String contentType) {
      this.file = file;
      this.contentType = contentType;
    }

    @Override
    public String contentType() {
      return contentType;
    }

    @Override
    public long contentLength() {
      try {
        return Files.size(file);
      } catch (IOException e) {
        return -1; // open() reports the real problem
      }
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }

    @Override
    public String toString() {
      return "RequestBody[file " + file.getFileName() + ", " + contentType + "]";
    }
  }

  private static final class SuppliedBody implements RequestBody {
    private final RequestBody.InputStreamSupplier supplier;
    private final long length;
    private final String contentType;

    SuppliedBody(RequestBody.InputStreamSupplier supplier, long length, String contentType) {
      this.supplier = supplier;
      this.length = length;
      this.contentType = contentType;
    }

    @Override
    public String contentType() {
      return contentType;
    }

    @Override
    public long contentLength() {
      return length;
    }

    @Override
    public InputStream open() throws IOException {
      InputStream in = supplier.get();
      if (in == null) {
        throw new IOException("the body's stream supplier returned null");
      }
      return in;
    }

    @Override
    public String toString() {
      return "RequestBody[stream, " + contentType + ", " + (length < 0 ? "unknown length" : length + " bytes") + "]";
    }
  }
}
