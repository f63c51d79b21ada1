package dev.packit.core.config;

import dev.packit.core.internal.config.Binder;
import dev.packit.core.internal.config.Keys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys that may appear at top level, in a package or in a job ({@code CommonConfigSchema}), as one
 * immutable layer: only the keys set at that level are stored; accessors fall back to Packit's defaults.
 * A layer put over another replaces whole values (an {@code actions} mapping is replaced, not merged).
 *
 * <pre>{@code
 * CommonConfig top = CommonConfig.builder().set("upstream_tag_template", "v{version}").build();
 * CommonConfig job = CommonConfig.builder().distGitBranches(DistGitBranches.of("fedora-all")).build();
 * CommonConfig effective = top.overlay(job);
 * effective.upstreamTagTemplate();   // "v{version}"
 * effective.createPr();              // true (Packit's default)
 * }</pre>
 */
public final class CommonConfig {
  /** A layer with nothing set. */
  public static final CommonConfig EMPTY = new CommonConfig(Map.of());

  private final Map<String, Object> values;

  private CommonConfig(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder(Map.of());
  }

  /** Starts a builder from this layer. */
  public Builder toBuilder() {
    return new Builder(values);
  }

  /** Every key Packit knows at this level, in schema order. */
  public static Set<String> knownKeys() {
    return Keys.COMMON.keySet();
  }

  /** The keys set in this layer (an explicit {@code null} counts as set). */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Whether a key is set in this layer. */
  public boolean isSet(String key) {
    return values.containsKey(key);
  }

  /**
   * The value set for a key, typed as the accessors return it; empty when unset or set to null.
   *
   * @param key a YAML key, e.g. {@code "fmf_url"}
   * @return the value
   */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value of a key, or Packit's default for it (null when it has none). */
  private Object value(String key) {
    Object v = values.get(key);
    if (v != null) {
      return v;
    }
    Keys.Spec spec = Keys.COMMON.get(key);
    return spec == null ? null : spec.defaultValue();
  }

  /**
   * This layer with {@code over} put on top: every key set in {@code over} replaces this one's.
   *
   * @param over the more specific layer
   * @return the merged layer
   */
  public CommonConfig overlay(CommonConfig over) {
    if (over.values.isEmpty()) {
      return this;
    }
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.putAll(over.values);
    return new CommonConfig(m);
  }

  /** The raw map of this layer (unmodifiable; may hold null values). */
  public Map<String, Object> asMap() {
    return values;
  }

  private Optional<String> str(String key) {
    return Optional.ofNullable((String) value(key));
  }

  @SuppressWarnings("unchecked")
  private List<String> list(String key) {
    Object v = value(key);
    return v == null ? List.of() : (List<String>) v;
  }

  private boolean bool(String key) {
    return (Boolean) value(key);
  }

  /** {@code specfile_path} as written (see {@link PackitConfig#packages()} for the defaulted value). */
  public Optional<String> specfilePath() {
    return str("specfile_path");
  }

  /** {@code downstream_package_name}. */
  public Optional<String> downstreamPackageName() {
    return str("downstream_package_name");
  }

  /** {@code upstream_package_name}. */
  public Optional<String> upstreamPackageName() {
    return str("upstream_package_name");
  }

  /** {@code upstream_project_url}. */
  public Optional<String> upstreamProjectUrl() {
    return str("upstream_project_url");
  }

  /** {@code paths}, default {@code ["./"]}. */
  public List<String> paths() {
    return list("paths");
  }

  /** {@code upstream_tag_template}, default {@code "{version}"}. */
  public String upstreamTagTemplate() {
    return (String) value("upstream_tag_template");
  }

  /** {@code upstream_tag_include}, default empty (every tag). */
  public String upstreamTagInclude() {
    return (String) value("upstream_tag_include");
  }

  /** {@code upstream_tag_exclude}, default empty (no tag). */
  public String upstreamTagExclude() {
    return (String) value("upstream_tag_exclude");
  }

  /** {@code dist_git_base_url}. */
  public Optional<String> distGitBaseUrl() {
    return str("dist_git_base_url");
  }

  /** {@code dist_git_namespace}. */
  public Optional<String> distGitNamespace() {
    return str("dist_git_namespace");
  }

