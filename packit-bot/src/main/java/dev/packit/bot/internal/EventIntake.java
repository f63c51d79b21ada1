package dev.packit.bot.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.bot.CommandPolicy;
import dev.packit.bot.history.JobHistory;
import dev.packit.core.config.InvalidConfigException;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.KojiTag;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.messaging.PagurePullRequestEvent;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.forge.FileContent;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events in, queued jobs out: reads the {@code .packit.yaml} where {@link JobDispatcher} says it
 * lives, asks the dispatcher which jobs the event triggers and submits them to the queue. Runs on
 * the webhook's HTTP thread or the message consumer's thread; the jobs themselves run later.
 * {@code /packit} comments, upstream or on dist-git pull requests, are obeyed only when the
 * {@link CommandPolicy} accepts their author; others get a polite reply and queue nothing.
 *
 * <pre>{@code
 * EventIntake intake = new EventIntake(dispatcher, Map.of(ForgeKind.GITHUB, github), pagure, queue, reporter,
 *     CommandPolicy.forgePermissions(), metrics, history);
 * List<Job> jobs = intake.onWebhook(event, deliveryId);   // [] when the event triggers nothing
 * }</pre>
 */
public final class EventIntake {
  private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JobDispatcher dispatcher;
  private final Map<ForgeKind, Forge> upstreams;
  private final Forge distGit;
  private final JobQueue queue;
  private final StatusReporter reporter;
  private final CommandPolicy policy;
  private final BotMetrics metrics;
  private final JobHistory history;
  private final PackitConfigLoader loader = PackitConfigLoader.defaults();

