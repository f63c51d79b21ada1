package dev.packit.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code version_update_specifiers}: a PEP 440 specifier set such as {@code ">=1.0, <2.0"},
 * validated when the config is loaded (as Packit does).
 *
 * <pre>{@code
 * VersionSpecifiers s = VersionSpecifiers.parse(">=1.0, !=1.3.*, <2");
 * s.clauses().get(0).operator();   // ">="
 * }</pre>
 *
 * @param text the set as written
 * @param clauses the comma-separated clauses
 */
public record VersionSpecifiers(String text, List<Clause> clauses) {

  /**
   * One clause.
   *
   * <pre>{@code
   * VersionSpecifiers.Clause c = VersionSpecifiers.parse("!=1.3.*").clauses().get(0);
   * c.operator();   // "!="
   * c.version();    // "1.3.*"
   * }</pre>
   *
   * @param operator one of {@code ~= == != <= >= < > ===}
   * @param version the version (may end in {@code .*} for {@code ==} and {@code !=})
   */
  public record Clause(String operator, String version) {}

  private static final String RELEASE = "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*";
  private static final String PRE_POST_DEV = "(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
      + "(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?";
  private static final String LOCAL = "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?";
  private static final Pattern CLAUSE = Pattern.compile(
      "\\s*(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+?)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION = Pattern.compile(RELEASE + PRE_POST_DEV + LOCAL, Pattern.CASE_INSENSITIVE);
  private static final Pattern WILDCARD = Pattern.compile(RELEASE + "\\.\\*", Pattern.CASE_INSENSITIVE);

  /** Copies the clauses. */
  public VersionSpecifiers {
    clauses = List.copyOf(clauses);
  }

  /**
   * Parses a specifier set.
   *
   * @param text e.g. {@code ">=1.0, <2.0"}
   * @return the parsed set
   * @throws IllegalArgumentException naming the bad clause
   */
  public static VersionSpecifiers parse(String text) {
    List<Clause> out = new ArrayList<>();
    if (text.isBlank()) {
      return new VersionSpecifiers(text, out);
    }
    for (String part : text.split(",", -1)) {
      Matcher m = CLAUSE.matcher(part);
      if (part.isBlank() || !m.matches()) {
        throw new IllegalArgumentException("invalid version specifier '" + part.strip() + "'");
      }
      String op = m.group(1);
      String v = m.group(2);
      boolean ok;
      if (op.equals("===")) {
        ok = true;
      } else if (op.equals("==") || op.equals("!=")) {
        ok = VERSION.matcher(v).matches() || WILDCARD.matcher(v).matches();
      } else if (op.equals("~=")) {
        ok = VERSION.matcher(v).matches() && !v.contains("+") && v.replaceFirst("^v?([0-9]+!)?", "").matches("[0-9]+\\.[0-9].*");
      } else {
        ok = VERSION.matcher(v).matches() && !v.contains("+");
      }
      if (!ok) {
        throw new IllegalArgumentException("invalid version specifier '" + part.strip() + "'");
      }
      out.add(new Clause(op, v));
    }
    return new VersionSpecifiers(text, out);
  }
}
