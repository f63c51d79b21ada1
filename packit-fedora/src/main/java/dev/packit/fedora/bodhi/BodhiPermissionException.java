package dev.packit.fedora.bodhi;

import dev.packit.core.PackitServiceException;
import java.util.List;

/**
 * Bodhi refused a save with 403: the session's user may not do it (e.g. {@code "packit does not
 * have commit access to foo"} for someone else's package), or the refusal repeated right after a
 * fresh login. Not retryable: a new session does not change it.
 *
 * <pre>{@code
 * try {
 *   bodhi.editUpdate(alias, request);
 * } catch (BodhiPermissionException e) {
 *   log.warn("not allowed: {}", e.errors());
 * }
 * }</pre>
 *
 * <p>An expired session also answers 403 ("failed permission check"); the client logs in again
 * and retries once before it reports this exception, so {@link #afterFreshLogin()} tells whether
 * that retry happened.
 */
public final class BodhiPermissionException extends BodhiException {
  private static final long serialVersionUID = 1L;

  private final boolean afterFreshLogin;

  BodhiPermissionException(PackitServiceException.Builder details, List<BodhiError> errors, boolean afterFreshLogin) {
    super(details, errors);
    this.afterFreshLogin = afterFreshLogin;
  }

  /**
   * Whether Bodhi refused the save again after the client had started a new session.
   *
   * @return {@code true} if the 403 came from a brand-new session
   */
  public boolean afterFreshLogin() {
    return afterFreshLogin;
  }
}
