package dev.packit.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the sandbox's fault injector does: at which rate, with which faults, on which services,
 * from which seed. Immutable; every {@code withX}-style method returns a copy.
 *
 * <pre>{@code
 * try (FedoraSandbox sandbox = FedoraSandbox.start()) {
 *   SandboxFaults faults = sandbox.faults(FaultPlan.rate(0.3).seed(42)
 *       .kinds(FaultKind.RESET, FaultKind.ERROR_503, FaultKind.TOO_MANY_REQUESTS)
 *       .services("pagure", "kojihub"));
 *   // ... run your bot against the sandbox ...
 *   System.out.println(faults.summary());
 *   sandbox.faults(FaultPlan.none());        // back to a healthy sandbox
 * }
 * }</pre>
 *
 * <p>Each request to a chosen service is faulted with probability {@link #rate()}; the kind is drawn
 * uniformly from {@link #kinds()}, and a fault other than 429 happens after the service acted with
 * probability {@link #afterShare()}. Decisions come from one {@code java.util.Random} seeded with
 * {@link #seed()}: a run that sends its requests in the same order meets the same faults.
 *
 * @see FedoraSandbox#faults(FaultPlan)
 */
public final class FaultPlan {
  private static final FaultPlan NONE = new FaultPlan(0, 1, EnumSet.allOf(FaultKind.class), Set.of(),
      Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5, 3);

  private final double rate;
  private final long seed;
  private final Set<FaultKind> kinds;
  private final Set<String> services;
  private final Duration slowDelay;
  private final Duration retryAfter;
  private final double afterShare;
  private final int maxFaultsPerMessage;

  private FaultPlan(double rate, long seed, Set<FaultKind> kinds, Set<String> services, Duration slowDelay,
      Duration retryAfter, double afterShare, int maxFaultsPerMessage) {
    this.rate = rate;
    this.seed = seed;
    this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    this.services = Collections.unmodifiableSet(new TreeSet<>(services));
    this.slowDelay = slowDelay;
    this.retryAfter = retryAfter;
    this.afterShare = afterShare;
    this.maxFaultsPerMessage = maxFaultsPerMessage;
  }

  /**
   * No faults: the sandbox behaves.
   *
   * @return the empty plan
   */
  public static FaultPlan none() {
    return NONE;
  }

  /**
   * A plan faulting the given share of requests, every kind, every service, seed 1.
   *
   * @param rate from 0 (never) to 1 (every request)
   * @return the plan
   */
  public static FaultPlan rate(double rate) {
    return NONE.withRate(rate);
  }

  /**
   * @param rate from 0 to 1
   * @return a copy with that rate
   */
  public FaultPlan withRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be within [0, 1]: " + rate);
    }
    return new FaultPlan(rate, seed, kinds, services, slowDelay, retryAfter, afterShare, maxFaultsPerMessage);
  }

  /**
   * @param seed the random seed of the fault decisions
   * @return a copy with that seed
   */
  public FaultPlan seed(long seed) {
    return new FaultPlan(rate, seed, kinds, services, slowDelay, retryAfter, afterShare, maxFaultsPerMessage);
  }

  /**
   * @param kinds the faults to draw from, at least one
   * @return a copy with those kinds
   */
  public FaultPlan kinds(FaultKind... kinds) {
    if (kinds.length == 0) {
      throw new IllegalArgumentException("at least one fault kind is needed");
    }
    return new FaultPlan(rate, seed, EnumSet.copyOf(Arrays.asList(kinds)), services, slowDelay, retryAfter, afterShare,
        maxFaultsPerMessage);
  }

  /**
   * Limits HTTP faults to some services, named by their mount prefix without the slash:
   * {@code github}, {@code pagure}, {@code git}, {@code lookaside}, {@code kojihub}, {@code bodhi},
   * {@code downloads} or any prefix you mounted. No names (the default) means every service.
   *
   * @param names the services
   * @return a copy limited to them
   */
  public FaultPlan services(String... names) {
    Set<String> s = new TreeSet<>();
    for (String n : names) {
      String name = Objects.requireNonNull(n, "service name").toLowerCase(Locale.ROOT).replaceAll("^/+|/+$", "");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("blank service name");
      }
      s.add(name);
    }
    return new FaultPlan(rate, seed, kinds, s, slowDelay, retryAfter, afterShare, maxFaultsPerMessage);
  }

  /**
   * @param delay how late a {@link FaultKind#SLOW} response comes; make it longer than the client's timeout
   * @return a copy with that delay
   */
  public FaultPlan slowDelay(Duration delay) {
    requirePositive(delay, "slowDelay");
    return new FaultPlan(rate, seed, kinds, services, delay, retryAfter, afterShare, maxFaultsPerMessage);
  }

  /**
   * @param wait the {@code Retry-After} a 429 carries (whole seconds, at least 0)
   * @return a copy with that wait
   */
  public FaultPlan retryAfter(Duration wait) {
    Objects.requireNonNull(wait, "wait == null");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + wait);
    }
    return new FaultPlan(rate, seed, kinds, services, slowDelay, wait, afterShare, maxFaultsPerMessage);
  }

  /**
   * @param share the part of faults (other than 429) injected after the service acted, from 0 to 1; default 0.5
   * @return a copy with that share
   */
  public FaultPlan afterShare(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("afterShare must be within [0, 1]: " + share);
    }
    return new FaultPlan(rate, seed, kinds, services, slowDelay, retryAfter, share, maxFaultsPerMessage);
  }

  /**
   * @param max the most redeliveries forced on one message (keep it below the message source's
   *     delivery limit, or messages are dropped as a broker would); default 3
   * @return a copy with that limit
   */
  public FaultPlan maxFaultsPerMessage(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("maxFaultsPerMessage must be >= 0: " + max);
    }
    return new FaultPlan(rate, seed, kinds, services, slowDelay, retryAfter, afterShare, max);
  }

  /** @return the share of requests faulted */
  public double rate() {
    return rate;
  }

  /** @return the random seed */
  public long seed() {
    return seed;
  }

  /** @return the fault kinds drawn from */
  public Set<FaultKind> kinds() {
    return kinds;
  }

  /** @return the services faulted; empty for all */
  public Set<String> services() {
    return services;
  }

  /** @return how late a slow response comes */
  public Duration slowDelay() {
    return slowDelay;
  }

  /** @return the {@code Retry-After} of a 429 */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** @return the part of faults injected after the service acted */
  public double afterShare() {
    return afterShare;
  }

  /** @return the most redeliveries forced on one message */
  public int maxFaultsPerMessage() {
    return maxFaultsPerMessage;
  }

  /**
   * @param service a mount prefix without slashes
   * @return whether HTTP requests to it may be faulted
   */
  public boolean covers(String service) {
    return rate > 0 && (services.isEmpty() || services.contains(service));
  }

  /** @return the HTTP kinds of this plan, in declaration order */
  List<FaultKind> httpKinds() {
    return kinds.stream().filter(FaultKind::http).toList();
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }

  @Override
  public String toString() {
    return "FaultPlan[rate=" + rate + ", seed=" + seed + ", kinds=" + kinds + ", services="
        + (services.isEmpty() ? "all" : services) + ", slowDelay=" + slowDelay + ", retryAfter=" + retryAfter
        + ", afterShare=" + afterShare + ", maxFaultsPerMessage=" + maxFaultsPerMessage + "]";
  }
}
