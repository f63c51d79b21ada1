package dev.packit.bot.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bot's job history. Implementations are thread-safe; several bot instances may share one
 * database-backed history.
 *
 * <pre>{@code
 * JobHistory history = new InMemoryJobHistory();
 * history.queued(JobRecord.queued(id, "propose_downstream", "hello", List.of("rawhide", "f43"), trigger, clock.instant()));
 * history.started(id, clock.instant(), "bot-1");
 * history.finished(id, clock.instant(), JobState.DONE, "", false, branchRecords);
 * }</pre>
 */
public interface JobHistory extends AutoCloseable {
  /**
   * Records a queued job. A job id recorded before is left as it is (deliveries repeat).
   *
   * @param record the record, normally in state {@link JobState#QUEUED}
   * @return true when it was new
   */
  boolean queued(JobRecord record);

  /**
   * Records that a runner started the job.
   *
   * @param id the job id
   * @param at when
   * @param botInstance which bot instance
   */
  void started(String id, Instant at, String botInstance);

  /**
   * Records how the job ended, or that it goes back to the queue ({@link JobState#RETRYING}).
   *
   * @param id the job id
   * @param at when
   * @param state the end state or {@link JobState#RETRYING}
   * @param detail the cause, empty when done
   * @param retryable whether running it again may help
   * @param branches per-branch results
   */
  void finished(String id, Instant at, JobState state, String detail, boolean retryable, List<BranchRecord> branches);

  /**
   * One job.
   *
   * @param id the job id
   * @return the record, or empty
   */
  Optional<JobRecord> find(String id);

  /**
   * Jobs matching a query, newest queued first.
   *
   * @param query the filter
   * @return the records
   */
  List<JobRecord> jobs(JobQuery query);

  /**
   * Every package with at least one job or decision, sorted.
   *
   * @return package names
   */
  List<String> packages();

  /**
   * Records a reconciliation decision.
   *
   * @param decision the decision
   */
  void decided(ReconcileDecision decision);

  /**
   * The newest decisions for a package, newest first.
   *
   * @param packageName the package
   * @param limit at most this many
   * @return the decisions
   */
  List<ReconcileDecision> decisions(String packageName, int limit);

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}
