package dev.packit.fedora.workflow;

import java.util.Objects;
import java.util.Optional;

/**
 * How one branch ended when a plan was applied, with what it produced.
 *
 * <pre>{@code
 * for (BranchResult r : result.branches()) {
 *   System.out.println(r.branch() + " " + r.outcome() + " " + r.pullRequestUrl().orElse("-"));
 * }
 * }</pre>
 *
 * @param branch the dist-git branch
 * @param outcome done, skipped or failed
 * @param detail the skip reason or failure cause (redacted), or a short summary when done
 * @param pullRequest the pull request URL, empty string when none
 * @param build the Koji build NVR, empty string when none
 * @param update the Bodhi update alias, empty string when none
 * @param failure why the branch failed and whether a retry can help; empty unless {@code outcome} is FAILED
 */
public record BranchResult(String branch, BranchOutcome outcome, String detail, String pullRequest, String build, String update,
    Optional<Failure> failure) {
  /** Validates the components. */
  public BranchResult {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    pullRequest = pullRequest == null ? "" : pullRequest;
    build = build == null ? "" : build;
    update = update == null ? "" : update;
    failure = failure == null ? Optional.empty() : failure;
    if (outcome != BranchOutcome.FAILED) {
      failure = Optional.empty();
    } else if (failure.isEmpty()) {
      // a FAILED result always says why; without a typed cause it is not known to be retryable
      failure = Optional.of(new Failure(Failure.Kind.UNEXPECTED, false, detail));
    }
  }

  /**
   * A result without a typed failure (a FAILED one gets {@link Failure.Kind#UNEXPECTED}, not retryable).
   *
   * @param branch the dist-git branch
   * @param outcome done, skipped or failed
   * @param detail the skip reason, failure cause or summary
   * @param pullRequest the pull request URL, or empty
   * @param build the Koji build NVR, or empty
   * @param update the Bodhi update alias, or empty
   */
  public BranchResult(String branch, BranchOutcome outcome, String detail, String pullRequest, String build, String update) {
    this(branch, outcome, detail, pullRequest, build, update, Optional.empty());
  }

  /**
   * A failed branch.
   *
   * @param branch the dist-git branch
   * @param failure why
   * @return the result, with the failure's message as detail
   * @since 0.2.0
   */
  public static BranchResult failed(String branch, Failure failure) {
    return new BranchResult(branch, BranchOutcome.FAILED, failure.message(), "", "", "", Optional.of(failure));
  }

  /**
   * Whether running the job again may fix this branch: a failed branch whose failure is retryable.
   *
   * @return false for a branch that is done or skipped, or failed for a reason a retry cannot fix
   * @since 0.2.0
   */
  public boolean retryable() {
    return failure.map(Failure::retryable).orElse(false);
  }

  /** @return the pull request URL, if the job opened or updated one */
  public Optional<String> pullRequestUrl() {
    return pullRequest.isEmpty() ? Optional.empty() : Optional.of(pullRequest);
  }

  /** @return the Koji build NVR, if the job submitted or found one */
  public Optional<String> buildNvr() {
    return build.isEmpty() ? Optional.empty() : Optional.of(build);
  }

  /** @return the Bodhi update alias, if the job created or found one */
  public Optional<String> updateAlias() {
    return update.isEmpty() ? Optional.empty() : Optional.of(update);
  }
}
