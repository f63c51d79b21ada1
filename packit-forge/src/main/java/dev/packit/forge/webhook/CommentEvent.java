package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A comment on an issue or pull request (GitHub {@code issue_comment}, GitLab {@code Note Hook}).
 *
 * <pre>{@code
 * if (event instanceof CommentEvent c && c.action().equals("created")) {
 *   c.command().ifPresent(cmd -> System.out.println(cmd.name() + " " + cmd.arguments()));
 * }
 * }</pre>
 *
 * @param forge the forge
 * @param eventType the forge's event name
 * @param action GitHub: {@code created}, {@code edited}, {@code deleted}; GitLab: {@code create}
 *     or {@code update} (older GitLab sends none: then {@code create})
 * @param repository the repository
 * @param number the issue or PR number (GitLab: {@code iid})
 * @param onPullRequest whether the comment is on a pull/merge request rather than an issue
 * @param commentId the comment's id
 * @param body the comment text
 * @param author login of the commenter
 * @param authorAssociation GitHub's {@code author_association} ({@code OWNER}, {@code MEMBER},
 *     {@code NONE}, ...); empty on GitLab
 * @param url the comment's web page
 */
public record CommentEvent(ForgeKind forge, String eventType, String action, WebhookRepository repository,
    long number, boolean onPullRequest, long commentId, String body, String author, String authorAssociation,
    URI url) implements WebhookEvent {
  /** Validates the components. */
  public CommentEvent {
    Objects.requireNonNull(forge, "forge == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(author, "author == null");
    Objects.requireNonNull(authorAssociation, "authorAssociation == null");
    Objects.requireNonNull(url, "url == null");
  }

  /**
   * Returns the {@code /packit ...} command in the comment, using the production prefix.
   *
   * @return the command (possibly unknown or invalid), or empty when the comment has none
   */
  public Optional<CommentCommand> command() {
    return CommentCommandParser.packit().parse(body);
  }

  /**
   * Returns the command in the comment as a given parser sees it (e.g. with {@code /packit-stg}).
   *
   * @param parser the parser
   * @return the command, or empty when the comment has none
   */
  public Optional<CommentCommand> command(CommentCommandParser parser) {
    return parser.parse(body);
  }
}
