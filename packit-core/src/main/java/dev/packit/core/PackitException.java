package dev.packit.core;

import org.jspecify.annotations.Nullable;
/**
 * The root of every exception packit-java throws. Unchecked, like JGit's and the AWS SDK's.
 *
 * <pre>{@code
 * try {
 *   workflow.apply(plan);
 * } catch (PackitServiceException e) {      // a service said no
 *   log.warn("{} answered {}", e.service(), e.status());
 * } catch (PackitClientException e) {       // our side: bad input, I/O
 *   log.warn("fix the input: {}", e.getMessage());
 * }
 * }</pre>
 *
 * <p>Messages never contain secrets: URLs and bodies are passed through {@link Redaction}.
 */
public class PackitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, already redacted
   * @param cause the cause, may be {@code null}
   */
  public PackitException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what went wrong, already redacted
   */
  public PackitException(String message) {
    super(message);
  }

  /**
   * Whether the same operation may succeed if tried again later (a 503, a reset connection).
   *
   * @return {@code false} unless a subclass knows better
   */
  public boolean retryable() {
    return false;
  }
}
