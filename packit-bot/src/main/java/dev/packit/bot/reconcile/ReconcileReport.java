package dev.packit.bot.reconcile;

import dev.packit.bot.history.ReconcileDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one reconciliation run did.
 *
 * <pre>{@code
 * ReconcileReport report = reconciler.runOnce();
 * report.enqueued().forEach(a -> System.out.println(a.jobId()));
 * }</pre>
 *
 * @param at when the run started
 * @param verdicts every verdict, per package in watch order
 * @param enqueued the jobs handed to the sink
 * @param recorded the decisions written to the history (unchanged NONE verdicts are not written again)
 * @param failures per package that could not be reconciled, the cause
 */
public record ReconcileReport(Instant at, List<Verdict> verdicts, List<ReconcileAction> enqueued,
    List<ReconcileDecision> recorded, Map<String, String> failures) {
  /** Validates the components. */
  public ReconcileReport {
    Objects.requireNonNull(at, "at");
    verdicts = List.copyOf(verdicts);
    enqueued = List.copyOf(enqueued);
    recorded = List.copyOf(recorded);
    failures = Map.copyOf(failures);
  }
}
