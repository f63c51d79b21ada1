package dev.packit.bot;

import dev.packit.bot.history.InMemoryJobHistory;
import dev.packit.bot.history.JobHistory;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.internal.BotHttpServer;
import dev.packit.bot.internal.BotMetrics;
import dev.packit.bot.internal.EventIntake;
import dev.packit.bot.internal.InProcessJobQueue;
import dev.packit.bot.internal.Job;
import dev.packit.bot.internal.JobQueue;
import dev.packit.bot.internal.JobRunner;
import dev.packit.bot.internal.Kv;
import dev.packit.bot.internal.RabbitJobQueue;
import dev.packit.bot.internal.StatusReporter;
import dev.packit.bot.internal.TempFolders;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.messaging.FedoraMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import dev.packit.core.PackitException;
import dev.packit.core.Secret;
import dev.packit.core.config.DistroAliases;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.AmqpMessageSource;
import dev.packit.fedora.messaging.MessageSource;
import dev.packit.fedora.messaging.Subscription;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.webhook.WebhookDelivery;
import dev.packit.forge.webhook.WebhookEvent;
import dev.packit.forge.webhook.WebhookParser;
import dev.packit.forge.webhook.WebhookRejectedException;
import dev.packit.forge.webhook.WebhookReplayGuard;
import dev.packit.forge.webhook.WebhookVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A release bot as a library: GitHub and GitLab webhooks over HTTP and fedora-messaging messages
 * over AMQP in, {@link JobDispatcher} jobs on a queue (in this process or on RabbitMQ), {@link ReleaseWorkflow}
 * runs, commit statuses and comments back upstream, every job in a {@link JobHistory};
 * {@code /healthz} and {@code /metrics} (Prometheus, through Micrometer) for operations, and any
 * Jetty handler mounted at a path (a status page at {@code /}).
 *
 * <pre>{@code
 * try (PackitBot bot = PackitBot.builder()
 *     .instance("bot-1")
 *     .upstream(ForgeKind.GITHUB, github)                    // the bot builds a workflow per forge...
 *     .distGit(pagure, URI.create("https://src.fedoraproject.org/"))
 *     .gitCredentials(gitCredentials).lookaside(lookaside).koji(koji).bodhi(bodhi).downloads(http)
 *     .workDir(Path.of("/var/lib/packit-bot"))               // ...with clones under here, cleaned on exit
 *     .releases(fedoraReleases)                              // fedora-all and friends
 *     .verifier(WebhookVerifier.builder().githubSecret(Secret.of(hookSecret)).maxBodyBytes(1 << 20).build())
 *     .queue(BotQueue.inProcess(4))                          // or BotQueue.rabbitMq(uri)
 *     .history(new InMemoryJobHistory())                     // the default; a database in production
 *     .httpPort(8080)
 *     .build()) {
 *   bot.start();          // POST /webhooks/github, /webhooks/gitlab; GET /healthz, /metrics
 *   bot.awaitShutdown();  // until close(): SIGTERM and Ctrl-C close the bot through a shutdown hook
 * }
 * }</pre>
 *
 * <p>Or from environment variables: see {@link #fromEnvironment(Map)}.
 *
 * @since 0.2.0
 */
public final class PackitBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PackitBot.class);
  private static final List<String> OWN_PATHS = List.of("/healthz", "/metrics");

  private final String instance;
  private final JobQueue queue;
  private final BotMetrics metrics;
  private final EventIntake intake;
  private final JobRunner runner;
  private final JobHistory history;
  private final WebhookVerifier verifier;
  private final WebhookReplayGuard replayGuard;
  private final WebhookParser parser = WebhookParser.create();
  private final int httpPort;
  private final String httpHost;
  private final List<java.util.function.Function<PackitBot, AutoCloseable>> attachments;
  private final List<AutoCloseable> attached = new ArrayList<>();
  private final HttpLimits httpLimits;
  private final MessageSource messages;
  private final List<String> messageBindings;
  private final List<AutoCloseable> owned;
  private final Map<String, Handler> mounts;
  private final TempFolders temp;
  private final boolean shutdownHook;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Thread hook;
  private BotHttpServer http;
  private Subscription subscription;

  private PackitBot(Builder b) {
    this.instance = b.instance;
    this.verifier = b.verifier;
    this.replayGuard = b.replayGuard != null ? b.replayGuard
        : WebhookReplayGuard.create(Duration.ofHours(24), 100_000, b.clock);
    this.httpPort = b.httpPort;
    this.httpHost = b.httpHost;
    this.attachments = List.copyOf(b.attachments);
    this.httpLimits = b.httpLimits;
    this.messages = b.messages;
    this.messageBindings = List.copyOf(b.messageBindings);
    this.mounts = Map.copyOf(b.mounts);
    this.history = b.history;
    this.shutdownHook = b.shutdownHook;
    List<AutoCloseable> own = new ArrayList<>(b.owned);
    List<Path> builtWorkDirs = new ArrayList<>();
    Map<ForgeKind, ReleaseWorkflow> workflows = new HashMap<>();
    workflows.putAll(b.workflows);
    for (Map.Entry<ForgeKind, Forge> u : b.upstreams.entrySet()) {
      if (!workflows.containsKey(u.getKey())) {
        Path dir = b.requireWorkDir().resolve(u.getKey().name().toLowerCase(Locale.ROOT));
        workflows.put(u.getKey(), b.workflow(u.getValue(), dir));
        builtWorkDirs.add(dir);
      }
    }
    ReleaseWorkflow distGitWorkflow = b.distGitWorkflow;
    if (distGitWorkflow == null && b.distGit != null && b.distGitGitBase != null) {
      Path dir = b.requireWorkDir().resolve("dist-git");
      distGitWorkflow = b.workflow(null, dir);
      builtWorkDirs.add(dir);
    }
    this.temp = new TempFolders(builtWorkDirs);
    JobDispatcher dispatcher = b.dispatcher != null ? b.dispatcher
        : b.liveReleases != null ? new JobDispatcher(b.liveReleases, new ConfigResolver(ConfigResolver.FEDORA_NAMESPACE, b.defaultBranch))
        : new JobDispatcher(DistroAliases.from(b.releases), b.defaultBranch);
    if (b.queue instanceof BotQueue.RabbitMq q) {
      this.queue = RabbitJobQueue.builder().uri(q.uri()).instance(instance).prefix(q.prefix())
          .shards(q.shards()).preferredShards(q.preferredShards()).standbyDelay(q.standbyDelay()).build();
    } else {
      this.queue = new InProcessJobQueue(((BotQueue.InProcess) b.queue).lanes());
    }
    own.add(history); // last: what runs on close may still record
    this.owned = List.copyOf(own);
    this.metrics = new BotMetrics(queue::stats);
    StatusReporter reporter = new StatusReporter(b.statusContext);
    this.intake = new EventIntake(dispatcher, b.upstreams, b.distGit, queue, reporter, b.commandPolicy, metrics, history,
        b.clock);
    this.runner = new JobRunner(instance, workflows, distGitWorkflow, b.upstreams, b.distGit, reporter, metrics,
        b.clock, history, new JobRunner.Links(b.kojiWeb, b.bodhiWeb));
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return this instance's name */
  public String instance() {
    return instance;
  }

  /** @return the Micrometer registry behind {@code /metrics}, to add meters of one's own */
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /** @return the job history the bot records to */
  public JobHistory history() {
    return history;
  }

  /**
   * Calls back when a job finished on this instance (custom reporting, tests).
   *
   * @param listener gets the job's history record and its outcome ({@code done}, {@code skipped},
   *     {@code failed}, {@code error}, {@code ignored}); must be quick
   * @return this bot
   */
  public PackitBot onJobFinished(BiConsumer<JobRecord, String> listener) {
    Objects.requireNonNull(listener, "listener");
    runner.onFinished((job, outcome) -> listener.accept(history.find(job.id()).orElse(job.record()), outcome));
    return this;
  }

  /**
   * Feeds a fedora-messaging message in as the subscription would (another transport, tests).
   *
   * @param message the typed message
   * @return how many jobs it queued
   */
  public int onMessage(FedoraMessage message) {
    try {
      int n = intake.onMessage(message).size();
      metrics.message(n == 0 ? "ignored" : "queued");
      return n;
    } catch (RuntimeException e) {
      metrics.message("error");
      throw e;
    }
  }

  /**
   * Queues a job request that no event brought (reconciliation, a person re-running a job from
   * the history); it is recorded and run like any other.
   *
   * <pre>{@code
   * String id = bot.submit("reconcile-2026-12-07T03:00Z", "reconciliation: hello f43 has no build", request);
   * }</pre>
   *
   * @param eventId becomes part of the job id ({@code <eventId>/<kind>/<package>}): the same id twice is the same job
   * @param trigger what started it, one line for people (history, status page)
   * @param request the request, e.g. from {@code JobRequest.fromJson(record.request())}
   * @return the job id
   */
  public String submit(String eventId, String trigger, dev.packit.fedora.jobs.JobRequest request) {
    return intake.submit(Objects.requireNonNull(eventId, "eventId"), Objects.requireNonNull(trigger, "trigger"),
        Objects.requireNonNull(request, "request")).id();
  }

  /**
   * Where reconciliation puts the jobs it finds missing: queued under the action's job id (which
   * the reconciler has recorded in the history as queued), so the history keeps one record per job.
   *
   * <pre>{@code
   * Reconciler r = Reconciler.builder().observer(observer).history(bot.history()).sink(bot.jobSink()).build();
   * }</pre>
   *
   * @return the sink
   */
  public dev.packit.bot.reconcile.JobSink jobSink() {
    return action -> intake.submitAs(action.jobId(), "reconciliation: " + action.reason(), action.request());
  }

  /**
   * A bot with every setting of a config file ({@code docs/bot-config.md}): forges, dist-git,
   * lookaside, Koji, Bodhi, fedora-messaging, queue, history, HTTP, the status page at {@code /}
   * and reconciliation. Secrets are read from their files and Bodhi is asked for the active
   * releases (a warning when it cannot answer) when this is called; {@code build()} asks dist-git
   * whom the token belongs to (the bot's account); {@link PackitBot#start()} reads the watched
   * packages' configs and starts the reconciler. A setting that cannot be honoured is an
   * {@link dev.packit.core.InvalidInputException} naming its key, such as
   * {@code the bot's config: forges[1].webhook_secret_file: ...}.
   *
   * <pre>{@code
   * BotConfig config = BotConfigLoader.builder().build().load(Path.of("/etc/packit-bot/packit-bot.yaml"));
   * try (PackitBot bot = PackitBot.fromConfig(config).build()) {
   *   bot.start();
   *   bot.awaitShutdown();
   * }
   * }</pre>
   *
   * @param config the loaded config
   * @return a builder with every setting applied; change any before {@code build()}
   */
  public static Builder fromConfig(dev.packit.bot.config.BotConfig config) {
    return FromConfig.builder(Objects.requireNonNull(config, "config"));
  }

  /** @return the HTTP address once started, e.g. {@code http://127.0.0.1:8080/} */
  public URI httpUri() {
    if (http == null) {
      throw new IllegalStateException("the HTTP server is not started");
    }
    return http.uri();
  }

  /**
   * Starts consuming jobs, the HTTP server (unless the port is -1) and the message subscription,
   * and (unless turned off) a shutdown hook that closes the bot on SIGTERM and Ctrl-C.
   *
   * @return this bot
   */
  public PackitBot start() {
    queue.start(new JobQueue.JobHandler() {
      @Override
      public void handle(Job job, boolean redelivered) {
        runner.run(job, redelivered);
      }

      @Override
      public void dropped(Job job, int attempts, Exception cause) {
        runner.dropped(job, attempts, cause);
      }
    });
    if (httpPort >= 0) {
      long maxBody = verifier == null ? 0 : verifier.maxBodyBytes();
      http = new BotHttpServer(instance, httpHost, httpPort, httpLimits, maxBody, new Routes(), mounts).start();
    }
    if (messages != null && !messageBindings.isEmpty()) {
      // a failure is rethrown: the message source redelivers it, up to its limit
      subscription = messages.subscribe(messageBindings, this::onMessage);
    }
    for (java.util.function.Function<PackitBot, AutoCloseable> a : attachments) {
      try {
        attached.add(a.apply(this));
      } catch (RuntimeException e) {
        close(); // nothing half-started stays behind
        throw e;
      }
    }
    if (shutdownHook) {
      Thread t = new Thread(this::close, "packit-bot-shutdown-" + instance);
      Runtime.getRuntime().addShutdownHook(t);
      hook = t;
    }
    LOG.info(Kv.line("event", "bot.ready", "bot", instance, "http", http == null ? "-" : httpUri(), "queue", queue));
    return this;
  }

  /** The HTTP endpoints; the server calls {@link #withBody} only for a request that arrived whole. */
  private final class Routes implements BotHttpServer.Routes {
    @Override
    public boolean own(String path) {
      return OWN_PATHS.contains(path) || path.startsWith("/webhooks/");
    }

    @Override
    public BotHttpServer.Reply beforeBody(String method, String path) {
      if (path.equals("/healthz")) {
        boolean ok = queue.healthy();
        JobQueue.QueueStats s = queue.stats();
        return BotHttpServer.Reply.text(ok ? 200 : 503, (ok ? "ok" : "unhealthy") + " bot=" + instance
            + " in_flight=" + s.inFlight() + " ready=" + s.ready() + "\n");
      }
      if (path.equals("/metrics")) {
        return new BotHttpServer.Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      }
      if (!path.startsWith("/webhooks/")) {
        return BotHttpServer.Reply.text(404, "not found\n");
      }
      String forge = forgeOf(path);
      if (!forge.equals("github") && !forge.equals("gitlab")) {
        // before any counting: a metric label per unknown path would let anyone grow memory
        return BotHttpServer.Reply.text(404, "webhooks are received at /webhooks/github and /webhooks/gitlab\n");
      }
      if (!"POST".equals(method)) {
        return BotHttpServer.Reply.text(405, "POST only\n");
      }
      if (verifier == null) {
        return BotHttpServer.Reply.text(404, "webhooks are not configured\n");
      }
      return null;
    }

    @Override
    public BotHttpServer.Reply tooLarge(String path, long limit) {
      String forge = forgeOf(path);
      metrics.webhook(forge, "rejected");
      LOG.warn(Kv.line("event", "webhook.rejected", "bot", instance, "forge", forge, "reason",
          WebhookRejectedException.Reason.BODY_TOO_LARGE, "status", 413));
      return BotHttpServer.Reply.text(413, "webhook body is larger than the limit of " + limit + " bytes\n");
    }

    @Override
    public void deadlineMissed(String phase) {
      metrics.httpDeadline(phase);
    }

    @Override
    public BotHttpServer.Reply withBody(String method, String path, Map<String, List<String>> headers, byte[] body) {
      return webhook(forgeOf(path), WebhookDelivery.of(headers, body));
    }
  }

  private static String forgeOf(String path) {
    return path.substring("/webhooks/".length()).toLowerCase(Locale.ROOT);
  }

  private BotHttpServer.Reply webhook(String forge, WebhookDelivery delivery) {
    try {
      ForgeKind kind = verifier.verifyOrThrow(delivery);
      if (!kind.name().toLowerCase(Locale.ROOT).equals(forge)) {
        metrics.webhook(forge, "rejected");
        return BotHttpServer.Reply.text(400, "a " + kind.name().toLowerCase(Locale.ROOT) + " delivery sent to /webhooks/"
            + forge + "\n");
      }
      replayGuard.checkFirstDelivery(delivery);
    } catch (WebhookRejectedException e) {
      boolean replay = e.reason() == WebhookRejectedException.Reason.REPLAYED;
      metrics.webhook(forge, replay ? "replayed" : "rejected");
      LOG.warn(Kv.line("event", "webhook.rejected", "bot", instance, "forge", forge, "reason", e.reason(),
          "status", e.httpStatus()));
      return BotHttpServer.Reply.text(e.httpStatus(), e.getMessage() + "\n");
    }
    String id = delivery.deliveryId().orElse("");
    try {
      WebhookEvent event = parser.parse(delivery);
      List<Job> jobs = intake.onWebhook(event, id.isEmpty() ? java.util.UUID.randomUUID().toString() : id);
      metrics.webhook(forge, jobs.isEmpty() ? "ignored" : "queued");
      LOG.info(Kv.line("event", "webhook.accepted", "bot", instance, "forge", forge, "delivery", id,
          "type", event.getClass().getSimpleName(), "jobs", jobs.size()));
      return BotHttpServer.Reply.text(202, jobs.size() + " job(s) queued\n");
    } catch (PackitException e) {
      boolean retry = e.retryable();
      metrics.webhook(forge, "error");
      LOG.warn(Kv.line("event", "webhook.failed", "bot", instance, "forge", forge, "delivery", id, "error", e.getMessage()));
      if (retry) {
        // the forge or the broker is down: let the sender's redelivery through the replay guard
        replayGuard.forget(delivery);
      }
      return BotHttpServer.Reply.text(retry ? 503 : 400, e.getMessage() + "\n");
    } catch (RuntimeException e) {
      metrics.webhook(forge, "error");
      replayGuard.forget(delivery);
      LOG.error(Kv.line("event", "webhook.failed", "bot", instance, "forge", forge, "delivery", id, "error", e.toString()));
      return BotHttpServer.Reply.text(500, "internal error\n");
    }
  }

  /**
   * Blocks until {@link #close()} is called (from a shutdown hook, for instance).
   *
   * @throws InterruptedException when interrupted
   */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops taking webhooks and messages, lets running jobs finish, closes what the bot owns and
   * deletes the temporary folders of the workflows it built. Safe to call twice (the shutdown hook
   * calls it too).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread h = hook;
    if (h != null && Thread.currentThread() != h) {
      try {
        Runtime.getRuntime().removeShutdownHook(h);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
    for (int i = attached.size() - 1; i >= 0; i--) {
      try {
        attached.get(i).close(); // first: a reconciler stops queueing before the queue closes
      } catch (Exception e) {
        LOG.warn(Kv.line("event", "bot.close_failed", "bot", instance, "error", e.toString()));
      }
    }
    if (http != null) {
      // stops accepting, lets in-flight requests finish (HttpLimits.stopTimeout), closes the rest
      http.close();
    }
    if (subscription != null) {
      subscription.close();
    }
    queue.close();
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn(Kv.line("event", "bot.close_failed", "bot", instance, "error", e.toString()));
      }
    }
    temp.clean();
    LOG.info(Kv.line("event", "bot.stopped", "bot", instance));
    stopped.countDown();
  }

  /**
   * Builds a bot from environment variables (the names below), for containers and the sample
   * bot's main. propose_downstream, pull_from_upstream and dist-git pull-request commands are wired;
   * Koji and Bodhi logins are set in code ({@link Builder#koji}, {@link Builder#bodhi}) on the
   * returned builder.
   *
   * <table>
   * <caption>Variables</caption>
   * <tr><td>PACKIT_BOT_ID</td><td>instance name (default {@code bot})</td></tr>
   * <tr><td>PACKIT_BOT_HTTP_PORT</td><td>webhook/health/metrics port (default 8080, 0 = any, -1 = none)</td></tr>
   * <tr><td>PACKIT_BOT_GITHUB_WEBHOOK_SECRET, PACKIT_BOT_GITLAB_WEBHOOK_TOKEN</td><td>webhook secrets</td></tr>
   * <tr><td>PACKIT_BOT_MAX_BODY_BYTES</td><td>webhook body cap (default 1 MiB)</td></tr>
   * <tr><td>PACKIT_BOT_HTTP_READ_DEADLINE_MS, PACKIT_BOT_HTTP_MAX_CONNECTIONS</td><td>time a client has to send a
   *     whole request (default 10000), connections open at once (default 256); see {@link HttpLimits}</td></tr>
   * <tr><td>PACKIT_BOT_COMMAND_ALLOW</td><td>logins obeyed in {@code /packit} comments besides those with write
   *     access upstream or commit access in dist-git (comma-separated); see {@link CommandPolicy}</td></tr>
   * <tr><td>PACKIT_BOT_GITHUB_API, PACKIT_BOT_GITHUB_TOKEN</td><td>upstream GitHub</td></tr>
   * <tr><td>PACKIT_BOT_GITLAB_API, PACKIT_BOT_GITLAB_TOKEN</td><td>upstream GitLab</td></tr>
   * <tr><td>PACKIT_BOT_DISTGIT_URL, PACKIT_BOT_DISTGIT_GIT, PACKIT_BOT_DISTGIT_TOKEN, PACKIT_BOT_USER</td>
   *     <td>Pagure dist-git API and git base, the bot's token and user</td></tr>
   * <tr><td>PACKIT_BOT_LOOKASIDE_URL, PACKIT_BOT_LOOKASIDE_CGI</td><td>lookaside cache</td></tr>
   * <tr><td>PACKIT_BOT_INSECURE_DOWNLOAD_HOSTS</td><td>hosts archives may come from over plain HTTP (comma-separated)</td></tr>
   * <tr><td>PACKIT_BOT_BODHI_URL</td><td>Bodhi, read for release aliases such as {@code fedora-all} (optional)</td></tr>
   * <tr><td>PACKIT_BOT_WORK_DIR</td><td>clones and archives; the bot's temporary folders under it are deleted on exit</td></tr>
   * <tr><td>PACKIT_BOT_QUEUE</td><td>{@code inprocess} (default) or an {@code amqp://} URI</td></tr>
   * <tr><td>PACKIT_BOT_QUEUE_PREFIX, PACKIT_BOT_SHARDS, PACKIT_BOT_PREFERRED_SHARDS, PACKIT_BOT_STANDBY_MS</td>
   *     <td>RabbitMQ names, shard count, shards to take first ({@code 0,2,4}), standby delay</td></tr>
   * <tr><td>PACKIT_BOT_LANES</td><td>in-process queue lanes (default 4)</td></tr>
   * <tr><td>PACKIT_BOT_MESSAGING_URL, PACKIT_BOT_MESSAGING_QUEUE</td><td>fedora-messaging broker and durable queue (optional)</td></tr>
   * </table>
   *
   * @param env the variables
   * @return a builder, ready to build
   */
  public static Builder fromEnvironment(Map<String, String> env) {
    String id = env.getOrDefault("PACKIT_BOT_ID", "bot");
    String user = env.getOrDefault("PACKIT_BOT_USER", "packit");
    Builder b = builder().instance(id).httpPort(Integer.parseInt(env.getOrDefault("PACKIT_BOT_HTTP_PORT", "8080")));
    HttpLimits limits = HttpLimits.defaults();
    if (present(env, "PACKIT_BOT_HTTP_READ_DEADLINE_MS")) {
      limits = limits.withReadDeadline(Duration.ofMillis(Long.parseLong(env.get("PACKIT_BOT_HTTP_READ_DEADLINE_MS"))));
    }
    if (present(env, "PACKIT_BOT_HTTP_MAX_CONNECTIONS")) {
      limits = limits.withMaxConnections(Integer.parseInt(env.get("PACKIT_BOT_HTTP_MAX_CONNECTIONS")));
    }
    b.httpLimits(limits);
    if (present(env, "PACKIT_BOT_COMMAND_ALLOW")) {
      // bot administrators obeyed everywhere, on top of the forges' permissions
      b.commandPolicy(CommandPolicy.forgePermissions().or(CommandPolicy.allowList(list(env.get("PACKIT_BOT_COMMAND_ALLOW")))));
    }

    WebhookVerifier.Builder v = WebhookVerifier.builder()
        .maxBodyBytes(Long.parseLong(env.getOrDefault("PACKIT_BOT_MAX_BODY_BYTES", Long.toString(1 << 20))));
    if (present(env, "PACKIT_BOT_GITHUB_WEBHOOK_SECRET")) {
      v.githubSecret(Secret.of(env.get("PACKIT_BOT_GITHUB_WEBHOOK_SECRET")));
    }
    if (present(env, "PACKIT_BOT_GITLAB_WEBHOOK_TOKEN")) {
      v.gitlabToken(Secret.of(env.get("PACKIT_BOT_GITLAB_WEBHOOK_TOKEN")));
    }
    if (present(env, "PACKIT_BOT_GITHUB_WEBHOOK_SECRET") || present(env, "PACKIT_BOT_GITLAB_WEBHOOK_TOKEN")) {
      b.verifier(v.build()); // without a secret, no webhooks (404): a bot on fedora-messaging only
    }

    Forge pagure = Pagure.builder().instance(URI.create(require(env, "PACKIT_BOT_DISTGIT_URL")))
        .credentials(ForgeCredentials.token(require(env, "PACKIT_BOT_DISTGIT_TOKEN"))).build();
    b.distGit(pagure, URI.create(env.getOrDefault("PACKIT_BOT_DISTGIT_GIT", env.get("PACKIT_BOT_DISTGIT_URL"))));
    LookasideClient.Builder lookaside = LookasideClient.builder();
    if (present(env, "PACKIT_BOT_LOOKASIDE_URL")) {
      lookaside.baseUri(URI.create(env.get("PACKIT_BOT_LOOKASIDE_URL")));
    }
    if (present(env, "PACKIT_BOT_LOOKASIDE_CGI")) {
      lookaside.uploadCgi(URI.create(env.get("PACKIT_BOT_LOOKASIDE_CGI")));
    }
    b.lookaside(lookaside.build())
        .workDir(Path.of(require(env, "PACKIT_BOT_WORK_DIR")))
        .botUser(user)
        .gitCredentials(GitCredentials.token(user, Secret.of(env.get("PACKIT_BOT_DISTGIT_TOKEN"))))
        .downloads(HttpService.builder().service("downloads").build())
        // HTTPS-only archive downloads, except from the hosts listed here (e.g. a sandbox).
        .allowInsecureDownloadHosts(present(env, "PACKIT_BOT_INSECURE_DOWNLOAD_HOSTS")
            ? list(env.get("PACKIT_BOT_INSECURE_DOWNLOAD_HOSTS")) : List.of());
    if (present(env, "PACKIT_BOT_GITHUB_API")) {
      b.upstream(ForgeKind.GITHUB, GitHub.builder().baseUri(URI.create(env.get("PACKIT_BOT_GITHUB_API")))
          .credentials(present(env, "PACKIT_BOT_GITHUB_TOKEN") ? ForgeCredentials.token(env.get("PACKIT_BOT_GITHUB_TOKEN"))
              : ForgeCredentials.anonymous()).build());
    }
    if (present(env, "PACKIT_BOT_GITLAB_API")) {
      b.upstream(ForgeKind.GITLAB, GitLab.builder().baseUri(URI.create(env.get("PACKIT_BOT_GITLAB_API")))
          .credentials(present(env, "PACKIT_BOT_GITLAB_TOKEN") ? ForgeCredentials.token(env.get("PACKIT_BOT_GITLAB_TOKEN"))
              : ForgeCredentials.anonymous()).build());
    }
    if (present(env, "PACKIT_BOT_BODHI_URL")) {
      BodhiClient bodhi = BodhiClient.builder().baseUri(URI.create(env.get("PACKIT_BOT_BODHI_URL"))).build();
      // read while the bot runs, kept an hour: fedora-all follows Bodhi without a restart
      dev.packit.fedora.bodhi.BodhiReleases live = dev.packit.fedora.bodhi.BodhiReleases.builder(bodhi)
          .ttl(java.time.Duration.ofHours(1)).build();
      b.releases(() -> FromConfig.liveAliases(live));
    }

    String q = env.getOrDefault("PACKIT_BOT_QUEUE", "inprocess");
    if (q.equals("inprocess")) {
      b.queue(BotQueue.inProcess(Integer.parseInt(env.getOrDefault("PACKIT_BOT_LANES", "4"))));
    } else {
      Set<Integer> preferred = new HashSet<>();
      for (String s : list(env.getOrDefault("PACKIT_BOT_PREFERRED_SHARDS", ""))) {
        preferred.add(Integer.parseInt(s));
      }
      b.queue(BotQueue.rabbitMq(URI.create(q))
          .withPrefix(env.getOrDefault("PACKIT_BOT_QUEUE_PREFIX", "packit-bot"))
          .withShards(Integer.parseInt(env.getOrDefault("PACKIT_BOT_SHARDS", "8")))
          .withPreferredShards(preferred)
          .withStandbyDelay(Duration.ofMillis(Long.parseLong(env.getOrDefault("PACKIT_BOT_STANDBY_MS", "5000")))));
    }
    if (present(env, "PACKIT_BOT_MESSAGING_URL")) {
      AmqpMessageSource.Builder source = AmqpMessageSource.builder().uri(URI.create(env.get("PACKIT_BOT_MESSAGING_URL")))
          .appName("packit-bot " + id);
      if (present(env, "PACKIT_BOT_MESSAGING_QUEUE")) {
        source.queue(env.get("PACKIT_BOT_MESSAGING_QUEUE"), true);
      }
      AmqpMessageSource s = source.build();
      b.messages(s, DEFAULT_TOPICS);
      b.own(s);
    }
    return b;
  }

  /**
   * The fedora-messaging topics a bot needs for every job it runs: dist-git pushes (koji_build),
   * Koji build state changes (bodhi_update), side-tag tagging (side-tag builds and updates),
   * dist-git pull-request comments ({@code /packit} commands) and the-new-hotness bugs
   * (pull_from_upstream).
   */
  public static final List<String> DEFAULT_TOPICS = List.of("org.fedoraproject.*.pagure.git.receive",
      "org.fedoraproject.*.buildsys.build.state.change", "org.fedoraproject.*.buildsys.tag",
      "org.fedoraproject.*.pagure.pull-request.comment.added", "org.fedoraproject.*.hotness.update.bug.file");

  private static List<String> list(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  private static boolean present(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  private static String require(Map<String, String> env, String name) {
    if (!present(env, name)) {
      throw new IllegalArgumentException("environment variable " + name + " is required");
    }
    return env.get(name);
  }

  @Override
  public String toString() {
    return "PackitBot[" + instance + ", " + queue + "]";
  }

  /**
   * Builds a {@link PackitBot}. Every setting has a method, so a config object (or file) can drive
   * all of them; only a queue-less, dispatcher-less bot is refused.
   *
   * <pre>{@code
   * PackitBot bot = PackitBot.builder().instance("bot-1").upstream(ForgeKind.GITHUB, github)
   *     .distGit(pagure, URI.create("https://src.fedoraproject.org/")).workDir(Path.of("/var/lib/packit-bot"))
   *     .queue(BotQueue.inProcess(4)).httpPort(8080).build();
   * }</pre>
   */
  public static final class Builder {
    private String instance = "bot";
    private final Map<ForgeKind, Forge> upstreams = new HashMap<>();
    private final Map<ForgeKind, ReleaseWorkflow> workflows = new HashMap<>();
    private Forge distGit;
    private URI distGitGitBase;
    private ReleaseWorkflow distGitWorkflow;
    private JobDispatcher dispatcher;
    private List<FedoraRelease> releases = List.of();
    private java.util.function.@org.jspecify.annotations.Nullable Supplier<DistroAliases> liveReleases;
    private String defaultBranch = "rawhide";
    private WebhookVerifier verifier;
    private WebhookReplayGuard replayGuard;
    private BotQueue queue = BotQueue.inProcess(4);
    private int httpPort = 8080;
    private String httpHost;
    private final List<java.util.function.Function<PackitBot, AutoCloseable>> attachments = new ArrayList<>();
    private HttpLimits httpLimits = HttpLimits.defaults();
    private CommandPolicy commandPolicy = CommandPolicy.forgePermissions();
    private MessageSource messages;
    private List<String> messageBindings = List.of();
    private String statusContext = "packit-java";
    private Clock clock = Clock.systemUTC();
    private JobHistory history = new InMemoryJobHistory();
    private final Map<String, Handler> mounts = new LinkedHashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private boolean shutdownHook = true;
    private URI kojiWeb = URI.create("https://koji.fedoraproject.org/koji/");
    private URI bodhiWeb = URI.create("https://bodhi.fedoraproject.org/");
    // what the bot's own workflows are built with
    private Path workDir;
    private String botUser;
    private GitCredentials gitCredentials;
    private LookasideClient lookaside;
    private KojiClient koji;
    private BodhiClient bodhi;
    private HttpService downloads;
    private List<String> insecureHosts = List.of();
    private Consumer<ReleaseWorkflow.Builder> workflowSettings = w -> {};

    private Builder() {}

    /**
     * @param name this instance's name, in logs, consumer tags and the job history
     * @return this builder
     */
    public Builder instance(String name) {
      this.instance = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * An upstream forge whose webhooks the bot takes; the bot builds its workflow from the
     * dist-git, client and {@link #workDir} settings.
     *
     * @param kind the forge whose webhooks this is for
     * @param forge its client (reads configs, sets statuses, comments)
     * @return this builder
     */
    public Builder upstream(ForgeKind kind, Forge forge) {
      upstreams.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(forge, "forge"));
      workflows.remove(kind);
      return this;
    }

    /**
     * An upstream forge with a workflow built by the caller (the bot does not own it).
     *
     * @param kind the forge whose webhooks this is for
     * @param forge its client (reads configs, sets statuses, comments)
     * @param workflow the workflow built with {@code .upstream(forge)}
     * @return this builder
     */
    public Builder upstream(ForgeKind kind, Forge forge, ReleaseWorkflow workflow) {
      upstreams.put(kind, forge);
      workflows.put(kind, Objects.requireNonNull(workflow, "workflow"));
      return this;
    }

    /**
     * The dist-git forge; the bot builds the workflow for koji_build, bodhi_update and pull_from_upstream.
     *
     * @param forge the dist-git forge (configs of dist-git and Koji events, pull requests)
     * @param gitBase where its git repositories are cloned from, e.g. {@code https://src.fedoraproject.org/}
     * @return this builder
     */
    public Builder distGit(Forge forge, URI gitBase) {
      this.distGit = Objects.requireNonNull(forge, "forge");
      this.distGitGitBase = Objects.requireNonNull(gitBase, "gitBase");
      this.distGitWorkflow = null;
      return this;
    }

    /**
     * The dist-git forge with a workflow built by the caller (the bot does not own it).
     *
     * @param forge the dist-git forge (configs of dist-git and Koji events)
     * @param workflow the workflow for koji_build, bodhi_update and pull_from_upstream
     * @return this builder
     */
    public Builder distGit(Forge forge, ReleaseWorkflow workflow) {
      this.distGit = forge;
      this.distGitWorkflow = workflow;
      return this;
    }

    /**
     * @param dir the work folder of the workflows the bot builds: clones, archives; its
     *     temporary folders are deleted when the bot stops, however it stops
     * @return this builder
     */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * @param user the bot's account on dist-git (forks, pull request authors)
     * @return this builder
     */
    public Builder botUser(String user) {
      this.botUser = user;
      return this;
    }

    /**
     * @param credentials for pushing to dist-git forks
     * @return this builder
     */
    public Builder gitCredentials(GitCredentials credentials) {
      this.gitCredentials = credentials;
      return this;
    }

    /**
     * @param client the lookaside cache
     * @return this builder
     */
    public Builder lookaside(LookasideClient client) {
      this.lookaside = client;
      return this;
    }

    /**
     * @param client Koji, for koji_build and side-tag jobs (without it, those jobs fail with a clear cause)
     * @return this builder
     */
    public Builder koji(KojiClient client) {
      this.koji = client;
      return this;
    }

    /**
     * @param client Bodhi, for bodhi_update jobs
     * @return this builder
     */
    public Builder bodhi(BodhiClient client) {
      this.bodhi = client;
      return this;
    }

    /**
     * @param http the HTTP service for archive downloads
     * @return this builder
     */
    public Builder downloads(HttpService http) {
      this.downloads = http;
      return this;
    }

    /**
     * @param hosts hosts archives may come from over plain HTTP (a sandbox); HTTPS only otherwise
     * @return this builder
     */
    public Builder allowInsecureDownloadHosts(List<String> hosts) {
      this.insecureHosts = List.copyOf(hosts);
      return this;
    }

    /**
     * @param settings any other setting of the workflows the bot builds (actions, identity,
     *     timeouts, PR policy); applied after the bot's own
     * @return this builder
     */
    public Builder workflowSettings(Consumer<ReleaseWorkflow.Builder> settings) {
      this.workflowSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * @param releases the active Fedora releases, for aliases such as {@code fedora-all}
     *     (ignored when a {@link #dispatcher} is set)
     * @return this builder
     */
    public Builder releases(List<FedoraRelease> releases) {
      this.releases = List.copyOf(releases);
      this.liveReleases = null;
      return this;
    }

    /**
     * The release list read anew at each dispatch, so {@code fedora-all} follows Bodhi while the bot
     * runs (a branched or retired release needs no restart).
     *
     * <pre>{@code
     * BodhiReleases live = BodhiReleases.builder(bodhi).ttl(Duration.ofHours(1)).build();
     * builder.releases(live::aliases);
     * }</pre>
     *
     * @param live supplies the aliases; called for every event, so it should cache (as
     *     {@code BodhiReleases} does)
     * @return this builder
     * @since 0.2.0
     */
    public Builder releases(java.util.function.Supplier<DistroAliases> live) {
      this.liveReleases = Objects.requireNonNull(live, "live");
      return this;
    }

    /**
     * @param branch the dist-git default branch (default {@code rawhide})
     * @return this builder
     */
    public Builder defaultBranch(String branch) {
      this.defaultBranch = Objects.requireNonNull(branch, "branch");
      return this;
    }

    /**
     * @param dispatcher maps events to jobs (default: from {@link #releases} and {@link #defaultBranch})
     * @return this builder
     */
    public Builder dispatcher(JobDispatcher dispatcher) {
      this.dispatcher = dispatcher;
      return this;
    }

    /**
     * @param verifier webhook signature and size checks (without one, webhooks answer 404)
     * @return this builder
     */
    public Builder verifier(WebhookVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    /**
     * @param guard remembers deliveries (default: 24 h, 100 000 deliveries)
     * @return this builder
     */
    public Builder replayGuard(WebhookReplayGuard guard) {
      this.replayGuard = guard;
      return this;
    }

    /**
     * @param queue where jobs wait (default {@code BotQueue.inProcess(4)})
     * @return this builder
     */
    public Builder queue(BotQueue queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /**
     * @param history where every job is recorded (default a new {@link InMemoryJobHistory}; closed with the bot)
     * @return this builder
     */
    public Builder history(JobHistory history) {
      this.history = Objects.requireNonNull(history, "history");
      return this;
    }

    /**
     * @param port HTTP port (0: any free port, -1: no HTTP server)
     * @return this builder
     */
    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    /**
     * @param host the address the HTTP server listens on, e.g. {@code 127.0.0.1} (default: every interface)
     * @return this builder
     */
    public Builder httpHost(String host) {
      this.httpHost = host;
      return this;
    }

    /**
     * A part that runs with the bot, such as a {@code Reconciler}: made when the bot has started
     * (queue, HTTP server, messages), closed first when it stops.
     *
     * <pre>{@code
     * builder.attach(bot -> { Reconciler r = reconcilerFor(bot); r.start(Duration.ofMinutes(30)); return r; });
     * }</pre>
     *
     * @param part makes and starts the part; an exception stops the bot's start
     * @return this builder
     */
    public Builder attach(java.util.function.Function<PackitBot, AutoCloseable> part) {
      attachments.add(Objects.requireNonNull(part, "part"));
      return this;
    }

    /**
     * @param limits the HTTP server's read deadline, connection, header and thread limits
     *     (default {@link HttpLimits#defaults()}; the body limit is the verifier's)
     * @return this builder
     */
    public Builder httpLimits(HttpLimits limits) {
      this.httpLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Serves the paths under a prefix with a Jetty handler (a status page, an API). The bot's
     * own paths ({@code /webhooks/...}, {@code /healthz}, {@code /metrics}) are never handed over;
     * the longest matching prefix wins; the server's connection limits and header deadline apply.
     *
     * @param pathPrefix {@code /} for everything else, or e.g. {@code /status/}
     * @param handler the handler, started and stopped with the bot's server
     * @return this builder
     */
    public Builder mount(String pathPrefix, Handler handler) {
      if (!pathPrefix.startsWith("/")) {
        throw new IllegalArgumentException("a mount path starts with /: " + pathPrefix);
      }
      mounts.put(pathPrefix, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * @param policy who may command the bot with {@code /packit} comments (default
     *     {@link CommandPolicy#forgePermissions()}: write access upstream, commit access in dist-git)
     * @return this builder
     */
    public Builder commandPolicy(CommandPolicy policy) {
      this.commandPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param source fedora-messaging source (its acks follow the intake: a message is acked once its jobs are queued)
     * @param bindings topic patterns, e.g. {@link PackitBot#DEFAULT_TOPICS}
     * @return this builder
     */
    public Builder messages(MessageSource source, List<String> bindings) {
      this.messages = source;
      this.messageBindings = List.copyOf(bindings);
      return this;
    }

    /**
     * @param prefix commit status context prefix (default {@code packit-java})
     * @return this builder
     */
    public Builder statusContext(String prefix) {
      this.statusContext = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * @param koji Koji's web UI, for the history's build links (default Fedora's)
     * @param bodhi Bodhi's web UI, for the history's update links (default Fedora's)
     * @return this builder
     */
    public Builder webLinks(URI koji, URI bodhi) {
      this.kojiWeb = Objects.requireNonNull(koji, "koji");
      this.bodhiWeb = Objects.requireNonNull(bodhi, "bodhi");
      return this;
    }

    /**
     * @param clock for durations, queue wait, history times and the replay guard
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param resource closed after the bot (a message source, a database pool)
     * @return this builder
     */
    public Builder own(AutoCloseable resource) {
      owned.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * @param install whether {@link PackitBot#start()} adds a JVM shutdown hook that closes the bot
     *     on SIGTERM and Ctrl-C (default true)
     * @return this builder
     */
    public Builder shutdownHook(boolean install) {
      this.shutdownHook = install;
      return this;
    }

    private Path requireWorkDir() {
      if (workDir == null) {
        throw new IllegalStateException("workDir is required when the bot builds its workflows");
      }
      return workDir;
    }

    private ReleaseWorkflow workflow(Forge upstream, Path dir) {
      if (distGit == null || distGitGitBase == null) {
        throw new IllegalStateException("distGit(forge, gitBase) is required when the bot builds its workflows");
      }
      ReleaseWorkflow.Builder w = ReleaseWorkflow.builder().upstream(upstream).distGit(distGit, distGitGitBase)
          .allowInsecureDownloadHosts(insecureHosts).workDir(dir).clock(clock);
      if (botUser != null) {
        w.botUser(botUser);
      }
      if (gitCredentials != null) {
        w.gitCredentials(gitCredentials);
      }
      if (lookaside != null) {
        w.lookaside(lookaside);
      }
      if (koji != null) {
        w.koji(koji);
      }
      if (bodhi != null) {
        w.bodhi(bodhi);
      }
      if (downloads != null) {
        w.downloads(downloads);
      }
      workflowSettings.accept(w);
      return w.build();
    }

    /** @return the bot, not started */
    public PackitBot build() {
      return new PackitBot(this);
    }
  }
}
