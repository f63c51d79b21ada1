package dev.packit.core.internal.config;

import java.util.ArrayList;
import java.util.List;

/** POSIX shell-like word splitting, as Python's {@code shlex.split} (used for string-form actions). */
public final class Shlex {
  private Shlex() {}

  /**
   * Splits a command line into words.
   *
   * @param s the command
   * @return the words
   * @throws IllegalArgumentException on an unclosed quote or a trailing backslash
   */
  public static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("no closing quotation");
        }
        cur.append(s, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < s.length()) {
          char d = s.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < s.length() && "\\\"$`\n".indexOf(s.charAt(i + 1)) >= 0) {
            cur.append(s.charAt(i + 1));
            i += 2;
            continue;
          }
          cur.append(d);
          i++;
        }
        if (!closed) {
          throw new IllegalArgumentException("no closing quotation");
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= s.length()) {
          throw new IllegalArgumentException("no escaped character");
        }
        if (s.charAt(i + 1) != '\n') {
          cur.append(s.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        cur.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
