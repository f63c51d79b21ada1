package dev.packit.forge.git;

import org.jspecify.annotations.Nullable;
import dev.packit.core.PackitClientException;
import dev.packit.core.Redaction;

/**
 * A git operation failed: the repository is missing or broken, a ref does not exist, a merge
 * conflict blocks a checkout, or the remote refused or could not be reached. Remote URLs in the
 * message are redacted.
 *
 * <pre>{@code
 * try {
 *   repo.checkout("f41");
 * } catch (GitException e) {
 *   System.err.println(e.operation() + " failed: " + e.getMessage());
 * }
 * }</pre>
 */
public class GitException extends PackitClientException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final boolean transport;

  /**
   * Creates an exception.
   *
   * @param operation the git operation, e.g. {@code clone}
   * @param message what went wrong; passed through {@link Redaction#text(String)}
   * @param transport whether talking to a remote failed (network, auth), which may pass
   * @param cause the cause, may be {@code null}
   */
  public GitException(String operation, String message, boolean transport, @Nullable Throwable cause) {
    super("git " + operation + ": " + Redaction.text(message), cause);
    this.operation = operation;
    this.transport = transport;
  }

  /** Returns the git operation that failed, e.g. {@code push}. */
  public String operation() {
    return operation;
  }

  /** Whether the failure was talking to a remote (which may pass when tried again). */
  public boolean transport() {
    return transport;
  }

  @Override
  public boolean retryable() {
    return transport;
  }
}
