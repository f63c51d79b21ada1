package dev.packit.core;

import java.util.Objects;

/**
 * Where in an input a problem is: a source name (file path or label), a line and column (1-based,
 * 0 when unknown) and a field path such as {@code jobs[2].dist_git_branches} (empty when none).
 *
 * <pre>{@code
 * InputLocation at = InputLocation.of(".packit.yaml").at(12, 5).field("jobs[2].trigger");
 * at.render();   // ".packit.yaml:12:5: jobs[2].trigger"
 * }</pre>
 *
 * @param source file path or label of the input, {@code "<input>"} when unnamed
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param field key path inside the input, empty when not applicable
 */
public record InputLocation(String source, int line, int column, String field) {
  /** Validates the components. */
  public InputLocation {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(field, "field == null");
    if (source.isEmpty()) {
      source = "<input>";
    }
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0: " + line + ":" + column);
    }
  }

  /**
   * Returns a location naming only the source.
   *
   * @param source file path or label
   * @return the location
   */
  public static InputLocation of(String source) {
    return new InputLocation(source, 0, 0, "");
  }

  /**
   * Returns this location at another line and column.
   *
   * @param line 1-based line
   * @param column 1-based column, 0 when unknown
   * @return a new location
   */
  public InputLocation at(int line, int column) {
    return new InputLocation(source, line, column, field);
  }

  /**
   * Returns this location with a field path.
   *
   * @param path key path such as {@code jobs[2].trigger}
   * @return a new location
   */
  public InputLocation field(String path) {
    return new InputLocation(source, line, column, path);
  }

  /**
   * Renders the location as compilers do: {@code source:line:column: field}, leaving out unknown parts.
   *
   * @return the rendered location
   */
  public String render() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    if (!field.isEmpty()) {
      sb.append(": ").append(field);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
