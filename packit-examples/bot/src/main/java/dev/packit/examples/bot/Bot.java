package dev.packit.examples.bot;

import dev.packit.core.PackitException;
import dev.packit.core.Secret;
import dev.packit.core.config.DistroAliases;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A release bot: GitHub and GitLab webhooks over HTTP and fedora-messaging messages over AMQP in,
 * {@link JobDispatcher} jobs on a {@link JobQueue}, {@link ReleaseWorkflow} runs, commit statuses
 * and comments back upstream; {@code /healthz} and {@code /metrics} for operations.
 *
 * <pre>{@code
 * try (Bot bot = Bot.builder()
 *     .instance("bot-1")
 *     .upstream(ForgeKind.GITHUB, github, workflow)          // workflow built with .upstream(github)
 *     .distGit(pagure, workflow)
 *     .dispatcher(new JobDispatcher(DistroAliases.from(releases), "rawhide"))
 *     .verifier(WebhookVerifier.builder().githubSecret(Secret.of(hookSecret)).maxBodyBytes(1 << 20).build())
 *     .queue(new InProcessJobQueue(4))                      // or RabbitJobQueue.builder()...build()
 *     .httpPort(8080)
 *     .build()) {
 *   bot.start();          // POST /webhooks/github, /webhooks/gitlab; GET /healthz, /metrics
 *   bot.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Or from environment variables, as {@link #main} does: see {@link #fromEnvironment(Map)}.
 */
public final class Bot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Bot.class);

  private final String instance;
  private final JobQueue queue;
  private final BotMetrics metrics;
  private final EventIntake intake;
  private final JobRunner runner;
  private final WebhookVerifier verifier;
  private final WebhookReplayGuard replayGuard;
  private final WebhookParser parser = WebhookParser.create();
  private final int httpPort;
  private final HttpLimits httpLimits;
  private final MessageSource messages;
  private final List<String> messageBindings;
  private final List<AutoCloseable> owned;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private BotHttpServer http;
  private Subscription subscription;

  private Bot(Builder b) {
    this.instance = b.instance;
    this.queue = Objects.requireNonNull(b.queue, "queue is required");
    this.verifier = b.verifier;
    this.replayGuard = b.replayGuard != null ? b.replayGuard
        : WebhookReplayGuard.create(Duration.ofHours(24), 100_000, b.clock);
    this.httpPort = b.httpPort;
    this.httpLimits = b.httpLimits;
    this.messages = b.messages;
    this.messageBindings = List.copyOf(b.messageBindings);
    this.owned = List.copyOf(b.owned);
    this.metrics = new BotMetrics(queue::stats);
    StatusReporter reporter = new StatusReporter(b.statusContext);
    this.intake = new EventIntake(Objects.requireNonNull(b.dispatcher, "dispatcher is required"), b.upstreams, b.distGit,
        queue, reporter, b.commandPolicy, metrics);
    this.runner = new JobRunner(instance, b.workflows, b.distGitWorkflow, b.upstreams, b.distGit, reporter, metrics, b.clock);
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the metrics */
  public BotMetrics metrics() {
    return metrics;
  }

  /**
   * Calls back when a job finished on this instance (custom reporting, tests).
   *
   * @param listener gets the job and its outcome; must be quick
   * @return this bot
   */
  public Bot onJobFinished(java.util.function.BiConsumer<Job, String> listener) {
    runner.onFinished(listener);
    return this;
  }

  /** @return the intake, to feed events in from elsewhere (tests, another transport) */
  public EventIntake intake() {
    return intake;
  }

  /** @return the HTTP address once started, e.g. {@code http://127.0.0.1:8080/} */
  public URI httpUri() {
    if (http == null) {
      throw new IllegalStateException("the HTTP server is not started");
    }
    return http.uri();
  }

  /**
   * Starts consuming jobs, the HTTP server (unless the port is -1) and the message subscription.
   *
   * @return this bot
   */
  public Bot start() {
    queue.start(runner::run);
    if (httpPort >= 0) {
      long maxBody = verifier == null ? 0 : verifier.maxBodyBytes();
      http = new BotHttpServer(instance, httpPort, httpLimits, maxBody, new Routes()).start();
    }
    if (messages != null && !messageBindings.isEmpty()) {
      subscription = messages.subscribe(messageBindings, m -> {
        try {
          List<Job> jobs = intake.onMessage(m);
          metrics.message(jobs.isEmpty() ? "ignored" : "queued");
        } catch (RuntimeException e) {
          metrics.message("error");
          throw e; // the message source redelivers it, up to its limit
        }
      });
    }
    LOG.info(Kv.line("event", "bot.ready", "bot", instance, "http", http == null ? "-" : httpUri(), "queue", queue));
    return this;
  }

  /** The HTTP endpoints; the server calls {@link #withBody} only for a request that arrived whole. */
  private final class Routes implements BotHttpServer.Routes {
    @Override
    public BotHttpServer.Reply beforeBody(String method, String path) {
      if (path.equals("/healthz")) {
        boolean ok = queue.healthy();
        JobQueue.QueueStats s = queue.stats();
        return BotHttpServer.Reply.text(ok ? 200 : 503, (ok ? "ok" : "unhealthy") + " bot=" + instance
            + " in_flight=" + s.inFlight() + " ready=" + s.ready() + "\n");
      }
      if (path.equals("/metrics")) {
        return new BotHttpServer.Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
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

  /** Stops taking webhooks and messages, lets running jobs finish, and closes what the bot owns. */
  @Override
  public void close() {
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
    LOG.info(Kv.line("event", "bot.stopped", "bot", instance));
    stopped.countDown();
  }

  /**
   * Builds a bot from environment variables (the names below), for {@link #main} and containers.
   * Only propose_downstream is wired here; koji_build and bodhi_update need a Koji login and a
   * Bodhi account, so build those bots in code with {@link #builder()}.
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
   * <tr><td>PACKIT_BOT_WORK_DIR</td><td>clones and archives</td></tr>
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
      b.commandPolicy(CommandPolicy.forgePermissions().or(CommandPolicy.allowList(
          java.util.Arrays.stream(env.get("PACKIT_BOT_COMMAND_ALLOW").split(",")).map(String::strip)
              .filter(u -> !u.isEmpty()).toList())));
    }

    WebhookVerifier.Builder v = WebhookVerifier.builder()
        .maxBodyBytes(Long.parseLong(env.getOrDefault("PACKIT_BOT_MAX_BODY_BYTES", Long.toString(1 << 20))));
    if (present(env, "PACKIT_BOT_GITHUB_WEBHOOK_SECRET")) {
      v.githubSecret(Secret.of(env.get("PACKIT_BOT_GITHUB_WEBHOOK_SECRET")));
    }
    if (present(env, "PACKIT_BOT_GITLAB_WEBHOOK_TOKEN")) {
      v.gitlabToken(Secret.of(env.get("PACKIT_BOT_GITLAB_WEBHOOK_TOKEN")));
    }
    b.verifier(v.build());

    Forge pagure = Pagure.builder().instance(URI.create(require(env, "PACKIT_BOT_DISTGIT_URL")))
        .credentials(ForgeCredentials.token(require(env, "PACKIT_BOT_DISTGIT_TOKEN"))).build();
    URI gitBase = URI.create(env.getOrDefault("PACKIT_BOT_DISTGIT_GIT", env.get("PACKIT_BOT_DISTGIT_URL")));
    LookasideClient.Builder lookaside = LookasideClient.builder();
    if (present(env, "PACKIT_BOT_LOOKASIDE_URL")) {
      lookaside.baseUri(URI.create(env.get("PACKIT_BOT_LOOKASIDE_URL")));
    }
    if (present(env, "PACKIT_BOT_LOOKASIDE_CGI")) {
      lookaside.uploadCgi(URI.create(env.get("PACKIT_BOT_LOOKASIDE_CGI")));
    }
    LookasideClient lookasideClient = lookaside.build();
    Path workDir = Path.of(require(env, "PACKIT_BOT_WORK_DIR"));
    HttpService downloads = HttpService.builder().service("downloads").build();
    java.util.function.Function<Forge, ReleaseWorkflow> workflow = upstream -> ReleaseWorkflow.builder()
        .upstream(upstream)
        .distGit(pagure, gitBase)
        .botUser(user)
        .gitCredentials(GitCredentials.token(user, Secret.of(env.get("PACKIT_BOT_DISTGIT_TOKEN"))))
        .lookaside(lookasideClient)
        .downloads(downloads)
        // HTTPS-only archive downloads, except from the hosts listed here (comma-separated, e.g. a sandbox).
        .allowInsecureDownloadHosts(present(env, "PACKIT_BOT_INSECURE_DOWNLOAD_HOSTS")
            ? java.util.Arrays.stream(env.get("PACKIT_BOT_INSECURE_DOWNLOAD_HOSTS").split(",")).map(String::strip)
                .filter(h -> !h.isEmpty()).toList()
            : java.util.List.of())
        .workDir(workDir.resolve(upstream == null ? "dist-git" : upstream.kind().name().toLowerCase(Locale.ROOT)))
        .build();
    if (present(env, "PACKIT_BOT_GITHUB_API")) {
      Forge gh = GitHub.builder().baseUri(URI.create(env.get("PACKIT_BOT_GITHUB_API")))
          .credentials(present(env, "PACKIT_BOT_GITHUB_TOKEN") ? ForgeCredentials.token(env.get("PACKIT_BOT_GITHUB_TOKEN"))
              : ForgeCredentials.anonymous()).build();
      b.upstream(ForgeKind.GITHUB, gh, workflow.apply(gh));
    }
    if (present(env, "PACKIT_BOT_GITLAB_API")) {
      Forge gl = GitLab.builder().baseUri(URI.create(env.get("PACKIT_BOT_GITLAB_API")))
          .credentials(present(env, "PACKIT_BOT_GITLAB_TOKEN") ? ForgeCredentials.token(env.get("PACKIT_BOT_GITLAB_TOKEN"))
              : ForgeCredentials.anonymous()).build();
      b.upstream(ForgeKind.GITLAB, gl, workflow.apply(gl));
    }
    b.distGit(pagure, workflow.apply(null));

    List<FedoraRelease> releases = List.of();
    if (present(env, "PACKIT_BOT_BODHI_URL")) {
      BodhiClient bodhi = BodhiClient.builder().baseUri(URI.create(env.get("PACKIT_BOT_BODHI_URL"))).build();
      releases = bodhi.releases(BodhiClient.ACTIVE_STATES).stream()
          .map(r -> new FedoraRelease(r.name(), r.longName(), r.version(), r.idPrefix(), r.state(), r.branch(),
              r.distTag(), r.candidateTag()))
          .toList();
    }
    b.dispatcher(new JobDispatcher(DistroAliases.from(releases), "rawhide"));

    String q = env.getOrDefault("PACKIT_BOT_QUEUE", "inprocess");
    if (q.equals("inprocess")) {
      b.queue(new InProcessJobQueue(Integer.parseInt(env.getOrDefault("PACKIT_BOT_LANES", "4"))));
    } else {
      Set<Integer> preferred = new HashSet<>();
      for (String s : env.getOrDefault("PACKIT_BOT_PREFERRED_SHARDS", "").split(",")) {
        if (!s.isBlank()) {
          preferred.add(Integer.parseInt(s.trim()));
        }
      }
      b.queue(RabbitJobQueue.builder().uri(URI.create(q)).instance(id)
          .prefix(env.getOrDefault("PACKIT_BOT_QUEUE_PREFIX", "packit-bot"))
          .shards(Integer.parseInt(env.getOrDefault("PACKIT_BOT_SHARDS", "8")))
          .preferredShards(preferred)
          .standbyDelay(Duration.ofMillis(Long.parseLong(env.getOrDefault("PACKIT_BOT_STANDBY_MS", "5000"))))
          .build());
    }
    if (present(env, "PACKIT_BOT_MESSAGING_URL")) {
      AmqpMessageSource.Builder source = AmqpMessageSource.builder().uri(URI.create(env.get("PACKIT_BOT_MESSAGING_URL")))
          .appName("packit-bot " + id);
      if (present(env, "PACKIT_BOT_MESSAGING_QUEUE")) {
        source.queue(env.get("PACKIT_BOT_MESSAGING_QUEUE"), true);
      }
      AmqpMessageSource s = source.build();
      b.messages(s, List.of("org.fedoraproject.*.pagure.git.receive", "org.fedoraproject.*.buildsys.build.state.change",
          "org.fedoraproject.*.hotness.update.bug.file"));
      b.owned.add(s);
    }
    return b;
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

  /**
   * Runs a bot configured by environment variables until the process is stopped.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    Bot bot = fromEnvironment(System.getenv()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(bot::close, "bot-shutdown"));
    bot.start();
    bot.awaitShutdown();
  }

  @Override
  public String toString() {
    return "Bot[" + instance + ", " + queue + "]";
  }

  /** Builds a {@link Bot}. */
  public static final class Builder {
    private String instance = "bot";
    private final Map<ForgeKind, Forge> upstreams = new HashMap<>();
    private final Map<ForgeKind, ReleaseWorkflow> workflows = new HashMap<>();
    private Forge distGit;
    private ReleaseWorkflow distGitWorkflow;
    private JobDispatcher dispatcher;
    private WebhookVerifier verifier;
    private WebhookReplayGuard replayGuard;
    private JobQueue queue;
    private int httpPort = 8080;
    private HttpLimits httpLimits = HttpLimits.defaults();
    private CommandPolicy commandPolicy = CommandPolicy.forgePermissions();
    private MessageSource messages;
    private List<String> messageBindings = List.of();
    private String statusContext = "packit-java";
    private Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Builder() {}

    /**
     * @param name this instance's name, in logs and consumer tags
     * @return this builder
     */
    public Builder instance(String name) {
      this.instance = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * @param kind the forge whose webhooks this is for
     * @param forge its client (reads configs, sets statuses, comments)
     * @param workflow the workflow built with {@code .upstream(forge)}
     * @return this builder
     */
    public Builder upstream(ForgeKind kind, Forge forge, ReleaseWorkflow workflow) {
      upstreams.put(kind, forge);
      workflows.put(kind, workflow);
      return this;
    }

    /**
     * @param forge the dist-git forge (configs of dist-git and Koji events)
     * @param workflow the workflow for koji_build and bodhi_update
     * @return this builder
     */
    public Builder distGit(Forge forge, ReleaseWorkflow workflow) {
      this.distGit = forge;
      this.distGitWorkflow = workflow;
      return this;
    }

    /**
     * @param dispatcher maps events to jobs
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
     * @param queue where jobs wait (closed with the bot)
     * @return this builder
     */
    public Builder queue(JobQueue queue) {
      this.queue = queue;
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
     * @param limits the HTTP server's read deadline, connection, header and thread limits
     *     (default {@link HttpLimits#defaults()}; the body limit is the verifier's)
     * @return this builder
     */
    public Builder httpLimits(HttpLimits limits) {
      this.httpLimits = Objects.requireNonNull(limits, "limits");
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
     * @param bindings topic patterns
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
     * @param clock for durations, queue wait and the replay guard
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** @return the bot, not started */
    public Bot build() {
      return new Bot(this);
    }
  }
}
