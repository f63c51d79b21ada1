package dev.packit.core.internal.spec;

/**
 * Turns untrusted text into spec text that rpm reads back literally (see {@code SpecFile.literal}).
 *
 * <p>rpm expands macros on every spec line it reads, {@code %changelog} and tag values included, and
 * only then looks for conditionals, {@code %include}, section headers and {@code #} comments at the
 * start of the expanded line (checked with rpm 4.18: {@code %%if 1} on its own line opens a
 * conditional). So escaping has two parts: {@link #escape} makes the text expand to itself, and
 * {@link #unsafeLineStart} tells a writer which text must not begin a line.
 */
public final class RpmLiteral {
  /** What replaces characters rpm cannot keep (NUL ends a C string; other controls are not text). */
  public static final char REPLACEMENT = '\uFFFD';

  private RpmLiteral() {}

  /**
   * Escapes text placed after other text on a spec line: every {@code %} doubled (so {@code %%}
   * becomes {@code %%%%} and expands back to {@code %%}), line breaks and vertical whitespace become
   * a space (a line break would start a new spec line the text controls), tab is kept, and other
   * control characters (NUL, ESC, DEL, ...) become U+FFFD.
   *
   * @param text any text
   * @return spec text that rpm expands to {@code text} (with the replacements above)
   */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String rep = switch (c) {
        case '%' -> "%%";
        case '\t' -> null;
        case '\n', '\r', '\u000B', '\f' -> " ";
        default -> c < 0x20 || c == 0x7F ? String.valueOf(REPLACEMENT) : null;
      };
      if (rep != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Whether literal text would change meaning at the start of a spec line (after blanks): rpm drops
   * {@code #} lines as comments and treats a leading {@code %} after expansion as a conditional,
   * {@code %include} or section header; {@code *} in column 0 of {@code %changelog} starts an entry.
   *
   * @param literal the unescaped text of the word that would begin the line
   * @return true when it must not begin a line
   */
  public static boolean unsafeLineStart(String literal) {
    String s = literal.stripLeading();
    return s.startsWith("#") || s.startsWith("%") || literal.startsWith("*");
  }
}
