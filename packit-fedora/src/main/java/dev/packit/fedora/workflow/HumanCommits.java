package dev.packit.fedora.workflow;

import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** The {@link PrPolicy#KEEP_HUMAN_COMMITS} mechanics: replaying maintainers' commits on a rebuilt branch. */
final class HumanCommits {
  private HumanCommits() {}

  /**
   * Replays commits in order on {@code HEAD}.
   *
   * @return the first commit that conflicted, or empty when all applied
   */
  static Optional<CommitInfo> replay(LocalRepository repo, List<CommitInfo> commits, GitIdentity committer) {
    for (CommitInfo ci : commits) {
      if (ci.parents().size() != 1 || repo.cherryPick(ci.id(), committer).isEmpty()) {
        return Optional.of(ci);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the branch already is "the bot's commit for this plan, then others' commits": its first
   * commit after the base is the bot's, sits on the planned base and has the planned content.
   * Checks the content with that commit checked out.
   */
  static boolean botCommitIsCurrent(LocalRepository repo, List<CommitInfo> onBranch, String base,
      Predicate<CommitInfo> isBot, BooleanSupplier plannedContentCheckedOut) {
    if (onBranch.isEmpty()) {
      return false;
    }
    CommitInfo first = onBranch.get(0);
    if (!isBot.test(first) || !first.parents().equals(List.of(base))) {
      return false;
    }
    repo.checkout(first.id());
    return plannedContentCheckedOut.getAsBoolean();
  }
}
