package dev.packit.forge.webhook;

import dev.packit.core.PackitClientException;
import java.util.Objects;

/**
 * A webhook delivery that must not be acted on: unsigned, mis-signed, with a wrong token, too
 * large, or from an unknown source. The message says why and never contains the secret, the
 * received signature or the received token.
 *
 * <pre>{@code
 * try {
 *   verifier.verifyOrThrow(delivery);
 * } catch (WebhookRejectedException e) {
 *   respond(e.reason() == WebhookRejectedException.Reason.BODY_TOO_LARGE ? 413 : 401, e.getMessage());
 * }
 * }</pre>
 */
public class WebhookRejectedException extends PackitClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Why a delivery was rejected.
   *
   * <pre>{@code
   * WebhookVerification v = verifier.verify(delivery);
   * v.rejection().map(WebhookRejectedException::reason);   // e.g. Optional[BODY_TOO_LARGE]
   * }</pre>
   */
  public enum Reason {
    /** The body is larger than the configured limit. */
    BODY_TOO_LARGE,
    /** None of {@code X-GitHub-Event}, {@code X-Gitlab-Event}, {@code X-Forgejo-Event}, {@code X-Gitea-Event} is present. */
    UNKNOWN_SOURCE,
    /** The delivery comes from a forge this verifier has no secret for. */
    NOT_CONFIGURED,
    /** GitHub delivery without {@code X-Hub-Signature-256}, or Forgejo delivery without {@code X-Forgejo-Signature}. */
    MISSING_SIGNATURE,
    /** {@code X-Hub-Signature-256} is not {@code sha256=} followed by 64 hex digits (Forgejo: not 64 hex digits). */
    MALFORMED_SIGNATURE,
    /** The HMAC-SHA256 of the body does not match the signature. */
    SIGNATURE_MISMATCH,
    /** GitLab delivery without {@code X-Gitlab-Token}. */
    MISSING_TOKEN,
    /** {@code X-Gitlab-Token} differs from the configured token. */
    TOKEN_MISMATCH,
    /** The same delivery (id or body) was received before; see {@link WebhookReplayGuard}. */
    REPLAYED
  }

  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason why the delivery was rejected
   * @param message a human-readable explanation without secrets
   */
  public WebhookRejectedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** Returns why the delivery was rejected. */
  public Reason reason() {
    return reason;
  }

  /** Returns the HTTP status a receiver should answer with: 413 too large, 400 unknown, 409 replayed, else 401. */
  public int httpStatus() {
    if (reason == Reason.REPLAYED) {
      return 409;
    }
    return reason == Reason.BODY_TOO_LARGE ? 413 : reason == Reason.UNKNOWN_SOURCE ? 400 : 401;
  }
}
