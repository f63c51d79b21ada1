package dev.packit.fedora.workflow;

/**
 * What propose_downstream does when its dist-git pull request already carries commits that a
 * maintainer pushed on top of the bot's.
 *
 * <pre>{@code
 * ReleaseWorkflow wf = ReleaseWorkflow.builder()...prPolicy(PrPolicy.KEEP_HUMAN_COMMITS).build();
 * }</pre>
 */
public enum PrPolicy {
  /** Force-push the bot's new commit over the branch, dropping the maintainer's commits (Packit's behaviour). */
  UPDATE,
  /**
   * Rebuild the branch from the target, add the bot's commit, then replay the maintainer's commits
   * on top; if they do not apply cleanly, leave the branch as it is and comment on the pull request.
   */
  KEEP_HUMAN_COMMITS,
  /** Leave the branch alone and comment on the pull request. */
  STOP
}
