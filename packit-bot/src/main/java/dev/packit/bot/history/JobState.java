package dev.packit.bot.history;

/**
 * Where a job is on its way through the bot.
 *
 * <pre>{@code
 * if (record.state().finished()) { ... }
 * }</pre>
 */
public enum JobState {
  /** Accepted and waiting in the queue. */
  QUEUED,
  /** A runner is planning or applying it. */
  RUNNING,
  /** Failed in a way a retry may fix; it is back in the queue. */
  RETRYING,
  /** Every branch was done. */
  DONE,
  /** Nothing to do (already done, filtered, not configured). */
  SKIPPED,
  /** At least one branch failed. */
  FAILED;

  /**
   * Whether the job has ended.
   *
   * @return true for {@link #DONE}, {@link #SKIPPED} and {@link #FAILED}
   */
  public boolean finished() {
    return this == DONE || this == SKIPPED || this == FAILED;
  }
}
