package dev.packit.core;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * Input that cannot be used as it is, with the place to fix it: a config key, a spec line, a
 * {@code sources} entry, a payload field.
 *
 * <pre>{@code
 * throw new InvalidInputException(InputLocation.of("sources").at(3, 1), "name must not contain '/'");
 * // message: "sources:3:1: name must not contain '/'"
 * }</pre>
 */
public class InvalidInputException extends PackitClientException {
  private static final long serialVersionUID = 1L;

  private final InputLocation location;
  private final String problem;

  /**
   * Creates an exception.
   *
   * @param location where the problem is
   * @param problem what is wrong, without the location
   */
  public InvalidInputException(InputLocation location, String problem) {
    this(location, problem, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param location where the problem is
   * @param problem what is wrong, without the location
   * @param cause the cause, may be {@code null}
   */
  public InvalidInputException(InputLocation location, String problem, @Nullable Throwable cause) {
    super(Objects.requireNonNull(location, "location == null").render() + ": " + Objects.requireNonNull(problem, "problem == null"), cause);
    this.location = location;
    this.problem = problem;
  }

  /**
   * Returns where the problem is.
   *
   * @return the location, never {@code null}
   */
  public InputLocation location() {
    return location;
  }

  /**
   * Returns what is wrong, without the location prefix.
   *
   * @return the problem description
   */
  public String problem() {
    return problem;
  }
}
