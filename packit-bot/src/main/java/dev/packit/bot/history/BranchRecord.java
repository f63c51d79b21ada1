package dev.packit.bot.history;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What one job did on one dist-git branch.
 *
 * <pre>{@code
 * new BranchRecord("f43", "done", "", Map.of("pull request", URI.create("https://src.fedoraproject.org/rpms/hello/pull-request/7")));
 * }</pre>
 *
 * @param branch the dist-git branch
 * @param outcome the workflow's branch outcome in lower case: {@code done}, {@code skipped}, {@code failed}
 * @param detail why it was skipped or failed, empty when done
 * @param links named links: {@code pull request}, {@code koji build}, {@code bodhi update}
 */
public record BranchRecord(String branch, String outcome, String detail, Map<String, URI> links) {
  /** Validates the components. */
  public BranchRecord {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
    links = Map.copyOf(links);
  }
}
