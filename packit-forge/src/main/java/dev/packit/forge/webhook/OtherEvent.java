package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;
import java.util.Objects;

/**
 * An event this SDK does not model ({@code installation}, {@code check_run}, {@code ping},
 * {@code Pipeline Hook}, ...); receivers usually answer 2xx and ignore it.
 *
 * <pre>{@code
 * if (event instanceof OtherEvent o) {
 *   log.debug("ignoring {} {}", o.eventType(), o.action());
 * }
 * }</pre>
 *
 * @param forge the forge
 * @param eventType the forge's event name
 * @param action the payload's {@code action}, empty when it has none
 */
public record OtherEvent(ForgeKind forge, String eventType, String action) implements WebhookEvent {
  /** Validates the components. */
  public OtherEvent {
    Objects.requireNonNull(forge, "forge == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(action, "action == null");
  }
}