  /**
   * Creates the intake with a command policy.
   *
   * @param dispatcher maps events to jobs
   * @param upstreams the upstream forges the bot has webhooks from, by kind
   * @param distGit the dist-git forge (configs of dist-git and Koji events), may be null
   * @param queue where jobs go
   * @param reporter answers invalid and refused {@code /packit} commands
   * @param policy who may command the bot
   * @param metrics counts obeyed and refused commands, may be null
   * @param history records every queued job
   */
  public EventIntake(JobDispatcher dispatcher, Map<ForgeKind, Forge> upstreams, Forge distGit, JobQueue queue,
      StatusReporter reporter, CommandPolicy policy, BotMetrics metrics, JobHistory history) {
    this.history = Objects.requireNonNull(history, "history");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.metrics = metrics;
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.upstreams = Map.copyOf(upstreams);
    this.distGit = distGit;
    this.queue = Objects.requireNonNull(queue, "queue");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  /**
   * Dispatches a verified webhook event.
   *
   * @param event the parsed event
   * @param deliveryId the delivery id (becomes part of the job ids)
   * @return the jobs queued, possibly none
   */
  public List<Job> onWebhook(WebhookEvent event, String deliveryId) {
    String tag;
    String sha = "";
    String notes;
    long reportIssue = 0;
    ForgeKind kind;
    String repository;
    if (event instanceof ReleaseEvent r) {
      if (!r.isNewRelease() || r.draft()) {
        return List.of();
      }
      kind = r.forge();
      repository = r.repository().fullName();
      tag = r.tag();
      sha = r.commitSha();
      notes = r.body();
    } else if (event instanceof CommentEvent c) {
      Optional<CommentCommand> cmd = c.command();
      // Only a new comment commands: an edit or a deletion of an old one must not run it again.
      if (cmd.isEmpty() || !(c.action().equals("created") || c.action().equals("create"))) {
        return List.of();
      }
      kind = c.forge();
      repository = c.repository().fullName();
      Forge forge = upstreams.get(kind);
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
      tag = latest.get().tagName();
      notes = latest.get().body();
      reportIssue = c.number();
    } else {
      return List.of();
    }
    Forge forge = upstreams.get(kind);
    if (forge == null) {
      LOG.warn(Kv.line("event", "webhook.no_forge", "forge", kind, "repo", repository));
      return List.of();
    }
    Loaded cfg = loadConfig(forge, RepoId.of(repository), tag);
    if (cfg == null) {
      LOG.info(Kv.line("event", "webhook.no_config", "repo", repository, "ref", tag));
      return List.of();
    }
    List<Job> out = new ArrayList<>();
    for (JobDispatcher.Job j : dispatcher.dispatch(event, cfg.config)) {
      out.add(Job.release(deliveryId, j.type().yamlName(), j.packageName(), j.branches(), kind.name(), repository,
          tag, sha, notes, cfg.yaml, cfg.source, reportIssue));
    }
    submit(out);
    return out;
  }

  /**
   * Dispatches a fedora-messaging message (dist-git push, Koji build state change, ...).
   *
   * @param message the typed message
   * @return the jobs queued, possibly none
   */
  public List<Job> onMessage(FedoraMessage message) {
    Optional<JobDispatcher.ConfigSource> src = dispatcher.configSource(message);
    if (src.isEmpty() || !src.get().distGit() || distGit == null) {
      return List.of();
    }
    Loaded cfg;
    try {
      cfg = loadConfig(distGit, RepoId.of(src.get().repository()), src.get().ref());
    } catch (InvalidConfigException e) {
      // The file is wrong until a maintainer fixes it: redelivering the message cannot help.
      LOG.warn(Kv.line("event", "config.invalid", "message", message.messageId(), "error", e.getMessage()));
      return List.of();
    }
    if (cfg == null) {
      return List.of();
    }
    List<Dispatched> jobs = new ArrayList<>();
    dispatcher.dispatch(message, cfg.config).forEach(j -> jobs.add(new Dispatched(j, cfg)));
    if (message instanceof KojiTag t) {
      // A build landed in a side tag: its group's dependents react with their own configs.
      for (String pkg : dispatcher.sideTagPackages(t, cfg.config)) {
        if (pkg.equals(t.name())) {
          continue;
        }
        Loaded dep;
        try {
          dep = loadConfig(distGit, RepoId.of("rpms/" + pkg), src.get().ref());
        } catch (InvalidConfigException e) {
          LOG.warn(Kv.line("event", "config.invalid", "message", message.messageId(), "package", pkg, "error", e.getMessage()));
          continue;
        }
        if (dep != null) {
          dispatcher.dispatch(message, dep.config).forEach(j -> jobs.add(new Dispatched(j, dep)));
        }
      }
    }
    if (jobs.isEmpty()) {
      return List.of();
    }
    if (message instanceof PagurePullRequestEvent pr) {
      // A /packit comment on a dist-git pull request: only the package's packagers command the bot.
      String command = CommentCommandParser.packit().parse(pr.comment()).map(CommentCommand::name).orElse("?");
      if (!authorized(CommandPolicy.Origin.DIST_GIT, distGit, RepoId.of(pr.project()), pr.id(), pr.agent(), command)) {
        return List.of();
      }
    }
    String json = envelopeJson(message.envelope());
    List<Job> out = new ArrayList<>();
    for (Dispatched d : jobs) {
      JobDispatcher.Job j = d.job();
      out.add(Job.message(message.messageId(), j.type().yamlName(), j.packageName(), j.branches(), d.cfg().yaml,
          d.cfg().source, json));
    }
    submit(out);
    return out;
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

  private void submit(List<Job> jobs) {
    for (Job job : jobs) {
      queue.submit(job);
      try {
        // after submit: a job the queue refused is not in the history; the runner records it too
        history.queued(job.record());
      } catch (RuntimeException e) {
        LOG.warn(Kv.line("event", "history.failed", "job", job.id(), "error", e.toString()));
      }
      LOG.info(Kv.line("event", "job.queued", "job", job.id(), "type", job.type(), "package", job.packageName(),
          "branches", String.join(",", job.branches())));
    }
  }

  private record Loaded(PackitConfig config, String yaml, String source) {}

  private record Dispatched(JobDispatcher.Job job, Loaded cfg) {}

  private Loaded loadConfig(Forge forge, RepoId repo, String ref) {
    for (String name : PackitConfigLoader.CONFIG_FILE_NAMES) {
      Optional<FileContent> file = forge.file(repo, name, ref);
      if (file.isPresent()) {
        String source = repo + "@" + ref + "/" + name;
        String yaml = file.get().text();
        // In dist-git the repository is the package: Packit's default for the package names.
        PackitConfigLoader l = forge == distGit ? distGitLoader(repo.name()) : loader;
        return new Loaded(l.load(yaml, source), yaml, source);
      }
    }
    return null;
  }

  /**
   * Loads dist-git configs as Packit does: the repository's name is the package's.
   *
   * @param packageName the dist-git repository name
   * @return a loader for that repository's config
   */
  static PackitConfigLoader distGitLoader(String packageName) {
    return PackitConfigLoader.builder().repositoryName(packageName).build();
  }

  static String envelopeJson(MessageEnvelope e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("topic", e.topic());
    m.put("headers", e.headers());
    m.put("body", e.body());
    try {
      return MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("message " + e.id() + " cannot be written as JSON", ex);
    }
  }
}
