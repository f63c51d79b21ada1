package dev.packit.forge.internal.rest;

import dev.packit.core.PackitException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.http.Sleeper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a create (a POST that is not idempotent) so that it never happens twice: when the outcome
 * is unknown (timeout, connection lost, 5xx), the object is looked up first and only created
 * again when the lookup finds nothing.
 */
public final class Creates {
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
    for (int i = 1; i <= attempts; i++) {
      if (i > 1) {
        Optional<T> found = lookup.get();
        if (found.isPresent()) {
          return found.get();
        }
      }
      try {
        return create.get();
      } catch (PackitIoException | UncheckedIOException e) {
        last = e;
      } catch (PackitServiceException e) {
        if (e.status() < 500) {
          throw e;
        }
        last = e;
      }
      if (i < attempts) {
        try {
          sleeper.sleep(pause.multipliedBy(i));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PackitException("interrupted before trying a create again", e);
        }
      }
    }
    Optional<T> found = lookup.get();
    if (found.isPresent()) {
      return found.get();
    }
    throw last;
  }
}
