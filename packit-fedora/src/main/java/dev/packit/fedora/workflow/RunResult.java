package dev.packit.fedora.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of applying a {@link Plan}: one {@link BranchResult} per branch.
 *
 * <pre>{@code
 * RunResult r = workflow.apply(plan);
 * if (!r.succeeded()) { r.failed().forEach(b -> log.warn("{}: {}", b.branch(), b.detail())); }
 * }</pre>
 *
 * @param plan the plan that was applied
 * @param branches the per-branch results, in plan order
 */
public record RunResult(Plan plan, List<BranchResult> branches) {
  /** Validates the components. */
  public RunResult {
    Objects.requireNonNull(plan, "plan");
    branches = List.copyOf(branches);
  }

  /** @return whether no branch failed */
  public boolean succeeded() {
    return branches.stream().noneMatch(b -> b.outcome() == BranchOutcome.FAILED);
  }

  /** @return the branches that failed */
  public List<BranchResult> failed() {
    return branches.stream().filter(b -> b.outcome() == BranchOutcome.FAILED).toList();
  }

  /**
   * The failed branches that running the job again may fix ({@link BranchResult#retryable()}): a
   * bot re-queues the job when this is not empty (a rerun finishes what is left and duplicates nothing).
   *
   * @return the retryable failures, in plan order
   * @since 0.2.0
   */
  public List<BranchResult> retryableFailures() {
    return branches.stream().filter(BranchResult::retryable).toList();
  }

  /**
   * Returns the result of one branch.
   *
   * @param branch the branch
   * @return its result, if the plan had it
   */
  public Optional<BranchResult> branch(String branch) {
    return branches.stream().filter(b -> b.branch().equals(branch)).findFirst();
  }
}
