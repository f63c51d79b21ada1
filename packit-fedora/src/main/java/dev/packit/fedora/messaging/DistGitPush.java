package dev.packit.fedora.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A push to a dist-git repository: {@code pagure.git.receive} from src.fedoraproject.org.
 *
 * <pre>{@code
 * if (m instanceof DistGitPush push && push.specChanged()) {
 *   koji.build(push.namespace() + "/" + push.repository(), push.branch(), push.endCommit());
 * }
 * }</pre>
 *
 * <p>Packit builds in Koji only pushes whose {@link #changedFiles()} contain a {@code .spec} file;
 * relayed and trimmed messages may lack {@code changed_files}, so an empty map means "unknown".
 *
 * @param envelope the raw message
 * @param namespace repository namespace such as {@code rpms}, empty when the repository has none
 * @param repository repository name such as {@code packit}
 * @param fullName full name such as {@code rpms/packit} or {@code forks/packit/rpms/nispor}
 * @param branch the pushed branch
 * @param oldCommit the branch head before the push, empty when absent
 * @param startCommit the first pushed commit, empty when absent
 * @param endCommit the branch head after the push
 * @param totalCommits number of pushed commits
 * @param forced whether it was a force push
 * @param agent the user who pushed (for a merged pull request, the user who merged it)
 * @param pullRequestId the merged pull request, or {@code null} for a direct push
 * @param changedFiles path to change letter ({@code M}, {@code A}, {@code D}), possibly empty
 * @param authors usernames of the commit authors that have one
 */
public record DistGitPush(
    MessageEnvelope envelope,
    String namespace,
    String repository,
    String fullName,
    String branch,
    String oldCommit,
    String startCommit,
    String endCommit,
    int totalCommits,
    boolean forced,
    String agent,
    Long pullRequestId,
    Map<String, String> changedFiles,
    List<String> authors) implements FedoraMessage {

  /** Validates and freezes the components. */
  public DistGitPush {
    Objects.requireNonNull(envelope, "envelope == null");
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(fullName, "fullName == null");
    Objects.requireNonNull(branch, "branch == null");
    Objects.requireNonNull(oldCommit, "oldCommit == null");
    Objects.requireNonNull(startCommit, "startCommit == null");
    Objects.requireNonNull(endCommit, "endCommit == null");
    Objects.requireNonNull(agent, "agent == null");
    changedFiles = Map.copyOf(changedFiles);
    authors = List.copyOf(authors);
  }

  /**
   * Returns the merged pull request.
   *
   * @return its id, or empty for a direct push
   */
  public OptionalLong pullRequest() {
    return pullRequestId == null ? OptionalLong.empty() : OptionalLong.of(pullRequestId);
  }

  /**
   * Whether a spec file is among the changed files (Packit's filter for downstream Koji builds).
   *
   * @return {@code true} if a {@code *.spec} path changed
   */
  public boolean specChanged() {
    return changedFiles.keySet().stream().anyMatch(p -> p.endsWith(".spec"));
  }
}
