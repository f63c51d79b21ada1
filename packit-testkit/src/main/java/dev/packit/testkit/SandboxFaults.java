package dev.packit.testkit;

import com.sun.net.httpserver.HttpHandler;
import dev.packit.fedora.messaging.MessageHandler;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sandbox's fault injector: applies the current {@link FaultPlan} to every HTTP request the
 * sandbox serves and, through {@link #wrap(MessageHandler)}, to message deliveries; counts what it
 * did.
 *
 * <pre>{@code
 * SandboxFaults faults = sandbox.faults(FaultPlan.rate(0.3).seed(7));
 * sandbox.messages().subscribe(List.of("org.fedoraproject.prod.#"), faults.wrap(myBot::onMessage));
 * runMyBot();
 * assertTrue(faults.injected() > 0, faults.summary());
 * }</pre>
 *
 * <p>Thread-safe; the plan can be changed at any time with {@link FedoraSandbox#faults(FaultPlan)}.
 */
public final class SandboxFaults {
  private volatile FaultPlan plan = FaultPlan.none();
  private volatile Random random = new Random(1);
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faultsByService = new ConcurrentHashMap<>();
  private final Map<FaultKind, LongAdder> faultsByKind = new ConcurrentHashMap<>();
  private final LongAdder after = new LongAdder();
  private final AtomicLong deliveries = new AtomicLong();
  private final Map<String, Integer> messageFaults = new ConcurrentHashMap<>();

  SandboxFaults() {}

  synchronized void plan(FaultPlan plan) {
    this.plan = Objects.requireNonNull(plan, "plan == null");
    this.random = new Random(plan.seed());
    messageFaults.clear();
  }

  /** @return the plan in force */
  public FaultPlan plan() {
    return plan;
  }

  /** A fault to inject: which, and whether after the service acted. */
  record Decision(FaultKind kind, boolean after, FaultPlan plan) {}

  /** Decides the fate of one request; {@code null} to serve it normally. */
  Decision decide(String service) {
    requests.computeIfAbsent(service, k -> new LongAdder()).increment();
    FaultPlan p = plan;
    if (!p.covers(service)) {
      return null;
    }
    List<FaultKind> kinds = p.httpKinds();
    if (kinds.isEmpty()) {
      return null;
    }
    FaultKind kind;
    boolean late;
    Random r = random;
    synchronized (r) {
      if (r.nextDouble() >= p.rate()) {
        return null;
      }
      kind = kinds.get(r.nextInt(kinds.size()));
      late = kind != FaultKind.TOO_MANY_REQUESTS && r.nextDouble() < p.afterShare();
    }
    count(service, kind, late);
    return new Decision(kind, late, p);
  }

  private void count(String service, FaultKind kind, boolean late) {
    faultsByService.computeIfAbsent(service, k -> new LongAdder()).increment();
    faultsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    if (late) {
      after.increment();
    }
  }

  HttpHandler wrap(String service, HttpHandler handler) {
    return new FaultingHandler(service, handler, this);
  }

  /**
   * Wraps a message handler so deliveries meet {@link FaultKind#MESSAGE_REDELIVERY} at the plan's
   * rate: the consumer's connection "drops" before the handler runs, or after it ran and before the
   * acknowledgement (the handler sees the message twice). Either way the wrapper throws, and the
   * message source delivers the message again. At most {@link FaultPlan#maxFaultsPerMessage()}
   * faults per message id.
   *
   * @param handler the bot's handler
   * @return the faulty handler
   */
  public MessageHandler wrap(MessageHandler handler) {
    Objects.requireNonNull(handler, "handler == null");
    return message -> {
      deliveries.incrementAndGet();
      FaultPlan p = plan;
      String id = message.envelope().id();
      boolean fault = false;
      boolean late = false;
      if (p.rate() > 0 && p.kinds().contains(FaultKind.MESSAGE_REDELIVERY)
          && messageFaults.getOrDefault(id, 0) < p.maxFaultsPerMessage()) {
        Random r = random;
        synchronized (r) {
          fault = r.nextDouble() < p.rate();
          late = r.nextDouble() < p.afterShare();
        }
      }
      if (!fault) {
        handler.handle(message);
        return;
      }
      messageFaults.merge(id, 1, Integer::sum);
      count("messages", FaultKind.MESSAGE_REDELIVERY, late);
      if (late) {
        handler.handle(message);
        throw new IOException("sandbox fault: connection dropped before the acknowledgement of " + id);
      }
      throw new IOException("sandbox fault: connection dropped before " + id + " was handled");
    };
  }

  /** @return HTTP requests served (faulted or not), all services */
  public long requests() {
    return requests.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** @return HTTP requests served per service */
  public Map<String, Long> requestsByService() {
    Map<String, Long> out = new TreeMap<>();
    requests.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** @return message deliveries seen by wrapped handlers */
  public long deliveries() {
    return deliveries.get();
  }

  /** @return faults injected, all kinds */
  public long injected() {
    return faultsByKind.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /**
   * @param kind a fault kind
   * @return faults of that kind injected
   */
  public long injected(FaultKind kind) {
    LongAdder a = faultsByKind.get(kind);
    return a == null ? 0 : a.sum();
  }

  /** @return faults injected per kind, every kind listed */
  public Map<FaultKind, Long> injectedByKind() {
    Map<FaultKind, Long> out = new EnumMap<>(FaultKind.class);
    for (FaultKind k : FaultKind.values()) {
      out.put(k, injected(k));
    }
    return out;
  }

  /** @return faults injected per service ({@code messages} for deliveries) */
  public Map<String, Long> injectedByService() {
    Map<String, Long> out = new TreeMap<>();
    faultsByService.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** @return faults injected after the service acted (or the handler ran) */
  public long injectedAfterAction() {
    return after.sum();
  }

  /** Sets every counter back to zero. */
  public void resetCounts() {
    requests.clear();
    faultsByService.clear();
    faultsByKind.clear();
    after.reset();
    deliveries.set(0);
  }

  /** @return one line of figures: requests, faults by kind and by service */
  public String summary() {
    Map<FaultKind, Long> byKind = new EnumMap<>(FaultKind.class);
    injectedByKind().forEach((k, v) -> {
      if (v > 0) {
        byKind.put(k, v);
      }
    });
    return "requests=" + requests() + " deliveries=" + deliveries() + " faults=" + injected() + " (after the action: "
        + injectedAfterAction() + ") byKind=" + byKind + " byService=" + injectedByService();
  }

  @Override
  public String toString() {
    return "SandboxFaults[" + plan + ", " + summary() + "]";
  }
}
