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
 * @param skipKind what kind of skip {@code skip} is ({@link SkipKind#NONE} when there are steps), so
 *     callers decide on a type, not on the text
 */
public record BranchPlan(String branch, List<PlannedStep> steps, String skip, List<String> warnings, List<String> actions,
    SkipKind skipKind) {

  /**
   * What kind of skip a branch plan has.
   *
   * <pre>{@code
   * if (p.skipKind() == BranchPlan.SkipKind.PLANNING_FAILED) { retryLater(); }
   * }</pre>
   *
   * @since 0.2.0
   */
  public enum SkipKind {
    /** Not skipped: the plan has steps. */
    NONE,
    /** A rule says there is nothing to do (downgrade, not allowed, already built, ...). */
    RULE,
    /** The branch already has the release's version. */
    UP_TO_DATE,
    /** The release tag was filtered out by {@code upstream_tag_include}/{@code upstream_tag_exclude}. */
    TAG_FILTERED,
    /** Planning failed (a service down, a missing branch): apply reports the branch FAILED. */
    PLANNING_FAILED
  }

  /** Validates the components. */
  public BranchPlan {
    Objects.requireNonNull(branch, "branch");
    steps = List.copyOf(steps);
    Objects.requireNonNull(skip, "skip");
    warnings = List.copyOf(warnings);
    actions = List.copyOf(actions);
    Objects.requireNonNull(skipKind, "skipKind");
    if (steps.isEmpty() == skip.isEmpty()) {
      throw new IllegalArgumentException("a branch plan has steps or a skip reason, not both or neither: " + branch);
    }
    if (skip.isEmpty() != (skipKind == SkipKind.NONE)) {
      throw new IllegalArgumentException("skip kind " + skipKind + " does not fit the plan of " + branch);
    }
  }

  /**
   * A plan whose skip kind is read from the reason's documented prefixes ({@link #CANNOT_PLAN},
   * {@link #TAG_FILTERED}), as plans serialized before the kind existed.
   *
   * @param branch the dist-git branch
   * @param steps the steps
   * @param skip the skip reason, empty when there are steps
   * @param warnings the warnings
   * @param actions the action reports
   */
  public BranchPlan(String branch, List<PlannedStep> steps, String skip, List<String> warnings, List<String> actions) {
    this(branch, steps, skip, warnings, actions, kindOf(skip));
  }

  private static SkipKind kindOf(String skip) {
    if (skip == null || skip.isEmpty()) {
      return SkipKind.NONE;
    }
    return skip.startsWith(CANNOT_PLAN) ? SkipKind.PLANNING_FAILED
        : skip.startsWith(TAG_FILTERED) ? SkipKind.TAG_FILTERED : SkipKind.RULE;
  }

  /**
   * A plan without warnings.
   *
   * @param branch the dist-git branch
   * @param steps the steps
   * @param skip the skip reason, empty when there are steps
   */
  public BranchPlan(String branch, List<PlannedStep> steps, String skip) {
    this(branch, steps, skip, List.of(), List.of(), kindOf(skip));
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
    this(branch, steps, skip, warnings, List.of(), kindOf(skip));
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
    return new BranchPlan(branch, steps, skip, warnings, all, skipKind);
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
    return new BranchPlan(branch, steps, skip, all, actions, skipKind);
  }

  /**
   * A plan for a branch that will be skipped.
   *
   * @param branch the branch
   * @param reason why
   * @return the plan
   */
  public static BranchPlan skipped(String branch, String reason) {
    return new BranchPlan(branch, List.of(), reason, List.of(), List.of(), SkipKind.RULE);
  }

  /**
   * A plan for a branch skipped for a reason of a given kind.
   *
   * @param branch the branch
   * @param kind the kind of skip, not {@link SkipKind#NONE}
   * @param reason why, for people
   * @return the plan
   * @since 0.2.0
   */
  public static BranchPlan skipped(String branch, SkipKind kind, String reason) {
    String text = switch (kind) {
      case PLANNING_FAILED -> reason.startsWith(CANNOT_PLAN) ? reason : CANNOT_PLAN + reason;
      case TAG_FILTERED -> reason.startsWith(TAG_FILTERED) ? reason : TAG_FILTERED + reason;
      default -> reason;
    };
    return new BranchPlan(branch, List.of(), text, List.of(), List.of(), kind);
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
    return skipped(branch, SkipKind.PLANNING_FAILED, why);
  }

  /** The prefix of the skip reason of {@link #unplannable}; kept in the text so serialized plans read as before. */
  public static final String CANNOT_PLAN = "cannot plan: ";

  /**
   * Whether planning this branch failed (see {@link #unplannable}), as opposed to a deliberate skip.
   *
   * @return true for a branch that could not be planned
   */
  public boolean planningFailed() {
    return skipKind == SkipKind.PLANNING_FAILED;
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
    return skipped(branch, SkipKind.TAG_FILTERED, why);
  }

  /**
   * Whether the release tag was filtered out by {@code upstream_tag_include}/{@code upstream_tag_exclude}.
   *
   * @return true for a branch skipped by the tag filters
   */
  public boolean tagFilteredOut() {
    return skipKind == SkipKind.TAG_FILTERED;
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
