package dev.packit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The bounded form of the load harness: workflows at once on shared clients finish (a deadlock
 * would hit the time limit), on a bounded number of platform threads and one JDK HttpClient.
 * {@code -Dpackit.load.workflows=200} runs the full size.
 */
class LoadHarnessTest {
  private static final int WORKFLOWS = Integer.getInteger("packit.load.workflows", 20);
  private static final int POOL = 8;

  @Test
  void workflowsAtOnceOnABoundedPool() throws Exception {
    LoadHarness.Report r = LoadHarness.run(WORKFLOWS, "platform", POOL, Duration.ofMinutes(5));
    System.out.println(r);
    assertEquals(WORKFLOWS, r.done(), r.toString());
    // The pool, the sandbox's 16 server threads, JGit and JDK helpers; not one thread per workflow.
    // With a transport timeout set (issue 13), JGit adds one short-lived InterruptTimer thread per open
    // fetch or push, so up to one more per pool thread: bounded by the pool, not by the workflows.
    assertTrue(r.peakThreads() - r.threadsBefore() <= 2 * POOL + 40, r.toString());
    assertTrue(r.httpClients() <= 2, "one shared HttpClient (plus the sandbox's own): " + r);
  }

  @Test
  void workflowsAtOnceOnVirtualThreads() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+; this is " + Runtime.version());
    LoadHarness.Report r = LoadHarness.run(WORKFLOWS, "virtual", POOL, Duration.ofMinutes(5));
    System.out.println(r);
    assertEquals(WORKFLOWS, r.done(), r.toString());
  }
}
