package dev.packit.bot.internal;

import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.JobHistory;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.core.PackitException;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.CommitState;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.RepoId;
import dev.packit.forge.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queued {@link Job}: reads its {@link JobRequest}, plans it with {@link ReleaseWorkflow#plan(JobRequest)},
 * applies the plan, reports the result upstream and records it in the history. It is the queue's handler: returning acknowledges the job, throwing (only
 * for retryable failures such as a forge that is down) gives it back to the queue.
 *
 * <pre>{@code
 * JobRunner runner = new JobRunner("bot-1", Map.of(ForgeKind.GITHUB, workflow), workflow,
 *     Map.of(ForgeKind.GITHUB, github), pagure, reporter, metrics, Clock.systemUTC(), history, JobRunner.Links.FEDORA);
 * queue.start(runner::run);
 * }</pre>
 *
 * <p>Running a job twice is safe: the workflow finds the uploads, fork branches and pull requests
 * of an earlier run and changes nothing more, so a job redelivered after a crash just finishes.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final String instance;
  private final Map<ForgeKind, ReleaseWorkflow> workflows;
  private final ReleaseWorkflow distGitWorkflow;
  private final Map<ForgeKind, Forge> upstreams;
  private final Forge distGit;
  private final StatusReporter reporter;
  private final BotMetrics metrics;
  private final Clock clock;
  private final JobHistory history;
  private final Links links;
  private volatile java.util.function.BiConsumer<Job, String> onFinished = (job, outcome) -> {};

  /**
   * Where the history's links point: Koji's and Bodhi's web pages.
   *
   * @param kojiWeb Koji's web UI, e.g. {@code https://koji.fedoraproject.org/koji/}
   * @param bodhiWeb Bodhi's web UI, e.g. {@code https://bodhi.fedoraproject.org/}
   */
  public record Links(URI kojiWeb, URI bodhiWeb) {
    /** Fedora's. */
    public static final Links FEDORA = new Links(URI.create("https://koji.fedoraproject.org/koji/"),
        URI.create("https://bodhi.fedoraproject.org/"));

    Map<String, URI> of(BranchResult b) {
      Map<String, URI> out = new LinkedHashMap<>();
      b.pullRequestUrl().ifPresent(u -> out.put("pull request", URI.create(u)));
      b.buildNvr().ifPresent(n -> out.put("koji build", kojiWeb.resolve("search?type=build&match=exact&terms="
          + java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8))));
      b.updateAlias().ifPresent(a -> out.put("bodhi update", bodhiWeb.resolve("updates/"
          + java.net.URLEncoder.encode(a, java.nio.charset.StandardCharsets.UTF_8))));
      return out;
    }
  }

  /**
   * Creates a runner.
   *
   * @param instance this bot instance's name, for logs
   * @param workflows the workflow per upstream forge (its {@code upstream(...)} is that forge)
   * @param distGitWorkflow the workflow for koji_build and bodhi_update jobs
   * @param upstreams the upstream forges, for statuses and comments
   * @param distGit the dist-git forge, to read merged pull requests' authors (may be null)
   * @param reporter reports upstream
   * @param metrics counts jobs
   * @param clock for durations and queue wait
   * @param history records every job's start and end
   * @param links where the history's Koji and Bodhi links point
   */
  public JobRunner(String instance, Map<ForgeKind, ReleaseWorkflow> workflows, ReleaseWorkflow distGitWorkflow,
      Map<ForgeKind, Forge> upstreams, Forge distGit, StatusReporter reporter, BotMetrics metrics, Clock clock,
      JobHistory history, Links links) {
    this.history = Objects.requireNonNull(history, "history");
    this.links = Objects.requireNonNull(links, "links");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.workflows = Map.copyOf(workflows);
    this.distGitWorkflow = distGitWorkflow;
    this.upstreams = Map.copyOf(upstreams);
    this.distGit = distGit;
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sets a callback for finished jobs (for custom reporting or tests); it must be quick.
   *
   * @param listener gets the job and its outcome ({@code done}, {@code skipped}, {@code failed}, {@code error}, {@code ignored})
   */
  public void onFinished(java.util.function.BiConsumer<Job, String> listener) {
    this.onFinished = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Runs a job to its end.
   *
   * @param job the job
   * @param redelivered whether the queue handed it out before
   * @throws PackitException when a retryable failure should give the job back to the queue
   */
  public void run(Job job, boolean redelivered) {
    long started = clock.millis();
    long waited = started - job.enqueuedAtMillis();
    if (redelivered) {
      metrics.redelivered();
    }
    recordQueued(job);
    safely(() -> history.started(job.id(), Instant.ofEpochMilli(started), instance), job);
    LOG.info(Kv.line("event", "job.started", "bot", instance, "job", job.id(), "type", job.kind(),
        "package", job.packageName(), "redelivered", redelivered, "wait_ms", waited));
    String outcome;
    String detail;
    JobState state;
    boolean retryable = false;
    List<BranchRecord> branches = List.of();
    try {
      RunResult result = execute(job);
      if (result == null) {
        outcome = "ignored";
        state = JobState.SKIPPED;
        detail = "this bot has no workflow for " + job.kind();
      } else {
        outcome = outcome(result);
        state = outcome.equals("done") ? JobState.DONE : outcome.equals("skipped") ? JobState.SKIPPED : JobState.FAILED;
        branches = result.branches().stream().map(b -> new BranchRecord(b.branch(),
            b.outcome().name().toLowerCase(java.util.Locale.ROOT), b.detail(), links.of(b))).toList();
        detail = result.failed().stream().map(b -> b.branch() + ": " + b.detail()).collect(Collectors.joining("; "));
        if (state == JobState.SKIPPED) {
          detail = result.branches().stream().map(b -> b.branch() + ": " + b.detail()).collect(Collectors.joining("; "));
        }
      }
    } catch (PackitException e) {
      if (e.retryable()) {
        LOG.warn(Kv.line("event", "job.retryable_failure", "bot", instance, "job", job.id(), "error", e.getMessage()));
        metrics.jobFinished(job.kind(), "retry", clock.millis() - started, waited);
        safely(() -> history.finished(job.id(), clock.instant(), JobState.RETRYING, e.getMessage(), true, List.of()), job);
        throw e;
      }
      outcome = "error";
      state = JobState.FAILED;
      detail = e.getMessage();
      reportError(job, e.getMessage());
    } catch (RuntimeException e) {
      outcome = "error";
      state = JobState.FAILED;
      detail = e.toString();
      reportError(job, e.toString());
    }
    long ms = clock.millis() - started;
    metrics.jobFinished(job.kind(), outcome, ms, waited);
    String summary = branches.stream().map(b -> b.branch() + ":" + b.outcome()).collect(Collectors.joining(","));
    LOG.info(Kv.line("event", "job.finished", "bot", instance, "job", job.id(), "type", job.kind(),
        "package", job.packageName(), "outcome", outcome, "branches", summary.isEmpty() ? detail : summary, "ms", ms));
    JobState endState = state;
    String endDetail = dev.packit.core.Redaction.text(detail == null ? "" : detail);
    boolean endRetryable = retryable;
    List<BranchRecord> endBranches = branches;
    safely(() -> history.finished(job.id(), clock.instant(), endState, endDetail, endRetryable, endBranches), job);
    try {
      onFinished.accept(job, outcome);
    } catch (RuntimeException e) {
      LOG.warn(Kv.line("event", "job.listener_failed", "job", job.id(), "error", e.toString()));
    }
  }

  /**
   * Records that the queue gave up on a job: it failed, and running it again later may still help.
   *
   * @param job the job
   * @param attempts how many times it ran
   * @param cause the last failure
   */
  public void dropped(Job job, int attempts, Exception cause) {
    String detail = dev.packit.core.Redaction.text("gave up after " + attempts + " attempts: " + cause.getMessage());
    safely(() -> history.finished(job.id(), clock.instant(), JobState.FAILED, detail, true, List.of()), job);
    try {
      onFinished.accept(job, "error");
    } catch (RuntimeException e) {
      LOG.warn(Kv.line("event", "job.listener_failed", "job", job.id(), "error", e.toString()));
    }
  }

  /**
   * Records a job as queued (the intake does it; a job from another instance's intake, or from
   * before a restart with an in-memory history, is recorded here the first time a runner sees it).
   *
   * @param job the job
   */
  void recordQueued(Job job) {
    safely(() -> history.queued(job.record()), job);
  }

  // The history is a record of what happened, not a gate: a database that is down must not fail the job.
  private void safely(Runnable r, Job job) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn(Kv.line("event", "history.failed", "bot", instance, "job", job.id(), "error", e.toString()));
    }
  }

  private static String outcome(RunResult r) {
    if (!r.succeeded()) {
      return "failed";
    }
    return r.branches().stream().allMatch(b -> b.outcome() == BranchOutcome.SKIPPED) ? "skipped" : "done";
  }

  private RunResult execute(Job job) {
    JobRequest request = job.request();
    ReleaseWorkflow wf = workflowFor(request);
    if (wf == null) {
      return null;
    }
    if (request instanceof JobRequest.ProposeDownstream r) {
      return release(job, r, wf);
    }
    return wf.apply(wf.plan(request));
  }

  /**
   * The workflow a request runs on: a release on its upstream forge's; pull_from_upstream on the
   * forge of the config's {@code upstream_project_url} when the bot has it (so the commit message
   * can name the upstream commit), else dist-git's; everything else on dist-git's.
   */
  private ReleaseWorkflow workflowFor(JobRequest request) {
    if (request instanceof JobRequest.ProposeDownstream r) {
      ForgeKind kind = ForgeKind.valueOf(r.upstreamForge().toUpperCase(java.util.Locale.ROOT));
      return Objects.requireNonNull(workflows.get(kind), () -> "no workflow for upstream forge " + kind);
    }
    if (request instanceof JobRequest.PullFromUpstream r) {
      return r.config().load().topLevel().upstreamProjectUrl()
          .flatMap(u -> {
            try {
              return ForgeKind.guess(URI.create(u));
            } catch (IllegalArgumentException e) {
              return java.util.Optional.empty();
            }
          })
          .map(workflows::get).orElse(distGitWorkflow);
    }
    return distGitWorkflow;
  }

  private RunResult release(Job job, JobRequest.ProposeDownstream r, ReleaseWorkflow wf) {
    Forge forge = upstreams.get(ForgeKind.valueOf(r.upstreamForge().toUpperCase(java.util.Locale.ROOT)));
    RepoId repo = RepoId.of(r.upstreamRepository());
    String sha = r.commitSha().isEmpty() && forge != null ? tagCommit(forge, repo, r.tag()) : r.commitSha();
    String what = r.packageName() + " " + r.tag() + " to " + String.join(", ", r.branches());
    if (forge != null) {
      reporter.status(forge, repo, sha, job.kind(), CommitState.RUNNING, "proposing " + what, null);
    }
    RunResult result = wf.apply(wf.plan(r));
    if (forge != null) {
      URI link = result.branches().stream().map(BranchResult::pullRequestUrl).flatMap(java.util.Optional::stream)
          .findFirst().map(URI::create).orElse(null);
      String summary = result.branches().stream()
          .map(b -> b.branch() + " " + b.outcome().name().toLowerCase(java.util.Locale.ROOT))
          .collect(Collectors.joining(", "));
      reporter.status(forge, repo, sha, job.kind(), result.succeeded() ? CommitState.SUCCESS : CommitState.FAILURE,
          r.tag() + ": " + summary, link);
      reporter.comment(forge, repo, r.reportIssue(), commentBody(r, result));
    }
    return result;
  }

  private static String commentBody(JobRequest.ProposeDownstream r, RunResult result) {
    StringBuilder sb = new StringBuilder("packit-java proposed ").append(r.packageName()).append(' ')
        .append(r.tag()).append(":\n\n| branch | result | pull request |\n| --- | --- | --- |\n");
    for (BranchResult b : result.branches()) {
      sb.append("| ").append(b.branch()).append(" | ").append(b.outcome().name().toLowerCase(java.util.Locale.ROOT))
          .append(b.outcome() == BranchOutcome.DONE ? "" : ": " + b.detail().replace('|', '/').replace('\n', ' '))
          .append(" | ").append(b.pullRequestUrl().orElse("-")).append(" |\n");
    }
    return sb.toString();
  }

  private void reportError(Job job, String message) {
    JobRequest request;
    try {
      request = job.request();
    } catch (RuntimeException e) {
      return; // an envelope without a readable request has nowhere to report to
    }
    if (!(request instanceof JobRequest.ProposeDownstream r)) {
      return;
    }
    Forge forge = upstreams.get(ForgeKind.valueOf(r.upstreamForge().toUpperCase(java.util.Locale.ROOT)));
    if (forge == null) {
      return;
    }
    RepoId repo = RepoId.of(r.upstreamRepository());
    String sha = r.commitSha().isEmpty() ? tagCommit(forge, repo, r.tag()) : r.commitSha();
    reporter.status(forge, repo, sha, job.kind(), CommitState.ERROR, message, null);
    reporter.comment(forge, repo, r.reportIssue(), "packit-java could not run " + job.kind() + ": " + message);
  }

  private static String tagCommit(Forge forge, RepoId repo, String tag) {
    try {
      return forge.tags(repo).filter(t -> t.name().equals(tag)).findFirst().map(Tag::commitSha).orElse("");
    } catch (RuntimeException e) {
      LOG.warn(Kv.line("event", "report.tag_lookup_failed", "repo", repo, "tag", tag, "error", e.toString()));
      return "";
    }
  }
}
