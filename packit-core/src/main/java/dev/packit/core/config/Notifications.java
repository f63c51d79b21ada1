package dev.packit.core.config;

import java.util.Optional;

/**
 * The {@code notifications:} block.
 *
 * <pre>{@code
 * Notifications n = Notifications.DEFAULT;
 * n.failureIssueCreate();   // true: propose_downstream failures open an upstream issue
 * }</pre>
 *
 * @param pullRequestSuccessfulBuild {@code pull_request.successful_build}, default false
 * @param failureCommentMessage {@code failure_comment.message}, empty string when unset
 * @param failureIssueCreate {@code failure_issue.create}, default true
 */
public record Notifications(boolean pullRequestSuccessfulBuild, String failureCommentMessage, boolean failureIssueCreate) {
  /** Packit's defaults. */
  public static final Notifications DEFAULT = new Notifications(false, "", true);

  /** Normalises null to empty. */
  public Notifications {
    failureCommentMessage = failureCommentMessage == null ? "" : failureCommentMessage;
  }

  /** The failure comment template, if set. */
  public Optional<String> failureComment() {
    return failureCommentMessage.isEmpty() ? Optional.empty() : Optional.of(failureCommentMessage);
  }
}
