package dev.packit.bot.reconcile;

import dev.packit.bot.history.JobHistory;
import dev.packit.bot.history.JobQuery;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.bot.history.ReconcileDecision;
import dev.packit.core.Redaction;
import dev.packit.core.config.DistroAliases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation: per watched package, observes what is, decides with {@link ReconcileRules} what
 * is missing, records each job as queued in the {@link JobHistory} and hands it to the
 * {@link JobSink}; every decision is recorded as a {@link ReconcileDecision} for the status page.
 *
 * <pre>{@code
 * Reconciler reconciler = Reconciler.builder()
 *     .observer(observer).sink(queue::enqueue).history(history).botUser("packit")
 *     .aliases(() -> bodhiReleases.aliases())
 *     .watch(new WatchedPackage("hello", RepoId.of("acme/hello"), config))
 *     .build();
 * ReconcileReport report = reconciler.runOnce();    // or:
 * reconciler.start(Duration.ofMinutes(30));          // on its own thread until close()
 * }</pre>
 *
 * <p>Staying idempotent with the event path and with itself:
 * <ul>
 *   <li>a job of the same kind, package and branch that the history has queued, running or
 *       retrying is not enqueued again (the event path has it);
 *   <li>the job id names the missing item ({@link ReconcileRules#jobId}); an id the history knows
 *       is never enqueued again: when that job finished and the item is still missing, the verdict
 *       is NONE with the job's outcome, for a person to look at (no retry loop);
 *   <li>a NONE verdict is recorded only when it differs from the branch's last recorded decision,
 *       so an idle package does not fill the history.
 * </ul>
 * A package that cannot be observed is logged with its name and recorded as a NONE decision
 * with the cause; the other packages go on.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** How the detail of a job the sink refused begins; such a job is offered again on the next run. */
  static final String NOT_ENQUEUED = "not enqueued: ";

  private final PackageObserver observer;
  private final JobSink sink;
  private final JobHistory history;
  private final Supplier<DistroAliases> aliases;
  private final String botUser;
  private final Clock clock;
  private final List<WatchedPackage> watched;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private ScheduledFuture<?> schedule;
  private ScheduledExecutorService ownThread;
  private final Map<String, Map<String, ReconcileDecision>> lastDecisions = new HashMap<>();

  private Reconciler(Builder b) {
    this.observer = Objects.requireNonNull(b.observer, "observer is required");
    this.sink = Objects.requireNonNull(b.sink, "sink is required");
    this.history = Objects.requireNonNull(b.history, "history is required");
    this.aliases = b.aliases;
    this.botUser = b.botUser;
    this.clock = b.clock;
    this.watched = List.copyOf(b.watched);
    this.ownScheduler = b.scheduler == null;
    this.scheduler = b.scheduler;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the watched packages */
  public List<WatchedPackage> watched() {
    return watched;
  }

  /**
   * Reconciles every watched package once. A failure on one package is logged and reported; the
   * others go on.
   *
   * @return what the run did
   */
  public synchronized ReconcileReport runOnce() {
    Instant at = clock.instant();
    List<Verdict> verdicts = new ArrayList<>();
    List<ReconcileAction> enqueued = new ArrayList<>();
    List<ReconcileDecision> recorded = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (WatchedPackage w : watched) {
      try {
        reconcile(w, at, verdicts, enqueued, recorded);
      } catch (RuntimeException e) {
        String cause = Redaction.text(e.getClass().getSimpleName() + ": " + e.getMessage());
        LOG.warn("reconcile {}: cannot reconcile the package: {}", w.packageName(), cause, e);
        failures.put(w.packageName(), cause);
        try {
          record(new ReconcileDecision(at, w.packageName(), "", ReconcileKind.NONE.yamlName(),
              "cannot reconcile: " + cause, ""), lastDecisions(w.packageName()), recorded);
        } catch (RuntimeException historyDown) {
          LOG.warn("reconcile {}: cannot record the failure: {}", w.packageName(), historyDown.getMessage());
        }
      }
    }
    return new ReconcileReport(at, verdicts, enqueued, recorded, failures);
  }

  private void reconcile(WatchedPackage w, Instant at, List<Verdict> verdicts, List<ReconcileAction> enqueued,
      List<ReconcileDecision> recorded) {
    String pkg = w.packageName();
    RoadConfig road = RoadConfig.of(w, aliases.get(), botUser);
    PackageState state = observer.observe(w, road);
    List<Verdict> decided = ReconcileRules.decide(road, state, busy(pkg));
    Map<String, ReconcileDecision> last = lastDecisions(pkg);
    for (Verdict v : decided) {
      Verdict verdict = v;
      String jobId = "";
      if (v.missing()) {
        jobId = ReconcileRules.jobId(pkg, v);
        Optional<JobRecord> before = history.find(jobId);
        if (before.isPresent() && !before.get().detail().startsWith(NOT_ENQUEUED)) {
          JobRecord r = before.get();
          verdict = Verdict.none(v.branch(), r.state().finished()
              ? v.kind().yamlName() + " is still missing after job " + jobId + " ended " + r.state().name().toLowerCase()
                  + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")") + "; reconciliation does not retry it"
              : v.kind().yamlName() + " job " + jobId + " is " + r.state().name().toLowerCase());
          jobId = "";
        } else {
          ReconcileAction action = new ReconcileAction(jobId, v.kind(), w, v.branch(), v.target(), v.reason());
          if (before.isPresent()) {
            history.finished(jobId, at, JobState.RETRYING, "", false, List.of()); // the queue refused it last time
          } else {
            history.queued(JobRecord.queued(jobId, v.kind().yamlName(), pkg, List.of(v.branch()),
                "reconciliation: " + v.reason(), at).withRequest(action.request().toJson()));
          }
          try {
            sink.enqueue(action);
            enqueued.add(action);
            LOG.info("reconcile {}: {} on {} enqueued as {}: {}", pkg, v.kind().yamlName(), v.branch(), jobId, v.reason());
          } catch (RuntimeException refused) {
            String cause = NOT_ENQUEUED + Redaction.text(String.valueOf(refused.getMessage()));
            history.finished(jobId, at, JobState.FAILED, cause, true, List.of());
            LOG.warn("reconcile {}: {} on {}: {}", pkg, v.kind().yamlName(), v.branch(), cause);
          }
        }
      }
      verdicts.add(verdict);
      record(new ReconcileDecision(at, pkg, verdict.branch(), verdict.kind().yamlName(), verdict.reason(), jobId), last,
          recorded);
    }
  }

  /** Writes a decision, unless it is a NONE that says what the branch's last decision said. */
  private void record(ReconcileDecision d, Map<String, ReconcileDecision> last, List<ReconcileDecision> recorded) {
    ReconcileDecision previous = last.get(d.branch());
    if (d.kind().equals(ReconcileKind.NONE.yamlName()) && previous != null && previous.kind().equals(d.kind())
        && previous.reason().equals(d.reason())) {
      return;
    }
    history.decided(d);
    last.put(d.branch(), d);
    recorded.add(d);
  }

  /**
   * The last decision per branch: read from the history once per package (after a restart), then
   * kept here, since decisions of one run share their instant and a history cannot order those.
   */
  private Map<String, ReconcileDecision> lastDecisions(String pkg) {
    return lastDecisions.computeIfAbsent(pkg, p -> {
      Map<String, ReconcileDecision> last = new HashMap<>();
      for (ReconcileDecision d : history.decisions(p, 500)) { // newest first
        last.putIfAbsent(d.branch(), d);
      }
      return last;
    });
  }

  /** Jobs of this package the history has waiting or running, by the kind reconciliation would enqueue. */
  private List<ReconcileRules.Busy> busy(String pkg) {
    List<ReconcileRules.Busy> out = new ArrayList<>();
    for (JobState s : List.of(JobState.QUEUED, JobState.RUNNING, JobState.RETRYING)) {
      for (JobRecord r : history.jobs(JobQuery.all().withPackage(pkg).withState(s).limit(1000))) {
        Optional<ReconcileKind> kind = kindOf(r.kind());
        kind.ifPresent(k -> r.branches().forEach(b -> out.add(new ReconcileRules.Busy(k, b, r.id()))));
      }
    }
    return out;
  }

  private static Optional<ReconcileKind> kindOf(String jobKind) {
    return switch (jobKind) {
      // pull_from_upstream proposes the same release from dist-git's side
      case "propose_downstream", "pull_from_upstream" -> Optional.of(ReconcileKind.PROPOSE_DOWNSTREAM);
      case "koji_build" -> Optional.of(ReconcileKind.KOJI_BUILD);
      case "bodhi_update" -> Optional.of(ReconcileKind.BODHI_UPDATE);
      default -> Optional.empty();
    };
  }

  /**
   * Runs {@link #runOnce()} now and then every {@code interval} after the previous run ended, on
   * the injected scheduler or on a daemon thread of its own, until {@link #close()}.
   *
   * @param interval the pause between runs, at least one second
   * @throws IllegalStateException when already started
   */
  public synchronized void start(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("reconciliation interval must be at least 1s, got " + interval);
    }
    if (schedule != null) {
      throw new IllegalStateException("the reconciler is already started");
    }
    ScheduledExecutorService s = scheduler != null ? scheduler : ownThread();
    schedule = s.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ScheduledExecutorService ownThread() {
    ownThread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "packit-reconciler");
      t.setDaemon(true);
      return t;
    });
    return ownThread;
  }

  private void runSafely() {
    try {
      ReconcileReport report = runOnce();
      LOG.info("reconciliation: {} package(s), {} job(s) enqueued, {} failure(s)", watched.size(),
          report.enqueued().size(), report.failures().size());
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: keep the schedule alive
      LOG.warn("reconciliation run failed: {}", Redaction.text(String.valueOf(e.getMessage())), e);
    }
  }

  /** Stops the schedule; a run in progress finishes. The thread it made itself is shut down, an injected scheduler is not. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
    if (ownScheduler && ownThread != null) {
      ownThread.shutdown();
      ownThread = null;
    }
  }

  /** Builds a {@link Reconciler}. */
  public static final class Builder {
    private PackageObserver observer;
    private JobSink sink;
    private JobHistory history;
    private Supplier<DistroAliases> aliases = () -> DistroAliases.from(List.of());
    private String botUser = "packit";
    private Clock clock = Clock.systemUTC();
    private final List<WatchedPackage> watched = new ArrayList<>();
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * @param observer looks at what is ({@link ForgeObserver})
     * @return this builder
     */
    public Builder observer(PackageObserver observer) {
      this.observer = observer;
      return this;
    }

    /**
     * @param sink the bot's queue
     * @return this builder
     */
    public Builder sink(JobSink sink) {
      this.sink = sink;
      return this;
    }

    /**
     * @param history the job history: read for queued and running jobs, written with decisions and queued jobs
     * @return this builder
     */
    public Builder history(JobHistory history) {
      this.history = history;
      return this;
    }

    /**
     * @param aliases the release list, asked on every run so new Fedora releases count (e.g. {@code BodhiReleases::aliases})
     * @return this builder
     */
    public Builder aliases(Supplier<DistroAliases> aliases) {
      this.aliases = Objects.requireNonNull(aliases, "aliases");
      return this;
    }

    /**
     * @param user the bot's user (its pull requests and builds count as its own)
     * @return this builder
     */
    public Builder botUser(String user) {
      this.botUser = Objects.requireNonNull(user, "botUser");
      return this;
    }

    /**
     * @param clock the time of decisions and queued jobs
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param packages packages to reconcile, added to those before
     * @return this builder
     */
    public Builder watch(WatchedPackage... packages) {
      watched.addAll(List.of(packages));
      return this;
    }

    /**
     * @param packages packages to reconcile, added to those before
     * @return this builder
     */
    public Builder watch(List<WatchedPackage> packages) {
      watched.addAll(packages);
      return this;
    }

    /**
     * @param scheduler runs {@link #start(Duration)}'s schedule; the reconciler does not shut it down
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** @return the reconciler */
    public Reconciler build() {
      return new Reconciler(this);
    }
  }
}
