package dev.packit.core.config;

import java.util.List;

/**
 * One command of an action. Commands run without a shell; use {@code bash -c '...'} for shell features.
 *
 * <pre>{@code
 * ActionCommand c = ActionCommand.of("bash -c 'echo ${PACKIT_PROJECT_VERSION}'");
 * c.argv();   // [bash, -c, echo ${PACKIT_PROJECT_VERSION}]
 * }</pre>
 *
 * @param argv the program and its arguments
 * @param written the string as written, or empty when written as a list of arguments
 */
public record ActionCommand(List<String> argv, String written) {
  /** Copies the arguments. */
  public ActionCommand {
    argv = List.copyOf(argv);
    written = written == null ? "" : written;
  }

  /** A command written as one string, split with shell-like quoting rules (as Python's shlex). */
  public static ActionCommand of(String command) {
    return new ActionCommand(dev.packit.core.internal.config.Shlex.split(command), command);
  }

  /** A command written as a list of arguments. */
  public static ActionCommand ofArgv(List<String> argv) {
    return new ActionCommand(argv, "");
  }
}
