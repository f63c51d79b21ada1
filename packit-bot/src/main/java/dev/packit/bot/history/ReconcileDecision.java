package dev.packit.bot.history;

import java.time.Instant;
import java.util.Objects;

/**
 * What reconciliation found for a package and branch, and what it did about it.
 *
 * <pre>{@code
 * new ReconcileDecision(clock.instant(), "hello", "f43", "koji_build",
 *     "spec change abc1234 merged, no build of hello-1.2.0-1.fc43", "job-17");
 * }</pre>
 *
 * @param at when it was decided
 * @param packageName the package
 * @param branch the dist-git branch, empty for the whole package
 * @param kind the job kind it enqueued, or {@code none} when all was in order
 * @param reason why, for people
 * @param jobId the job it enqueued, empty when none
 */
public record ReconcileDecision(Instant at, String packageName, String branch, String kind, String reason, String jobId) {
  /** Validates the components. */
  public ReconcileDecision {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(packageName, "packageName");
    branch = branch == null ? "" : branch;
    Objects.requireNonNull(kind, "kind");
    reason = reason == null ? "" : reason;
    jobId = jobId == null ? "" : jobId;
  }
}
