package dev.packit.core;

/**
 * The thing asked for does not exist (HTTP 404 or 410), or the caller may not see it.
 *
 * <pre>{@code
 * try {
 *   client.call();
 * } catch (NotFoundException e) {
 *   // e.status() == 404
 * }
 * }</pre>
 */
public class NotFoundException extends PackitServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; use {@link PackitServiceException#builder()}.
   *
   * @param b the details
   */
  protected NotFoundException(Builder b) {
    super(b);
  }
}
