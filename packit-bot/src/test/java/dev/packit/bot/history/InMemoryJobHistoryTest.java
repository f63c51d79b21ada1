package dev.packit.bot.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryJobHistoryTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aRepeatedDeliveryKeepsTheFirstRecordAndTheLifecycleIsKept() {
    InMemoryJobHistory h = new InMemoryJobHistory();
    assertTrue(h.queued(JobRecord.queued("j1", "propose_downstream", "hello", List.of("rawhide"), "release 1.0", T0)));
    assertFalse(h.queued(JobRecord.queued("j1", "koji_build", "other", List.of(), "again", T0.plusSeconds(5))));
    h.started("j1", T0.plusSeconds(1), "bot-a");
    assertEquals(JobState.RUNNING, h.find("j1").orElseThrow().state());
    h.finished("j1", T0.plusSeconds(9), JobState.DONE, "", false,
        List.of(new BranchRecord("rawhide", "done", "", Map.of("pull request", URI.create("https://example.test/pr/1")))));
    JobRecord r = h.find("j1").orElseThrow();
    assertEquals("propose_downstream", r.kind());
    assertEquals(JobState.DONE, r.state());
    assertEquals("bot-a", r.botInstance());
    assertEquals(T0.plusSeconds(9), r.finishedAt().orElseThrow());
  }

  @Test
  void queriesFilterAndListNewestFirst() {
    InMemoryJobHistory h = new InMemoryJobHistory();
    h.queued(JobRecord.queued("a", "koji_build", "hello", List.of("f43"), "", T0));
    h.queued(JobRecord.queued("b", "koji_build", "hello", List.of("rawhide"), "", T0.plusSeconds(1)));
    h.queued(JobRecord.queued("c", "bodhi_update", "world", List.of("f43"), "", T0.plusSeconds(2)));
    h.finished("a", T0.plusSeconds(3), JobState.FAILED, "koji down", true, List.of());
    assertEquals(List.of("b", "a"), h.jobs(JobQuery.all().withPackage("hello")).stream().map(JobRecord::id).toList());
    assertEquals(List.of("c", "a"), h.jobs(JobQuery.all().withBranch("f43")).stream().map(JobRecord::id).toList());
    assertEquals(List.of("a"), h.jobs(JobQuery.all().withState(JobState.FAILED)).stream().map(JobRecord::id).toList());
    assertEquals(List.of("c"), h.jobs(JobQuery.all().limit(1)).stream().map(JobRecord::id).toList());
    h.decided(new ReconcileDecision(T0, "zeta", "", "none", "in order", ""));
    assertEquals(List.of("hello", "world", "zeta"), h.packages());
  }
}
