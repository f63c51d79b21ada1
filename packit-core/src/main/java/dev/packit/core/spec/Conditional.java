package dev.packit.core.spec;

/**
 * A conditional line: {@code %if}, {@code %elif}, {@code %else}, {@code %endif}, {@code %ifarch},
 * {@code %ifnarch}, {@code %ifos}, {@code %ifnos}, {@code %elifarch}, {@code %elifos}.
 *
 * <pre>{@code
 * for (Conditional c : spec.conditionals()) {
 *   System.out.println(c.line() + ": %" + c.keyword() + " " + c.expression() + " -> " + c.taken());
 * }
 * }</pre>
 *
 * @param keyword the keyword without {@code %}
 * @param expression the raw expression or arch list, empty for {@code %else}/{@code %endif}
 * @param line 1-based line
 * @param depth nesting depth, 1 for a top-level {@code %if}
 * @param taken whether the branch this line opens is live (for {@code %endif}: whether the enclosing code is)
 */
public record Conditional(String keyword, String expression, int line, int depth, boolean taken) {}
