package dev.packit.forge.internal.git;

import dev.packit.forge.git.GitTimeoutException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;

/**
 * Connect/read timeouts on JGit transports. JGit waits forever by default; {@code setTimeout}
 * bounds connect and every read for HTTP (the connection factory's connect and read timeouts),
 * git:// and SSH alike.
 */
public final class GitTimeouts {
  private GitTimeouts() {}

  /**
   * Sets a command's transport timeout.
   *
   * @param command clone, fetch, push or ls-remote
   * @param timeout the connect/read timeout; JGit counts whole seconds, so it is rounded up
   */
  public static void apply(TransportCommand<?, ?> command, Duration timeout) {
    command.setTimeout(seconds(timeout));
  }

  /** Whole seconds, at least 1 (0 would mean "wait forever" to JGit). */
  public static int seconds(Duration timeout) {
    long ms = timeout.toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ms + 999) / 1000));
  }

  /**
   * The timeout error for a failure, when it is one.
   *
   * @param op the operation
   * @param remote the remote's URL (or what the caller named it)
   * @param timeout the timeout
   * @param failure what JGit threw
   * @return the typed timeout error, or empty for other failures
   */
  public static Optional<GitTimeoutException> timeoutOf(String op, String remote, Duration timeout, Throwable failure) {
    if (Thread.currentThread().isInterrupted()) {
      return Optional.empty(); // the caller was interrupted (a job deadline), the server did not time out
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // SocketTimeoutException (HTTP connect/read) and JGit's "Read timed out after N ms" (git://,
      // SSH) are InterruptedIOExceptions; an HTTP 504 "Gateway Timeout" is not, and stays retryable.
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof InterruptedIOException || m.contains("timed out")) {
        String[] where = hostAndPath(remote);
        return Optional.of(new GitTimeoutException(op, where[0], where[1], Duration.ofSeconds(seconds(timeout)), failure));
      }
    }
    return Optional.empty();
  }

  private static String[] hostAndPath(String remote) {
    try {
      URI u = URI.create(remote);
      if (u.getHost() != null) {
        return new String[] {u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""), u.getPath()};
      }
    } catch (IllegalArgumentException e) {
      // scp-like "host:path" below
    }
    int colon = remote.indexOf(':');
    int at = remote.indexOf('@');
    if (colon > 0 && !remote.contains("://")) {
      return new String[] {remote.substring(at + 1, colon), remote.substring(colon + 1)};
    }
    return new String[] {"(local)", remote};
  }
}
