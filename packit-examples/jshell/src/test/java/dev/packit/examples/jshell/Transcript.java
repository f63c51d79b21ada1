package dev.packit.examples.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JShell transcript as docs show it: {@code jshell> code}, {@code ...> continuation}, and
 * {@code $4 ==> value} for what JShell displayed. Other lines (a {@code $ jshell ...} command) are
 * ignored.
 */
final class Transcript {
  private static final Pattern PROMPT = Pattern.compile("^jshell>\\s?(.*)$");
  private static final Pattern MORE = Pattern.compile("^\\s*\\.\\.\\.>\\s?(.*)$");
  private static final Pattern VALUE = Pattern.compile("^\\$\\d+\\s*==>\\s*(.*)$");

  private Transcript() {}

  static boolean isTranscript(String code) {
    return code.lines().anyMatch(l -> PROMPT.matcher(l).matches());
  }

  /** Snippets with their displayed value (null when the transcript shows none). */
  record Entry(String source, String value) {}

  static List<Entry> entries(String code) {
    List<Entry> out = new ArrayList<>();
    StringBuilder cur = null;
    for (String line : code.split("\n")) {
      Matcher p = PROMPT.matcher(line);
      Matcher m = MORE.matcher(line);
      Matcher v = VALUE.matcher(line);
      if (p.matches()) {
        if (cur != null) {
          out.add(new Entry(cur.toString(), null));
        }
        cur = new StringBuilder(p.group(1));
      } else if (m.matches() && cur != null) {
        cur.append('\n').append(m.group(1));
      } else if (v.matches() && cur != null) {
        out.add(new Entry(cur.toString(), v.group(1).strip()));
        cur = null;
      }
    }
    if (cur != null) {
      out.add(new Entry(cur.toString(), null));
    }
    return out;
  }

  /** The transcript as a jshell block: one snippet after the other, values as {@code // =>}. */
  static String toSource(String code) {
    if (!isTranscript(code)) {
      return code;
    }
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries(code)) {
      sb.append(e.source());
      if (e.value() != null) {
        sb.append(" // => ").append(e.value());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The transcript as Java statements: a semicolon after each snippet that lacks one. */
  static String toJava(String code) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries(code)) {
      String src = e.source().replaceAll("(?m)\\s*//[^\"\\n]*$", "").stripTrailing();
      sb.append(src);
      if (!src.endsWith(";") && !src.endsWith("}")) {
        sb.append(';');
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
