package dev.packit.benchmarks;

import dev.packit.bot.BotQueue;
import dev.packit.bot.PackitBot;
import dev.packit.bot.history.JdbcJobHistory;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.bot.internal.RabbitJobQueue;
import dev.packit.bot.internal.Shards;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpService;
import dev.packit.core.config.DistroAliases;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.webhook.WebhookParser;
import dev.packit.forge.webhook.WebhookVerifier;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The bot's overhead (issue 18): the same sandbox releases run (a) through {@link ReleaseWorkflow}
 * directly and (b) as signed GitHub release webhooks POSTed to two {@link PackitBot} instances
 * that share a RabbitMQ queue and a {@link JdbcJobHistory} on PostgreSQL.
 *
 * <pre>{@code
 * BotOverheadHarness.Report r = BotOverheadHarness.run(BotOverheadHarness.Options.fromEnvironment(300));
 * System.out.println(r);   // wall times, ratio b/a, p50/p95 webhook-to-PR latency, memory per in-flight job
 * }</pre>
 *
 * <p><b>Scenario.</b> Each run gets a fresh {@link FedoraSandbox} seeded (outside the timing) with
 * {@code releases} packages: dist-git {@code rpms/pkgN} at 1.0.0 on {@code rawhide}, {@code f43}
 * and {@code f42}; upstream {@code upstream/pkgN} with a {@code .packit.yaml} (propose_downstream
 * to the three branches) and a release {@code v1.1.0}. One release per package, so every release
 * is one propose_downstream job that opens three pull requests.
 *
 * <p><b>(a) the workflow.</b> Per release: the webhook body parsed ({@link WebhookParser}), its
 * {@link Trigger} dispatched with the package's config text ({@link JobDispatcher}), then
 * {@link ReleaseWorkflow#plan} and {@link ReleaseWorkflow#apply}. Parallelism is the bots': one
 * lane (a single thread) per queue shard, each release on the lane of its package's shard
 * ({@link Shards#of}, the bot's own function), two workflows (the even shards on one, the odd on
 * the other, as the two instances split them).
 *
 * <p><b>(b) the bots.</b> Two instances in this JVM, each with its own HTTP server, its own
 * connection to RabbitMQ and its own connection pool to PostgreSQL, the queue sharded
 * {@code shards} ways (instance one prefers the even shards, instance two the odd ones: together
 * one job per shard at a time, the same parallelism as (a)). The harness POSTs the signed
 * webhooks (four sender threads, alternating between the instances); each bot verifies it, reads
 * the config from the sandbox's GitHub, records the job, publishes it; a runner takes it, runs the
 * same plan and apply, reports commit statuses and a comment upstream and records the result.
 *
 * <p><b>Figures.</b> Wall time from the first webhook (or submission) to the last finished job;
 * the ratio is (b) over the mean of the (a) runs. Latency per release: from the moment its webhook
 * is sent (or its job submitted) to its job finishing ({@code onJobFinished}, after the pull
 * requests exist); every release arrives at once, so this includes the wait in the queue.
 * Service time: from the job's start to its end. Memory per in-flight job: at 25, 50 and 75 % of
 * the run, the heap in use at the end of a full GC (as the collector reports it), minus the same measure with everything started and
 * idle just before the run, divided by the jobs in flight at that moment (the same probes in both
 * modes, so they cost both the same). Runs go (a), (b), (a) [, (b), (a)...] in one JVM so the
 * noise of the machine shows. Each run checks the end state: three pull requests per package, one
 * per branch, each archive uploaded once; under the bot also every job {@code DONE} in the history.
 *
 * <p>Run it from the shaded jar, with RabbitMQ and PostgreSQL up ({@code .ci/services.sh}):
 * {@code java -cp packit-benchmarks/target/benchmarks.jar dev.packit.benchmarks.BotOverheadHarness 300 8 1}
 * (releases, shards, rounds of (b) each followed by (a)); the broker is {@code PACKIT_AMQP_URL}, the
 * database {@code PACKIT_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}.
 */
public final class BotOverheadHarness {
  static final List<String> BRANCHES = List.of("rawhide", "f43", "f42");
  private static final GitIdentity MAINTAINER = GitIdentity.of("Jane Maintainer", "jane@example.org");
  private static final String VERSION = "1.1.0";
  private static final String SECRET = "bench-webhook-s3cret";

  private BotOverheadHarness() {}

  /**
   * What to run and against which services.
   *
   * @param releases packages, one release each (300 for the reported run)
   * @param shards queue shards, which is also the parallelism of both modes
   * @param rounds how many (b) runs, each followed by an (a) run (one more (a) comes first)
   * @param amqp the RabbitMQ broker
   * @param jdbcUrl the PostgreSQL database of the history
   * @param dbUser its user
   * @param dbPassword its password
   * @param limit the longest one run may take
   */
  public record Options(int releases, int shards, int rounds, URI amqp, String jdbcUrl, String dbUser,
      Secret dbPassword, Duration limit) {
    /**
     * The services from the environment {@code .ci/services.sh} exports.
     *
     * @param releases packages, one release each
     * @return options with 8 shards and one round
     * @throws IllegalStateException naming the variable that is missing
     */
    public static Options fromEnvironment(int releases) {
      String amqp = System.getenv().getOrDefault("PACKIT_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F");
      String url = System.getenv("PACKIT_TEST_POSTGRES_URL");
      if (url == null || url.isBlank()) {
        throw new IllegalStateException("PACKIT_TEST_POSTGRES_URL is not set (source .ci/postgres.sh and run start_postgresql)");
      }
      return new Options(releases, 8, 1, URI.create(amqp), url,
          System.getenv().getOrDefault("PACKIT_TEST_POSTGRES_USER", "packit_test"),
          Secret.of(System.getenv().getOrDefault("PACKIT_TEST_POSTGRES_PASSWORD", "")), Duration.ofMinutes(30));
    }

    /**
     * @param n shards
     * @return a copy
     */
    public Options withShards(int n) {
      return new Options(releases, n, rounds, amqp, jdbcUrl, dbUser, dbPassword, limit);
    }

    /**
     * @param n rounds
     * @return a copy
     */
    public Options withRounds(int n) {
      return new Options(releases, shards, n, amqp, jdbcUrl, dbUser, dbPassword, limit);
    }
  }

  /**
   * One run of one mode.
   *
   * @param mode {@code workflow} (a) or {@code bot} (b)
   * @param seconds wall time, first webhook or submission to last finished job
   * @param jobs jobs finished
   * @param pullRequests pull requests on the sandbox's dist-git at the end
   * @param latencyP50Ms median latency, webhook sent (or job submitted) to job finished
   * @param latencyP95Ms 95th percentile of the same
   * @param serviceP50Ms median time from the job's start to its end
   * @param serviceP95Ms 95th percentile of the same
   * @param kbPerJob heap per in-flight job (KiB), the median of the probes; NaN without a usable probe
   * @param probes the probes, each {@code in-flight jobs: heap above idle}
   * @param idleHeapMb the heap after GC, everything started and idle
   * @param cpuSeconds CPU time of the whole process during the run (client and sandbox)
   * @param servicesCpuSeconds CPU time of the RabbitMQ and PostgreSQL processes during the run (Linux; 0 in (a))
   * @param intakeP50Ms median time from sending a webhook to its 202 (NaN in (a))
   * @param intakeP95Ms 95th percentile of the same (NaN in (a))
   * @param acceptedSeconds when the last webhook had its 202, from the first (NaN in (a))
   * @param requests HTTP requests the sandbox served during the run, by service and method
   * @param loadBefore the load average (1 min) at the start
   * @param loadAfter the load average (1 min) at the end
   */
  public record Run(String mode, double seconds, int jobs, int pullRequests, double latencyP50Ms,
      double latencyP95Ms, double serviceP50Ms, double serviceP95Ms, double kbPerJob, List<String> probes,
      long idleHeapMb, double cpuSeconds, double servicesCpuSeconds, double intakeP50Ms, double intakeP95Ms,
      double acceptedSeconds, Map<String, Long> requests, double loadBefore, double loadAfter) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-8s %7.1f s  %d jobs, %d PRs; latency p50 %.0f ms, p95 %.0f ms; service p50 %.0f ms,"
          + " p95 %.0f ms; %.0f KiB per in-flight job %s (idle heap %d MB); CPU %.1f s + broker/db %.1f s;"
          + " webhook 202 p50 %.0f ms, p95 %.0f ms, all accepted at %.1f s; requests per job %s; load %.2f -> %.2f", mode,
          seconds, jobs, pullRequests, latencyP50Ms, latencyP95Ms, serviceP50Ms, serviceP95Ms, kbPerJob, probes, idleHeapMb,
          cpuSeconds, servicesCpuSeconds, intakeP50Ms, intakeP95Ms, acceptedSeconds, perJob(), loadBefore, loadAfter);
    }

    /** @return {@link #requests()} divided by the jobs, with the total */
    public Map<String, Double> perJob() {
      Map<String, Double> out = new java.util.TreeMap<>();
      requests.forEach((k, v) -> out.put(k, Math.round(v * 100.0 / Math.max(1, jobs)) / 100.0));
      out.put("total", Math.round(requests.values().stream().mapToLong(Long::longValue).sum() * 100.0 / Math.max(1, jobs)) / 100.0);
      return out;
    }
  }

  /**
   * What the harness measured.
   *
   * @param releases releases (packages) per run
   * @param branches dist-git branches per release
   * @param shards queue shards = parallelism
   * @param busiestShard jobs on the busiest shard (the mean is releases / shards): the sharding's imbalance
   * @param runs every run, in the order they ran
   */
  public record Report(int releases, int branches, int shards, int busiestShard, List<Run> runs) {
    /** @return the mean wall time of the workflow runs */
    public double workflowSeconds() {
      return runs.stream().filter(r -> r.mode().equals("workflow")).mapToDouble(Run::seconds).average().orElse(Double.NaN);
    }

    /** @return the mean wall time of the bot runs */
    public double botSeconds() {
      return runs.stream().filter(r -> r.mode().equals("bot")).mapToDouble(Run::seconds).average().orElse(Double.NaN);
    }

    private double mean(String mode, java.util.function.ToDoubleFunction<Run> f) {
      return runs.stream().filter(r -> r.mode().equals(mode)).mapToDouble(f).average().orElse(Double.NaN);
    }

    /**
     * The ratio without each mode's first run, in which the JIT compiles that mode's code (with
     * two or more rounds; NaN with one).
     *
     * @return (b) over (a), warm runs only
     */
    public double warmRatio() {
      double b = runs.stream().filter(r -> r.mode().equals("bot")).skip(1).mapToDouble(Run::seconds).average().orElse(Double.NaN);
      double a = runs.stream().filter(r -> r.mode().equals("workflow")).skip(1).mapToDouble(Run::seconds).average().orElse(Double.NaN);
      return b / a;
    }

    /** @return the bot's overhead, (b) over (a) */
    public double ratio() {
      return botSeconds() / workflowSeconds();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "bot overhead: %d releases x %d branches, %d shards (busiest shard %d jobs, mean %.1f)%n", releases, branches,
          shards, busiestShard, (double) releases / shards));
      runs.forEach(r -> sb.append("  ").append(r).append(System.lineSeparator()));
      sb.append(String.format(Locale.ROOT, "  warm runs only (without each mode's first): ratio %.3f%n", warmRatio()));
      sb.append(String.format(Locale.ROOT, "  ratio (b)/(a) = %.1f s / %.1f s = %.3f; CPU (b)/(a) = %.3f (%.3f with broker and database)",
          botSeconds(), workflowSeconds(), ratio(), mean("bot", Run::cpuSeconds) / mean("workflow", Run::cpuSeconds),
          (mean("bot", Run::cpuSeconds) + mean("bot", Run::servicesCpuSeconds)) / mean("workflow", Run::cpuSeconds)));
      return sb.toString();
    }
  }

  /**
   * Runs (a), then rounds of (b) and (a).
   *
   * @param o the options
   * @return the figures
   * @throws Exception when a run fails or its end state is wrong
   */
  public static Report run(Options o) throws Exception {
    List<Run> runs = new ArrayList<>();
    runs.add(progress(workflowRun(o)));
    for (int i = 0; i < o.rounds(); i++) {
      runs.add(progress(botRun(o)));
      runs.add(progress(workflowRun(o)));
    }
    int[] perShard = new int[o.shards()];
    for (int i = 0; i < o.releases(); i++) {
      perShard[Shards.of(pkg(i), o.shards())]++;
    }
    return new Report(o.releases(), BRANCHES.size(), o.shards(), Arrays.stream(perShard).max().orElse(0), List.copyOf(runs));
  }

  private static Run progress(Run r) {
    System.err.println("[overhead] " + r);
    return r;
  }

  // ---- (a) ----

  static Run workflowRun(Options o) throws Exception {
    Path work = Files.createTempDirectory("packit-overhead-a-");
    List<ExecutorService> lanes = new ArrayList<>();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      seed(sandbox, work, o.releases());
      ReleaseWorkflow[] wfs = {workflow(sandbox, work.resolve("wf0")), workflow(sandbox, work.resolve("wf1"))};
      for (int s = 0; s < o.shards(); s++) {
        lanes.add(Executors.newSingleThreadExecutor(daemon("lane-" + s)));
      }
      JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(List.of()), "rawhide");
      WebhookParser parser = WebhookParser.create();
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      long[] submitted = new long[o.releases()];
      long[] started = new long[o.releases()];
      long[] ended = new long[o.releases()];
      Probes probes = new Probes(o.releases(), finished::get, inFlight::get);
      sandbox.resetRequestCounts();
      double load0 = load();
      long cpu0 = cpu();
      long t0 = System.nanoTime();
      List<Future<RunResult>> results = new ArrayList<>();
      for (int i = 0; i < o.releases(); i++) {
        int n = i;
        String p = pkg(i);
        int shard = Shards.of(p, o.shards());
        ReleaseWorkflow wf = wfs[shard % 2];
        submitted[i] = System.nanoTime();
        results.add(lanes.get(shard).submit(() -> {
          inFlight.incrementAndGet();
          started[n] = System.nanoTime();
          try {
            byte[] body = releasePayload(sandbox, p).getBytes(StandardCharsets.UTF_8);
            Trigger trigger = Trigger.of(parser.parse(ForgeKind.GITHUB, "release", body, "release " + p));
            List<JobRequest> requests = dispatcher.dispatch(trigger,
                ConfigText.of(packitYaml(p), "upstream/" + p + "/.packit.yaml", p)).requests();
            if (requests.size() != 1) {
              throw new IllegalStateException(p + ": expected one job, got " + requests);
            }
            RunResult r = wf.apply(wf.plan(requests.get(0)));
            if (!r.branches().stream().allMatch(b -> b.outcome() == BranchOutcome.DONE)) {
              throw new IllegalStateException(p + ": " + r.branches());
            }
            return r;
          } finally {
            ended[n] = System.nanoTime();
            inFlight.decrementAndGet();
            finished.incrementAndGet();
          }
        }));
      }
      long deadline = t0 + o.limit().toNanos();
      for (Future<RunResult> f : results) {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      long t1 = System.nanoTime();
      long cpu1 = cpu();
      Map<String, Long> requests = Map.copyOf(sandbox.requestCounts());
      probes.stop();
      int prs = checkEndState(sandbox, o.releases());
      return new Run("workflow", (t1 - t0) / 1e9, finished.get(), prs, pct(ended, submitted, 50), pct(ended, submitted, 95),
          pct(ended, started, 50), pct(ended, started, 95), probes.kbPerJob(), probes.samples(), probes.idleMb,
          (cpu1 - cpu0) / 1e9, 0, Double.NaN, Double.NaN, Double.NaN, requests, load0, load());
    } finally {
      lanes.forEach(ExecutorService::shutdownNow);
      deleteTree(work);
    }
  }

  private static ReleaseWorkflow workflow(FedoraSandbox sandbox, Path dir) {
    return ReleaseWorkflow.builder()
        .upstream(github(sandbox))
        .distGit(pagure(sandbox), sandbox.baseUri().resolve("git/"))
        .botUser(SandboxScenario.BOT)
        .gitCredentials(GitCredentials.token(SandboxScenario.BOT, Secret.of(sandbox.pagure().token(SandboxScenario.BOT))))
        .lookaside(lookaside(sandbox))
        .downloads(HttpService.builder().service("downloads").build())
        .allowInsecureDownloadHosts(List.of(sandbox.baseUri().getHost())) // plain HTTP on loopback
        .workDir(dir)
        .build();
  }

  // ---- (b) ----

  static Run botRun(Options o) throws Exception {
    Path work = Files.createTempDirectory("packit-overhead-b-");
    String prefix = "packit-bench-" + UUID.randomUUID();
    String runId = prefix.substring("packit-bench-".length(), "packit-bench-".length() + 8);
    List<PackitBot> bots = new ArrayList<>();
    ExecutorService senders = Executors.newFixedThreadPool(4, daemon("webhook-sender"));
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      seed(sandbox, work, o.releases());
      Map<String, Long> finishedAt = new ConcurrentHashMap<>();
      Map<String, JobRecord> records = new ConcurrentHashMap<>();
      Map<String, String> outcomes = new ConcurrentHashMap<>();
      for (int b = 0; b < 2; b++) {
        Set<Integer> preferred = new HashSet<>();
        for (int s = b; s < o.shards(); s += 2) {
          preferred.add(s);
        }
        PackitBot bot = PackitBot.builder()
            .instance("bench-" + (char) ('a' + b))
            .upstream(ForgeKind.GITHUB, github(sandbox))
            .distGit(pagure(sandbox), sandbox.baseUri().resolve("git/"))
            .botUser(SandboxScenario.BOT)
            .gitCredentials(GitCredentials.token(SandboxScenario.BOT, Secret.of(sandbox.pagure().token(SandboxScenario.BOT))))
            .lookaside(lookaside(sandbox))
            .downloads(HttpService.builder().service("downloads").build())
            .allowInsecureDownloadHosts(List.of(sandbox.baseUri().getHost()))
            .workDir(work.resolve("bot" + b))
            .verifier(WebhookVerifier.builder().githubSecret(Secret.of(SECRET)).maxBodyBytes(1 << 20).build())
            .queue(BotQueue.rabbitMq(o.amqp()).withPrefix(prefix).withShards(o.shards()).withPreferredShards(preferred)
                .withStandbyDelay(Duration.ofSeconds(30)))
            .history(JdbcJobHistory.connect(o.jdbcUrl(), o.dbUser(), o.dbPassword()))
            .httpPort(0)
            .shutdownHook(false)
            .build();
        bot.onJobFinished((job, outcome) -> {
          finishedAt.put(job.id(), System.nanoTime());
          records.put(job.id(), job);
          outcomes.put(job.id(), outcome);
        });
        bots.add(bot.start());
      }
      IntSupplier inFlight = () -> bots.stream().mapToInt(BotOverheadHarness::inFlight).sum();
      Probes probes = new Probes(o.releases(), finishedAt::size, inFlight);
      HttpClient http = HttpClient.newHttpClient();
      String[] ids = new String[o.releases()];
      long[] sent = new long[o.releases()];
      long[] replied = new long[o.releases()];
      sandbox.resetRequestCounts();
      double load0 = load();
      long cpu0 = cpu();
      double services0 = servicesCpu();
      long t0 = System.nanoTime();
      List<Future<HttpResponse<String>>> accepted = new ArrayList<>();
      for (int i = 0; i < o.releases(); i++) {
        int n = i;
        String p = pkg(i);
        String delivery = "bench-" + runId + "-" + p;
        ids[i] = delivery + "/propose_downstream/" + p;
        URI to = bots.get(i % 2).httpUri().resolve("webhooks/github");
        String body = releasePayload(sandbox, p);
        accepted.add(senders.submit(() -> {
          sent[n] = System.nanoTime();
          try {
            return send(http, to, delivery, body);
          } finally {
            replied[n] = System.nanoTime();
          }
        }));
      }
      for (Future<HttpResponse<String>> f : accepted) {
        HttpResponse<String> r = f.get(5, TimeUnit.MINUTES);
        if (r.statusCode() != 202 || !r.body().startsWith("1 job")) {
          throw new IllegalStateException("webhook not accepted: " + r.statusCode() + " " + r.body());
        }
      }
      long deadline = t0 + o.limit().toNanos();
      while (finishedAt.size() < o.releases()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not finished after " + o.limit() + ": " + finishedAt.size() + " of " + o.releases());
        }
        Thread.sleep(5);
      }
      long t1 = finishedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      long cpu1 = cpu();
      Map<String, Long> requests = Map.copyOf(sandbox.requestCounts());
      double services1 = servicesCpu();
      long lastReply = Arrays.stream(replied).max().orElseThrow();
      probes.stop();
      long[] ended = new long[o.releases()];
      long[] startedNs = new long[o.releases()];
      long[] endedNs = new long[o.releases()];
      for (int i = 0; i < o.releases(); i++) {
        Long end = finishedAt.get(ids[i]);
        JobRecord r = records.get(ids[i]);
        if (end == null || r == null) {
          throw new IllegalStateException("no finished job " + ids[i] + " (finished: " + finishedAt.keySet().stream().limit(5).toList() + ")");
        }
        if (!outcomes.get(ids[i]).equals("done") || r.state() != JobState.DONE) {
          throw new IllegalStateException(ids[i] + " ended " + outcomes.get(ids[i]) + " / " + r.state() + ": " + r.detail());
        }
        ended[i] = end;
        // service time from the history's own timestamps (millisecond precision)
        startedNs[i] = 0;
        endedNs[i] = Duration.between(r.startedAt().orElseThrow(), r.finishedAt().orElseThrow()).toNanos();
      }
      int prs = checkEndState(sandbox, o.releases());
      Run run = new Run("bot", (t1 - t0) / 1e9, finishedAt.size(), prs, pct(ended, sent, 50), pct(ended, sent, 95),
          pct(endedNs, startedNs, 50), pct(endedNs, startedNs, 95), probes.kbPerJob(), probes.samples(), probes.idleMb,
          (cpu1 - cpu0) / 1e9, services1 - services0, pct(replied, sent, 50), pct(replied, sent, 95), (lastReply - t0) / 1e9,
          requests, load0, load());
      for (PackitBot b : bots) {
        b.close();
      }
      bots.clear();
      return run;
    } finally {
      senders.shutdownNow();
      for (PackitBot b : bots) {
        b.close();
      }
      RabbitJobQueue.deleteTopology(o.amqp(), prefix, o.shards());
      deleteTree(work);
    }
  }

  private static int inFlight(PackitBot bot) {
    var g = bot.meterRegistry().find("packit.bot.jobs.in.flight").gauge();
    return g == null ? 0 : (int) g.value();
  }

  private static HttpResponse<String> send(HttpClient http, URI to, String delivery, String body)
      throws IOException, InterruptedException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest req = HttpRequest.newBuilder(to)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "release")
        .header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", WebhookVerifier.githubSignature(Secret.of(SECRET), bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  // ---- shared ----

  private static Forge github(FedoraSandbox sandbox) {
    return GitHub.builder().baseUri(sandbox.github().apiUri())
        .credentials(ForgeCredentials.token(sandbox.github().token(SandboxScenario.BOT))).build();
  }

  private static Forge pagure(FedoraSandbox sandbox) {
    return Pagure.builder().instance(sandbox.pagure().instanceUri()).pollInterval(Duration.ofMillis(20))
        .credentials(ForgeCredentials.token(sandbox.pagure().token(SandboxScenario.BOT))).build();
  }

  private static LookasideClient lookaside(FedoraSandbox sandbox) {
    return LookasideClient.builder().baseUri(sandbox.lookaside().baseUri()).uploadCgi(sandbox.lookaside().uploadCgi()).build();
  }

  /** Three pull requests per package, one per branch, every archive uploaded once. */
  static int checkEndState(FedoraSandbox sandbox, int releases) {
    int total = 0;
    for (int i = 0; i < releases; i++) {
      String p = pkg(i);
      List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/" + p);
      Set<String> branches = new HashSet<>();
      for (JsonNode pr : prs) {
        if (!pr.path("title").asText().contains(VERSION)) {
          throw new IllegalStateException(p + ": a pull request not for " + VERSION + ": " + pr.path("title"));
        }
        branches.add(pr.path("branch").asText());
      }
      if (prs.size() != BRANCHES.size() || !branches.equals(Set.copyOf(BRANCHES))) {
        throw new IllegalStateException(p + ": expected one pull request per branch " + BRANCHES + ", got " + prs.size()
            + " to " + branches);
      }
      int uploads = sandbox.lookaside().uploads("rpms/" + p, p + "-" + VERSION + ".tar.gz");
      if (uploads != 1) {
        throw new IllegalStateException(p + ": archive uploaded " + uploads + " times");
      }
      total += prs.size();
    }
    return total;
  }

  static String pkg(int i) {
    return "pkg" + i;
  }

  static String packitYaml(String pkg) {
    return "upstream_package_name: " + pkg + "\ndownstream_package_name: " + pkg + "\nupstream_tag_template: v{version}\n"
        + "jobs:\n  - job: propose_downstream\n    trigger: release\n    dist_git_branches: [" + String.join(", ", BRANCHES)
        + "]\n";
  }

  static String releasePayload(FedoraSandbox sandbox, String pkg) {
    String repo = "upstream/" + pkg;
    String tag = "v" + VERSION;
    return "{\"action\":\"published\",\"release\":{\"tag_name\":\"" + tag + "\",\"name\":\"" + VERSION
        + "\",\"body\":\"" + pkg + " " + VERSION + "\\n\\n- A change\\n\",\"prerelease\":false,\"draft\":false,"
        + "\"author\":{\"login\":\"jane\"},\"html_url\":\"" + sandbox.baseUri() + repo + "/releases/tag/" + tag + "\"},"
        + "\"repository\":{\"full_name\":\"" + repo + "\",\"name\":\"" + pkg + "\",\"owner\":{\"login\":\"upstream\"},"
        + "\"html_url\":\"" + sandbox.baseUri() + repo + "\",\"clone_url\":\"" + sandbox.gitUri(repo) + "\"},"
        + "\"sender\":{\"login\":\"jane\"}}";
  }

  /** Seeds dist-git and upstream repositories straight on disk (seeding is not what is measured). */
  static void seed(FedoraSandbox sandbox, Path work, int releases) throws Exception {
    sandbox.mount("/bench-downloads", "release archives of the overhead harness", ex -> {
      try (ex) {
        String name = ex.getRequestURI().getPath().substring("/bench-downloads/".length());
        if (!name.matches("pkg[0-9]+-[0-9.]+\\.tar\\.gz")) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = SandboxScenario.archive(name.substring(0, name.length() - ".tar.gz".length()));
        if ("HEAD".equals(ex.getRequestMethod())) {
          ex.sendResponseHeaders(200, -1);
          return;
        }
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(2, daemon("seed"));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < releases; i++) {
        String p = pkg(i);
        done.add(pool.submit(() -> {
          seedPackage(sandbox, work, p);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void seedPackage(FedoraSandbox sandbox, Path work, String p) throws IOException {
    Path distGit = sandbox.createBareRepository("rpms/" + p);
    Path dir = Files.createTempDirectory(work, "seed-");
    String spec = "Name:           " + p + "\nVersion:        1.0.0\nRelease:        1%{?dist}\nSummary:        Overhead\n"
        + "License:        MIT\nSource0:        " + sandbox.baseUri() + "bench-downloads/" + p + "-%{version}.tar.gz\n"
        + "BuildArch:      noarch\n\n%description\nOverhead.\n\n%files\n\n%changelog\n"
        + "* Mon Nov 02 2026 Jane Maintainer <jane@example.org> - 1.0.0-1\n- Initial\n";
    try (LocalRepository repo = LocalRepository.init(dir, "rawhide", Clock.systemUTC())) {
      Files.writeString(dir.resolve(p + ".spec"), spec, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("sources"), "", StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(".gitignore"), "", StandardCharsets.UTF_8);
      repo.addAll();
      repo.commit("Initial import", MAINTAINER);
      repo.setRemote("origin", distGit.toUri());
      PushRequest.Builder push = PushRequest.builder("origin");
      BRANCHES.forEach(b -> push.refSpec("refs/heads/rawhide:refs/heads/" + b));
      repo.push(push.build());
    }
    deleteTree(dir);
    String name = "upstream/" + p;
    Path upstream = sandbox.createBareRepository(name);
    Path up = Files.createTempDirectory(work, "seed-");
    try (LocalRepository repo = LocalRepository.init(up, "main", Clock.systemUTC())) {
      Files.writeString(up.resolve(".packit.yaml"), packitYaml(p), StandardCharsets.UTF_8);
      Files.writeString(up.resolve("VERSION"), VERSION + "\n", StandardCharsets.UTF_8);
      repo.addAll();
      repo.commit("Release " + VERSION, MAINTAINER);
      repo.tag("v" + VERSION, p + " " + VERSION, MAINTAINER);
      repo.setRemote("origin", upstream.toUri());
      repo.push(PushRequest.builder("origin").pushTags(true).refSpec("refs/heads/main:refs/heads/main").build());
    }
    deleteTree(up);
    sandbox.github().addRelease(name, "v" + VERSION, VERSION, p + " " + VERSION + "\n\n- A change\n", false);
  }

  /**
   * Heap probes at 25, 50 and 75 % of the run: a full GC, then the heap used, against the same
   * measure taken idle just before the run.
   */
  private static final class Probes {
    final long idleMb;
    private final long idleBytes;
    private final int total;
    private final IntSupplier finished;
    private long idleAfterBytes;
    private final List<long[]> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stop;

    Probes(int total, IntSupplier finished, IntSupplier inFlight) {
      this.idleBytes = heapAfterGc();
      this.idleMb = idleBytes >> 20;
      this.total = total;
      this.finished = finished;
      this.thread = new Thread(() -> {
        int[] marks = {total / 4, total / 2, 3 * total / 4};
        for (int mark : marks) {
          while (!stop && finished.getAsInt() < mark) {
            sleep(10);
          }
          if (stop) {
            return;
          }
          int before = inFlight.getAsInt();
          int done = finished.getAsInt();
          long heap = heapAfterGc();
          int after = inFlight.getAsInt();
          int k = Math.min(before, after); // jobs that were in flight across the whole GC
          if (k > 0) {
            samples.add(new long[] {k, heap, done});
          }
        }
      }, "overhead-heap-probe");
      thread.setDaemon(true);
      thread.start();
    }

    /** Stops probing and takes the idle measure again, after the last job. */
    void stop() throws InterruptedException {
      stop = true;
      thread.join();
      idleAfterBytes = heapAfterGc();
    }

    /**
     * What a probe holds above idle. What the finished jobs left behind (pull requests and
     * repositories in the sandbox, caches) is not in-flight memory: the idle level is taken before
     * and after the run and interpolated by the jobs finished at the probe.
     */
    private long aboveIdle(long[] s) {
      return s[1] - (idleBytes + (idleAfterBytes - idleBytes) * s[2] / Math.max(1, total));
    }

    /** The median of the probes (a probe can catch a job holding a large buffer for a moment). */
    double kbPerJob() {
      double[] kb = samples.stream().mapToDouble(s -> aboveIdle(s) / 1024.0 / s[0]).sorted().toArray();
      if (kb.length == 0) {
        return Double.NaN;
      }
      return kb.length % 2 == 1 ? kb[kb.length / 2] : (kb[kb.length / 2 - 1] + kb[kb.length / 2]) / 2;
    }

    List<String> samples() {
      return samples.stream().map(s -> s[0] + " jobs: " + String.format(Locale.ROOT, "%.1f MB", aboveIdle(s) / 1048576.0)).toList();
    }
  }

  /**
   * The heap in use at the end of a full GC, as the collector itself reports it: read afterwards,
   * the heap would also hold what the running jobs allocated since the pause ended.
   */
  static long heapAfterGc() {
    Map<String, Long> before = new java.util.HashMap<>();
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      before.put(gc.getName(), gc.getCollectionCount());
    }
    System.gc();
    Set<String> heapPools = new HashSet<>();
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    // A young collection of the running jobs may have run too, before or after the full one: the full
    // one leaves the least behind, so the smallest figure among the collectors that ran is its.
    long least = Long.MAX_VALUE;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc.getCollectionCount() > before.getOrDefault(gc.getName(), 0L)
          && gc instanceof com.sun.management.GarbageCollectorMXBean g && g.getLastGcInfo() != null) {
        least = Math.min(least, g.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum());
      }
    }
    return least != Long.MAX_VALUE ? least : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** CPU seconds of the RabbitMQ ({@code beam.smp}) and PostgreSQL processes so far, from /proc; 0 elsewhere. */
  static double servicesCpu() {
    long ticks = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String comm = stat.substring(open + 1, close);
          if (comm.equals("beam.smp") || comm.startsWith("postgres")) {
            String[] f = stat.substring(close + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          }
        } catch (IOException | RuntimeException e) {
          // gone meanwhile
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
    return ticks / 100.0; // USER_HZ
  }

  private static double pct(long[] end, long[] start, int percentile) {
    double[] ms = new double[end.length];
    for (int i = 0; i < end.length; i++) {
      ms[i] = (end[i] - start[i]) / 1e6;
    }
    Arrays.sort(ms);
    int idx = (int) Math.ceil(percentile / 100.0 * ms.length) - 1; // nearest rank
    return ms[Math.max(0, Math.min(ms.length - 1, idx))];
  }

  private static long cpu() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : -1;
  }

  /** The 1-minute load average. */
  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }

  /**
   * Runs the harness: {@code BotOverheadHarness [releases=300] [shards=8] [rounds=1]}.
   *
   * @param args the arguments
   * @throws Exception when a run fails
   */
  public static void main(String[] args) throws Exception {
    int releases = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Options o = Options.fromEnvironment(releases);
    if (args.length > 1) {
      o = o.withShards(Integer.parseInt(args[1]));
    }
    if (args.length > 2) {
      o = o.withRounds(Integer.parseInt(args[2]));
    }
    System.out.println(run(o));
  }
}
