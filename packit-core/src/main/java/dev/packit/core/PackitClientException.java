package dev.packit.core;

import org.jspecify.annotations.Nullable;
/**
 * A problem on our side of the wire: invalid input (config, spec, payloads), local I/O, or a
 * network failure before a service could answer.
 *
 * <pre>{@code
 * throw new PackitClientException("cannot read " + path, ioException);
 * }</pre>
 */
public class PackitClientException extends PackitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, already redacted
   * @param cause the cause, may be {@code null}
   */
  public PackitClientException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what went wrong, already redacted
   */
  public PackitClientException(String message) {
    super(message);
  }
}
