package dev.packit.fedora.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job will do on one dist-git branch: a list of steps, or a reason to skip it.
 *
 * <pre>{@code
 * BranchPlan p = plan.branch("f42").orElseThrow();
 * if (p.planningFailed()) {
 *   // a service was down or the branch is missing: apply reports it FAILED; retry the job later
 * }
 * p.skipReason().ifPresent(why -> System.out.println("skipped: " + why));
 * p.warnings().forEach(w -> System.out.println("warning: " + w));   // for the packager to fix
 * p.actions().forEach(a -> System.out.println("action " + a));       // what each configured action changed
 * }</pre>
 *
 * @param branch the dist-git branch
 * @param steps the steps, in order; empty when skipped
 * @param skip why nothing will be done, empty when there are steps
 * @param warnings what the packager must fix that the job cannot (e.g. a Source0 that still names the
 *     previous version, with its line); the steps still run
 * @param actions what each {@code actions} entry that ran while planning did, in order (e.g.
 *     {@code post-upstream-clone: upstream: added generated.txt; dist-git: no change}); empty when
 *     the config has none
 */
public record BranchPlan(String branch, List<PlannedStep> steps, String skip, List<String> warnings, List<String> actions) {
  /** Validates the components. */
  public BranchPlan {
    Objects.requireNonNull(branch, "branch");
    steps = List.copyOf(steps);
    Objects.requireNonNull(skip, "skip");
    warnings = List.copyOf(warnings);
    actions = List.copyOf(actions);
    if (steps.isEmpty() == skip.isEmpty()) {
      throw new IllegalArgumentException("a branch plan has steps or a skip reason, not both or neither: " + branch);
    }
  }

  /**
   * A plan without warnings.
   *
   * @param branch the dist-git branch
   * @param steps the steps
   * @param skip the skip reason, empty when there are steps
   */
  public BranchPlan(String branch, List<PlannedStep> steps, String skip) {
    this(branch, steps, skip, List.of(), List.of());
  }

  /**
   * A plan without action reports.
   *
   * @param branch the dist-git branch
   * @param steps the steps
   * @param skip the skip reason, empty when there are steps
   * @param warnings the warnings
   */
  public BranchPlan(String branch, List<PlannedStep> steps, String skip, List<String> warnings) {
    this(branch, steps, skip, warnings, List.of());
  }

  /**
   * This plan with reports of what the config's actions did added.
   *
   * @param more one line per action that ran
   * @return the plan
   */
  public BranchPlan withActions(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(actions);
    all.addAll(more);
    return new BranchPlan(branch, steps, skip, warnings, all);
  }

  /**
   * This plan with warnings added.
   *
   * @param more the warnings
   * @return the plan
   */
  public BranchPlan withWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new BranchPlan(branch, steps, skip, all, actions);
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
   * A plan for a branch that could not be planned (a service failed, the branch is missing):
   * skipped with {@code cannot plan: <why>}, and reported as FAILED by {@code apply}, so a bot
   * that retries failures retries it. The prefix keeps serialized plans as they were.
   *
   * @param branch the branch
   * @param why what went wrong
   * @return the plan
   */
  public static BranchPlan unplannable(String branch, String why) {
    return new BranchPlan(branch, List.of(), ReleaseWorkflow.CANNOT_PLAN + why);
  }

  /**
   * Whether planning this branch failed (see {@link #unplannable}), as opposed to a deliberate skip.
   *
   * @return true for a branch that could not be planned
   */
  public boolean planningFailed() {
    return skip.startsWith(ReleaseWorkflow.CANNOT_PLAN);
  }

  /** The prefix of the skip reason of {@link #tagFiltered}. */
  public static final String TAG_FILTERED = "tag filtered out: ";

  /**
   * A plan for a branch skipped because the release tag does not pass {@code upstream_tag_include}
   * / {@code upstream_tag_exclude}: nothing is proposed, and apply reports the branch SKIPPED.
   *
   * @param branch the branch
   * @param why which filter refused which tag
   * @return the plan
   */
  public static BranchPlan tagFiltered(String branch, String why) {
    return new BranchPlan(branch, List.of(), TAG_FILTERED + why);
  }

  /**
   * Whether the release tag was filtered out by {@code upstream_tag_include}/{@code upstream_tag_exclude}.
   *
   * @return true for a branch skipped by the tag filters
   */
  public boolean tagFilteredOut() {
    return skip.startsWith(TAG_FILTERED);
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
