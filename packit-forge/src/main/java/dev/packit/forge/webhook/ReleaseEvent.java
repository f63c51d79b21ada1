package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;
import java.net.URI;
import java.util.Objects;

/**
 * A release was published (GitHub {@code release} event) or created (GitLab {@code Release Hook}).
 *
 * <pre>{@code
 * if (event instanceof ReleaseEvent r && r.isNewRelease() && !r.prerelease()) {
 *   System.out.println(r.repository().fullName() + " released " + r.tag());
 * }
 * }</pre>
 *
 * @param forge the forge
 * @param eventType {@code release} or {@code Release Hook}
 * @param action GitHub: {@code published}, {@code created}, {@code prereleased}, ...; GitLab:
 *     {@code create}, {@code update}, {@code delete}
 * @param repository the released repository
 * @param tag the git tag
 * @param name the release title (may be empty)
 * @param body the release notes (GitHub {@code body}, GitLab {@code description}; may be empty)
 * @param prerelease GitHub's prerelease flag; always {@code false} on GitLab, which has none
 * @param draft GitHub's draft flag; always {@code false} on GitLab
 * @param author GitHub: the release author's login; GitLab (whose hook names no user): the
 *     tagged commit's author name
 * @param commitSha the tagged commit (GitLab); empty on GitHub, whose payload names only
 *     {@code target_commitish}
 * @param releaseUrl the release's web page
 */
public record ReleaseEvent(ForgeKind forge, String eventType, String action, WebhookRepository repository,
    String tag, String name, String body, boolean prerelease, boolean draft, String author, String commitSha,
    URI releaseUrl) implements WebhookEvent {
  /** Validates the components. */
  public ReleaseEvent {
    Objects.requireNonNull(forge, "forge == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(author, "author == null");
    Objects.requireNonNull(commitSha, "commitSha == null");
    Objects.requireNonNull(releaseUrl, "releaseUrl == null");
  }

  /**
   * Whether this is the event Packit reacts to: GitHub {@code published} (prereleases included;
   * check {@link #prerelease()}) or GitLab {@code create}.
   */
  public boolean isNewRelease() {
    return forge == ForgeKind.GITLAB ? "create".equals(action) : "published".equals(action);
  }

  /** Returns the repository's web URL. */
  public URI projectUrl() {
    return repository.webUrl();
  }

  /** Returns the repository's namespace (owner or group). */
  public String namespace() {
    return repository.namespace();
  }

  /** Returns the repository name. */
  public String repo() {
    return repository.name();
  }
}
