package dev.packit.fedora.jobs;

import java.util.List;

/**
 * What a trigger starts under a config: the job requests, and why it started no other job.
 * Empty {@link #requests()} always come with at least one skip.
 *
 * <pre>{@code
 * DispatchResult result = dispatcher.dispatch(trigger, config);
 * result.requests().forEach(queue::submit);
 * result.skips().forEach(s -> log.info("{}: {}", trigger.describe(), s.describe()));
 * }</pre>
 *
 * @param requests the jobs to plan, in config order
 * @param skips why jobs were not started
 * @since 0.2.0
 */
public record DispatchResult(List<JobRequest> requests, List<JobSkip> skips) {
  /** Validates the components. */
  public DispatchResult {
    requests = List.copyOf(requests);
    skips = List.copyOf(skips);
    if (requests.isEmpty() && skips.isEmpty()) {
      throw new IllegalArgumentException("a dispatch without requests says why (a skip)");
    }
  }

  /**
   * A result with no job.
   *
   * @param reason why
   * @param detail what exactly
   * @return the result
   */
  public static DispatchResult skipped(JobSkip.Reason reason, String detail) {
    return new DispatchResult(List.of(), List.of(new JobSkip(reason, detail)));
  }

  /** @return whether the trigger started no job */
  public boolean isEmpty() {
    return requests.isEmpty();
  }
}
