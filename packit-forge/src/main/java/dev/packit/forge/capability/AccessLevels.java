package dev.packit.forge.capability;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.RepoId;

/**
 * What a user may do in a repository: who may command the bot.
 *
 * <pre>{@code
 * boolean mayCommand = forge.capability(AccessLevels.class)
 *     .map(a -> a.accessLevel(repo, login).atLeast(AccessLevel.WRITE)).orElse(false);
 * }</pre>
 *
 * @since 0.2.0
 */
public interface AccessLevels {
  /**
   * Tells what a user may do in a repository.
   *
   * @param repo the repository
   * @param user the user's login
   * @return the user's level, {@link AccessLevel#NONE} for users without a role (or unknown users)
   */
  AccessLevel accessLevel(RepoId repo, String user);
}
