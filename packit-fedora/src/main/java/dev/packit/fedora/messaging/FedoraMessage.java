package dev.packit.fedora.messaging;

import dev.packit.fedora.koji.KojiBuildState;

/**
 * A typed fedora-messaging message. Every implementation keeps the raw {@link MessageEnvelope}.
 *
 * <pre>{@code
 * FedoraMessage m = FedoraMessages.parse(json, "message.json");
 * if (m instanceof KojiBuildStateChange b && b.newState() == KojiBuildState.COMPLETE) {
 *   System.out.println(b.nvr() + " built for " + b.branch().orElse("?"));
 * }
 * }</pre>
 *
 * <p>Messages whose topic this SDK does not model are {@link UnknownMessage}s, never errors.
 */
public sealed interface FedoraMessage
    permits DistGitPush, KojiBuildStateChange, KojiTag, KojiTaskStateChange, PagurePullRequestEvent,
        AnityaVersionUpdate, NewHotnessUpdate, ForgejoEvent, UnknownMessage {

  /**
   * Returns the raw message.
   *
   * @return the envelope with id, topic, headers and body
   */
  MessageEnvelope envelope();

  /**
   * Returns the full topic.
   *
   * @return the topic, e.g. {@code org.fedoraproject.prod.buildsys.tag}
   */
  default String topic() {
    return envelope().topic();
  }

  /**
   * Returns the message id.
   *
   * @return the id, empty when the message carried none
   */
  default String messageId() {
    return envelope().id();
  }
}
