package dev.packit.core;

/**
 * The request conflicts with what exists
 *
 * <pre>{@code
 * try {
 *   client.call();
 * } catch (ConflictException e) {
 *   //  a duplicate pull request, an update that already exists (HTTP 409, or a service-specific marker).:e.status() == 409
 * }
 * }</pre>
 */
public class ConflictException extends PackitServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; use {@link PackitServiceException#builder()}.
   *
   * @param b the details
   */
  protected ConflictException(Builder b) {
    super(b);
  }
}
