package dev.packit.bot.reconcile;

/**
 * Where reconciliation puts the jobs it finds missing: the bot's queue implements it, carrying
 * {@link ReconcileAction#request()} (a typed {@code JobRequest}, JSON on the wire). The
 * reconciler has recorded the job as queued in the history under {@link ReconcileAction#jobId()}
 * before calling; a sink that records jobs itself uses that id (recording an id twice keeps the first).
 *
 * <pre>{@code
 * List<ReconcileAction> queued = new ArrayList<>();
 * JobSink sink = queued::add;
 * }</pre>
 */
@FunctionalInterface
public interface JobSink {
  /**
   * Enqueues a job.
   *
   * @param action the job
   * @throws RuntimeException when the queue refuses it; the reconciler records the job as failed and retryable
   */
  void enqueue(ReconcileAction action);
}
