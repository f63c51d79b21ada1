package dev.packit.fedora.workflow;

import dev.packit.forge.Forge;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitIdentity;
import java.util.List;
import java.util.Objects;

/**
 * Who the bot is, asked in one place: its login (the fork owner, the PR author, the owner of its
 * side tags) and its commit identity. Before, four copies of the login lookup had two fallbacks
 * (the forge's current user in three, {@code "packit"} in the side tags'); now every caller gets
 * the configured user, else the forge's current user, asked once.
 */
final class BotIdentity {
  private final String configured;
  private final Forge forge;
  private final GitIdentity commits;
  private volatile String login;

  BotIdentity(String configured, Forge forge, GitIdentity commits) {
    this.configured = configured == null ? "" : configured;
    this.forge = forge;
    this.commits = Objects.requireNonNull(commits, "identity");
  }

  /** The bot's login: the configured user, else the forge's current user (asked once). */
  String login() {
    String l = login;
    if (l == null) {
      l = resolve(configured, () -> forge.currentUser().login());
      login = l;
    }
    return l;
  }

  /** The rule, pure: the configured user wins; the forge is asked only without one. */
  static String resolve(String configured, java.util.function.Supplier<String> forgeUser) {
    return configured == null || configured.isEmpty() ? forgeUser.get() : configured;
  }

  /** The users allowed by default (no {@code allowed_*} list in the config): Packit's account and the bot's configured one. */
  List<String> defaultAllowed() {
    return configured.isEmpty() ? List.of("packit") : List.of("packit", configured);
  }

  /** Author and committer of the bot's commits. */
  GitIdentity commits() {
    return commits;
  }

  /** Whether the bot authored a commit (by its commit e-mail, the one thing a push keeps). */
  boolean authored(CommitInfo commit) {
    return commit.author().email().equals(commits.email());
  }
}
