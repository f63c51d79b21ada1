package dev.packit.examples.bot;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The bot's counters, rendered in the Prometheus text format on {@code /metrics}.
 *
 * <pre>{@code
 * BotMetrics m = new BotMetrics(queue::stats);
 * m.jobFinished("propose_downstream", "done", 812, 40);
 * System.out.print(m.render());
 * // packit_bot_jobs_total{type="propose_downstream",outcome="done"} 1 ...
 * }</pre>
 *
 * <p>Thread-safe. Figures are per instance; sum them over instances (except the queue gauges,
 * which every instance reads from the shared broker).
 */
public final class BotMetrics {
  private final Supplier<JobQueue.QueueStats> queue;
  private final Map<String, LongAdder> jobs = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> webhooks = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> httpDeadlines = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> commands = new ConcurrentHashMap<>();
  private final LongAdder redelivered = new LongAdder();
  private final LongAdder waitMillisSum = new LongAdder();
  private final LongAdder waitCount = new LongAdder();
  private final AtomicLong waitMillisMax = new AtomicLong();
  private final LongAdder runMillisSum = new LongAdder();

  /**
   * Creates the metrics.
   *
   * @param queue reads the queue's figures when rendering
   */
  public BotMetrics(Supplier<JobQueue.QueueStats> queue) {
    this.queue = queue;
  }

  /**
   * Counts a finished job.
   *
   * @param type the job type
   * @param outcome {@code done}, {@code skipped}, {@code failed} or {@code error}
   * @param runMillis how long it ran
   * @param waitMillis how long it waited in the queue
   */
  public void jobFinished(String type, String outcome, long runMillis, long waitMillis) {
    jobs.computeIfAbsent(type + "\u0000" + outcome, k -> new LongAdder()).increment();
    runMillisSum.add(runMillis);
    long w = Math.max(0, waitMillis);
    waitMillisSum.add(w);
    waitCount.increment();
    waitMillisMax.accumulateAndGet(w, Math::max);
  }

  /** Counts a job that was handed out again (after a crash or a give-back). */
  public void redelivered() {
    redelivered.increment();
  }

  /**
   * Counts a webhook delivery.
   *
   * @param forge {@code github} or {@code gitlab}
   * @param result {@code queued}, {@code ignored}, {@code rejected}, {@code replayed}, {@code error}
   */
  public void webhook(String forge, String result) {
    webhooks.computeIfAbsent(forge + "\u0000" + result, k -> new LongAdder()).increment();
  }

  /**
   * Counts a fedora-messaging message.
   *
   * @param result {@code queued}, {@code ignored} or {@code error}
   */
  public void message(String result) {
    messages.computeIfAbsent(result, k -> new LongAdder()).increment();
  }

  /**
   * Counts a request that missed the HTTP read deadline (its connection was closed).
   *
   * @param phase {@code headers} or {@code body}
   */
  public void httpDeadline(String phase) {
    httpDeadlines.computeIfAbsent(phase, k -> new LongAdder()).increment();
  }

  /**
   * Counts a {@code /packit} comment command by whether its author may command the bot.
   *
   * @param result {@code obeyed} or {@code refused}
   */
  public void command(String result) {
    commands.computeIfAbsent(result, k -> new LongAdder()).increment();
  }

  /**
   * Returns how many jobs finished with a type and outcome.
   *
   * @param type the job type
   * @param outcome the outcome
   * @return the count
   */
  public long jobs(String type, String outcome) {
    LongAdder a = jobs.get(type + "\u0000" + outcome);
    return a == null ? 0 : a.sum();
  }

  /** @return the metrics in the Prometheus text exposition format (version 0.0.4) */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP packit_bot_jobs_total Jobs finished by this instance, by type and outcome.\n");
    sb.append("# TYPE packit_bot_jobs_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(jobs).entrySet()) {
      String[] k = e.getKey().split("\u0000", 2);
      sb.append("packit_bot_jobs_total{type=\"").append(k[0]).append("\",outcome=\"").append(k[1]).append("\"} ")
          .append(e.getValue().sum()).append('\n');
    }
    sb.append("# HELP packit_bot_jobs_redelivered_total Jobs this instance got again after another attempt.\n");
    sb.append("# TYPE packit_bot_jobs_redelivered_total counter\n");
    sb.append("packit_bot_jobs_redelivered_total ").append(redelivered.sum()).append('\n');
    JobQueue.QueueStats s = queue.get();
    sb.append("# HELP packit_bot_jobs_in_flight Jobs this instance is running now.\n");
    sb.append("# TYPE packit_bot_jobs_in_flight gauge\n");
    sb.append("packit_bot_jobs_in_flight ").append(s.inFlight()).append('\n');
    sb.append("# HELP packit_bot_queue_ready_messages Jobs waiting in the queue (all shards).\n");
    sb.append("# TYPE packit_bot_queue_ready_messages gauge\n");
    sb.append("packit_bot_queue_ready_messages ").append(s.ready()).append('\n');
    sb.append("# HELP packit_bot_queue_wait_seconds Time jobs waited between dispatch and start (queue lag).\n");
    sb.append("# TYPE packit_bot_queue_wait_seconds summary\n");
    sb.append("packit_bot_queue_wait_seconds_sum ").append(seconds(waitMillisSum.sum())).append('\n');
    sb.append("packit_bot_queue_wait_seconds_count ").append(waitCount.sum()).append('\n');
    sb.append("# HELP packit_bot_queue_wait_seconds_max Longest queue wait seen by this instance.\n");
    sb.append("# TYPE packit_bot_queue_wait_seconds_max gauge\n");
    sb.append("packit_bot_queue_wait_seconds_max ").append(seconds(waitMillisMax.get())).append('\n');
    sb.append("# HELP packit_bot_job_run_seconds_sum Total time spent running jobs.\n");
    sb.append("# TYPE packit_bot_job_run_seconds_sum counter\n");
    sb.append("packit_bot_job_run_seconds_sum ").append(seconds(runMillisSum.sum())).append('\n');
    sb.append("# HELP packit_bot_webhooks_total Webhook deliveries, by forge and result.\n");
    sb.append("# TYPE packit_bot_webhooks_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(webhooks).entrySet()) {
      String[] k = e.getKey().split("\u0000", 2);
      sb.append("packit_bot_webhooks_total{forge=\"").append(k[0]).append("\",result=\"").append(k[1]).append("\"} ")
          .append(e.getValue().sum()).append('\n');
    }
    sb.append("# HELP packit_bot_messages_total fedora-messaging messages, by result.\n");
    sb.append("# TYPE packit_bot_messages_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(messages).entrySet()) {
      sb.append("packit_bot_messages_total{result=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum())
          .append('\n');
    }
    sb.append("# HELP packit_bot_http_deadline_total Requests whose connection was closed for missing the read deadline.\n");
    sb.append("# TYPE packit_bot_http_deadline_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(httpDeadlines).entrySet()) {
      sb.append("packit_bot_http_deadline_total{phase=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum())
          .append('\n');
    }
    sb.append("# HELP packit_bot_commands_total /packit comment commands, by whether the author may command the bot.\n");
    sb.append("# TYPE packit_bot_commands_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(commands).entrySet()) {
      sb.append("packit_bot_commands_total{result=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum())
          .append('\n');
    }
    return sb.toString();
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
