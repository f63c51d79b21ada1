package dev.packit.core.spec;

import java.util.Objects;

/**
 * Something an edit could not fix and the packager must: for example a {@code Source0} that still
 * names the previous version after {@link SpecFile#withVersion} because the version is hard-coded in
 * it or computed by a macro the edit does not change.
 *
 * <pre>{@code
 * SpecFile after = before.withVersion("1.3");
 * for (SpecWarning w : after.editWarnings(before)) {
 *   System.out.println(w.render());   // "line 7: Source0 still names 1.2 ..."
 * }
 * }</pre>
 *
 * @param line 1-based line in the edited spec
 * @param text the raw line content (the tag's raw value with its name)
 * @param message what is wrong, for people
 */
public record SpecWarning(int line, String text, String message) {
  /** Validates the components. */
  public SpecWarning {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Renders the warning as {@code line N: message (text)}.
   *
   * @return one line of text
   */
  public String render() {
    return "line " + line + ": " + message + " (" + text + ")";
  }
}
