package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rejects webhook deliveries seen before. GitHub and GitLab sign no timestamp, and GitHub's delivery
 * id header is not covered by the signature, so a captured delivery can be sent again with a fresh id;
 * the guard therefore remembers both the delivery id and a digest of the body for a time window.
 *
 * <pre>{@code
 * WebhookReplayGuard guard = WebhookReplayGuard.create(Duration.ofHours(24), 100_000, Clock.systemUTC());
 * ForgeKind forge = verifier.verifyOrThrow(delivery);   // authentic first
 * guard.checkFirstDelivery(delivery);                    // then new: else REPLAYED (HTTP 409)
 * WebhookEvent event = WebhookParser.create().parse(delivery);
 * }</pre>
 *
 * <p>Check authenticity first, so that forged deliveries do not fill the memory. A forge's own
 * redelivery (the same id and body) is rejected too: act on it by calling {@link #forget} first. At
 * most {@code maxEntries} deliveries are remembered; the oldest go first. Thread-safe.
 */
public final class WebhookReplayGuard {
  private final Duration window;
  private final int maxEntries;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  private WebhookReplayGuard(Duration window, int maxEntries, Clock clock) {
    this.window = window;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * Creates a guard.
   *
   * @param window how long a delivery is remembered
   * @param maxEntries how many deliveries are remembered at most (two entries each: id and body)
   * @param clock the clock
   * @return the guard
   */
  public static WebhookReplayGuard create(Duration window, int maxEntries, Clock clock) {
    Objects.requireNonNull(window, "window == null");
    Objects.requireNonNull(clock, "clock == null");
    if (window.isNegative() || window.isZero() || maxEntries < 1) {
      throw new IllegalArgumentException("window and maxEntries must be positive");
    }
    return new WebhookReplayGuard(window, maxEntries, clock);
  }

  /**
   * Records a delivery, or rejects it when its id or body was seen within the window.
   *
   * @param delivery a verified delivery
   * @throws WebhookRejectedException with {@link WebhookRejectedException.Reason#REPLAYED}
   */
  public void checkFirstDelivery(WebhookDelivery delivery) {
    String forge = WebhookVerifier.claimedForge(delivery).map(ForgeKind::name).orElse("?");
    String bodyKey = forge + " body " + sha256(delivery.rawBody());
    Optional<String> idKey = delivery.deliveryId().map(id -> forge + " id " + id);
    Instant now = clock.instant();
    synchronized (seen) {
      expire(now);
      boolean replayed = fresh(bodyKey, now) || idKey.map(k -> fresh(k, now)).orElse(false);
      if (replayed) {
        throw new WebhookRejectedException(WebhookRejectedException.Reason.REPLAYED, "webhook delivery "
            + delivery.deliveryId().orElse("without id") + " was received before (same delivery id or body)");
      }
      seen.put(bodyKey, now);
      idKey.ifPresent(k -> seen.put(k, now));
      while (seen.size() > 2L * maxEntries) {
        Iterator<String> it = seen.keySet().iterator();
        it.next();
        it.remove();
      }
    }
  }

  /**
   * Forgets a delivery, so that the next identical one is accepted (e.g. a redelivery asked for).
   *
   * @param delivery the delivery
   */
  public void forget(WebhookDelivery delivery) {
    String forge = WebhookVerifier.claimedForge(delivery).map(ForgeKind::name).orElse("?");
    synchronized (seen) {
      seen.remove(forge + " body " + sha256(delivery.rawBody()));
      delivery.deliveryId().ifPresent(id -> seen.remove(forge + " id " + id));
    }
  }

  private boolean fresh(String key, Instant now) {
    Instant at = seen.get(key);
    return at != null && at.plus(window).isAfter(now);
  }

  private void expire(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Instant> e = it.next();
      if (e.getValue().plus(window).isAfter(now)) {
        return; // insertion order is time order
      }
      it.remove();
    }
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  @Override
  public String toString() {
    synchronized (seen) {
      return "WebhookReplayGuard[window=" + window + ", remembered=" + seen.size() + "]";
    }
  }
}
