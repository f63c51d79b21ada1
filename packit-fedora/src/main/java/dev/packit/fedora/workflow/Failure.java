package dev.packit.fedora.workflow;

import dev.packit.core.AuthenticationException;
import dev.packit.core.ConflictException;
import dev.packit.core.InvalidInputException;
import dev.packit.core.NotFoundException;
import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.RateLimitedException;
import dev.packit.core.Redaction;
import dev.packit.forge.git.GitException;
import dev.packit.forge.git.GitPushRejectedException;
import dev.packit.forge.git.GitTimeoutException;
import java.util.Objects;

/**
 * Why a branch failed, typed: what kind of failure and whether running the job again can help.
 *
 * <pre>{@code
 * for (BranchResult r : result.failed()) {
 *   Failure f = r.failure().orElseThrow();
 *   if (f.retryable()) { queue.retryLater(job, r.branch()); } else { alert(f.kind() + ": " + f.message()); }
 * }
 * }</pre>
 *
 * @param kind what failed
 * @param retryable whether the same job may succeed when run again later (a service down, a timeout),
 *     as {@link PackitException#retryable()} says; false for bad input, refused credentials and bugs
 * @param message what went wrong, redacted
 * @since 0.2.0
 */
public record Failure(Kind kind, boolean retryable, String message) {
  /**
   * What failed.
   *
   * <pre>{@code
   * boolean fixTheInput = r.failure().map(Failure::kind).filter(k -> k == Failure.Kind.INPUT).isPresent();
   * }</pre>
   */
  public enum Kind {
    /** A service answered with an error (HTTP 5xx, 4xx not listed below). */
    SERVICE,
    /** A service limited the bot's rate; always retryable. */
    RATE_LIMITED,
    /** A service refused the credentials. */
    AUTHENTICATION,
    /** A service reported a conflict (the state changed under the job). */
    CONFLICT,
    /** A service did not know something the job needed. */
    NOT_FOUND,
    /** The network failed (connection reset, read timeout). */
    NETWORK,
    /** A git clone, fetch or push failed. */
    GIT,
    /** A push was rejected by the git server. */
    PUSH_REJECTED,
    /** The job's time limit passed ({@link JobTimeoutException}); running it again resumes. */
    TIMEOUT,
    /** The input is bad (config, spec, tag, archive); fix it, a retry gives the same result. */
    INPUT,
    /** The branch could not be planned (see {@link BranchPlan#planningFailed()}). */
    PLANNING,
    /** The thread was interrupted. */
    INTERRUPTED,
    /** Not a packit-java exception: a bug, or an unexpected runtime failure. */
    UNEXPECTED
  }

  /** Validates the components. */
  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The failure an exception stands for: its kind from its type, {@code retryable} from
   * {@link PackitException#retryable()} (false for exceptions outside packit-java's hierarchy).
   *
   * @param e the exception
   * @return the failure, with the redacted message
   */
  public static Failure of(Throwable e) {
    String message = Redaction.text(e.getClass().getSimpleName() + ": " + e.getMessage());
    boolean retryable = e instanceof PackitException p && p.retryable();
    return new Failure(kindOf(e), retryable, message);
  }

  /**
   * The kind of an exception (the most specific type wins).
   *
   * @param e the exception
   * @return its kind
   */
  public static Kind kindOf(Throwable e) {
    if (e instanceof JobTimeoutException) {
      return Kind.TIMEOUT;
    } else if (e instanceof GitPushRejectedException) {
      return Kind.PUSH_REJECTED;
    } else if (e instanceof GitTimeoutException) {
      return Kind.NETWORK;
    } else if (e instanceof GitException) {
      return Kind.GIT;
    } else if (e instanceof RateLimitedException) {
      return Kind.RATE_LIMITED;
    } else if (e instanceof AuthenticationException) {
      return Kind.AUTHENTICATION;
    } else if (e instanceof ConflictException) {
      return Kind.CONFLICT;
    } else if (e instanceof NotFoundException) {
      return Kind.NOT_FOUND;
    } else if (e instanceof PackitServiceException) {
      return Kind.SERVICE;
    } else if (e instanceof PackitIoException || e instanceof java.io.UncheckedIOException) {
      return Kind.NETWORK;
    } else if (e instanceof InvalidInputException || e instanceof PackitClientException) {
      return Kind.INPUT;
    } else if (e instanceof PackitException) {
      return Kind.SERVICE;
    }
    return Kind.UNEXPECTED;
  }
}
