package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;
import java.net.URI;
import java.util.Objects;

/**
 * A pull request (GitHub {@code pull_request}) or merge request (GitLab {@code Merge Request Hook})
 * changed.
 *
 * <pre>{@code
 * if (event instanceof PullRequestEvent pr && pr.action().equals("opened")) {
 *   System.out.println("#" + pr.number() + " " + pr.sourceRepository() + ":" + pr.sourceBranch());
 * }
 * }</pre>
 *
 * @param forge the forge
 * @param eventType the forge's event name
 * @param action GitHub: {@code opened}, {@code synchronize}, {@code closed}, ...; GitLab:
 *     {@code open}, {@code update}, {@code merge}, ...
 * @param repository the target repository
 * @param number the PR number (GitLab: the MR's {@code iid})
 * @param title the title
 * @param description the description (may be empty)
 * @param author login of the PR author
 * @param sourceRepository {@code namespace/name} of the repository the changes come from
 * @param sourceBranch the branch the changes come from
 * @param targetBranch the branch the PR goes into
 * @param headSha the newest commit of the PR
 * @param url the PR's web page
 */
public record PullRequestEvent(ForgeKind forge, String eventType, String action, WebhookRepository repository,
    long number, String title, String description, String author, String sourceRepository, String sourceBranch,
    String targetBranch, String headSha, URI url) implements WebhookEvent {
  /** Validates the components. */
  public PullRequestEvent {
    Objects.requireNonNull(forge, "forge == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(author, "author == null");
    Objects.requireNonNull(sourceRepository, "sourceRepository == null");
    Objects.requireNonNull(sourceBranch, "sourceBranch == null");
    Objects.requireNonNull(targetBranch, "targetBranch == null");
    Objects.requireNonNull(headSha, "headSha == null");
    Objects.requireNonNull(url, "url == null");
  }
}
