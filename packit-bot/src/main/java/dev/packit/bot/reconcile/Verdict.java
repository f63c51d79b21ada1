package dev.packit.bot.reconcile;

import java.util.Objects;

/**
 * One rule's answer for one branch: a missing job and what it is for, or {@link ReconcileKind#NONE}
 * with the reason all is in order (or why reconciliation leaves it alone).
 *
 * <pre>{@code
 * Verdict v = new Verdict("f43", ReconcileKind.KOJI_BUILD, "hello-1.1.0-1.fc43",
 *     "spec change abc1234 merged, Koji has no build of hello-1.1.0-1.fc43");
 * }</pre>
 *
 * @param branch the dist-git branch
 * @param kind the missing job, or {@code NONE}
 * @param target what the job is for: the release tag (propose_downstream) or the NVR (koji_build, bodhi_update); empty for {@code NONE}
 * @param reason why, for people; stable from run to run while nothing changes (no times in it)
 */
public record Verdict(String branch, ReconcileKind kind, String target, String reason) {
  /** Validates the components. */
  public Verdict {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(kind, "kind");
    target = target == null ? "" : target;
    Objects.requireNonNull(reason, "reason");
  }

  /** @return whether a job is missing */
  public boolean missing() {
    return kind != ReconcileKind.NONE;
  }

  static Verdict none(String branch, String reason) {
    return new Verdict(branch, ReconcileKind.NONE, "", reason);
  }
}
