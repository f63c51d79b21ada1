package dev.packit.forge.capability;

import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.RepoId;
import java.util.stream.Stream;

/**
 * Commit statuses (Pagure: commit flags), which CI results and the bot's progress are shown with.
 *
 * <pre>{@code
 * forge.capability(CommitStatuses.class).ifPresent(s -> s.setCommitStatus(repo, sha,
 *     CommitStatusSpec.of(CommitState.SUCCESS, "packit/propose", "done")));
 * }</pre>
 *
 * @since 0.2.0
 */
public interface CommitStatuses {
  /**
   * Sets a commit status.
   *
   * @param repo the repository
   * @param sha the commit
   * @param spec the status
   * @return the status as stored
   */
  CommitStatus setCommitStatus(RepoId repo, String sha, CommitStatusSpec spec);

  /**
   * Lists the statuses of a commit, lazily over all pages.
   *
   * @param repo the repository
   * @param sha the commit
   * @return the statuses
   */
  Stream<CommitStatus> commitStatuses(RepoId repo, String sha);
}
