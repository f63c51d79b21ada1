package dev.packit.forge;

import java.util.Locale;

/**
 * The state of a commit status (GitHub), commit status (GitLab) or flag (Pagure).
 *
 * <pre>{@code
 * forge.setCommitStatus(repo, sha, CommitStatusSpec.of(CommitState.SUCCESS, "packit/rpm-build", "RPMs built"));
 * }</pre>
 */
public enum CommitState {
  /** Waiting to start. */
  PENDING,
  /** Running (GitHub maps it to pending). */
  RUNNING,
  /** Passed. */
  SUCCESS,
  /** Failed. */
  FAILURE,
  /** Could not run. */
  ERROR,
  /** Canceled (GitHub maps it to error). */
  CANCELED;

  /**
   * Maps a forge's state word ({@code failed}, {@code failure}, {@code success}, {@code cancelled}, ...).
   *
   * @param word the forge's word
   * @return the state; unknown words map to {@link #ERROR}
   */
  public static CommitState fromWire(String word) {
    String w = word == null ? "" : word.toLowerCase(Locale.ROOT);
    switch (w) {
      case "pending":
      case "created":
      case "waiting_for_resource":
      case "preparing":
      case "scheduled":
      case "manual":
        return PENDING;
      case "running":
        return RUNNING;
      case "success":
      case "skipped":
        return SUCCESS;
      case "failure":
      case "failed":
        return FAILURE;
      case "canceled":
      case "cancelled":
      case "canceling":
        return CANCELED;
      default:
        return ERROR;
    }
  }
}
