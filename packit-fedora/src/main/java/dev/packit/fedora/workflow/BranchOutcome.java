package dev.packit.fedora.workflow;

/**
 * How one dist-git branch ended in a job run.
 *
 * <pre>{@code
 * if (result.outcome() == BranchOutcome.FAILED) { retryLater(result.branch()); }
 * }</pre>
 */
public enum BranchOutcome {
  /** The planned work was carried out (or had already been, and nothing was left to do). */
  DONE,
  /** Nothing to do, with a reason (same version, downgrade, not allowed, already built...). */
  SKIPPED,
  /** The branch failed; the others were not affected. */
  FAILED
}
