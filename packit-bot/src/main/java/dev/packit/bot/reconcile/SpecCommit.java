package dev.packit.bot.reconcile;

import java.util.Objects;
import java.util.Optional;

/**
 * The newest commit on a dist-git branch that changed the spec file, and who brought it in.
 *
 * <pre>{@code
 * new SpecCommit("abc1234...", "jane@fedoraproject.org", Optional.of("packit"));
 * }</pre>
 *
 * @param sha the commit
 * @param authorEmail the commit author's email
 * @param pullRequestAuthor the author of the merged pull request the commit came with; empty for a direct push
 */
public record SpecCommit(String sha, String authorEmail, Optional<String> pullRequestAuthor) {
  /** Validates the components. */
  public SpecCommit {
    Objects.requireNonNull(sha, "sha");
    authorEmail = authorEmail == null ? "" : authorEmail;
    Objects.requireNonNull(pullRequestAuthor, "pullRequestAuthor");
  }

  /** @return the first 7 characters of the commit */
  public String shortSha() {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
