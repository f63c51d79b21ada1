package dev.packit.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One job of {@code jobs:} with a single trigger ({@code trigger: "commit | koji_build"} is loaded as two
 * jobs). {@code overrides} holds the common keys set on the job; {@code packages} the job's package
 * selection (empty: every package) with per-package overrides.
 *
 * <pre>{@code
 * JobConfig job = JobConfig.builder(JobType.PROPOSE_DOWNSTREAM, JobTrigger.RELEASE)
 *     .overrides(CommonConfig.builder().distGitBranches(DistGitBranches.of("fedora-all")).build())
 *     .build();
 * }</pre>
 *
 * @param type {@code job}
 * @param trigger {@code trigger}
 * @param overrides the common keys set on the job (including a deprecated {@code metadata:} block)
 * @param packages selected package to its job-specific overrides; empty selects every package
 * @param packagesAsMapping whether {@code packages:} was written as a mapping (else a list, or absent)
 * @param skipBuild {@code skip_build}
 * @param manualTrigger {@code manual_trigger}
 * @param labels {@code labels}
 * @param sidetagGroup {@code sidetag_group}
 * @param dependents {@code dependents}
 * @param dependencies {@code dependencies}
 * @param sourceIndex index of the job in the YAML {@code jobs:} list (-1 when built in code)
 */
public record JobConfig(JobType type, JobTrigger trigger, CommonConfig overrides, Map<String, CommonConfig> packages,
    boolean packagesAsMapping, boolean skipBuild, boolean manualTrigger, List<String> labels,
    Optional<String> sidetagGroup, List<String> dependents, List<String> dependencies, int sourceIndex) {

  /** Validates and copies. */
  public JobConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(overrides, "overrides");
    packages = Collections.unmodifiableMap(new LinkedHashMap<>(packages));
    labels = List.copyOf(labels);
    Objects.requireNonNull(sidetagGroup, "sidetagGroup");
    dependents = List.copyOf(dependents);
    dependencies = List.copyOf(dependencies);
  }

  /** Starts a builder. */
  public static Builder builder(JobType type, JobTrigger trigger) {
    return new Builder(type, trigger);
  }

  /** Starts a builder from this job. */
  public Builder toBuilder() {
    Builder b = new Builder(type, trigger);
    b.overrides = overrides;
    b.packages = new LinkedHashMap<>(packages);
    b.packagesAsMapping = packagesAsMapping;
    b.skipBuild = skipBuild;
    b.manualTrigger = manualTrigger;
    b.labels = labels;
    b.sidetagGroup = sidetagGroup.orElse(null);
    b.dependents = dependents;
    b.dependencies = dependencies;
    b.sourceIndex = sourceIndex;
    return b;
  }

  /** Builds a {@link JobConfig}. */
  public static final class Builder {
    private JobType type;
    private JobTrigger trigger;
    private CommonConfig overrides = CommonConfig.EMPTY;
    private Map<String, CommonConfig> packages = new LinkedHashMap<>();
    private boolean packagesAsMapping;
    private boolean skipBuild;
    private boolean manualTrigger;
    private List<String> labels = List.of();
    private String sidetagGroup;
    private List<String> dependents = List.of();
    private List<String> dependencies = List.of();
    private int sourceIndex = -1;

    private Builder(JobType type, JobTrigger trigger) {
      this.type = type;
      this.trigger = trigger;
    }

    /** Sets the job type. */
    public Builder type(JobType v) {
      type = v;
      return this;
    }

    /** Sets the trigger. */
    public Builder trigger(JobTrigger v) {
      trigger = v;
      return this;
    }

    /** Sets the job-level common keys. */
    public Builder overrides(CommonConfig v) {
      overrides = v;
      return this;
    }

    /** Selects packages without overrides (the list form). */
    public Builder packages(List<String> names) {
      packages = new LinkedHashMap<>();
      names.forEach(n -> packages.put(n, CommonConfig.EMPTY));
      packagesAsMapping = false;
      return this;
    }

    /** Selects packages with overrides (the mapping form). */
    public Builder packages(Map<String, CommonConfig> v) {
      packages = new LinkedHashMap<>(v);
      packagesAsMapping = true;
      return this;
    }

    /** Sets {@code skip_build}. */
    public Builder skipBuild(boolean v) {
      skipBuild = v;
      return this;
    }

    /** Sets {@code manual_trigger}. */
    public Builder manualTrigger(boolean v) {
      manualTrigger = v;
      return this;
    }

    /** Sets {@code labels}. */
    public Builder labels(List<String> v) {
      labels = v;
      return this;
    }

    /** Sets {@code sidetag_group} (null clears it). */
    public Builder sidetagGroup(String v) {
      sidetagGroup = v;
      return this;
    }

    /** Sets {@code dependents}. */
    public Builder dependents(List<String> v) {
      dependents = v;
      return this;
    }

    /** Sets {@code dependencies}. */
    public Builder dependencies(List<String> v) {
      dependencies = v;
      return this;
    }

    /** Sets the index of the job in the YAML list. */
    public Builder sourceIndex(int v) {
      sourceIndex = v;
      return this;
    }

    /** Builds the job. */
    public JobConfig build() {
      return new JobConfig(type, trigger, overrides, packages, packagesAsMapping, skipBuild, manualTrigger, labels,
          Optional.ofNullable(sidetagGroup), dependents, dependencies, sourceIndex);
    }
  }
}
