package dev.packit.bot.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The bot's meters on a Micrometer registry, scraped in the Prometheus text format on {@code /metrics}.
 * Names as Prometheus shows them: {@code packit_bot_jobs_total{type,outcome}},
 * {@code packit_bot_job_run_seconds{type}}, {@code packit_bot_queue_wait_seconds},
 * {@code packit_bot_jobs_redelivered_total}, {@code packit_bot_jobs_in_flight},
 * {@code packit_bot_queue_ready_messages}, {@code packit_bot_webhooks_total{forge,result}},
 * {@code packit_bot_messages_total{result}}, {@code packit_bot_http_deadline_total{phase}},
 * {@code packit_bot_commands_total{result}}, and the JVM's memory and threads.
 *
 * <pre>{@code
 * BotMetrics m = new BotMetrics(queue::stats);
 * m.jobFinished("propose_downstream", "done", 812, 40);
 * System.out.print(m.scrape());
 * }</pre>
 *
 * <p>Thread-safe. Figures are per instance; sum them over instances (except the queue gauges,
 * which every instance reads from the shared broker).
 */
public final class BotMetrics {
  // Label values come from these sets only: a value per request path or job type string from
  // outside would let anyone grow the registry without bound.
  private static final Set<String> FORGES = Set.of("github", "gitlab");

  private final PrometheusMeterRegistry registry;
  private final Counter redelivered;
  private final Timer queueWait;

  /**
   * Creates the meters on a new Prometheus registry.
   *
   * @param queue reads the queue's figures when scraped
   */
  public BotMetrics(Supplier<JobQueue.QueueStats> queue) {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), queue);
  }

  /**
   * Creates the meters on a registry.
   *
   * @param registry where the meters live
   * @param queue reads the queue's figures when scraped
   */
  public BotMetrics(PrometheusMeterRegistry registry, Supplier<JobQueue.QueueStats> queue) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(queue, "queue");
    redelivered = Counter.builder("packit.bot.jobs.redelivered")
        .description("Jobs this instance got again after another attempt").register(registry);
    queueWait = Timer.builder("packit.bot.queue.wait")
        .description("Time jobs waited between dispatch and start (queue lag)").register(registry);
    // strong references: Micrometer holds a gauge's object weakly, and nothing else holds this supplier
    Gauge.builder("packit.bot.jobs.in.flight", queue, q -> q.get().inFlight()).strongReference(true)
        .description("Jobs this instance is running now").register(registry);
    Gauge.builder("packit.bot.queue.ready.messages", queue, q -> q.get().ready()).strongReference(true)
        .description("Jobs waiting in the queue (all shards; -1 when unknown)").register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  /** @return the registry, to add meters of one's own */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Counts a finished job.
   *
   * @param type the job type
   * @param outcome {@code done}, {@code skipped}, {@code failed}, {@code error}, {@code retry} or {@code ignored}
   * @param runMillis how long it ran
   * @param waitMillis how long it waited in the queue
   */
  public void jobFinished(String type, String outcome, long runMillis, long waitMillis) {
    Counter.builder("packit.bot.jobs").description("Jobs finished by this instance, by type and outcome")
        .tag("type", type).tag("outcome", outcome).register(registry).increment();
    Timer.builder("packit.bot.job.run").description("Time spent running jobs, by type")
        .tag("type", type).register(registry).record(Duration.ofMillis(Math.max(0, runMillis)));
    queueWait.record(Duration.ofMillis(Math.max(0, waitMillis)));
  }

  /** Counts a job that was handed out again (after a crash or a give-back). */
  public void redelivered() {
    redelivered.increment();
  }

  /**
   * Counts a webhook delivery.
   *
   * @param forge {@code github} or {@code gitlab} (anything else is counted as {@code other})
   * @param result {@code queued}, {@code ignored}, {@code rejected}, {@code replayed}, {@code error}
   */
  public void webhook(String forge, String result) {
    Counter.builder("packit.bot.webhooks").description("Webhook deliveries, by forge and result")
        .tag("forge", FORGES.contains(forge) ? forge : "other").tag("result", result).register(registry).increment();
  }

  /**
   * Counts a fedora-messaging message.
   *
   * @param result {@code queued}, {@code ignored} or {@code error}
   */
  public void message(String result) {
    Counter.builder("packit.bot.messages").description("fedora-messaging messages, by result")
        .tag("result", result).register(registry).increment();
  }

  /**
   * Counts a request that missed the HTTP read deadline (its connection was closed).
   *
   * @param phase {@code headers} or {@code body}
   */
  public void httpDeadline(String phase) {
    Counter.builder("packit.bot.http.deadline")
        .description("Requests whose connection was closed for missing the read deadline")
        .tag("phase", phase).register(registry).increment();
  }

  /**
   * Counts a {@code /packit} comment command by whether its author may command the bot.
   *
   * @param result {@code obeyed} or {@code refused}
   */
  public void command(String result) {
    Counter.builder("packit.bot.commands")
        .description("/packit comment commands, by whether the author may command the bot")
        .tag("result", result).register(registry).increment();
  }

  /**
   * Returns how many jobs finished with a type and outcome.
   *
   * @param type the job type
   * @param outcome the outcome
   * @return the count
   */
  public long jobs(String type, String outcome) {
    Counter c = registry.find("packit.bot.jobs").tag("type", type).tag("outcome", outcome).counter();
    return c == null ? 0 : (long) c.count();
  }

  /** @return the meters in the Prometheus text exposition format (version 0.0.4) */
  public String scrape() {
    return registry.scrape();
  }
}
