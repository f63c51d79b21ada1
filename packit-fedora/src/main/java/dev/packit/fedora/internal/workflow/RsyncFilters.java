package dev.packit.fedora.internal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rsync filter rules {@code files_to_sync} entries may carry: {@code include}/{@code +},
 * {@code exclude}/{@code -}, {@code protect}/{@code P}, {@code risk}/{@code R}, {@code hide}/{@code H}
 * and {@code show}/{@code S}, with rsync's pattern rules (a leading {@code /} anchors at the
 * transfer root, a trailing {@code /} matches only folders, a pattern with a {@code /} is matched
 * against the end of the path, otherwise against the name; {@code *}, {@code **}, {@code ***},
 * {@code ?}, {@code [..]}). The first matching rule wins. Merge files and modifiers are refused.
 *
 * <pre>{@code
 * RsyncFilters f = RsyncFilters.parse(List.of("protect sources", "- *.orig"));
 * f.transferred("x.orig", false);   // false
 * f.protectedFromDelete("sources", false);   // true
 * }</pre>
 */
final class RsyncFilters {
  private record Rule(char type, Pattern pattern, boolean dirOnly, boolean wholePath) {
    boolean matches(String path, boolean dir) {
      if (dirOnly && !dir) {
        return false;
      }
      String subject = wholePath ? path : path.substring(path.lastIndexOf('/') + 1);
      return pattern.matcher(subject).matches();
    }
  }

  private final List<Rule> rules;

  private RsyncFilters(List<Rule> rules) {
    this.rules = rules;
  }

  static final RsyncFilters NONE = new RsyncFilters(List.of());

  /**
   * Parses the rules.
   *
   * @param filters rules as written in the config
   * @return the filters
   * @throws IllegalArgumentException with the problem, for an unsupported or malformed rule
   */
  static RsyncFilters parse(List<String> filters) {
    List<Rule> rules = new ArrayList<>();
    for (String f : filters) {
      String s = f.strip();
      int sep = indexOfSeparator(s);
      if (sep < 0) {
        throw new IllegalArgumentException("filter '" + f + "' has no pattern");
      }
      String word = s.substring(0, sep);
      String pat = s.substring(sep + 1);
      char type;
      switch (word.toLowerCase(Locale.ROOT)) {
        case "+": case "include": type = '+'; break;
        case "-": case "exclude": type = '-'; break;
        case "p": case "protect": type = 'P'; break;
        case "r": case "risk": type = 'R'; break;
        case "h": case "hide": type = 'H'; break;
        case "s": case "show": type = 'S'; break;
        default:
          throw new IllegalArgumentException("filter '" + f + "': only include (+), exclude (-), protect (P), risk (R), hide (H)"
              + " and show (S) rules without modifiers are supported");
      }
      if (word.length() == 1 && Character.isLowerCase(word.charAt(0))) {
        throw new IllegalArgumentException("filter '" + f + "': unknown rule '" + word + "'");
      }
      if (pat.isEmpty()) {
        throw new IllegalArgumentException("filter '" + f + "' has an empty pattern");
      }
      boolean dirOnly = pat.endsWith("/") && !pat.endsWith("***");
      if (dirOnly) {
        pat = pat.substring(0, pat.length() - 1);
      }
      boolean anchored = pat.startsWith("/");
      if (anchored) {
        pat = pat.substring(1);
      }
      boolean whole = anchored || pat.contains("/") || pat.contains("**");
      String re;
      if (pat.endsWith("/***")) {
        re = Glob.regex(pat.substring(0, pat.length() - 4)) + "(?:/.*)?";
      } else {
        re = Glob.regex(pat);
      }
      if (whole && !anchored) {
        re = "(?:.*/)?" + re;
      }
      rules.add(new Rule(type, Pattern.compile(re), dirOnly, whole));
    }
    return new RsyncFilters(List.copyOf(rules));
  }

  private static int indexOfSeparator(String s) {
    int sp = s.indexOf(' ');
    int us = s.indexOf('_');
    // "-_pattern" is rsync's underscore form; only for the one-letter rules.
    if (us == 1 && (sp < 0 || sp > 1)) {
      return 1;
    }
    return sp;
  }

  /** Whether the sender side sends this path (transfer-relative). */
  boolean transferred(String path, boolean dir) {
    for (Rule r : rules) {
      if ("+-HS".indexOf(r.type) >= 0 && r.matches(path, dir)) {
        return r.type == '+' || r.type == 'S';
      }
    }
    return true;
  }

  /** Whether {@code --delete} must keep this receiver path (transfer-relative), or one of its folders. */
  boolean protectedFromDelete(String path, boolean dir) {
    String[] parts = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      prefix.append(i == 0 ? "" : "/").append(parts[i]);
      boolean isDir = i < parts.length - 1 || dir;
      for (Rule r : rules) {
        if ("+-PR".indexOf(r.type) >= 0 && r.matches(prefix.toString(), isDir)) {
          if (r.type == '-' || r.type == 'P') {
            return true;
          }
          break;
        }
      }
    }
    return false;
  }
}
