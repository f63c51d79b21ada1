package dev.packit.fedora.internal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The common part of {@code .gitignore} at a repository's root: blank lines and comments skipped,
 * {@code /name} anchored at the root, {@code name} matching at any depth, {@code *}, {@code ?} and
 * {@code **} globs, {@code !} re-including, a trailing {@code /} for folders.
 *
 * <pre>{@code
 * GitIgnore.parse("/hello-1.0.tar.gz\n*.rpm\n").ignored("x/hello.rpm");   // true
 * }</pre>
 */
final class GitIgnore {
  private record Rule(Pattern pattern, boolean negated, boolean dirOnly) {}

  private final List<Rule> rules;

  private GitIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  static GitIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean neg = line.startsWith("!");
      if (neg) {
        line = line.substring(1);
      }
      boolean dirOnly = line.endsWith("/");
      if (dirOnly) {
        line = line.substring(0, line.length() - 1);
      }
      boolean anchored = line.startsWith("/") || line.contains("/");
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String re = Glob.regex(line);
      rules.add(new Rule(Pattern.compile(anchored ? re : "(?:.*/)?" + re), neg, dirOnly));
    }
    return new GitIgnore(rules);
  }

  /** Whether a file (or one of its folders) is ignored. */
  boolean ignored(String path) {
    String[] parts = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      prefix.append(i == 0 ? "" : "/").append(parts[i]);
      if (match(prefix.toString(), i < parts.length - 1)) {
        return true;
      }
    }
    return false;
  }

  private boolean match(String p, boolean dir) {
    boolean ignored = false;
    for (Rule r : rules) {
      if ((!r.dirOnly || dir) && r.pattern.matcher(p).matches()) {
        ignored = !r.negated;
      }
    }
    return ignored;
  }
}
