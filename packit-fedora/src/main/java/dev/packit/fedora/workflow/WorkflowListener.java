package dev.packit.fedora.workflow;

/**
 * Follows a job's progress: steps starting and ending, bytes uploaded, git fetches, branches finishing. The CLI
 * prints these; a bot may turn them into commit statuses or metrics.
 *
 * <pre>{@code
 * WorkflowListener printer = new WorkflowListener() {
 *   @Override public void branchFinished(BranchResult r) { System.out.println(r); }
 * };
 * }</pre>
 *
 * <p>Called from the workflow's worker threads, possibly concurrently for different branches:
 * implementations must be thread-safe and quick. An exception thrown by a listener is logged and
 * ignored.
 */
public interface WorkflowListener {
  /** A listener that does nothing. */
  WorkflowListener NONE = new WorkflowListener() {};

  /**
   * A step is about to run.
   *
   * @param branch the dist-git branch
   * @param step the step
   */
  default void stepStarted(String branch, PlannedStep step) {}

  /**
   * A step finished; {@code note} says what it found or did (e.g. "already uploaded").
   *
   * @param branch the dist-git branch
   * @param step the step
   * @param note a short note
   */
  default void stepFinished(String branch, PlannedStep step, String note) {}

  /**
   * Upload progress.
   *
   * @param fileName the file being uploaded
   * @param bytes bytes sent so far
   * @param total total bytes
   */
  default void bytesUploaded(String fileName, long bytes, long total) {}

  /**
   * Progress of a git fetch (dist-git, the upstream release tag), as git reports it.
   *
   * @param location the repository's URL (user info removed)
   * @param task git's task, e.g. {@code Receiving objects}
   * @param done units done in this task
   * @param total units of the task, 0 when unknown
   */
  default void gitProgress(String location, String task, long done, long total) {}

  /**
   * A branch is finished.
   *
   * @param result its result
   */
  default void branchFinished(BranchResult result) {}
}
