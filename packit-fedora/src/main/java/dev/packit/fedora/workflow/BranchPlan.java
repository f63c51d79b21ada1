package dev.packit.fedora.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job will do on one dist-git branch: a list of steps, or a reason to skip it.
 *
 * <pre>{@code
 * BranchPlan p = plan.branch("f42").orElseThrow();
 * p.skipReason().ifPresent(why -> System.out.println("skipped: " + why));
 * }</pre>
 *
 * @param branch the dist-git branch
 * @param steps the steps, in order; empty when skipped
 * @param skip why nothing will be done, empty when there are steps
 */
public record BranchPlan(String branch, List<PlannedStep> steps, String skip) {
  /** Validates the components. */
  public BranchPlan {
    Objects.requireNonNull(branch, "branch");
    steps = List.copyOf(steps);
    Objects.requireNonNull(skip, "skip");
    if (steps.isEmpty() == skip.isEmpty()) {
      throw new IllegalArgumentException("a branch plan has steps or a skip reason, not both or neither: " + branch);
    }
  }

  /**
   * A plan for a branch that will be skipped.
   *
   * @param branch the branch
   * @param reason why
   * @return the plan
   */
  public static BranchPlan skipped(String branch, String reason) {
    return new BranchPlan(branch, List.of(), reason);
  }

  /**
   * A plan with steps.
   *
   * @param branch the branch
   * @param steps the steps
   * @return the plan
   */
  public static BranchPlan of(String branch, List<PlannedStep> steps) {
    return new BranchPlan(branch, steps, "");
  }

  /** @return why the branch is skipped, or empty when it has work */
  public Optional<String> skipReason() {
    return skip.isEmpty() ? Optional.empty() : Optional.of(skip);
  }

  /**
   * Returns the steps of one kind.
   *
   * @param <T> the step type
   * @param type the step class, e.g. {@code PlannedStep.Upload.class}
   * @return the matching steps, possibly empty
   */
  public <T extends PlannedStep> List<T> steps(Class<T> type) {
    return steps.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