  /** {@code allowed_gpg_keys}; empty list when unset. */
  public List<String> allowedGpgKeys() {
    return list("allowed_gpg_keys");
  }

  /** {@code spec_source_id}, an int N normalised to {@code SourceN}; default {@code Source0}. */
  public String specSourceId() {
    return (String) value("spec_source_id");
  }

  /** {@code files_to_sync}; empty means the spec and the config file. */
  @SuppressWarnings("unchecked")
  public List<FilesToSyncItem> filesToSync() {
    return (List<FilesToSyncItem>) value("files_to_sync");
  }

  /** {@code actions}: each action's commands. */
  @SuppressWarnings("unchecked")
  public Map<ActionName, List<ActionCommand>> actions() {
    return (Map<ActionName, List<ActionCommand>>) value("actions");
  }

  /** The commands of one action, if configured. */
  public Optional<List<ActionCommand>> action(ActionName name) {
    return Optional.ofNullable(actions().get(name));
  }

  /** {@code create_pr}, default true. */
  public boolean createPr() {
    return bool("create_pr");
  }

  /** {@code sync_changelog}, default false. */
  public boolean syncChangelog() {
    return bool("sync_changelog");
  }

  /** {@code create_sync_note}, default true. */
  public boolean createSyncNote() {
    return bool("create_sync_note");
  }

  /** {@code notifications}. */
  public Notifications notifications() {
    return (Notifications) value("notifications");
  }

  /** {@code copy_upstream_release_description}, default false. */
  public boolean copyUpstreamReleaseDescription() {
    return bool("copy_upstream_release_description");
  }

  /** {@code sources}. */
  @SuppressWarnings("unchecked")
  public List<SourceItem> sources() {
    Object v = value("sources");
    return v == null ? List.of() : (List<SourceItem>) v;
  }

  /** {@code identifier}. */
  public Optional<String> identifier() {
    return str("identifier");
  }

  /** {@code packit_instances}, default {@code [prod]}. */
  @SuppressWarnings("unchecked")
  public List<Deployment> packitInstances() {
    return (List<Deployment>) value("packit_instances");
  }

  /** {@code issue_repository}. */
  public Optional<String> issueRepository() {
    return str("issue_repository");
  }

  /** {@code prerelease_suffix_pattern}. */
  public String prereleaseSuffixPattern() {
    return (String) value("prerelease_suffix_pattern");
  }

  /** {@code prerelease_suffix_macro}. */
  public Optional<String> prereleaseSuffixMacro() {
    return str("prerelease_suffix_macro");
  }

  /** {@code upload_sources}, default true. */
  public boolean uploadSources() {
    return bool("upload_sources");
  }

  /** {@code require.label}. */
  public LabelRequirements requiredLabels() {
    Object v = value("require");
    return v == null ? LabelRequirements.NONE : (LabelRequirements) v;
  }

  /** {@code targets}. */
  public Targets targets() {
    Object v = value("targets");
    return v == null ? Targets.EMPTY : (Targets) v;
  }

  /** {@code timeout}, default 7200. */
  public int timeout() {
    return (Integer) value("timeout");
  }

  /** {@code dist_git_branches}. */
  public DistGitBranches distGitBranches() {
    Object v = value("dist_git_branches");
    return v == null ? DistGitBranches.EMPTY : (DistGitBranches) v;
  }

  /** {@code branch}. */
  public Optional<String> branch() {
    return str("branch");
  }

  /** {@code scratch}, default false. */
  public boolean scratch() {
    return bool("scratch");
  }

  /** {@code allowed_pr_authors}, default {@code [packit]}. */
  public List<String> allowedPrAuthors() {
    return list("allowed_pr_authors");
  }

  /** {@code allowed_committers}, default empty. */
  public List<String> allowedCommitters() {
    return list("allowed_committers");
  }

  /** {@code allowed_builders}, default {@code [packit]}. */
  public List<String> allowedBuilders() {
    return list("allowed_builders");
  }

  /** {@code bodhi_extra_params}; empty when unset. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> bodhiExtraParams() {
    Object v = value("bodhi_extra_params");
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  /** {@code pkg_tool}. */
  public Optional<String> pkgTool() {
    return str("pkg_tool");
  }

