package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A pull request (GitLab: merge request).
 *
 * <pre>{@code
 * PullRequest pr = forge.findOpenPullRequest(upstream, "update-1.2", "rawhide", "packit").orElseThrow();
 * forge.comment(upstream, pr.number(), "Rebuilt.");
 * }</pre>
 *
 * @param target the repository the pull request is opened against
 * @param number the number shown to users (GitHub number, GitLab {@code iid}, Pagure id)
 * @param title the title
 * @param body the description; empty when none
 * @param state open, closed or merged
 * @param author the login of the author
 * @param sourceBranch the branch with the changes
 * @param targetBranch the branch to merge into
 * @param source the repository holding the source branch (the fork), or null when unknown
 * @param headSha the head commit of the source branch; empty when unknown
 * @param webUrl the page of the pull request
 * @param createdAt when it was opened, or null
 */
public record PullRequest(
    RepoId target,
    long number,
    String title,
    String body,
    PrState state,
    String author,
    String sourceBranch,
    String targetBranch,
    @Nullable RepoId source,
    String headSha,
    URI webUrl,
    @Nullable Instant createdAt) {

  /** Validates the required parts and normalises absent text to empty strings. */
  public PullRequest {
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(state, "state == null");
    title = title == null ? "" : title;
    body = body == null ? "" : body;
    author = author == null ? "" : author;
    sourceBranch = sourceBranch == null ? "" : sourceBranch;
    targetBranch = targetBranch == null ? "" : targetBranch;
    headSha = headSha == null ? "" : headSha;
  }
}
