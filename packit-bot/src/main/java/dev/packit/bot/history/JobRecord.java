package dev.packit.bot.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as the history keeps it.
 *
 * <pre>{@code
 * JobRecord r = JobRecord.queued("job-1", "koji_build", "hello", List.of("f43"), "push abc1234 to rpms/hello f43", clock.instant());
 * }</pre>
 *
 * @param id the job id (the queue's id; recording the same id twice keeps the first)
 * @param kind the job kind, as {@code .packit.yaml} names it ({@code propose_downstream}, {@code koji_build}, ...)
 * @param packageName the package
 * @param branches the dist-git branches the job was for
 * @param trigger what started it, one line for people ("release 1.2.0 of github.com/acme/hello")
 * @param state where the job is
 * @param queuedAt when it was queued
 * @param startedAt when a runner last started it
 * @param finishedAt when it ended
 * @param botInstance the bot instance that ran it, empty before
 * @param detail the failure or skip cause, one paragraph, empty when done
 * @param retryable for a failure: whether running it again may help
 * @param branchResults per branch, once finished
 * @param request the job's request in its JSON form, so a person or the reconciler can run it again; may be empty
 */
public record JobRecord(String id, String kind, String packageName, List<String> branches, String trigger, JobState state,
    Instant queuedAt, Optional<Instant> startedAt, Optional<Instant> finishedAt, String botInstance, String detail,
    boolean retryable, List<BranchRecord> branchResults, String request) {
  /** Validates the components. */
  public JobRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(packageName, "packageName");
    branches = List.copyOf(branches);
    trigger = trigger == null ? "" : trigger;
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(queuedAt, "queuedAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    botInstance = botInstance == null ? "" : botInstance;
    detail = detail == null ? "" : detail;
    branchResults = List.copyOf(branchResults);
    request = request == null ? "" : request;
  }

  /**
   * A job just queued.
   *
   * @param id the job id
   * @param kind the job kind
   * @param packageName the package
   * @param branches the branches
   * @param trigger what started it
   * @param at when it was queued
   * @return a {@link JobState#QUEUED} record
   */
  public static JobRecord queued(String id, String kind, String packageName, List<String> branches, String trigger, Instant at) {
    return new JobRecord(id, kind, packageName, branches, trigger, JobState.QUEUED, at, Optional.empty(), Optional.empty(),
        "", "", false, List.of(), "");
  }

  /**
   * This record with the request's JSON form.
   *
   * @param json the {@code JobRequest} JSON
   * @return a copy
   */
  public JobRecord withRequest(String json) {
    return new JobRecord(id, kind, packageName, branches, trigger, state, queuedAt, startedAt, finishedAt, botInstance,
        detail, retryable, branchResults, json);
  }
}
