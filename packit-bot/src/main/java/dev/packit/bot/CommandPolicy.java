package dev.packit.bot;

import dev.packit.forge.Forge;
import dev.packit.forge.RepoId;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides who may command the bot with {@code /packit ...} comments. Anyone who can comment on an
 * upstream issue or a dist-git pull request can write one; the bot obeys only the authors this
 * policy accepts, answers the others politely and runs nothing for them.
 *
 * <pre>{@code
 * PackitBot.builder()
 *     ...
 *     // as Packit: write access upstream, commit access (packagers) in dist-git; plus two bot admins
 *     .commandPolicy(CommandPolicy.forgePermissions().or(CommandPolicy.allowList(Set.of("alice", "bob"))))
 *     .build();
 * }</pre>
 *
 * <p>The default, {@link #forgePermissions()}, asks the forge the comment was made on
 * ({@link Forge#hasWriteAccess}): GitHub write, maintain or admin; GitLab developer or more;
 * Pagure (dist-git) owner, admin, commit or collaborator, directly or through a group, which is
 * what a packager of that package has. A forge that cannot answer refuses; a forge that is down
 * throws, and the delivery is answered 503 so the forge redelivers it.
 */
@FunctionalInterface
public interface CommandPolicy {

  /** Where a command was written. */
  enum Origin {
    /** An issue or pull request comment in the upstream repository. */
    UPSTREAM,
    /** A comment on a dist-git pull request. */
    DIST_GIT
  }

  /**
   * One command to decide on.
   *
   * @param origin upstream or dist-git
   * @param forge the forge the comment was made on
   * @param repository the repository (dist-git: {@code rpms/<package>})
   * @param user the comment's author
   * @param command the command, e.g. {@code propose-downstream}
   */
  record CommandRequest(Origin origin, Forge forge, RepoId repository, String user, String command) {
    /** Validates the components. */
    public CommandRequest {
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(forge, "forge");
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(command, "command");
    }
  }

  /**
   * Decides.
   *
   * @param request the command and its author
   * @return whether the bot obeys
   */
  boolean mayCommand(CommandRequest request);

  /**
   * Packit's rule: write access to the upstream repository, commit access to the dist-git package.
   *
   * @return the policy that asks the forge
   */
  static CommandPolicy forgePermissions() {
    return r -> {
      if (r.user().isBlank()) {
        return false;
      }
      try {
        return r.forge().hasWriteAccess(r.repository(), r.user());
      } catch (UnsupportedOperationException e) {
        return false; // a forge that cannot tell refuses: never obey by default
      }
    };
  }

  /**
   * Obeys the listed logins wherever they comment (bot administrators, a team's release managers).
   *
   * @param logins the users, compared without regard to case as forges compare logins
   * @return the policy
   */
  static CommandPolicy allowList(Collection<String> logins) {
    Set<String> allowed = logins.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    return r -> allowed.contains(r.user().toLowerCase(Locale.ROOT));
  }

  /**
   * Obeys everyone: for a sandbox or a bot that only watches repositories whose commenters are
   * all trusted. Never the default.
   *
   * @return the policy
   */
  static CommandPolicy anyone() {
    return r -> true;
  }

  /**
   * Obeys what either policy obeys; the other one is asked only when this one refuses.
   *
   * @param other the second policy
   * @return the combined policy
   */
  default CommandPolicy or(CommandPolicy other) {
    Objects.requireNonNull(other, "other");
    return r -> mayCommand(r) || other.mayCommand(r);
  }
}
