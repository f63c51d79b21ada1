package dev.packit.fedora.internal.workflow;

/**
 * Shell-style wildcards as regular expressions: {@code *} and {@code ?} stay within one path
 * component, {@code **} crosses them, {@code [...]} is a character class.
 *
 * <pre>{@code
 * "a/[^/]*\\.spec".equals(Glob.regex("a/*.spec"));
 * }</pre>
 */
final class Glob {
  private Glob() {}

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  static String regex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          sb.append(".*");
          i++;
        } else {
          sb.append("[^/]*");
        }
      } else if (c == '?') {
        sb.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 2);
        if (end < 0) {
          sb.append("\\[");
        } else {
          String cls = glob.substring(i + 1, end);
          if (cls.startsWith("!")) {
            cls = "^" + cls.substring(1);
          }
          sb.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end;
        }
      } else if ("\\.+()^$|{}".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
