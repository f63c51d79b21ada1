package dev.packit.bot;

/**
 * A bot configured by environment variables ({@link PackitBot#fromEnvironment}), as a main for
 * the tests that run a bot in a child JVM (scale-out, signals). It closes on SIGTERM and Ctrl-C
 * through the bot's own shutdown hook.
 */
public final class EnvironmentBot {
  private EnvironmentBot() {}

  /**
   * Runs until the process is stopped.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    PackitBot bot = PackitBot.fromEnvironment(System.getenv()).build().start();
    bot.awaitShutdown();
  }
}
