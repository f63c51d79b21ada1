package dev.packit.bot.internal;

import dev.packit.bot.CommandPolicy;
import dev.packit.bot.history.JobHistory;
import dev.packit.core.PackitException;
import dev.packit.core.config.InvalidConfigException;
import dev.packit.fedora.jobs.ConfigLocation;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.DispatchResult;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.jobs.JobSkip;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.KojiTag;
import dev.packit.fedora.messaging.PagurePullRequestEvent;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Release;
import dev.packit.forge.RepoId;
import dev.packit.forge.webhook.CommandType;
import dev.packit.forge.webhook.CommentCommand;
import dev.packit.forge.webhook.CommentCommandParser;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.ReleaseEvent;
import dev.packit.forge.webhook.WebhookEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events in, queued jobs out, on the typed road: the event becomes a {@link Trigger}, the
 * dispatcher's {@code ConfigResolver} says where its {@code .packit.yaml} lives, the config is read
 * as text, {@link JobDispatcher#dispatch(Trigger, ConfigText)} turns them into {@link JobRequest}s,
 * and each goes on the queue as JSON in a {@link Job} envelope. Runs on the webhook's HTTP thread
 * or the message consumer's thread; the jobs themselves run later. {@code /packit} comments,
 * upstream or on dist-git pull requests, are obeyed only when the {@link CommandPolicy} accepts
 * their author; others get a polite reply and queue nothing.
 *
 * <pre>{@code
 * EventIntake intake = new EventIntake(dispatcher, Map.of(ForgeKind.GITHUB, github), pagure, queue, reporter,
 *     CommandPolicy.forgePermissions(), metrics, history, clock);
 * List<Job> jobs = intake.onWebhook(event, deliveryId);   // [] when the event triggers nothing
 * }</pre>
 */
public final class EventIntake {
  private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);

  private final JobDispatcher dispatcher;
  private final Map<ForgeKind, Forge> upstreams;
  private final Forge distGit;
  private final JobQueue queue;
  private final StatusReporter reporter;
  private final CommandPolicy policy;
  private final BotMetrics metrics;
  private final JobHistory history;
  private final Clock clock;

  /**
   * Creates the intake.
   *
   * @param dispatcher maps triggers to job requests; its resolver says where configs live
   * @param upstreams the upstream forges the bot has webhooks from, by kind
   * @param distGit the dist-git forge (configs of dist-git and Koji events), may be null
   * @param queue where jobs go
   * @param reporter answers invalid and refused {@code /packit} commands
   * @param policy who may command the bot
   * @param metrics counts obeyed and refused commands, may be null
   * @param history records every queued job
   * @param clock the enqueue time
   */
  public EventIntake(JobDispatcher dispatcher, Map<ForgeKind, Forge> upstreams, Forge distGit, JobQueue queue,
      StatusReporter reporter, CommandPolicy policy, BotMetrics metrics, JobHistory history, Clock clock) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.upstreams = Map.copyOf(upstreams);
    this.distGit = distGit;
    this.queue = Objects.requireNonNull(queue, "queue");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.metrics = metrics;
    this.history = Objects.requireNonNull(history, "history");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Dispatches a verified webhook event.
   *
   * @param event the parsed event
   * @param deliveryId the delivery id (becomes part of the job ids)
   * @return the jobs queued, possibly none
   */
  public List<Job> onWebhook(WebhookEvent event, String deliveryId) {
    Trigger trigger;
    if (event instanceof ReleaseEvent r) {
      if (!r.isNewRelease() || r.draft()) {
        return List.of(); // before reading any config: most release events are edits
      }
      trigger = Trigger.of(event);
    } else if (event instanceof CommentEvent c) {
      Optional<CommentCommand> cmd = c.command();
      // Only a new comment commands: an edit or a deletion of an old one must not run it again.
      if (cmd.isEmpty() || !(c.action().equals("created") || c.action().equals("create"))) {
        return List.of();
      }
      String repository = c.repository().fullName();
      Forge forge = upstreams.get(c.forge());
      if (!cmd.get().valid()) {
        if (forge != null) {
          reporter.comment(forge, RepoId.of(repository), c.number(), "packit-java: " + cmd.get().problem());
        }
        return List.of();
      }
      if (cmd.get().type() != CommandType.PROPOSE_DOWNSTREAM || forge == null) {
        return List.of();
      }
      if (!authorized(CommandPolicy.Origin.UPSTREAM, forge, RepoId.of(repository), c.number(), c.author(),
          cmd.get().name())) {
        return List.of();
      }
      // propose-downstream from a comment: Packit proposes the latest release
      Optional<Release> latest = forge.latestRelease(RepoId.of(repository));
      if (latest.isEmpty()) {
        reporter.comment(forge, RepoId.of(repository), c.number(), "packit-java: this repository has no release to propose.");
        return List.of();
      }
      trigger = Trigger.command(c, latest.get());
    } else {
      return List.of();
    }
    Forge forge = upstreams.get(event.forge());
    if (forge == null) {
      LOG.warn(Kv.line("event", "webhook.no_forge", "forge", event.forge(), "trigger", trigger.describe()));
      return List.of();
    }
    Optional<ConfigLocation> where = dispatcher.resolver().locate(trigger);
    Optional<ConfigText> config = where.flatMap(l -> l.read(forge));
    if (config.isEmpty()) {
      LOG.info(Kv.line("event", "webhook.no_config", "trigger", trigger.describe(),
          "at", where.map(l -> l.repository() + "@" + l.ref()).orElse("-")));
      return List.of();
    }
    List<JobRequest> requests = requests(trigger, config.get());
    return submit(deliveryId, trigger, requests);
  }

  /**
   * Dispatches a fedora-messaging message (dist-git push, Koji build or tag, dist-git pull-request
   * comment, new upstream version).
   *
   * @param message the typed message
   * @return the jobs queued, possibly none
   */
  public List<Job> onMessage(FedoraMessage message) {
    Trigger trigger = Trigger.of(message);
    Optional<ConfigLocation> where = dispatcher.resolver().locate(trigger);
    if (where.isEmpty() || !where.get().distGit() || distGit == null) {
      return List.of();
    }
    Optional<ConfigText> config = readDistGit(where.get(), message);
    if (config.isEmpty()) {
      return List.of();
    }
    List<JobRequest> requests = new ArrayList<>(requests(trigger, config.get()));
    if (message instanceof KojiTag t) {
      // A build landed in a side tag: its group's dependents react with their own configs.
      for (String pkg : dispatcher.sideTagPackages(t, config.get().load())) {
        if (pkg.equals(t.name())) {
          continue;
        }
        readDistGit(dispatcher.resolver().forPackage(pkg), message)
            .ifPresent(dep -> requests.addAll(requests(trigger, dep)));
      }
    }
    if (requests.isEmpty()) {
      return List.of();
    }
    if (message instanceof PagurePullRequestEvent pr) {
      // A /packit comment on a dist-git pull request: only the package's packagers command the bot.
      String command = CommentCommandParser.packit().parse(pr.comment()).map(CommentCommand::name).orElse("?");
      if (!authorized(CommandPolicy.Origin.DIST_GIT, distGit, RepoId.of(pr.project()), pr.id(), pr.agent(), command)) {
        return List.of();
      }
    }
    return submit(message.messageId(), trigger, requests);
  }

  private Optional<ConfigText> readDistGit(ConfigLocation where, FedoraMessage message) {
    Optional<ConfigText> config;
    try {
      config = where.read(distGit);
      if (config.isPresent()) {
        config.get().load(); // a config that does not load is the maintainer's to fix, not a delivery to retry
      }
    } catch (InvalidConfigException e) {
      LOG.warn(Kv.line("event", "config.invalid", "message", message.messageId(), "at", where.repository(),
          "error", e.getMessage()));
      return Optional.empty();
    } catch (PackitException e) {
      if (e.retryable()) {
        throw e; // dist-git is down: the message source redelivers
      }
      LOG.warn(Kv.line("event", "config.unreadable", "message", message.messageId(), "at", where.repository(),
          "error", e.getMessage()));
      return Optional.empty();
    }
    return config;
  }

  private List<JobRequest> requests(Trigger trigger, ConfigText config) {
    DispatchResult result = dispatcher.dispatch(trigger, config);
    if (!result.skips().isEmpty()) {
      LOG.info(Kv.line("event", "dispatch.skipped", "trigger", trigger.describe(), "config", config.source(),
          "skips", result.skips().stream().map(JobSkip::toString).collect(Collectors.joining("; "))));
    }
    return result.requests();
  }

  /**
   * Asks the policy; a refused author gets a reply where they wrote the command.
   *
   * @return whether to obey
   */
  private boolean authorized(CommandPolicy.Origin origin, Forge forge, RepoId repo, long number, String user,
      String command) {
    boolean ok = policy.mayCommand(new CommandPolicy.CommandRequest(origin, forge, repo, user, command));
    if (metrics != null) {
      metrics.command(ok ? "obeyed" : "refused");
    }
    LOG.info(Kv.line("event", ok ? "command.obeyed" : "command.refused", "origin", origin, "repo", repo,
        "number", number, "user", user, "command", command));
    if (!ok) {
      String who = origin == CommandPolicy.Origin.UPSTREAM
          ? "people with write access to " + repo
          : "packagers of " + repo + " (commit access)";
      reporter.comment(forge, repo, number, "@" + user + ", only " + who + " can ask packit-java to run `/packit "
          + command + "`. Nothing was run; please ask one of them.");
    }
    return ok;
  }

  /**
   * Queues a request that did not come from an event (reconciliation, a person re-running a job).
   *
   * @param eventId becomes part of the job id: the same id twice is the same job
   * @param trigger what started it, one line for people
   * @param request the request
   * @return the job queued
   */
  public Job submit(String eventId, String trigger, JobRequest request) {
    return submit(List.of(Job.of(eventId, request, trigger, clock.millis()))).get(0);
  }

  /**
   * Queues a request under a job id chosen by the caller (reconciliation: the id names the missing
   * item, and the history already has it as queued).
   */
  public Job submitAs(String jobId, String trigger, JobRequest request) {
    Job job = new Job(jobId, jobId, request.kind(), request.packageName(), request.branches(), request.toJson(), trigger,
        clock.millis());
    return submit(List.of(job)).get(0);
  }

  private List<Job> submit(String eventId, Trigger trigger, List<JobRequest> requests) {
    List<Job> jobs = new ArrayList<>();
    for (JobRequest r : requests) {
      jobs.add(Job.of(eventId, r, trigger.describe(), clock.millis()));
    }
    return submit(jobs);
  }

  private List<Job> submit(List<Job> jobs) {
    for (Job job : jobs) {
      queue.submit(job);
      try {
        // after submit: a job the queue refused is not in the history; the runner records it too
        history.queued(job.record());
      } catch (RuntimeException e) {
        LOG.warn(Kv.line("event", "history.failed", "job", job.id(), "error", e.toString()));
      }
      LOG.info(Kv.line("event", "job.queued", "job", job.id(), "type", job.kind(), "package", job.packageName(),
          "branches", String.join(",", job.branches())));
    }
    return jobs;
  }
}
