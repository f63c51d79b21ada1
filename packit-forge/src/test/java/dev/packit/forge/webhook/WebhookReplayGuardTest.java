package dev.packit.forge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.packit.core.Secret;
import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replayed deliveries are rejected: the same id, or the same body under a fresh (unsigned) id. */
class WebhookReplayGuardTest {
  private static final Secret SECRET = Secret.of("replay-test-secret");

  /** A clock the test moves by hand. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-23T22:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static WebhookDelivery signed(byte[] body, String id) {
    return WebhookDelivery.ofSingleValues(Map.of("X-GitHub-Event", "release", "X-GitHub-Delivery", id,
        "X-Hub-Signature-256", WebhookVerifier.githubSignature(SECRET, body)), body);
  }

  @Test
  void aReplayedRealDeliveryIsRejectedEvenUnderAFreshIdUntilTheWindowEnds() throws IOException {
    byte[] body = Files.readAllBytes(Fixtures.file("github/webhook_release_published.json"));
    WebhookVerifier verifier = WebhookVerifier.builder().githubSecret(SECRET).build();
    MovingClock clock = new MovingClock();
    WebhookReplayGuard guard = WebhookReplayGuard.create(Duration.ofHours(1), 100, clock);

    WebhookDelivery first = signed(body, "id-1");
    verifier.verifyOrThrow(first);
    guard.checkFirstDelivery(first);

    WebhookRejectedException same = assertThrows(WebhookRejectedException.class, () -> guard.checkFirstDelivery(first));
    assertEquals(WebhookRejectedException.Reason.REPLAYED, same.reason());
    assertEquals(409, same.httpStatus());
    // the delivery id is not signed: a fresh one does not make a captured delivery new
    WebhookDelivery freshId = signed(body, "id-2");
    verifier.verifyOrThrow(freshId);
    assertThrows(WebhookRejectedException.class, () -> guard.checkFirstDelivery(freshId));

    clock.now = clock.now.plus(Duration.ofMinutes(61));
    guard.checkFirstDelivery(freshId);
  }

  @Test
  void differentDeliveriesPassAndForgetLetsARedeliveryThrough() {
    WebhookReplayGuard guard = WebhookReplayGuard.create(Duration.ofHours(1), 2, new MovingClock());
    WebhookDelivery a = signed("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "a");
    WebhookDelivery b = signed("{\"b\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "b");
    guard.checkFirstDelivery(a);
    guard.checkFirstDelivery(b);
    assertThrows(WebhookRejectedException.class, () -> guard.checkFirstDelivery(a));
    guard.forget(a);
    guard.checkFirstDelivery(a);
  }

  @Test
  void memoryIsBoundedOldestFirst() {
    WebhookReplayGuard guard = WebhookReplayGuard.create(Duration.ofHours(1), 2, new MovingClock());
    for (int i = 0; i < 3; i++) {
      guard.checkFirstDelivery(signed(("{\"n\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "n" + i));
    }
    // the first was evicted, the last is still remembered
    guard.checkFirstDelivery(signed("{\"n\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "n0"));
    assertThrows(WebhookRejectedException.class, () -> guard.checkFirstDelivery(
        signed("{\"n\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "n2")));
  }
}
