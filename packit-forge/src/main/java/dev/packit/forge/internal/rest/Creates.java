package dev.packit.forge.internal.rest;

import dev.packit.core.PackitException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.RateLimitedException;
import dev.packit.core.http.Sleeper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a create (a POST that is not idempotent) so that it never happens twice: when the outcome
 * is unknown (timeout, connection lost, 5xx), the object is looked up first and only created
 * again when the lookup finds nothing. A rate-limit refusal (429, or a rate-limit 403) made
 * nothing: the create is tried again after the server's {@code Retry-After}.
 */
public final class Creates {
  /** A longer rate-limit wait is the caller's to decide: the exception is thrown. */
  private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(2);

  private Creates() {}

  /**
   * @param attempts the most creates to try, at least 1
   * @param pause the wait between attempts
   * @param sleeper waits
   * @param create performs the POST
   * @param lookup finds the object the create may have made
   * @param <T> the object
   * @return the created or found object
   */
  public static <T> T createOnce(int attempts, Duration pause, Sleeper sleeper, Supplier<T> create, Supplier<Optional<T>> lookup) {
    RuntimeException last = null;
    boolean unknown = false;
    for (int i = 1; i <= attempts; i++) {
      if (unknown) {
        Optional<T> found = lookup.get();
        if (found.isPresent()) {
          return found.get();
        }
      }
      Duration wait = pause.multipliedBy(i);
      try {
        return create.get();
      } catch (PackitIoException | UncheckedIOException e) {
        last = e;
        unknown = true;
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
      Optional<T> found = lookup.get();
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw last;
  }
}
