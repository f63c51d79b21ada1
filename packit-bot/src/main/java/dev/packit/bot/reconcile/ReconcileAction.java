package dev.packit.bot.reconcile;

import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import java.util.List;
import java.util.Objects;

/**
 * A job reconciliation enqueues: one missing item on one branch, as a typed {@link JobRequest}
 * under a job id that names the item.
 *
 * <pre>{@code
 * String json = action.request().toJson();            // what a queue carries
 * RunResult result = workflow.apply(workflow.plan(action.request()));
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
   * The job as the typed road carries it: propose_downstream of the release tag to the branch
   * ({@link JobRequest.ProposeDownstream}), a Koji build of the branch head
   * ({@link JobRequest.KojiBuildOnRequest}: reconciliation already checked who changed the spec), or a
   * Bodhi update of the NVR ({@link JobRequest.BodhiUpdateOnRequest}). The planner checks again
   * (the branch may have moved): a build already running or an update already made is a skip.
   *
   * @return the request, one branch
   */
  public JobRequest request() {
    ConfigText config = ConfigText.of(watched.config(), watched.upstream().path() + "/.packit.yaml");
    List<String> branches = List.of(branch);
    return switch (kind) {
      case PROPOSE_DOWNSTREAM -> new JobRequest.ProposeDownstream(RoadConfig.configPackage(watched), branches, config,
          watched.upstreamForge(), watched.upstream().path(), target, "", "", 0);
      case KOJI_BUILD -> new JobRequest.KojiBuildOnRequest(packageName(), branches, config, false, REQUESTED_BY);
      case BODHI_UPDATE -> new JobRequest.BodhiUpdateOnRequest(packageName(), branches, config, List.of(target),
          "enhancement", "", REQUESTED_BY);
      case NONE -> throw new IllegalStateException("none is not a job");
    };
  }

  /** Who asked, in the requests reconciliation makes. */
  public static final String REQUESTED_BY = "reconciliation";

  /**
   * Plans the job: {@code workflow.plan(request())}.
   *
   * @param workflow the workflow
   * @return the plan
   */
  public Plan plan(ReleaseWorkflow workflow) {
    return workflow.plan(request());
  }
}
