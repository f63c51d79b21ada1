package dev.packit.bot.internal;

/**
 * Where dispatched jobs wait for a worker. Two implementations: {@link InProcessJobQueue} (the
 * embedded default, one process) and {@link RabbitJobQueue} (several bot instances sharing one
 * durable RabbitMQ setup).
 *
 * <pre>{@code
 * try (JobQueue queue = new InProcessJobQueue(4)) {
 *   queue.start(job -> System.out.println("running " + job));
 *   queue.submit(job);
 * }
 * }</pre>
 *
 * <p>Contract: jobs of one package run one at a time, in submission order; a job is taken off
 * the queue only after its handler returned (a handler that throws gets the job again later); a
 * submitted job is safe once {@link #submit} returned.
 */
public interface JobQueue extends AutoCloseable {
  /**
   * Queues a job; returns once it is stored (for RabbitMQ: confirmed by the broker).
   *
   * @param job the job
   */
  void submit(Job job);

  /**
   * Starts handing jobs to the handler.
   *
   * @param handler runs one job; returning acknowledges it, throwing gives it back
   */
  void start(JobHandler handler);

  /** @return ready and in-flight counts, for metrics and health */
  QueueStats stats();

  /** @return whether the queue can take and hand out jobs (for {@code /healthz}) */
  boolean healthy();

  /** Stops handing out jobs, waits a little for running ones, and releases resources. */
  @Override
  void close();

  /**
   * Runs one job.
   *
   * <pre>{@code
   * JobHandler handler = job -> runner.run(job);
   * }</pre>
   */
  @FunctionalInterface
  interface JobHandler {
    /**
     * Runs a job to its end.
     *
     * @param job the job
     * @param redelivered whether the queue handed this job out before (a worker died or gave it back)
     * @throws Exception to give the job back for another attempt
     */
    void handle(Job job, boolean redelivered) throws Exception;

    /**
     * Tells that the queue gave up on a job after its last attempt (the in-process queue; RabbitMQ
     * dead-letters it without telling).
     *
     * @param job the job
     * @param attempts how many times it ran
     * @param cause the last failure
     */
    default void dropped(Job job, int attempts, Exception cause) {}
  }

  /**
   * Queue figures.
   *
   * <pre>{@code
   * QueueStats s = queue.stats();
   * System.out.println(s.ready() + " waiting, " + s.inFlight() + " running");
   * }</pre>
   *
   * @param ready jobs waiting (all shards; -1 when unknown)
   * @param inFlight jobs this instance is running
   */
  record QueueStats(long ready, long inFlight) {}
}
