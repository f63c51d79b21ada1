package dev.packit.bot.reconcile;

import dev.packit.core.config.JobType;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import java.util.List;
import java.util.Objects;

/**
 * A job reconciliation enqueues: one missing item on one branch, with what a planner needs.
 *
 * <pre>{@code
 * RunResult result = workflow.apply(action.plan(workflow));
 * }</pre>
 *
 * @param jobId the job id ({@link ReconcileRules#jobId}); the same missing item always gets the same id
 * @param kind the job kind (never {@link ReconcileKind#NONE})
 * @param watched the package, its upstream and config
 * @param branch the dist-git branch
 * @param target the release tag (propose_downstream) or the NVR (koji_build, bodhi_update)
 * @param reason why it is missing, for people
 */
public record ReconcileAction(String jobId, ReconcileKind kind, WatchedPackage watched, String branch, String target,
    String reason) {
  /** Validates the components. */
  public ReconcileAction {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(kind, "kind");
    if (kind == ReconcileKind.NONE) {
      throw new IllegalArgumentException("an action needs a job kind, not none");
    }
    Objects.requireNonNull(watched, "watched");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(target, "target");
    reason = reason == null ? "" : reason;
  }

  /** @return the package */
  public String packageName() {
    return watched.packageName();
  }

  /**
   * Plans the job with a workflow: propose_downstream of the tag to the branch, a Koji build of the
   * branch head, or a Bodhi update of the NVR. The workflow checks again (the branch may have moved):
   * a build already running or an update already made is a skip, not a second one.
   *
   * @param workflow the workflow
   * @return the plan
   */
  public Plan plan(ReleaseWorkflow workflow) {
    return switch (kind) {
      case PROPOSE_DOWNSTREAM -> workflow.planProposeDownstream(ProposeDownstreamRequest
          .builder(watched.config(), watched.upstream(), target).job(JobType.PROPOSE_DOWNSTREAM)
          .branches(List.of(branch)).build());
      case KOJI_BUILD -> workflow.planKojiBuild(packageName(), List.of(branch), false);
      case BODHI_UPDATE -> workflow.planBodhiUpdate(packageName(), List.of(branch), List.of(target), "enhancement", "");
      case NONE -> throw new IllegalStateException("none is not a job");
    };
  }
}
