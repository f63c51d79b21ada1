package dev.packit.forge.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.RateLimitedException;
import dev.packit.core.testing.FakeTime;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
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
  private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
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

  private static PackitIoException timeout() {
    return new PackitIoException("pagure", "POST", "https://src.example.org/api/0/rpms/hello/pull-request/new", 1,
        new HttpTimeoutException("request timed out"));
  }

  /** The create times out; the server makes the object after {@code appearsAfter} of waiting. */
  private String settling(Duration settle, Duration appearsAfter, FakeTime clock, RuntimeException firstFailure) {
    Instant start = clock.instant();
    return Creates.createOnce(3, Duration.ofSeconds(2), settle, clock, clock, () -> {
      if (creates.getAndIncrement() == 0) {
        throw firstFailure;
      }
      return "made again";
    }, () -> {
      lookups.incrementAndGet();
      return clock.instant().isBefore(start.plus(appearsAfter)) ? Optional.empty() : Optional.of("made late by the server");
    });
  }

  @Test
  void aTimedOutCreateIsLookedForUntilTheServerMadeIt() {
    FakeTime clock = new FakeTime(START);
    assertEquals("made late by the server", settling(Duration.ofMinutes(2), Duration.ofSeconds(7), clock, timeout()));
    assertEquals(1, creates.get(), "no second create while the first may still be running");
    assertEquals(4, lookups.get(), "after the pause, looked at 2, 4, 6 and 8 s");
  }

  @Test
  void aGatewayTimeoutSettlesToo() {
    FakeTime clock = new FakeTime(START);
    assertEquals("made late by the server", settling(Duration.ofMinutes(2), Duration.ofSeconds(3), clock,
        status(504, null)));
    assertEquals(1, creates.get());
  }

  @Test
  void afterTheSettleTimeTheCreateIsTriedAgain() {
    FakeTime clock = new FakeTime(START);
    assertEquals("made again", settling(Duration.ofSeconds(10), Duration.ofDays(1), clock, timeout()));
    assertEquals(2, creates.get());
    assertEquals(5, lookups.get(), "2, 4, 6, 8 and the last look at 10 s");
  }

  @Test
  void aResetIsLookedUpOnceWithoutSettling() {
    FakeTime clock = new FakeTime(START);
    assertEquals("made again", settling(Duration.ofMinutes(2), Duration.ofDays(1), clock,
        new PackitIoException("pagure", "POST", "https://src.example.org/", 1, new java.io.IOException("reset"))));
    assertEquals(1, lookups.get(), "a reset is not a timeout: one look, then create again");
  }

  @Test
  void lookupsThatFailWhileSettlingAreTriedAgain() {
    FakeTime clock = new FakeTime(START);
    AtomicInteger looks = new AtomicInteger();
    String got = Creates.createOnce(3, Duration.ofSeconds(2), Duration.ofMinutes(1), clock, clock, () -> {
      throw timeout();
    }, () -> {
      if (looks.incrementAndGet() < 3) {
        throw status(502, null);
      }
      return Optional.of("found");
    });
    assertEquals("found", got);
    assertEquals(3, looks.get());
  }
}
