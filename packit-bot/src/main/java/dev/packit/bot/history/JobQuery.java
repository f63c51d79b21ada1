package dev.packit.bot.history;

import java.util.Objects;
import java.util.Optional;

/**
 * A filter over the job history, newest first.
 *
 * <pre>{@code
 * history.jobs(JobQuery.all().withPackage("hello").withState(JobState.FAILED).limit(50));
 * }</pre>
 *
 * @param packageName only this package
 * @param kind only this job kind
 * @param state only this state
 * @param branch only jobs for this branch
 * @param limit at most this many (1..1000)
 */
public record JobQuery(Optional<String> packageName, Optional<String> kind, Optional<JobState> state,
    Optional<String> branch, int limit) {
  /** Validates the components. */
  public JobQuery {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(branch, "branch");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
    }
  }

  /**
   * Every job, at most 100.
   *
   * @return the query
   */
  public static JobQuery all() {
    return new JobQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
  }

  /**
   * Narrows the query.
   *
   * @param p the package
   * @return a narrowed copy
   */
  public JobQuery withPackage(String p) {
    return new JobQuery(Optional.of(p), kind, state, branch, limit);
  }

  /**
   * Narrows the query.
   *
   * @param k the job kind
   * @return a narrowed copy
   */
  public JobQuery withKind(String k) {
    return new JobQuery(packageName, Optional.of(k), state, branch, limit);
  }

  /**
   * Narrows the query.
   *
   * @param s the state
   * @return a narrowed copy
   */
  public JobQuery withState(JobState s) {
    return new JobQuery(packageName, kind, Optional.of(s), branch, limit);
  }

  /**
   * Narrows the query.
   *
   * @param b the branch
   * @return a narrowed copy
   */
  public JobQuery withBranch(String b) {
    return new JobQuery(packageName, kind, state, Optional.of(b), limit);
  }

  /**
   * Narrows the query.
   *
   * @param n at most this many
   * @return a copy
   */
  public JobQuery limit(int n) {
    return new JobQuery(packageName, kind, state, branch, n);
  }

  /**
   * Whether a record passes this filter (the limit aside).
   *
   * @param r a record
   * @return true when it matches
   */
  public boolean matches(JobRecord r) {
    return packageName.map(r.packageName()::equals).orElse(true)
        && kind.map(r.kind()::equals).orElse(true)
        && state.map(s -> r.state() == s).orElse(true)
        && branch.map(r.branches()::contains).orElse(true);
  }
}
