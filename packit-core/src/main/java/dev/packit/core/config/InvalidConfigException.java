package dev.packit.core.config;

import dev.packit.core.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code .packit.yaml} that Packit would reject; {@link #errors()} lists every problem, the message
 * shows them all (one {@code file:line:column: key: message} per line).
 *
 * <pre>{@code
 * try {
 *   PackitConfig c = PackitConfigLoader.defaults().load(Path.of(".packit.yaml"));
 * } catch (InvalidConfigException e) {
 *   e.errors().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class InvalidConfigException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> errors;
  private final transient List<ConfigProblem> warnings;

  /**
   * Creates the exception.
   *
   * @param errors at least one error
   * @param warnings the warnings found alongside
   */
  public InvalidConfigException(List<ConfigProblem> errors, List<ConfigProblem> warnings) {
    super(errors.get(0).location(), render(errors));
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
  }

  private static String render(List<ConfigProblem> errors) {
    String first = errors.get(0).message();
    if (errors.size() == 1) {
      return first;
    }
    return first + "\n" + errors.subList(1, errors.size()).stream().map(ConfigProblem::toString)
        .collect(Collectors.joining("\n")) + "\n(" + errors.size() + " errors)";
  }

  /** Every error, in document order. */
  public List<ConfigProblem> errors() {
    return errors == null ? List.of() : errors;
  }

  /** The warnings found alongside. */
  public List<ConfigProblem> warnings() {
    return warnings == null ? List.of() : warnings;
  }
}
