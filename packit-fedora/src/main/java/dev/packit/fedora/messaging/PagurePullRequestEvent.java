package dev.packit.fedora.messaging;

import java.util.Objects;

/**
 * A Pagure pull request event: {@code pagure.pull-request.new}, {@code .updated}, {@code .rebased},
 * {@code .closed}, {@code .comment.added}, {@code .flag.added}, {@code .flag.updated}, ...
 *
 * <pre>{@code
 * if (m instanceof PagurePullRequestEvent pr
 *     && pr.action().equals("comment.added") && pr.comment().startsWith("/packit koji-build")) {
 *   ...
 * }
 * }</pre>
 *
 * @param envelope the raw message
 * @param action the topic after {@code pagure.pull-request.}, e.g. {@code new} or {@code comment.added};
 *     {@code unknown} for a bare body without topic
 * @param agent the user who caused the event
 * @param id pull request number within the project
 * @param project full name of the target project, e.g. {@code rpms/packit}
 * @param sourceProject full name of the project the changes come from (a fork, or the project itself)
 * @param targetBranch branch the pull request targets
 * @param sourceBranch branch the changes come from
 * @param headCommit last commit of the pull request ({@code commit_stop})
 * @param title title
 * @param author user who opened the pull request
 * @param status {@code Open}, {@code Merged} or {@code Closed}
 * @param url web URL of the pull request
 * @param comment for {@code comment.*} events the newest comment's text, else empty
 * @param flagStatus for {@code flag.*} events the flag's status (e.g. {@code success}), else empty
 * @param flagUsername for {@code flag.*} events the flag's username (e.g. {@code Zuul}), else empty
 */
public record PagurePullRequestEvent(
    MessageEnvelope envelope,
    String action,
    String agent,
    long id,
    String project,
    String sourceProject,
    String targetBranch,
    String sourceBranch,
    String headCommit,
    String title,
    String author,
    String status,
    String url,
    String comment,
    String flagStatus,
    String flagUsername) implements FedoraMessage {

  /** Validates the components. */
  public PagurePullRequestEvent {
    Objects.requireNonNull(envelope, "envelope == null");
    for (Object o : new Object[] {action, agent, project, sourceProject, targetBranch, sourceBranch,
        headCommit, title, author, status, url, comment, flagStatus, flagUsername}) {
      Objects.requireNonNull(o, "a PagurePullRequestEvent component is null");
    }
  }

  /**
   * Whether the pull request comes from a fork.
   *
   * @return {@code true} when the source project differs from the target project
   */
  public boolean fromFork() {
    return !sourceProject.isEmpty() && !sourceProject.equals(project);
  }
}
