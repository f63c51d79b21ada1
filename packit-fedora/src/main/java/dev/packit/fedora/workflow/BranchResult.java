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
 */
public record BranchResult(String branch, BranchOutcome outcome, String detail, String pullRequest, String build, String update) {
  /** Validates the components. */
  public BranchResult {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    pullRequest = pullRequest == null ? "" : pullRequest;
    build = build == null ? "" : build;
    update = update == null ? "" : update;
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
