package dev.packit.core.internal.spec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte-exact line model. Bytes are decoded as ISO-8859-1 (one char per byte), so any input,
 * including invalid UTF-8, survives a round trip; lines keep their own terminator ({@code \n},
 * {@code \r\n} or none for a last line without newline).
 */
public final class SpecText {
  private final String text;
  private final int[] starts;
  private final int[] ends;
  private final int count;

  private SpecText(String text) {
    this.text = text;
    int n = text.length();
    int cap = Math.max(16, n / 30);
    int[] st = new int[cap];
    int[] en = new int[cap];
    int c = 0;
    int pos = 0;
    while (pos < n) {
      int nl = text.indexOf('\n', pos);
      int end;
      int next;
      if (nl < 0) {
        end = n;
        next = n;
      } else {
        end = nl > pos && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        next = nl + 1;
      }
      if (c == st.length) {
        st = Arrays.copyOf(st, c * 2);
        en = Arrays.copyOf(en, c * 2);
      }
      st[c] = pos;
      en[c] = end;
      c++;
      pos = next;
    }
    this.starts = st;
    this.ends = en;
    this.count = c;
  }

  /** Decodes bytes losslessly. */
  public static SpecText of(byte[] bytes) {
    return new SpecText(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** Wraps already-decoded (ISO-8859-1 domain) text. */
  public static SpecText ofLatin1(String text) {
    return new SpecText(text);
  }

  /** Converts a user (Unicode) string into the byte-per-char domain (UTF-8 bytes). */
  public static String toInternal(String unicode) {
    for (int i = 0; i < unicode.length(); i++) {
      if (unicode.charAt(i) > 0x7f) {
        return new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      }
    }
    return unicode;
  }

  /** Converts an internal string back for display: valid UTF-8 is decoded, anything else kept as bytes. */
  public static String toDisplay(String internal) {
    boolean ascii = true;
    for (int i = 0; i < internal.length(); i++) {
      if (internal.charAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return internal;
    }
    byte[] b = internal.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return internal;
    }
  }

  public String text() {
    return text;
  }

  public byte[] toBytes() {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  public int lineCount() {
    return count;
  }

  /** Content of line {@code i} (0-based) without its terminator. */
  public String line(int i) {
    return text.substring(starts[i], ends[i]);
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** Offset just after line {@code i}'s terminator. */
  public int next(int i) {
    return i + 1 < count ? starts[i + 1] : text.length();
  }

  /** The terminator of line {@code i}: {@code "\n"}, {@code "\r\n"} or {@code ""}. */
  public String eol(int i) {
    return text.substring(ends[i], next(i));
  }

  /** The terminator most lines use (for inserted lines). */
  public String dominantEol() {
    int crlf = 0;
    int lf = 0;
    for (int i = 0; i < count; i++) {
      int e = ends[i];
      int nx = next(i);
      if (nx - e == 2) {
        crlf++;
      } else if (nx - e == 1) {
        lf++;
      }
    }
    return crlf > lf ? "\r\n" : "\n";
  }

  public char charAt(int offset) {
    return text.charAt(offset);
  }
}
