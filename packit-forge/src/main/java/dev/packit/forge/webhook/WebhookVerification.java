package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link WebhookVerifier#verify(WebhookDelivery)}: accepted (with the forge that
 * sent it) or rejected (with a reason and a message without secrets).
 *
 * <pre>{@code
 * WebhookVerification v = verifier.verify(delivery);
 * if (!v.accepted()) {
 *   log.warn("rejected webhook: {}", v.rejection().orElseThrow().getMessage());
 * }
 * }</pre>
 */
public final class WebhookVerification {
  private final ForgeKind forge;
  private final WebhookRejectedException rejection;

  private WebhookVerification(ForgeKind forge, WebhookRejectedException rejection) {
    this.forge = forge;
    this.rejection = rejection;
  }

  static WebhookVerification accepted(ForgeKind forge) {
    return new WebhookVerification(Objects.requireNonNull(forge), null);
  }

  static WebhookVerification rejected(ForgeKind forge, WebhookRejectedException.Reason reason, String message) {
    return new WebhookVerification(forge, new WebhookRejectedException(reason, message));
  }

  /** Whether the delivery is authentic and may be acted on. */
  public boolean accepted() {
    return rejection == null;
  }

  /**
   * Returns the forge the delivery claims to come from.
   *
   * @return the forge, or empty when the headers name none
   */
  public Optional<ForgeKind> forge() {
    return Optional.ofNullable(forge);
  }

  /**
   * Returns why the delivery was rejected.
   *
   * @return the reason, or empty when accepted
   */
  public Optional<WebhookRejectedException.Reason> reason() {
    return rejection == null ? Optional.empty() : Optional.of(rejection.reason());
  }

  /**
   * Returns the rejection as an exception, ready to throw.
   *
   * @return the exception, or empty when accepted
   */
  public Optional<WebhookRejectedException> rejection() {
    return Optional.ofNullable(rejection);
  }

  @Override
  public String toString() {
    return rejection == null ? "WebhookVerification[accepted " + forge + "]"
        : "WebhookVerification[rejected " + rejection.reason() + ": " + rejection.getMessage() + "]";
  }
}
