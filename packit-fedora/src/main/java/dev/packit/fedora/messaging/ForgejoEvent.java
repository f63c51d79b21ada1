package dev.packit.fedora.messaging;

import java.util.Objects;

/**
 * A Forgejo webhook relayed on fedora-messaging: {@code forgejo.push}, {@code forgejo.pull_request},
 * {@code forgejo.issue_comment}, ... (Fedora's future dist-git).
 *
 * <pre>{@code
 * if (m instanceof ForgejoEvent f && f.event().equals("push")) {
 *   System.out.println(f.repository() + " " + f.ref() + " -> " + f.headCommit());
 * }
 * }</pre>
 *
 * <p>The relayed HTTP headers (including {@code authorization}) stay in the envelope and are
 * redacted from {@code toString()}.
 *
 * @param envelope the raw message
 * @param event the topic after {@code forgejo.}, e.g. {@code push}, {@code pull_request}
 * @param action the payload's {@code action} ({@code opened}, {@code synchronized}, {@code created}...), empty for pushes
 * @param repository full name of the repository, e.g. {@code infra/ansible}
 * @param sender login of the user who caused the event
 * @param ref for pushes the pushed ref, for pull requests the target branch; else empty
 * @param headCommit for pushes the new head ({@code after}), for pull requests the head sha; else empty
 * @param pullRequest pull request number, or 0 when the event is not about one
 * @param comment for comment events the comment body, else empty
 */
public record ForgejoEvent(
    MessageEnvelope envelope,
    String event,
    String action,
    String repository,
    String sender,
    String ref,
    String headCommit,
    long pullRequest,
    String comment) implements FedoraMessage {

  /** Validates the components. */
  public ForgejoEvent {
    Objects.requireNonNull(envelope, "envelope == null");
    for (Object o : new Object[] {event, action, repository, sender, ref, headCommit, comment}) {
      Objects.requireNonNull(o, "a ForgejoEvent component is null");
    }
  }
}
