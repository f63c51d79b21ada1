package dev.packit.cli;

import dev.packit.core.PackitVersion;
import java.util.Map;
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
        ValidateConfigCommand.class, ConfigCommand.class, InitCommand.class, ProposeDownstreamCommand.class,
        PullFromUpstreamCommand.class, BuildInKojiCommand.class, CreateUpdateCommand.class, StatusCommand.class, SandboxCommand.class,
        CompletionCommand.class})
public final class PackitCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;

  /** Creates the root command, reading tokens and {@code PACKIT_CONFIG} from the process environment. */
  public PackitCommand() {
    this(System.getenv());
  }

  /**
   * Creates the root command with a given environment (for tests and embedding).
   *
   * @param environment the variables to read {@code PACKIT_CONFIG}, {@code GITHUB_TOKEN}... from
   */
  public PackitCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The environment of the root command a subcommand runs under. */
  static Map<String, String> environment(CommandLine.Model.CommandSpec spec) {
    Object root = spec.root().userObject();
    return root instanceof PackitCommand p ? p.environment : System.getenv();
  }

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
