package dev.packit.bot;

import dev.packit.bot.config.BotConfig;
import dev.packit.bot.config.BotConfigLoader;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitVersion;
import dev.packit.core.config.ConfigProblem;
import dev.packit.core.config.InvalidConfigException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The bot's one command: {@code java -jar packit-bot.jar --config packit-bot.yaml} (or the file
 * named by {@code PACKIT_BOT_CONFIG}, as the systemd unit sets it) loads the config, builds the bot
 * with {@link PackitBot#fromConfig} and runs it until SIGTERM or Ctrl-C. Logs go to standard error.
 *
 * <pre>{@code
 * java -jar packit-bot.jar --config /etc/packit-bot/packit-bot.yaml --check   # exit 0, or 2 with file:line:column errors
 * java -jar packit-bot.jar --config /etc/packit-bot/packit-bot.yaml           # runs the bot
 * }</pre>
 *
 * <p>Exit codes: 0 after a clean stop (or a config without errors for {@code --check}), 2 for a bad
 * command line or config (every problem printed with its position), 1 when the bot cannot start.
 */
public final class BotCommand {
  /** Exit code of a config or command-line error. */
  public static final int USAGE = 2;

  private static final String HELP = """
      Usage: packit-bot [--config FILE] [--check] [--help] [--version]

      Runs the packit-java release bot from its config file (reference: docs/bot-config.md).

        -c, --config FILE  the config file (default: $PACKIT_BOT_CONFIG)
            --check        validate the config (secret files included) and exit:
                           0 when it has no errors, 2 with file:line:column errors
        -h, --help         show this help
            --version      show the version

      Environment: PACKIT_BOT_<KEY> overrides a setting (PACKIT_BOT_HTTP_PORT for http.port).
      SIGTERM or Ctrl-C stops the bot: no new jobs, running ones finish, temporary folders go.
      """;

  private BotCommand() {}

  /**
   * Runs the command and exits with its code (while the bot runs, until it stops).
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    logToStandardError();
    int code = run(args, System.getenv(), System.out, System.err);
    System.exit(code);
  }

  /**
   * Runs the command without exiting the JVM.
   *
   * @param args the arguments
   * @param env the environment (config file name and overrides)
   * @param out where help and {@code --check}'s verdict go
   * @param err where problems go
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String file = env.get(BotConfigLoader.CONFIG_VARIABLE);
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-h", "--help" -> {
          out.print(HELP);
          return 0;
        }
        case "--version" -> {
          out.println("packit-bot " + PackitVersion.current());
          return 0;
        }
        case "--check" -> check = true;
        case "-c", "--config" -> {
          if (i + 1 >= args.length) {
            err.println("packit-bot: " + args[i] + " needs a file");
            return USAGE;
          }
          file = args[++i];
        }
        default -> {
          if (args[i].startsWith("--config=")) {
            file = args[i].substring("--config=".length());
          } else {
            err.println("packit-bot: unknown option '" + args[i] + "' (see --help)");
            return USAGE;
          }
        }
      }
    }
    if (file == null || file.isBlank()) {
      err.println("packit-bot: no config file: give --config FILE or set " + BotConfigLoader.CONFIG_VARIABLE);
      return USAGE;
    }
    Path path = Path.of(file);
    BotConfigLoader loader = BotConfigLoader.builder().environment(env).build();
    if (check) {
      try {
        List<ConfigProblem> problems = loader.problems(path);
        problems.forEach(err::println);
        long errors = problems.stream().filter(ConfigProblem::isError).count();
        if (errors > 0) {
          err.println("packit-bot: " + path + ": " + errors + " error(s)");
          return USAGE;
        }
        out.println(path + ": ok");
        return 0;
      } catch (InvalidInputException e) {
        err.println(e.getMessage());
        return USAGE;
      }
    }
    BotConfig config;
    try {
      config = loader.load(path); // warnings are logged by the loader
    } catch (InvalidConfigException e) {
      e.errors().forEach(err::println);
      err.println("packit-bot: " + path + ": " + e.errors().size() + " error(s); the bot does not start");
      return USAGE;
    } catch (InvalidInputException e) {
      err.println(e.getMessage());
      return USAGE;
    }
    // what the bot runs with, for whoever reads the journal (no secret: paths and kinds only)
    org.slf4j.LoggerFactory.getLogger(BotCommand.class).info(dev.packit.bot.internal.Kv.line("event", "bot.config",
        "file", path.toAbsolutePath(), "instance", config.instance(), "state_dir", config.stateDir(),
        "history", config.history().kind().name().toLowerCase(java.util.Locale.ROOT),
        "queue", config.queue().kind().name().toLowerCase(java.util.Locale.ROOT),
        "status_page", config.statusPage().enabled(),
        "reconciled_packages", config.reconciliation().enabled() ? config.reconciliation().packages().size() : 0));
    PackitBot bot;
    try {
      bot = PackitBot.fromConfig(config).build();
    } catch (InvalidInputException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      err.println("packit-bot: cannot build the bot: " + e);
      return 1;
    }
    try (bot) {
      try {
        bot.start();
      } catch (InvalidInputException e) {
        err.println(e.getMessage());
        return USAGE;
      } catch (RuntimeException e) {
        err.println("packit-bot: cannot start the bot: " + e);
        return 1;
      }
      bot.awaitShutdown();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** slf4j-simple's defaults for a service: standard error, times, INFO (each overridable with -D). */
  private static void logToStandardError() {
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
