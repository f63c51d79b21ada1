package dev.packit.core;

/**
 * The service did not accept the credentials, or they lack a permission (HTTP 401 or 403).
 *
 * <pre>{@code
 * try {
 *   client.call();
 * } catch (AuthenticationException e) {
 *   // e.status() == 401
 * }
 * }</pre>
 */
public class AuthenticationException extends PackitServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; use {@link PackitServiceException#builder()}.
   *
   * @param b the details
   */
  protected AuthenticationException(Builder b) {
    super(b);
  }
}
