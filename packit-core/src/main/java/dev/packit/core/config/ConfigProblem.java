package dev.packit.core.config;

import dev.packit.core.InputLocation;
import java.util.Objects;

/**
 * One error or warning found while loading a {@code .packit.yaml}, with where it is.
 *
 * <pre>{@code
 * ConfigLoadResult r = PackitConfigLoader.builder().repositoryName("hello").build()
 *     .validate("jobs:\n- job: propose_downstrem\n  trigger: release\n", ".packit.yaml");
 * for (ConfigProblem p : r.errors()) {
 *   System.err.println(p);   // .packit.yaml:2:8: jobs[0].job: unknown job type ... did you mean 'propose_downstream'?
 * }
 * }</pre>
 *
 * @param severity error (Packit rejects the file) or warning (accepted, but deprecated or ignored)
 * @param source the file name or source name given to the loader
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path the key path, e.g. {@code jobs[2].dist_git_branches}; empty for the whole document
 * @param message what is wrong and, where possible, how to fix it
 */
public record ConfigProblem(Severity severity, String source, int line, int column, String path, String message) {

  /**
   * Whether a problem makes the configuration invalid.
   *
   * <pre>{@code
   * ConfigLoadResult r = PackitConfigLoader.defaults().validate(yaml, ".packit.yaml");
   * r.errors().forEach(p -> System.out.println(p));     // each has Severity.ERROR
   * r.warnings().forEach(p -> System.out.println(p));   // Severity.WARNING: accepted, deprecated or ignored
   * }</pre>
   */
  public enum Severity {
    /** Packit rejects the file. */
    ERROR,
    /** Packit accepts the file but the form is deprecated or ignored. */
    WARNING
  }

  /** Validates the components. */
  public ConfigProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Where the problem is, as the shared {@link InputLocation}. */
  public InputLocation location() {
    return new InputLocation(source, line, column, path);
  }

  /** Renders {@code source:line:column: path: message} (warnings add {@code warning: } before the message). */
  @Override
  public String toString() {
    return location().render() + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
  }
}
