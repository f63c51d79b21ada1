package dev.packit.fedora.messaging;

import java.util.Objects;

/**
 * A message whose topic this SDK does not model; the envelope has everything that was received.
 *
 * <pre>{@code
 * if (m instanceof UnknownMessage u) {
 *   log.debug("ignoring {}", u.topic());
 * }
 * }</pre>
 *
 * @param envelope the raw message
 */
public record UnknownMessage(MessageEnvelope envelope) implements FedoraMessage {
  /** Validates the component. */
  public UnknownMessage {
    Objects.requireNonNull(envelope, "envelope == null");
  }
}
