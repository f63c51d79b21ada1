package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.util.Objects;

/**
 * A status to set on a commit.
 *
 * <pre>{@code
 * CommitStatusSpec spec = CommitStatusSpec.of(CommitState.PENDING, "packit/propose-downstream", "Starting")
 *     .withTargetUrl(URI.create("https://dashboard.packit.dev/jobs/1"));
 * forge.setCommitStatus(repo, sha, spec);
 * }</pre>
 *
 * @param state the state
 * @param context the name of the check
 * @param description a short text (GitHub allows at most 140 characters)
 * @param targetUrl the link to details, or null
 * @param uid Pagure flag uid that makes a second call update the same flag, or null
 */
public record CommitStatusSpec(CommitState state, String context, String description, @Nullable URI targetUrl, @Nullable String uid) {
  /** Validates the parts. */
  public CommitStatusSpec {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(context, "context == null");
    if (context.isBlank()) {
      throw new IllegalArgumentException("context is blank");
    }
    description = description == null ? "" : description;
  }

  /**
   * Creates a spec without a link.
   *
   * @param state the state
   * @param context the name of the check
   * @param description a short text
   * @return the spec
   */
  public static CommitStatusSpec of(CommitState state, String context, String description) {
    return new CommitStatusSpec(state, context, description, null, null);
  }

  /** Returns a copy linking to {@code url}. @param url the details page @return the copy */
  public CommitStatusSpec withTargetUrl(URI url) {
    return new CommitStatusSpec(state, context, description, url, uid);
  }

  /** Returns a copy with a Pagure flag uid. @param flagUid up to 32 characters @return the copy */
  public CommitStatusSpec withUid(String flagUid) {
    return new CommitStatusSpec(state, context, description, targetUrl, flagUid);
  }
}
