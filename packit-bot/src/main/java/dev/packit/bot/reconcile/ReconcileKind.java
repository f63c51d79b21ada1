package dev.packit.bot.reconcile;

/**
 * What reconciliation found missing on a branch, named as {@code .packit.yaml} names the job.
 *
 * <pre>{@code
 * ReconcileKind.KOJI_BUILD.yamlName(); // "koji_build"
 * }</pre>
 */
public enum ReconcileKind {
  /** All in order, or nothing reconciliation may do. */
  NONE("none"),
  /** The branch is behind the latest upstream release and the bot has no open pull request for it. */
  PROPOSE_DOWNSTREAM("propose_downstream"),
  /** The branch head's spec change was merged and Koji has no build of its NVR. */
  KOJI_BUILD("koji_build"),
  /** The branch head's NVR is built and in no Bodhi update. */
  BODHI_UPDATE("bodhi_update");

  private final String yamlName;

  ReconcileKind(String yamlName) {
    this.yamlName = yamlName;
  }

  /** @return the job name as {@code .packit.yaml} and the job history write it */
  public String yamlName() {
    return yamlName;
  }
}
