package dev.packit.forge.capability;

import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;

/**
 * Merging a pull request through the API (Pagure, Forgejo); the GitHub and GitLab clients do not
 * offer it.
 *
 * <pre>{@code
 * forge.capability(PullRequestMerges.class).ifPresent(m -> m.mergePullRequest(RepoId.of("rpms/hello"), 12));
 * }</pre>
 *
 * @since 0.2.0
 */
public interface PullRequestMerges {
  /**
   * Merges a pull request.
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the merged pull request
   */
  PullRequest mergePullRequest(RepoId repo, long number);
}
