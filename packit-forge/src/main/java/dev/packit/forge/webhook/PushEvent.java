package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Commits or a tag were pushed (GitHub {@code push}, GitLab {@code Push Hook} and {@code Tag Push Hook}).
 *
 * <pre>{@code
 * if (event instanceof PushEvent p && p.branch().isPresent() && !p.deleted()) {
 *   System.out.println(p.branch().get() + " is now at " + p.after());
 * }
 * }</pre>
 *
 * @param forge the forge
 * @param eventType the forge's event name
 * @param repository the repository pushed to
 * @param ref the full ref name, e.g. {@code refs/heads/main} or {@code refs/tags/v1.0}
 * @param before the ref's previous commit (all zeros when created)
 * @param after the ref's new commit (all zeros when deleted)
 * @param pusher the login (or name, when the forge sends no login) of who pushed
 * @param created whether the ref was created
 * @param deleted whether the ref was deleted
 * @param forced whether it was a force-push (GitHub only; {@code false} on GitLab)
 * @param commitIds ids of the pushed commits listed in the payload (forges cap the list)
 */
public record PushEvent(ForgeKind forge, String eventType, WebhookRepository repository, String ref, String before,
    String after, String pusher, boolean created, boolean deleted, boolean forced, List<String> commitIds)
    implements WebhookEvent {
  /** The id forges send for "no commit". */
  public static final String ZERO_ID = "0000000000000000000000000000000000000000";

  /** Validates and copies the components. */
  public PushEvent {
    Objects.requireNonNull(forge, "forge == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(before, "before == null");
    Objects.requireNonNull(after, "after == null");
    Objects.requireNonNull(pusher, "pusher == null");
    commitIds = List.copyOf(commitIds);
  }

  /** Push events have no action; always empty. */
  @Override
  public String action() {
    return "";
  }

  /**
   * Returns the branch name for a branch push.
   *
   * @return the branch, or empty when a tag (or another ref) was pushed
   */
  public Optional<String> branch() {
    return ref.startsWith("refs/heads/") ? Optional.of(ref.substring("refs/heads/".length())) : Optional.empty();
  }

  /**
   * Returns the tag name for a tag push.
   *
   * @return the tag, or empty when a branch (or another ref) was pushed
   */
  public Optional<String> tag() {
    return ref.startsWith("refs/tags/") ? Optional.of(ref.substring("refs/tags/".length())) : Optional.empty();
  }
}
