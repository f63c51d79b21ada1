package dev.packit.core.config;

import dev.packit.core.internal.config.YamlWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded {@code .packit.yaml}: the layers as written (top level, {@code packages:}, {@code jobs:}) and
 * the effective per-package and per-job views Packit works with.
 *
 * <pre>{@code
 * PackitConfig c = PackitConfigLoader.builder().repositoryName("hello").build().load("""
 *     specfile_path: hello.spec
 *     jobs:
 *     - job: propose_downstream
 *       trigger: release
 *       dist_git_branches: [fedora-all, epel-9]
 *     """, ".packit.yaml");
 * JobView v = c.jobViews(JobType.PROPOSE_DOWNSTREAM).get(0);
 * v.config().distGitBranches().names();   // [fedora-all, epel-9]
 * v.config().downstreamPackageName();     // Optional[hello] (the repository name)
 * String yaml = c.toYaml();               // write it back
 * }</pre>
 *
 * <p>Inheritance: Packit's defaults, then the top level, then the package, then the job, then the job's
 * {@code packages:} entry; each key set on a more specific level replaces the whole value (an
 * {@code actions} mapping is replaced, not merged). Where Packit itself is surprising (packit#2320),
 * packit-java decides differently and warns: see {@code docs/config.md}.
 */
public final class PackitConfig {
  private final CommonConfig topLevel;
  private final Map<String, CommonConfig> packageLayers;
  private final List<JobConfig> jobs;
  private final boolean jobsDefaulted;
  private final String repositoryName;
  private final Map<String, String> discoveredSpecfiles;

  private PackitConfig(Builder b) {
    this.topLevel = b.topLevel;
    this.packageLayers = Collections.unmodifiableMap(new LinkedHashMap<>(b.packageLayers));
    this.jobs = List.copyOf(b.jobs);
    this.jobsDefaulted = b.jobsDefaulted;
    this.repositoryName = b.repositoryName;
    this.discoveredSpecfiles = Map.copyOf(b.discoveredSpecfiles);
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a builder from this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.topLevel = topLevel;
    b.packageLayers = new LinkedHashMap<>(packageLayers);
    b.jobs = new ArrayList<>(jobs);
    b.jobsDefaulted = jobsDefaulted;
    b.repositoryName = repositoryName;
    b.discoveredSpecfiles = new LinkedHashMap<>(discoveredSpecfiles);
    return b;
  }

  /** The keys set at the top level. */
  public CommonConfig topLevel() {
    return topLevel;
  }

  /** Whether the file has a {@code packages:} section. */
  public boolean monorepo() {
    return !packageLayers.isEmpty();
  }

  /** The {@code packages:} entries as written (empty when not a monorepo). */
  public Map<String, CommonConfig> packageLayers() {
    return packageLayers;
  }

  /** The jobs, with multi-trigger jobs already split. */
  public List<JobConfig> jobs() {
    return jobs;
  }

  /** Whether {@code jobs:} was absent, so Packit's default jobs apply. */
  public boolean jobsDefaulted() {
    return jobsDefaulted;
  }

  /** The repository name used for defaults, if known. */
  public Optional<String> repositoryName() {
    return repositoryName.isEmpty() ? Optional.empty() : Optional.of(repositoryName);
  }

  /**
   * The packages and their effective configuration (defaults applied): one entry named after the
   * downstream package for a plain config, one per {@code packages:} entry for a monorepo.
   *
   * @return package name to effective configuration
   */
  public Map<String, CommonConfig> packages() {
    Map<String, CommonConfig> out = new LinkedHashMap<>();
    if (!monorepo()) {
      String name = topLevel.downstreamPackageName().orElse(repositoryName);
      out.put(name, withDefaults(name, topLevel, topLevel.downstreamPackageName().isPresent()));
      return out;
    }
    Optional<String> url = topLevel.upstreamProjectUrl();
    packageLayers.forEach((name, layer) -> {
      CommonConfig eff = topLevel.overlay(layer);
      if (url.isPresent()) {
        // Packit copies a top-level upstream_project_url into every package, over the package's own.
        eff = eff.toBuilder().set("upstream_project_url", url.get()).build();
      }
      out.put(name, withDefaults(name, eff, eff.downstreamPackageName().isPresent()));
    });
    return out;
  }

  private CommonConfig withDefaults(String name, CommonConfig eff, boolean explicitDpn) {
    CommonConfig.Builder b = eff.toBuilder();
    String dpn = eff.downstreamPackageName().orElse(name);
    if (!dpn.isEmpty()) {
      b.set("downstream_package_name", dpn);
    }
    if (eff.upstreamPackageName().isEmpty() && !repositoryName.isEmpty()) {
      b.set("upstream_package_name", repositoryName);
    }
    if (eff.specfilePath().isEmpty()) {
      String found = discoveredSpecfiles.get(name);
      if (explicitDpn) {
        b.set("specfile_path", dpn + ".spec");
      } else if (found != null) {
        b.set("specfile_path", found);
      } else if (monorepo() && !dpn.isEmpty()) {
        b.set("specfile_path", dpn + ".spec");
      }
    }
    return b.build();
  }

  /**
   * The effective configuration of one package.
   *
   * @param name the package name
   * @return the configuration, empty when no such package
   */
  public Optional<CommonConfig> packageConfig(String name) {
    return Optional.ofNullable(packages().get(name));
  }

  /**
   * The only package of a plain (non-monorepo) or single-package config.
   *
   * @return the effective configuration
   * @throws IllegalStateException when there are several packages
   */
  public CommonConfig singlePackage() {
    Map<String, CommonConfig> p = packages();
    if (p.size() != 1) {
      throw new IllegalStateException("the config has " + p.size() + " packages " + p.keySet() + "; pick one");
    }
    return p.values().iterator().next();
  }

  /** Every job narrowed to each of its packages, in job order. */
  public List<JobView> jobViews() {
    Map<String, CommonConfig> pkgs = packages();
    List<JobView> out = new ArrayList<>();
    for (JobConfig job : jobs) {
      List<String> names = job.packages().isEmpty() ? new ArrayList<>(pkgs.keySet()) : new ArrayList<>(job.packages().keySet());
      for (String name : names) {
        CommonConfig base = pkgs.get(name);
        if (base == null) {
          continue;
        }
        CommonConfig eff = base.overlay(job.overrides()).overlay(job.packages().getOrDefault(name, CommonConfig.EMPTY));
        out.add(new JobView(job, name, eff));
      }
    }
    return out;
  }

  /** The job views of one type. */
  public List<JobView> jobViews(JobType type) {
    List<JobView> out = new ArrayList<>();
    for (JobView v : jobViews()) {
      if (v.type() == type) {
        out.add(v);
      }
    }
    return out;
  }

  /** The job views of one package. */
  public List<JobView> jobViews(String packageName) {
    List<JobView> out = new ArrayList<>();
    for (JobView v : jobViews()) {
      if (v.packageName().equals(packageName)) {
        out.add(v);
      }
    }
    return out;
  }

  /** Writes the config back as YAML (the layers as written; loading it again gives an equal config). */
  public String toYaml() {
    return YamlWriter.write(this);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PackitConfig)) {
      return false;
    }
    PackitConfig c = (PackitConfig) o;
    return topLevel.equals(c.topLevel) && packageLayers.equals(c.packageLayers) && jobs.equals(c.jobs)
        && jobsDefaulted == c.jobsDefaulted && repositoryName.equals(c.repositoryName)
        && discoveredSpecfiles.equals(c.discoveredSpecfiles);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topLevel, packageLayers, jobs, jobsDefaulted, repositoryName);
  }

  @Override
  public String toString() {
    return "PackitConfig[packages=" + packages().keySet() + ", jobs=" + jobs.size() + "]";
  }

  /** Builds a {@link PackitConfig} in code (for tools that generate configs). */
  public static final class Builder {
    private CommonConfig topLevel = CommonConfig.EMPTY;
    private Map<String, CommonConfig> packageLayers = new LinkedHashMap<>();
    private List<JobConfig> jobs = new ArrayList<>();
    private boolean jobsDefaulted;
    private String repositoryName = "";
    private Map<String, String> discoveredSpecfiles = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the top-level keys. */
    public Builder topLevel(CommonConfig v) {
      topLevel = Objects.requireNonNull(v);
      return this;
    }

    /** Adds or replaces a {@code packages:} entry. */
    public Builder addPackage(String name, CommonConfig layer) {
      packageLayers.put(name, layer);
      return this;
    }

    /** Adds a job. */
    public Builder addJob(JobConfig job) {
      jobs.add(job);
      jobsDefaulted = false;
      return this;
    }

    /** Replaces the jobs. */
    public Builder jobs(List<JobConfig> v) {
      jobs = new ArrayList<>(v);
      return this;
    }

    /** Marks the jobs as Packit's defaults (not written back). */
    public Builder jobsDefaulted(boolean v) {
      jobsDefaulted = v;
      return this;
    }

    /** Sets the repository name used for defaults. */
    public Builder repositoryName(String v) {
      repositoryName = v == null ? "" : v;
      return this;
    }

    /** Records a spec file found in the repository for a package without one. */
    public Builder discoveredSpecfile(String packageName, String path) {
      discoveredSpecfiles.put(packageName, path);
      return this;
    }

    /** Builds the config. */
    public PackitConfig build() {
      return new PackitConfig(this);
    }
  }
}