  /** {@code sig}. */
  public Optional<String> sig() {
    return str("sig");
  }

  /** {@code version_update_mask}: a regex matched at the start of the old and new version. */
  public Optional<String> versionUpdateMask() {
    return str("version_update_mask");
  }

  /** {@code version_update_specifiers}. */
  public Optional<VersionSpecifiers> versionUpdateSpecifiers() {
    return Optional.ofNullable((VersionSpecifiers) value("version_update_specifiers"));
  }

  /** {@code parse_time_macros}: name to value, a null value undefines the macro. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> parseTimeMacros() {
    Object v = value("parse_time_macros");
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  /** {@code clone_repos_before_run_condition}, default false. */
  public boolean cloneReposBeforeRunCondition() {
    return bool("clone_repos_before_run_condition");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommonConfig && ((CommonConfig) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "CommonConfig" + values;
  }

  /**
   * Builds a layer; values are checked against the key's type.
   *
   * <pre>{@code
   * CommonConfig c = CommonConfig.builder().specfilePath("hello.spec").set("scratch", true).build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, Object> values;

    private Builder(Map<String, Object> initial) {
      values = new LinkedHashMap<>(initial);
    }

    /**
     * Sets a key to a typed value (the type its accessor returns; Integer for ints, List of String for lists).
     *
     * @param key the YAML key
     * @param value the value, or null for an explicit null
     * @return this builder
     * @throws IllegalArgumentException for an unknown key or a value of the wrong type
     */
    public Builder set(String key, Object value) {
      Keys.Spec spec = Keys.COMMON.get(key);
      if (spec == null) {
        throw new IllegalArgumentException("unknown key '" + key + "'");
      }
      if (value == null && !spec.nullable()) {
        throw new IllegalArgumentException(key + " may not be null");
      }
      if (value instanceof String regex && spec.kind() == Keys.Kind.REGEX) {
        // Fails here, naming the key, rather than when a job first uses the pattern.
        ConfigRegex.problem(regex).ifPresent(problem -> {
          throw new IllegalArgumentException(key + " '" + regex + "': " + problem);
        });
      }
      if (value != null && !Binder.accepts(spec.kind(), value)) {
        throw new IllegalArgumentException(key + " does not take a " + value.getClass().getSimpleName());
      }
      values.put(key, Binder.freeze(value));
      return this;
    }

    /** Removes a key from this layer. */
    public Builder unset(String key) {
      values.remove(key);
      return this;
    }

    /** Sets {@code specfile_path}. */
    public Builder specfilePath(String v) {
      return set("specfile_path", Objects.requireNonNull(v));
    }

    /** Sets {@code downstream_package_name}. */
    public Builder downstreamPackageName(String v) {
      return set("downstream_package_name", Objects.requireNonNull(v));
    }

    /** Sets {@code upstream_package_name}. */
    public Builder upstreamPackageName(String v) {
      return set("upstream_package_name", Objects.requireNonNull(v));
    }

    /** Sets {@code upstream_project_url}. */
    public Builder upstreamProjectUrl(String v) {
      return set("upstream_project_url", Objects.requireNonNull(v));
    }

    /** Sets {@code upstream_tag_template}. */
    public Builder upstreamTagTemplate(String v) {
      return set("upstream_tag_template", Objects.requireNonNull(v));
    }

    /** Sets {@code dist_git_branches}. */
    public Builder distGitBranches(DistGitBranches v) {
      return set("dist_git_branches", Objects.requireNonNull(v));
    }

    /** Sets {@code targets}. */
    public Builder targets(Targets v) {
      return set("targets", Objects.requireNonNull(v));
    }

    /** Sets {@code files_to_sync}. */
    public Builder filesToSync(List<FilesToSyncItem> v) {
      return set("files_to_sync", new ArrayList<>(v));
    }

    /** Sets {@code actions} (replacing any actions of lower layers). */
    public Builder actions(Map<ActionName, List<ActionCommand>> v) {
      return set("actions", new LinkedHashMap<>(v));
    }

    /** Builds the layer. */
    public CommonConfig build() {
      return new CommonConfig(values);
    }
  }
}
