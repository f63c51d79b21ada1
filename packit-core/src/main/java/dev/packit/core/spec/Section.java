package dev.packit.core.spec;

/**
 * A section of a spec file: the implicit preamble ({@code package}, {@link #line()} 0) or a
 * {@code %name args} header and the lines up to the next header.
 *
 * <pre>{@code
 * for (Section s : spec.sections()) {
 *   System.out.println(s.name() + " " + s.arguments() + " at line " + s.line());
 * }
 * }</pre>
 *
 * @param name lower-case name without {@code %}, e.g. {@code package}, {@code description}, {@code files}
 * @param arguments the raw text after the name, e.g. {@code -n python3-foo}, empty when none
 * @param line 1-based line of the header, 0 for the implicit preamble
 * @param endLine 1-based last line of the section (inclusive)
 */
public record Section(String name, String arguments, int line, int endLine) {
  /**
   * Whether this is a package preamble (main or {@code %package}) where tags live.
   *
   * @return true for {@code package} sections
   */
  public boolean isPreamble() {
    return name.equals("package");
  }
}
