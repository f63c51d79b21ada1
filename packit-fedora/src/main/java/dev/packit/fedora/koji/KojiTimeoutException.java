package dev.packit.fedora.koji;

import dev.packit.core.PackitException;

/**
 * A wait for a Koji task ran out of time; the task may still finish.
 *
 * <pre>{@code
 * try {
 *   koji.waitForTask(taskId, Duration.ofHours(2));
 * } catch (KojiTimeoutException e) {
 *   KojiTask last = e.lastSeen();
 * }
 * }</pre>
 */
public class KojiTimeoutException extends PackitException {
  private static final long serialVersionUID = 1L;

  private final transient KojiTask lastSeen;

  /**
   * Creates the exception.
   *
   * @param message what timed out
   * @param lastSeen the task as last polled
   */
  public KojiTimeoutException(String message, KojiTask lastSeen) {
    super(message);
    this.lastSeen = lastSeen;
  }

  /**
   * Returns the task as last polled.
   *
   * @return the task
   */
  public KojiTask lastSeen() {
    return lastSeen;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
