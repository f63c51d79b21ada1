package dev.packit.fedora.messaging;

/**
 * Publishes messages with fedora-messaging's wire format (used by the sandbox's fakes and tests;
 * Fedora's public broker is read-only).
 *
 * <pre>{@code
 * publisher.publish(MessageEnvelope.of("org.fedoraproject.prod.buildsys.tag",
 *     "koji_fedoramessaging.tag.TagV1", Map.of("tag", "f42-updates-candidate", ...)));
 * }</pre>
 */
public interface MessagePublisher {
  /**
   * Publishes a message on its topic.
   *
   * @param message the message; an empty id is replaced by a random UUID, a missing
   *     {@code sent-at} header by the current time
   */
  void publish(MessageEnvelope message);
}
