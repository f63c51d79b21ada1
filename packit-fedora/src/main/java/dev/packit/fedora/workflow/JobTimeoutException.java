package dev.packit.fedora.workflow;

import org.jspecify.annotations.Nullable;
import dev.packit.core.PackitException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A job ran past its time limit ({@link ReleaseWorkflow.Builder#jobTimeout}): planning or applying
 * stopped at the step it was in. Nothing is left half-written: a step cut short is like a crash at
 * that step, and running the job again finishes what is left without duplicates (the crash-resume
 * guarantee of {@link ReleaseWorkflow}), so the error is retryable.
 *
 * <pre>{@code
 * try {
 *   workflow.apply(plan);
 * } catch (JobTimeoutException e) {
 *   log.warn("{} (limit {}), stopped in: {}", plan.packageName(), e.limit(), e.step());
 *   e.result().ifPresent(r -> r.failed().forEach(b -> log.warn("{}: {}", b.branch(), b.detail())));
 * }
 * }</pre>
 */
public class JobTimeoutException extends PackitException {
  private static final long serialVersionUID = 1L;

  private final String step;
  private final Duration limit;
  private final transient RunResult result;

  /**
   * Creates an exception.
   *
   * @param step the step the job was in, e.g. {@code upload on branch f43}
   * @param limit the job's time limit
   * @param result what apply did per branch before it stopped, or {@code null} when planning
   * @param cause what the interrupted step threw, may be {@code null}
   */
  public JobTimeoutException(String step, Duration limit, @Nullable RunResult result, @Nullable Throwable cause) {
    super("job time limit of " + limit.toSeconds() + " s passed during step: " + step, cause);
    this.step = Objects.requireNonNull(step, "step");
    this.limit = Objects.requireNonNull(limit, "limit");
    this.result = result;
  }

  /** @return the step the job was in when the limit passed */
  public String step() {
    return step;
  }

  /** @return the job's time limit */
  public Duration limit() {
    return limit;
  }

  /** @return the per-branch results of an apply that stopped, empty when planning stopped */
  public Optional<RunResult> result() {
    return Optional.ofNullable(result);
  }

  /** @return true: the job resumes where it stopped when run again */
  @Override
  public boolean retryable() {
    return true;
  }
}
