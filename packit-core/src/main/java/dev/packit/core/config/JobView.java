package dev.packit.core.config;

/**
 * A job narrowed to one package, with the effective configuration after inheritance:
 * defaults, then top level, then package, then job, then the job's {@code packages:} entry.
 *
 * <pre>{@code
 * for (JobView v : config.jobViews(JobType.PROPOSE_DOWNSTREAM)) {
 *   System.out.println(v.packageName() + " -> " + v.config().distGitBranches().names());
 * }
 * }</pre>
 *
 * @param job the job
 * @param packageName the package
 * @param config the effective configuration
 */
public record JobView(JobConfig job, String packageName, CommonConfig config) {
  /** The job type. */
  public JobType type() {
    return job.type();
  }

  /** The trigger. */
  public JobTrigger trigger() {
    return job.trigger();
  }

  /** {@code identifier}, defaulting to the package name (as Packit's job views do). */
  public String identifier() {
    return config.identifier().orElse(packageName);
  }
}
