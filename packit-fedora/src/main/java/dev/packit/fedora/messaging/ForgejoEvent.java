package dev.packit.fedora.messaging;

import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.WebhookEvent;
import dev.packit.forge.webhook.WebhookParser;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Forgejo webhook relayed on fedora-messaging: {@code forgejo.push}, {@code forgejo.pull_request},
 * {@code forgejo.issue_comment}, ... from forge.fedoraproject.org and, after its move, Fedora's
 * dist-git. On the wire the body is {@code {body: <webhook payload>, headers: <delivery headers>,
 * agent}}; packit-service's flattened form (payload as body, headers as message headers) is read too.
 *
 * <pre>{@code
 * if (m instanceof ForgejoEvent f && f.event().equals("push")) {
 *   System.out.println(f.repository() + " " + f.ref() + " -> " + f.headCommit());
 * }
 * if (m instanceof ForgejoEvent f && !DistGitRepositories.fedora().isDistGit(f)
 *     && f.webhookEvent() instanceof CommentEvent c) {
 *   c.command().ifPresent(cmd -> System.out.println("/packit " + cmd.name() + " on " + f.repository()));
 * }
 * }</pre>
 *
 * <p>The relayed {@code authorization} header (the credential of the relay) is dropped when the
 * message is typed: it is in neither the envelope nor {@link #relayedHeaders()}, so it cannot be
 * logged or kept.
 *
 * @param envelope the raw message
 * @param event the topic after {@code forgejo.}, e.g. {@code push}, {@code pull_request}
 * @param action the payload's {@code action} ({@code opened}, {@code synchronized}, {@code created}...), empty for pushes
 * @param repository full name of the repository, e.g. {@code infra/ansible}
 * @param repositoryUrl the repository's web URL ({@code html_url}), empty when the payload has none;
 *     it tells dist-git from forge repositories ({@link DistGitRepositories})
 * @param sender login of the user who caused the event
 * @param ref for pushes the pushed ref, for pull requests the target branch; else empty
 * @param headCommit for pushes the new head ({@code after}), for pull requests the head sha, for
 *     {@code action_run_*} the run's commit; else empty
 * @param pullRequest pull request number, or 0 when the event is not about one
 * @param comment for comment events the comment body, else empty
 */
public record ForgejoEvent(
    MessageEnvelope envelope,
    String event,
    String action,
    String repository,
    String repositoryUrl,
    String sender,
    String ref,
    String headCommit,
    long pullRequest,
    String comment) implements FedoraMessage {

  /** Validates the components. */
  public ForgejoEvent {
    Objects.requireNonNull(envelope, "envelope == null");
    for (Object o : new Object[] {event, action, repository, repositoryUrl, sender, ref, headCommit, comment}) {
      Objects.requireNonNull(o, "a ForgejoEvent component is null");
    }
  }

  /** Whether the body is the wire form {@code {body, headers, agent}}. */
  private boolean wrapped() {
    Map<String, Object> b = envelope.body();
    return b.get("body") instanceof Map && !b.containsKey("repository");
  }

  /**
   * Returns the webhook payload as Forgejo sent it.
   *
   * @return the payload
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> payload() {
    return wrapped() ? (Map<String, Object>) envelope.body().get("body") : envelope.body();
  }

  /**
   * Returns the HTTP headers of Forgejo's delivery to the relay ({@code x-forgejo-event},
   * {@code x-forgejo-delivery}, ...), without {@code authorization}.
   *
   * @return the headers
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> relayedHeaders() {
    Object h = wrapped() ? envelope.body().get("headers") : envelope.headers();
    return h instanceof Map ? (Map<String, Object>) h : Map.of();
  }

  /**
   * Returns the repository's web URL.
   *
   * @return the URL, or empty when the payload has none or it is not a URL
   */
  public Optional<URI> repositoryUri() {
    if (repositoryUrl.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(repositoryUrl));
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses the payload as the webhook it is, with the same parser as direct deliveries: a
   * {@code CommentEvent} (with its {@code /packit} command), {@code PullRequestEvent},
   * {@code PushEvent}, {@code ReleaseEvent}, or an {@code OtherEvent} ({@code action_run_*}).
   *
   * @return the event
   * @throws dev.packit.core.InvalidInputException when the payload lacks a field the event needs
   */
  public WebhookEvent webhookEvent() {
    return WebhookParser.create().parse(ForgeKind.FORGEJO, event, FedoraMessages.toJson(payload()),
        "message " + (envelope.id().isEmpty() ? "" : envelope.id() + " ") + "on " + envelope.topic());
  }
}
