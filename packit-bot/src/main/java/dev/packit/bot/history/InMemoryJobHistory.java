package dev.packit.bot.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A history kept in memory, for tests and one-shot runs; it is gone when the bot stops.
 *
 * <pre>{@code
 * JobHistory history = new InMemoryJobHistory();
 * }</pre>
 */
public final class InMemoryJobHistory implements JobHistory {
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
  private final List<ReconcileDecision> decisions = new ArrayList<>();

  /** Creates an empty history. */
  public InMemoryJobHistory() {}

  @Override
  public synchronized boolean queued(JobRecord record) {
    return jobs.putIfAbsent(record.id(), record) == null;
  }

  @Override
  public synchronized void started(String id, Instant at, String botInstance) {
    JobRecord r = jobs.get(id);
    if (r != null) {
      jobs.put(id, new JobRecord(r.id(), r.kind(), r.packageName(), r.branches(), r.trigger(), JobState.RUNNING,
          r.queuedAt(), Optional.of(at), Optional.empty(), botInstance, r.detail(), r.retryable(), r.branchResults(), r.request()));
    }
  }

  @Override
  public synchronized void finished(String id, Instant at, JobState state, String detail, boolean retryable,
      List<BranchRecord> branches) {
    JobRecord r = jobs.get(id);
    if (r != null) {
      jobs.put(id, new JobRecord(r.id(), r.kind(), r.packageName(), r.branches(), r.trigger(), state, r.queuedAt(),
          r.startedAt(), state.finished() ? Optional.of(at) : Optional.empty(), r.botInstance(), detail, retryable,
          branches, r.request()));
    }
  }

  @Override
  public synchronized Optional<JobRecord> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized List<JobRecord> jobs(JobQuery query) {
    return jobs.values().stream().filter(query::matches)
        .sorted(Comparator.comparing(JobRecord::queuedAt).reversed()).limit(query.limit()).toList();
  }

  @Override
  public synchronized List<String> packages() {
    TreeSet<String> out = new TreeSet<>();
    jobs.values().forEach(r -> out.add(r.packageName()));
    decisions.forEach(d -> out.add(d.packageName()));
    return List.copyOf(out);
  }

  @Override
  public synchronized void decided(ReconcileDecision decision) {
    decisions.add(decision);
  }

  @Override
  public synchronized List<ReconcileDecision> decisions(String packageName, int limit) {
    return decisions.stream().filter(d -> d.packageName().equals(packageName))
        .sorted(Comparator.comparing(ReconcileDecision::at).reversed()).limit(limit).toList();
  }
}
