package dev.packit.fedora.internal.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import dev.packit.core.testing.FakeTime;
import dev.packit.fedora.workflow.JobTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobDeadlineTest {

  @Test
  void theLimitIsCheckedOnTheInjectedClockBeforeEachStep() {
    FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    JobDeadline d = JobDeadline.start(time, Duration.ofMinutes(30));
    assertEquals("done", d.run("upload on branch f43", () -> "done"));
    time.sleep(Duration.ofMinutes(29));
    assertFalse(d.passed());
    time.sleep(Duration.ofMinutes(1));
    assertTrue(d.passed());
    boolean[] ran = {false};
    JobTimeoutException e = assertThrows(JobTimeoutException.class, () -> d.run("commit on branch f43", () -> ran[0] = true));
    assertFalse(ran[0], "a step is not started after the limit");
    assertEquals("commit on branch f43", e.step());
    assertEquals("job time limit of 1800 s passed during step: commit on branch f43", e.getMessage());
    assertTrue(e.result().isEmpty());
  }

  @Test
  void aBlockedStepIsInterruptedAndTheInterruptDoesNotLeak() {
    JobDeadline d = JobDeadline.start(Clock.systemUTC(), Duration.ofMillis(300));
    JobTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(JobTimeoutException.class,
        () -> d.run("slow step", () -> {
          try {
            Thread.sleep(60_000);
            return null;
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new PackitClientException("interrupted");
          }
        })));
    assertEquals("slow step", e.step());
    assertTrue(e.getCause() instanceof PackitClientException, String.valueOf(e.getCause()));
    assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt is cleared after the step");
  }

  @Test
  void aStepThatFinishesInTimeIsNotInterruptedLater() throws InterruptedException {
    JobDeadline d = JobDeadline.start(Clock.systemUTC(), Duration.ofMillis(200));
    assertNull(d.run("quick step", () -> null));
    Thread.sleep(400); // the alarm of the finished step must not fire into this thread
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
