package dev.packit.forge.spi;

import dev.packit.core.PackitException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.RateLimitedException;
import dev.packit.core.http.Sleeper;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a create (a POST that is not idempotent) so that it never happens twice: when the outcome
 * is unknown (timeout, connection lost, 5xx), the object is looked up first and only created
 * again when the lookup finds nothing. A rate-limit refusal (429, or a rate-limit 403) made
 * nothing: the create is tried again after the server's {@code Retry-After}.
 *
 * <p>A create that timed out (no answer, or a gateway's 504) may still be queued or running on the
 * server: a lookup right after it can miss an object that appears a moment later, and creating
 * again then makes a duplicate (Pagure accepts two open pull requests from one branch). So after a
 * timeout the lookup is repeated, a pause apart, until the settle time has passed on the clock,
 * and only then is the object created again. Lookups that fail while settling are tried again.
 *
 * <pre>{@code
 * PullRequest pr = Creates.createOnce(options,
 *     () -> postPullRequest(repo, spec),                                   // the POST
 *     () -> findOpenPullRequest(repo, spec.sourceBranch(), spec.targetBranch(), me));  // what it may have made
 * }</pre>
 *
 * @since 0.2.0
 */
public final class Creates {
  /** A longer rate-limit wait is the caller's to decide: the exception is thrown. */
  private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(2);

  private Creates() {}

  /**
   * Runs a create with the client's settings.
   *
   * @param options the client's attempts, settle time, sleeper and clock
   * @param create performs the POST
   * @param lookup finds the object the create may have made
   * @param <T> the object
   * @return the created or found object
   */
  public static <T> T createOnce(ClientOptions options, Supplier<T> create, Supplier<Optional<T>> lookup) {
    return createOnce(options.createAttempts(), Duration.ofSeconds(2), options.createSettle(), options.sleeper(),
        options.clock(), create, lookup);
  }

  /**
   * Runs a create without settling after a timeout (tests of the retry rules).
   *
   * @param attempts the most creates to try, at least 1
   * @param pause the wait between attempts
   * @param sleeper waits
   * @param create performs the POST
   * @param lookup finds the object the create may have made
   * @param <T> the object
   * @return the created or found object
   */
  public static <T> T createOnce(int attempts, Duration pause, Sleeper sleeper, Supplier<T> create, Supplier<Optional<T>> lookup) {
    return createOnce(attempts, pause, Duration.ZERO, sleeper, Clock.systemUTC(), create, lookup);
  }

  /**
   * @param attempts the most creates to try, at least 1
   * @param pause the wait between attempts and between lookups while settling
   * @param settle how long after a timed-out create lookups go on before creating again
   * @param sleeper waits
   * @param clock measures the settle time
   * @param create performs the POST
   * @param lookup finds the object the create may have made
   * @param <T> the object
   * @return the created or found object
   */
  public static <T> T createOnce(int attempts, Duration pause, Duration settle, Sleeper sleeper, Clock clock,
      Supplier<T> create, Supplier<Optional<T>> lookup) {
    RuntimeException last = null;
    boolean unknown = false;
    Instant settled = null;
    for (int i = 1; i <= attempts; i++) {
      if (unknown) {
        Optional<T> found = settled == null ? lookup.get() : settle(settled, pause, sleeper, clock, lookup);
        if (found.isPresent()) {
          return found.get();
        }
      }
      settled = null;
      Duration wait = pause.multipliedBy(i);
      try {
        return create.get();
      } catch (PackitIoException | UncheckedIOException e) {
        last = e;
        unknown = true;
        if (timedOut(e)) {
          settled = clock.instant().plus(settle);
        }
      } catch (PackitServiceException e) {
        if (e instanceof RateLimitedException limited && e.status() < 500) {
          // 429 or a rate-limit 403: refused before anything was made. Wait as told, create again.
          Duration told = limited.retryAfter().orElse(wait);
          if (told.compareTo(MAX_RATE_LIMIT_WAIT) > 0) {
            throw e;
          }
          wait = told;
        } else if (e.status() < 500) {
          throw e;
        } else {
          unknown = true; // a 5xx (even with Retry-After) may come after the create happened
          if (e.status() == 504) {
            settled = clock.instant().plus(settle); // the gateway gave up; the server may not have
          }
        }
        last = e;
      }
      if (i < attempts) {
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PackitException("interrupted before trying a create again", e);
        }
      }
    }
    if (unknown) {
      Optional<T> found = settled == null ? lookup.get() : settle(settled, pause, sleeper, clock, lookup);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw last;
  }

  /** Looks up until found or until the clock passes {@code until}; the last look is after it. */
  private static <T> Optional<T> settle(Instant until, Duration pause, Sleeper sleeper, Clock clock,
      Supplier<Optional<T>> lookup) {
    RuntimeException failed = null;
    Instant start = clock.instant();
    Duration slept = Duration.ZERO;
    for (int looks = 0; looks < 10_000; looks++) {
      Instant now = clock.instant();
      // A clock that the sleeps do not move (a test's fixed clock) counts the pauses instead.
      boolean last = !now.isBefore(until) || (now.equals(start) && slept.compareTo(Duration.between(start, until)) >= 0);
      try {
        Optional<T> found = lookup.get();
        if (found.isPresent() || last) {
          return found;
        }
        failed = null;
      } catch (PackitIoException | PackitServiceException | UncheckedIOException e) {
        failed = e;
        if (last) {
          throw e;
        }
      }
      try {
        sleeper.sleep(pause);
        slept = slept.plus(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PackitException("interrupted while looking for an object a timed-out create may have made", e);
      }
    }
    if (failed != null) {
      throw failed;
    }
    return lookup.get();
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
