package dev.packit.core.testing;

import dev.packit.core.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when the code under test sleeps; records every sleep. Inject it as both
 * the clock and the {@link Sleeper} of a client under test.
 *
 * <pre>{@code
 * FakeTime time = new FakeTime(Instant.parse("2026-11-24T00:00:00Z"));
 * var forge = Pagure.builder().clock(time).sleeper(time).build();
 * // ... time.sleeps() lists every wait the client asked for
 * }</pre>
 */
public final class FakeTime extends Clock implements Sleeper {
  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  /** @param start the time the clock shows until the first sleep */
  public FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    now = now.plus(d);
  }

  /** @return every sleep asked for, in order */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** @return the sum of the sleeps */
  public synchronized Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }
}
