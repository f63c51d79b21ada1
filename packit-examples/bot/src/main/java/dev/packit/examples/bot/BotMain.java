package dev.packit.examples.bot;

import dev.packit.bot.PackitBot;
import java.util.Map;

/**
 * The sample release bot: {@link PackitBot} configured by environment variables, run until the
 * process is stopped. SIGTERM and Ctrl-C close it (running jobs finish, temporary folders go).
 *
 * <pre>{@code
 * PACKIT_BOT_DISTGIT_URL=https://src.fedoraproject.org/ PACKIT_BOT_DISTGIT_TOKEN=... \
 * PACKIT_BOT_GITHUB_API=https://api.github.com/ PACKIT_BOT_GITHUB_WEBHOOK_SECRET=... \
 * PACKIT_BOT_WORK_DIR=/var/lib/packit-bot java -cp "$CP" dev.packit.examples.bot.BotMain
 * }</pre>
 */
public final class BotMain {
  private BotMain() {}

  /**
   * Builds the bot from the environment (see {@link PackitBot#fromEnvironment(Map)}) and runs it.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    run(System.getenv());
  }

  /**
   * Builds, starts and runs a bot until it is closed (by the shutdown hook on SIGTERM or Ctrl-C).
   *
   * @param env the variables
   * @throws InterruptedException when interrupted
   */
  static void run(Map<String, String> env) throws InterruptedException {
    try (PackitBot bot = PackitBot.fromEnvironment(env).build()) {
      bot.start();
      bot.awaitShutdown();
    }
  }
}
