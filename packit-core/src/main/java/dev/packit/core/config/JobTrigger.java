package dev.packit.core.config;

import java.util.Optional;

/**
 * The {@code trigger:} of a Packit job. {@code "commit | koji_build"} in YAML becomes two jobs.
 *
 * <pre>{@code
 * JobTrigger t = JobTrigger.fromYaml("koji_build").orElseThrow();
 * }</pre>
 */
public enum JobTrigger {
  /** An upstream release (or the-new-hotness for pull_from_upstream). */
  RELEASE("release"),
  /** A pull request (or a dist-git PR comment command). */
  PULL_REQUEST("pull_request"),
  /** A push; for bodhi_update, a finished Koji build. */
  COMMIT("commit"),
  /** A build tagged into a sidetag. */
  KOJI_BUILD("koji_build"),
  /** Never triggered automatically. */
  IGNORE("ignore");

  private final String yamlName;

  JobTrigger(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in {@code .packit.yaml}. */
  public String yamlName() {
    return yamlName;
  }

  /** Looks a trigger up by its YAML name. */
  public static Optional<JobTrigger> fromYaml(String name) {
    for (JobTrigger t : values()) {
      if (t.yamlName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
