package dev.packit.forge.git;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * A git remote did not answer within the transport timeout (connect or read): a server that
 * accepts the connection and then says nothing no longer hangs a job. Not retried by
 * {@link LocalRepository}: a server that stayed silent for the whole timeout is not asked again
 * within the same operation.
 *
 * <pre>{@code
 * try {
 *   repo.fetch("origin", credentials);
 * } catch (GitTimeoutException e) {
 *   System.err.println(e.host() + " " + e.repository() + " silent for " + e.timeout());
 * }
 * }</pre>
 */
public class GitTimeoutException extends GitException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final String repository;
  private final Duration timeout;

  /**
   * Creates an exception.
   *
   * @param operation the git operation, e.g. {@code clone}
   * @param host the remote host (and port when not the default)
   * @param repository the repository path on the host
   * @param timeout the timeout that passed
   * @param cause the transport error, may be {@code null}
   */
  public GitTimeoutException(String operation, String host, String repository, Duration timeout, @Nullable Throwable cause) {
    super(operation, "timed out after " + timeout.toSeconds() + " s: no answer from " + host + " for repository "
        + repository + " (connect/read timeout)", true, cause);
    this.host = Objects.requireNonNull(host, "host");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** @return the remote host, with its port when one was given */
  public String host() {
    return host;
  }

  /** @return the repository path on the host */
  public String repository() {
    return repository;
  }

  /** @return the timeout that passed */
  public Duration timeout() {
    return timeout;
  }
}
