package dev.packit.bot.internal;

import dev.packit.core.Redaction;

/**
 * Structured log lines: {@code key=value} pairs, values quoted when they contain spaces or quotes,
 * and passed through {@link Redaction} so a token in an error message does not reach the log.
 *
 * <pre>{@code
 * LOG.info(Kv.line("event", "job.finished", "job", job.id(), "outcome", "done", "ms", 812));
 * // event=job.finished job=gh-1/propose_downstream/hello outcome=done ms=812
 * }</pre>
 */
public final class Kv {
  private Kv() {}

  /**
   * Formats pairs.
   *
   * @param pairs key, value, key, value...
   * @return the line
   */
  public static String line(Object... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("key without a value");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(pairs[i]).append('=');
      String v = Redaction.text(String.valueOf(pairs[i + 1]));
      if (v.isEmpty() || v.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)) {
        sb.append('"');
        for (char c : v.toCharArray()) {
          if (c == '"' || c == '\\') {
            sb.append('\\').append(c);
          } else if (c == '\n') {
            sb.append("\\n");
          } else if (c < 0x20) {
            sb.append(' ');
          } else {
            sb.append(c);
          }
        }
        sb.append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.toString();
  }
}
