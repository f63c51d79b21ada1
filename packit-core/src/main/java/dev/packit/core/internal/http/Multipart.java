package dev.packit.core.internal.http;

import dev.packit.core.http.MultipartBody.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

/** Encodes multipart/form-data: small header blocks in memory, part bodies streamed. */
public final class Multipart {
  private final String boundary;
  private final List<Part> parts;

  public Multipart(String boundary, List<Part> parts) {
    this.boundary = boundary;
    this.parts = parts;
  }

  /** The exact length, or -1 when a part's length is unknown. */
  public long length() {
    long total = 0;
    for (int i = 0; i < parts.size(); i++) {
      long len = parts.get(i).body().contentLength();
      if (len < 0) {
        return -1;
      }
      total += head(i).length + len;
    }
    return total + tail().length;
  }

  /** Opens the encoded body; part streams are opened only when the encoder reaches them. */
  public InputStream open() {
    return new SequenceInputStream(new Enumeration<InputStream>() {
      // Element k: even k -> header of part k/2, odd k -> body of part k/2, last -> tail.
      private int k;

      @Override
      public boolean hasMoreElements() {
        return k <= parts.size() * 2;
      }

      @Override
      public InputStream nextElement() {
        if (!hasMoreElements()) {
          throw new NoSuchElementException();
        }
        int i = k++;
        if (i == parts.size() * 2) {
          return new ByteArrayInputStream(tail());
        }
        if (i % 2 == 0) {
          return new ByteArrayInputStream(head(i / 2));
        }
        try {
          return parts.get(i / 2).body().open();
        } catch (IOException e) {
          // SequenceInputStream only takes an Enumeration; unwrapped again by the stream below.
          throw new UncheckedIOException(e);
        }
      }
    }) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }

      @Override
      public void close() throws IOException {
        try {
          super.close();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    };
  }

  private byte[] head(int index) {
    Part p = parts.get(index);
    StringBuilder sb = new StringBuilder();
    if (index > 0) {
      sb.append("\r\n");
    }
    sb.append("--").append(boundary).append("\r\n");
    sb.append("Content-Disposition: form-data; name=\"").append(escape(p.name())).append('"');
    p.filename().ifPresent(f -> sb.append("; filename=\"").append(escape(f)).append('"'));
    sb.append("\r\n");
    if (!p.textField()) {
      sb.append("Content-Type: ").append(p.body().contentType()).append("\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] tail() {
    return ((parts.isEmpty() ? "" : "\r\n") + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Escapes a name the way the HTML form submission algorithm does. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("%22");
        case '\r' -> sb.append("%0D");
        case '\n' -> sb.append("%0A");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
