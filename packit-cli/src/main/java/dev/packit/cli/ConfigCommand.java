package dev.packit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code packit config validate}: Packit's current name of {@code validate-config}.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("config", "validate", ".packit.yaml");
 * }</pre>
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Packit config commands.",
    subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code packit config validate}: the same command as {@code validate-config}. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Validate a .packit.yaml the way Packit does (exit 0 valid, 1 invalid, 2 usage error); same as validate-config.")
  static final class Validate extends ValidateConfigCommand {}
}
