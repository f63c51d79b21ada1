package dev.packit.fedora.workflow;

import dev.packit.core.PackitException;
import dev.packit.core.Redaction;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.koji.KojiBuildState;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.forge.Forge;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps each {@link JobRequest} to the workflow's planning method for it. Never throws for a
 * request it cannot plan: a workflow without the Koji or Bodhi client the job needs, a request
 * without a version, or a service failing while planning give a plan whose branches could not be
 * planned ({@link BranchPlan#planningFailed()}), which {@link ReleaseWorkflow#apply} reports FAILED.
 */
final class RequestPlanner {
  private final ReleaseWorkflow workflow;
  private final Forge distGit;
  private final boolean hasKoji;
  private final boolean hasBodhi;

  RequestPlanner(ReleaseWorkflow workflow, Forge distGit, boolean hasKoji, boolean hasBodhi) {
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    this.distGit = distGit;
    this.hasKoji = hasKoji;
    this.hasBodhi = hasBodhi;
  }

  Plan plan(JobRequest request) {
    Objects.requireNonNull(request, "request");
    Optional<String> missing = missingService(request);
    if (missing.isPresent()) {
      return failed(request, missing.get());
    }
    try {
      return delegate(request);
    } catch (PackitException | UncheckedIOException e) {
      return failed(request, Redaction.text(String.valueOf(e.getMessage())));
    }
  }

  /** What the job needs that this workflow was built without; checked first so no planner meets a null client. */
  private Optional<String> missingService(JobRequest request) {
    boolean needsKoji = request.jobType() == JobType.KOJI_BUILD || request instanceof JobRequest.SideTagUpdate;
    boolean needsBodhi = request.jobType() == JobType.BODHI_UPDATE;
    if (needsKoji && !hasKoji) {
      return Optional.of("this workflow has no Koji client (ReleaseWorkflow.Builder.koji): it cannot plan " + describe(request));
    }
    if (needsBodhi && !hasBodhi) {
      return Optional.of("this workflow has no Bodhi client (ReleaseWorkflow.Builder.bodhi): it cannot plan " + describe(request));
    }
    return Optional.empty();
  }

  private Plan delegate(JobRequest request) {
    if (request instanceof JobRequest.ProposeDownstream r) {
      return workflow.planProposeDownstream(ProposeDownstreamRequest.builder(r.config().load(), RepoId.of(r.upstreamRepository()), r.tag())
          .job(JobType.PROPOSE_DOWNSTREAM).packageName(r.packageName()).releaseNotes(r.releaseNotes())
          .branches(r.branches()).build());
    } else if (request instanceof JobRequest.PullFromUpstream r) {
      if (r.version().isBlank()) {
        return failed(r, "no upstream version given (e.g. /packit pull-from-upstream --version 1.2.3)");
      }
      return workflow.planPullFromUpstream(new PullFromUpstreamRequest(r.config().load(), r.packageName(), r.version(),
          r.branches(), r.resolvedBugs(), r.anityaProjectId()));
    } else if (request instanceof JobRequest.KojiBuildOnPush r) {
      return workflow.planKojiBuild(push(r), r.config().load(), pullRequestAuthor(r));
    } else if (request instanceof JobRequest.KojiBuildOnRequest r) {
      return workflow.planKojiBuild(r.packageName(), r.branches(), r.scratch());
    } else if (request instanceof JobRequest.SideTagBuild r) {
      return workflow.planSideTagBuild(r.packageName(), r.branches().get(0), r.config().load());
    } else if (request instanceof JobRequest.SideTagUpdate r) {
      return workflow.planSideTagUpdate(r.group(), r.branches().get(0), r.config().load(), r.packageName());
    } else if (request instanceof JobRequest.BodhiUpdateOnBuild r) {
      Optional<KojiBuildState> state = state(r.state());
      if (state.isEmpty()) {
        return failed(r, "unknown Koji build state '" + r.state() + "'");
      }
      return workflow.planBodhiUpdate(change(r, state.get()), r.config().load(), r.branches());
    } else if (request instanceof JobRequest.BodhiUpdateOnRequest r) {
      return workflow.planBodhiUpdate(r.packageName(), r.branches(), r.builds(), r.updateType(), r.notes());
    }
    throw new IllegalStateException("no planner for " + request.getClass().getName());
  }

  /** The merged pull request's author, from the request or asked of dist-git; empty when unknown. */
  private String pullRequestAuthor(JobRequest.KojiBuildOnPush r) {
    if (!r.pullRequestAuthor().isEmpty() || r.pullRequestId() <= 0 || distGit == null) {
      return r.pullRequestAuthor();
    }
    return distGit.pullRequest(RepoId.of(r.repository()), r.pullRequestId()).map(PullRequest::author).orElse("");
  }

  /** The push as the planner reads it: only what the request carries (no start commit, no authors). */
  private static DistGitPush push(JobRequest.KojiBuildOnPush r) {
    int slash = r.repository().lastIndexOf('/');
    return new DistGitPush(envelope(r.messageId()), slash < 0 ? "" : r.repository().substring(0, slash),
        r.repository().substring(slash + 1), r.repository(), r.branch(), r.oldCommit(), "", r.endCommit(),
        r.changedFiles().isEmpty() ? 0 : 1, false, r.agent(), r.pullRequestId() > 0 ? r.pullRequestId() : null,
        r.changedFiles(), List.of());
  }

  private static KojiBuildStateChange change(JobRequest.BodhiUpdateOnBuild r, KojiBuildState state) {
    return new KojiBuildStateChange(envelope(r.messageId()), r.buildId(), r.taskId() > 0 ? r.taskId() : null, r.name(),
        r.version(), r.release(), r.epoch().isEmpty() ? null : r.epoch(), r.owner(), null, state, r.scmUrl(), r.target(),
        r.scratch(), "build", null, null, r.instance());
  }

  private static MessageEnvelope envelope(String id) {
    return new MessageEnvelope(id, "", Map.of(), Map.of());
  }

  private static Optional<KojiBuildState> state(String name) {
    for (KojiBuildState s : KojiBuildState.values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static String describe(JobRequest request) {
    return request.kind() + " (on " + request.on() + ") of " + request.packageName();
  }

  private static Plan failed(JobRequest request, String why) {
    String version = request instanceof JobRequest.PullFromUpstream p ? p.version() : "";
    return new Plan(request.jobType(), request.packageName(), version, describe(request),
        request.branches().stream().map(b -> BranchPlan.unplannable(b, why)).toList());
  }
}
