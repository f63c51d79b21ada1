package dev.packit.core.spec;

import org.jspecify.annotations.Nullable;
/**
 * A {@code %global}, {@code %define} or {@code %undefine} line (with its {@code \} continuation lines).
 *
 * <pre>{@code
 * spec.macroDefinitions().stream()
 *     .filter(m -> m.name().equals("majorver"))
 *     .findFirst().map(MacroDefinition::body);   // Optional[1]
 * }</pre>
 *
 * @param keyword {@code global}, {@code define} or {@code undefine}
 * @param name the macro name
 * @param options the parametric options between parentheses, {@code null} when not parametric
 * @param body the raw body (continuation backslashes and newlines kept), empty for {@code %undefine}
 * @param line 1-based first line
 * @param endLine 1-based last line (inclusive)
 * @param live whether the definition sits in a live conditional branch
 */
public record MacroDefinition(String keyword, String name, @Nullable String options, String body, int line,
    int endLine, boolean live) {
  /**
   * Whether the macro takes arguments.
   *
   * @return true for {@code %define name(opts) body}
   */
  public boolean parametric() {
    return options != null;
  }
}
