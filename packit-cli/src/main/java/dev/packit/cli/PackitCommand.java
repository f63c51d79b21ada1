package dev.packit.cli;

import dev.packit.core.PackitVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code packit} command: subcommands mirror Packit's CLI.
 *
 * <pre>{@code
 * int exit = new CommandLine(new PackitCommand()).execute("--version");
 * }</pre>
 */
@Command(
    name = "packit",
    mixinStandardHelpOptions = true,
    versionProvider = PackitCommand.Version.class,
    description = "Takes an upstream release to a published Fedora update.",
    subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, SpecCommand.class,
        ValidateConfigCommand.class})
public final class PackitCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the root command. */
  public PackitCommand() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage error).
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    return new CommandLine(new PackitCommand()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints {@code packit-java <version>}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"packit-java " + PackitVersion.current(),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
