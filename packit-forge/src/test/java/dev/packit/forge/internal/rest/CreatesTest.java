package dev.packit.forge.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.packit.core.PackitServiceException;
import dev.packit.core.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A create refused with 429 made nothing: it is tried again after the server's Retry-After
 * (found by the sandbox fault injection: a 429 on Pagure's fork or pull-request POST failed the
 * whole job); a 5xx leaves the outcome unknown and is looked up first.
 */
class CreatesTest {
  private final List<Duration> waits = new ArrayList<>();
  private final AtomicInteger creates = new AtomicInteger();
  private final AtomicInteger lookups = new AtomicInteger();

  private static PackitServiceException status(int status, Duration retryAfter) {
    PackitServiceException.Builder b = PackitServiceException.builder().service("pagure").method("POST")
        .url("https://src.example.org/api/0/fork").status(status);
    if (retryAfter != null) {
      b.retryAfter(retryAfter);
    }
    return b.build();
  }

  private String run(PackitServiceException... failures) {
    return Creates.createOnce(3, Duration.ofSeconds(2), waits::add, () -> {
      int n = creates.getAndIncrement();
      if (n < failures.length) {
        throw failures[n];
      }
      return "made";
    }, () -> {
      lookups.incrementAndGet();
      return Optional.empty();
    });
  }

  @Test
  void aRateLimitedCreateIsTriedAgainAfterRetryAfterWithoutALookup() {
    assertEquals("made", run(status(429, Duration.ofSeconds(7))));
    assertEquals(2, creates.get());
    assertEquals(0, lookups.get(), "a 429 made nothing: nothing to look up");
    assertEquals(List.of(Duration.ofSeconds(7)), waits);
  }

  @Test
  void aServerErrorIsLookedUpBeforeCreatingAgain() {
    assertEquals("made", run(status(503, Duration.ofSeconds(1))));
    assertEquals(1, lookups.get(), "a 503 may come after the create: look first");
  }

  @Test
  void aLongRateLimitIsTheCallersToWaitFor() {
    PackitServiceException limited = status(429, Duration.ofHours(1));
    assertSame(limited, assertThrows(RateLimitedException.class, () -> run(limited)));
    assertEquals(1, creates.get());
  }

  @Test
  void otherRefusalsAreThrownAtOnce() {
    assertThrows(PackitServiceException.class, () -> run(status(400, null)));
    assertEquals(1, creates.get());
  }
}
