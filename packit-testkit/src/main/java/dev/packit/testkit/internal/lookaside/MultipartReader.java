package dev.packit.testkit.internal.lookaside;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Streaming reader of a {@code multipart/form-data} body: parts come one after the other and each
 * part's body is an {@link InputStream} that ends at the next boundary. Memory use is one fixed
 * buffer, whatever the part sizes.
 */
final class MultipartReader {
  private static final int BUFFER = 256 * 1024;
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final InputStream in;
  private final byte[] delimiter; // CRLF "--" boundary
  private final int[] skip = new int[256];
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean finished;
  private PartStream current;

  MultipartReader(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    java.util.Arrays.fill(skip, delimiter.length);
    for (int i = 0; i < delimiter.length - 1; i++) {
      skip[delimiter[i] & 0xff] = delimiter.length - 1 - i;
    }
    // The body opens with "--boundary" without a CRLF before it: pretend there was one.
    buf[0] = '\r';
    buf[1] = '\n';
    limit = 2;
  }

  /**
   * Extracts the boundary from a Content-Type header value.
   *
   * @return the boundary, or null when the header is not multipart/form-data with a boundary
   */
  static String boundaryOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
      return null;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
        String b = p.substring(eq + 1).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() || b.length() > 200 ? null : b;
      }
    }
    return null;
  }

  /** A part: its form field name, its file name (null for plain fields) and its body. */
  record Part(String name, String filename, InputStream body) {}

  /**
   * Returns the next part, or null after the last one. The previous part's body is skipped if the
   * caller did not read it to the end.
   */
  Part next() throws IOException {
    if (finished) {
      return null;
    }
    if (current != null) {
      current.skipAll();
    } else {
      // Skip the preamble up to the first delimiter.
      new PartStream().skipAll();
    }
    // After the delimiter: "--" closes the body, otherwise whitespace then CRLF.
    if (!ensure(2)) {
      throw new IOException("multipart body ends right after a boundary");
    }
    if (buf[pos] == '-' && buf[pos + 1] == '-') {
      finished = true;
      current = null;
      return null;
    }
    String headerBlock = readHeaders();
    String name = null;
    String filename = null;
    for (String line : headerBlock.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
        String value = line.substring(colon + 1);
        name = param(value, "name");
        filename = param(value, "filename");
      }
    }
    if (name == null) {
      throw new IOException("multipart part without a Content-Disposition name");
    }
    current = new PartStream();
    return new Part(name, filename, current);
  }

  private String readHeaders() throws IOException {
    readLine(); // the rest of the boundary line (transport padding)
    StringBuilder sb = new StringBuilder();
    while (true) {
      String line = readLine();
      if (line.isEmpty()) {
        return sb.toString();
      }
      if (sb.length() + line.length() > MAX_HEADER_BYTES) {
        throw new IOException("multipart part headers too long");
      }
      sb.append(line).append("\r\n");
    }
  }

  private String readLine() throws IOException {
    int from = pos;
    while (true) {
      for (int i = from; i + 1 < limit; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n') {
          String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
          pos = i + 2;
          return line;
        }
      }
      if (limit - pos > MAX_HEADER_BYTES) {
        throw new IOException("multipart header line too long");
      }
      from = Math.max(pos, limit - 1);
      int before = pos;
      if (!more()) {
        throw new IOException("multipart headers not terminated");
      }
      from -= before - pos;
    }
  }

  /** Reads a parameter of a Content-Disposition value, such as name="file"; quoted strings may escape. */
  static String param(String header, String key) {
    int i = header.indexOf(';');
    while (i >= 0 && i < header.length()) {
      i++;
      while (i < header.length() && header.charAt(i) == ' ') {
        i++;
      }
      int eq = header.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String k = header.substring(i, eq).trim();
      StringBuilder v = new StringBuilder();
      int j = eq + 1;
      if (j < header.length() && header.charAt(j) == '"') {
        for (j++; j < header.length(); j++) {
          char c = header.charAt(j);
          if (c == '\\' && j + 1 < header.length()) {
            v.append(header.charAt(++j));
          } else if (c == '"') {
            j++;
            break;
          } else {
            v.append(c);
          }
        }
      } else {
        for (; j < header.length() && header.charAt(j) != ';'; j++) {
          v.append(header.charAt(j));
        }
      }
      if (k.equalsIgnoreCase(key)) {
        return v.toString().trim();
      }
      i = header.indexOf(';', j);
    }
    return null;
  }

  /** Makes at least n bytes available from pos; false at end of input. */
  private boolean ensure(int n) throws IOException {
    while (limit - pos < n) {
      if (!more()) {
        return false;
      }
    }
    return true;
  }

  /** Reads more input, compacting the buffer first; false at end of input. */
  private boolean more() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      throw new IOException("multipart buffer full");
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** Index of the delimiter in buf[pos, limit), or -1. Boyer-Moore-Horspool: most bytes are skipped, not compared. */
  private int findDelimiter() {
    int m = delimiter.length;
    byte lastByte = delimiter[m - 1];
    int last = limit - m;
    int i = pos;
    while (i <= last) {
      byte b = buf[i + m - 1];
      if (b == lastByte) {
        int k = 0;
        while (k < m - 1 && buf[i + k] == delimiter[k]) {
          k++;
        }
        if (k == m - 1) {
          return i;
        }
      }
      i += skip[b & 0xff];
    }
    return -1;
  }

  /** The body of one part: ends where the next delimiter starts; consumes the delimiter at the end. */
  private final class PartStream extends InputStream {
    private boolean done;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      while (true) {
        int d = findDelimiter();
        if (d == pos) {
          pos += delimiter.length;
          done = true;
          return -1;
        }
        int avail = d >= 0 ? d - pos : limit - pos - (delimiter.length - 1);
        if (avail > 0) {
          int n = Math.min(avail, len);
          System.arraycopy(buf, pos, b, off, n);
          pos += n;
          return n;
        }
        if (!more()) {
          throw new IOException("multipart body truncated: no closing boundary");
        }
      }
    }

    void skipAll() throws IOException {
      byte[] skip = new byte[8192];
      while (read(skip, 0, skip.length) >= 0) {
        // discard
      }
    }
  }
}
