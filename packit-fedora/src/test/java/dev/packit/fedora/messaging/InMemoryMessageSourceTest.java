package dev.packit.fedora.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryMessageSourceTest {
  private static final Map<String, Object> TAG = Map.of("tag", "f42-build-side-1", "tag_id", 1, "build_id", 2,
      "name", "n", "version", "1", "release", "1.fc42");

  @Test
  void deliversMatchingTopicsTypedWithWireHeaders() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00.123Z"), ZoneOffset.UTC);
    try (InMemoryMessageSource bus = InMemoryMessageSource.create(clock, 3)) {
      List<FedoraMessage> got = new CopyOnWriteArrayList<>();
      bus.subscribe(List.of("org.fedoraproject.*.buildsys.#"), got::add);
      bus.publish(MessageEnvelope.of("org.fedoraproject.prod.buildsys.tag", "koji_fedoramessaging.tag.TagV1", TAG));
      bus.publish(MessageEnvelope.of("org.fedoraproject.prod.copr.build.end", "copr", Map.of()));
      assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
      assertEquals(1, got.size());
      KojiTag t = assertInstanceOf(KojiTag.class, got.get(0));
      assertTrue(t.sideTag());
      assertEquals(36, t.messageId().length(), "a UUID id is assigned");
      assertEquals(Instant.parse("2026-11-23T10:00:00Z"), t.envelope().sentAt().orElseThrow());
      assertEquals(2, bus.published().size());
    }
  }

  @Test
  void failingHandlerGetsTheMessageAgainUpToTheLimit() throws Exception {
    try (InMemoryMessageSource bus = InMemoryMessageSource.create(Clock.systemUTC(), 3)) {
      AtomicInteger calls = new AtomicInteger();
      AtomicInteger ok = new AtomicInteger();
      bus.subscribe(List.of("#"), m -> {
        if (calls.incrementAndGet() < 2) {
          throw new IllegalStateException("first try fails");
        }
        ok.incrementAndGet();
      });
      bus.publish(MessageEnvelope.of("org.fedoraproject.prod.buildsys.tag", "s", TAG));
      assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
      assertEquals(2, calls.get());
      assertEquals(1, ok.get());

      AtomicInteger always = new AtomicInteger();
      bus.subscribe(List.of("org.fedoraproject.prod.always"), m -> {
        always.incrementAndGet();
        throw new IllegalStateException("always");
      });
      bus.publish(MessageEnvelope.of("org.fedoraproject.prod.always", "s", Map.of()));
      assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
      assertEquals(3, always.get(), "dropped after maxDeliveries");
    }
  }

  @Test
  void unparsableMessagesAreDroppedNotRedelivered() throws Exception {
    try (InMemoryMessageSource bus = InMemoryMessageSource.create()) {
      AtomicInteger calls = new AtomicInteger();
      bus.subscribe(List.of("#"), m -> calls.incrementAndGet());
      bus.publish(MessageEnvelope.of("org.fedoraproject.prod.buildsys.tag", "s", Map.of("tag", "x")));
      assertTrue(bus.awaitIdle(Duration.ofSeconds(5)));
      assertEquals(0, calls.get());
    }
  }

  @Test
  void topicPatternsFollowAmqpRules() {
    assertTrue(TopicPattern.of("a.*.c").matches("a.b.c"));
    assertFalse(TopicPattern.of("a.*.c").matches("a.b.x.c"));
    assertTrue(TopicPattern.of("a.#").matches("a"));
    assertTrue(TopicPattern.of("a.#.c").matches("a.c"));
    assertTrue(TopicPattern.of("a.#.c").matches("a.b.b.c"));
    assertFalse(TopicPattern.of("a.b").matches("a.b.c"));
    assertTrue(TopicPattern.of("#").matches("anything.at.all"));
  }
}
