package dev.packit.core.config;

import java.util.Optional;

/**
 * The {@code job:} of a Packit job, as written in YAML.
 *
 * <pre>{@code
 * JobType t = JobType.fromYaml("propose_downstream").orElseThrow();
 * assert t.yamlName().equals("propose_downstream");
 * }</pre>
 */
public enum JobType {
  /** Open dist-git PRs from an upstream release (upstream repository config). */
  PROPOSE_DOWNSTREAM("propose_downstream"),
  /** Open dist-git PRs from an upstream release (dist-git config). */
  PULL_FROM_UPSTREAM("pull_from_upstream"),
  /** Sync dist-git changes back upstream (CLI only). */
  SYNC_FROM_DOWNSTREAM("sync_from_downstream"),
  /** Copr builds. */
  COPR_BUILD("copr_build"),
  /** Koji scratch builds from upstream. */
  UPSTREAM_KOJI_BUILD("upstream_koji_build"),
  /** Koji builds from dist-git. */
  KOJI_BUILD("koji_build"),
  /** Testing Farm runs. */
  TESTS("tests"),
  /** Bodhi updates for finished Koji builds. */
  BODHI_UPDATE("bodhi_update"),
  /** VM image builds. */
  VM_IMAGE_BUILD("vm_image_build"),
  /** Packit's internal job reacting to sidetag tagging. */
  KOJI_BUILD_TAG("koji_build_tag");

  private final String yamlName;

  JobType(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in {@code .packit.yaml}. */
  public String yamlName() {
    return yamlName;
  }

  /** Looks a type up by its YAML name. */
  public static Optional<JobType> fromYaml(String name) {
    for (JobType t : values()) {
      if (t.yamlName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
