package dev.packit.core.internal.config;

import dev.packit.core.config.Deployment;
import dev.packit.core.config.DistGitBranches;
import dev.packit.core.config.Notifications;
import dev.packit.core.config.Targets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry of every key Packit's schema knows: kind, nullability, default, description. */
public final class Keys {
  private Keys() {}

  /** How a key's value is bound. */
  public enum Kind {
    STRING, BOOL, INT, NON_NEG_INT, STRING_LIST, DICT, FILES_TO_SYNC, ACTIONS, NOTIFICATIONS, SOURCES,
    DEPLOYMENTS, BOOTSTRAP, TARGETS, DIST_GIT_BRANCHES, SPEC_SOURCE_ID, REPO_NAME, SPECIFIERS, TEST_COMMAND,
    REQUIRE, OSH_OPTIONS, NOT_PROCESSED,
    /** A string that RE2/J must compile (config regexes run in linear time). */
    REGEX
  }

  /**
   * One key.
   *
   * @param name the YAML name
   * @param kind how it binds
   * @param nullable whether {@code null} is accepted (marshmallow's allow_none)
   * @param defaultValue Packit's default (null: none)
   * @param description one line for the JSON Schema
   */
  public record Spec(String name, Kind kind, boolean nullable, Object defaultValue, String description) {}

  /** Keys valid at top level, in packages and in jobs. */
  public static final Map<String, Spec> COMMON;

  /** Keys that exist only on a job. */
  public static final Set<String> JOB_ONLY = ordered("job", "trigger", "skip_build", "manual_trigger", "labels",
      "packages", "package", "sidetag_group", "dependents", "dependencies", "metadata");

  /** Keys allowed inside the deprecated job {@code metadata:} block. */
  public static final Set<String> METADATA = ordered("targets", "timeout", "owner", "project", "dist_git_branches",
      "branch", "scratch", "list_on_homepage", "preserve_project", "use_internal_tf", "additional_packages",
      "additional_repos", "bootstrap", "fmf_url", "fmf_ref", "fmf_path", "skip_build", "env", "enable_net",
      "tmt_plan", "tf_post_install_script", "tf_extra_params", "module_hotfixes");

  /** Old keys Packit removed, with what replaced them. */
  public static final Map<String, String> REMOVED = Map.of(
      "synced_files", "it was removed from Packit; use 'files_to_sync'",
      "upstream_project_name", "it was removed from Packit; use 'upstream_package_name'",
      "current_version_command", "it was removed from Packit; use the 'get-current-version' action",
      "create_tarball_command", "it was removed from Packit; use the 'create-archive' action",
      "follow_fedora_branching", "Packit documents it but its schema rejects it",
      "jobs_metadata", "it is not a Packit key");

  /** The default value of {@code prerelease_suffix_pattern}. */
  public static final String PRERELEASE_PATTERN = "([.\\-_~^]?)(alpha|beta|rc|pre(view)?)([.\\-_]?\\d+)?";

  static {
    Map<String, Spec> m = new LinkedHashMap<>();
    s(m, "config_file_path", Kind.STRING, true, null, "Path of the config file (set by Packit).");
    s(m, "specfile_path", Kind.STRING, true, null, "Upstream spec path; default <downstream_package_name>.spec.");
    s(m, "downstream_package_name", Kind.STRING, true, null, "Fedora package name; default repo name or package key.");
    s(m, "upstream_project_url", Kind.STRING, true, null, "Upstream git URL (pull_from_upstream clones it).");
    s(m, "upstream_package_name", Kind.REPO_NAME, true, null, "Upstream name; default the repository name.");
    s(m, "paths", Kind.STRING_LIST, false, List.of("./"), "Monorepo sub-directories of a package.");
    s(m, "upstream_ref", Kind.STRING, true, null, "Source-git upstream ref.");
    s(m, "upstream_tag_template", Kind.STRING, false, "{version}", "Tag template with {version}.");
    s(m, "archive_root_dir_template", Kind.STRING, false, "{upstream_pkg_name}-{version}", "SRPM archive root.");
    s(m, "dist_git_url", Kind.NOT_PROCESSED, true, null, "Ignored (generated from dist_git_base_url).");
    s(m, "dist_git_base_url", Kind.STRING, true, null, "Dist-git base URL; default https://src.fedoraproject.org/.");
    s(m, "dist_git_namespace", Kind.STRING, true, null, "Dist-git namespace; default rpms.");
    s(m, "allowed_gpg_keys", Kind.STRING_LIST, true, null, "Fingerprints allowed to sign upstream commits.");
    s(m, "spec_source_id", Kind.SPEC_SOURCE_ID, false, "Source0", "The spec Source that is the upstream archive.");
    s(m, "files_to_sync", Kind.FILES_TO_SYNC, false, List.of(), "Files copied to dist-git; default spec + config.");
    s(m, "actions", Kind.ACTIONS, false, Map.of(), "Commands replacing or hooking into Packit's steps.");
    s(m, "create_pr", Kind.BOOL, false, true, "CLI: open a PR instead of pushing.");
    s(m, "sync_changelog", Kind.BOOL, false, false, "Copy the upstream spec verbatim, including %changelog.");
    s(m, "create_sync_note", Kind.BOOL, false, true, "Write README.packit into dist-git.");
    s(m, "patch_generation_ignore_paths", Kind.STRING_LIST, true, List.of(), "Source-git: paths not in patches.");
    s(m, "patch_generation_patch_id_digits", Kind.NON_NEG_INT, false, 4, "Source-git: patch number digits.");
    s(m, "notifications", Kind.NOTIFICATIONS, false, Notifications.DEFAULT, "Comment and issue settings.");
    s(m, "copy_upstream_release_description", Kind.BOOL, false, false, "Use the release body as changelog entry.");
    s(m, "sources", Kind.SOURCES, true, List.of(), "Download URL overrides for spec sources.");
    s(m, "merge_pr_in_ci", Kind.BOOL, false, true, "Upstream CI: merge the PR into the target first.");
    s(m, "srpm_build_deps", Kind.STRING_LIST, true, null, "Packages needed to build the SRPM in Copr.");
    s(m, "identifier", Kind.STRING, true, null, "Check name suffix; default the package name in monorepos.");
    s(m, "packit_instances", Kind.DEPLOYMENTS, false, List.of(Deployment.PROD), "Which deployments react.");
    s(m, "issue_repository", Kind.STRING, true, null, "Where downstream job failures are reported.");
    s(m, "release_suffix", Kind.STRING, true, null, "SRPM: Release suffix.");
    s(m, "version_suffix", Kind.STRING, true, null, "SRPM: Version suffix.");
    s(m, "update_release", Kind.BOOL, false, true, "SRPM: update Release.");
    s(m, "preserve_spec", Kind.BOOL, false, false, "SRPM: keep the spec untouched.");
    s(m, "upstream_tag_include", Kind.REGEX, false, "", "RE2 regex matched at the tag's start: only these tags are released.");
    s(m, "upstream_tag_exclude", Kind.REGEX, false, "", "RE2 regex matched at the tag's start: these tags are never released.");
    s(m, "prerelease_suffix_pattern", Kind.REGEX, false, PRERELEASE_PATTERN, "Pre-release detection regex.");
    s(m, "prerelease_suffix_macro", Kind.STRING, true, null, "Macro toggled for pre-releases.");
    s(m, "upload_sources", Kind.BOOL, false, true, "Upload the archive to the lookaside cache.");
    s(m, "test_command", Kind.TEST_COMMAND, false, null, "Defaults of /packit test.");
    s(m, "require", Kind.REQUIRE, false, null, "Labels required on merged dist-git PRs (koji_build).");
    s(m, "status_name_template", Kind.STRING, true, null, "Template of commit status names.");
    s(m, "sync_test_job_statuses_with_builds", Kind.BOOL, false, true, "Report test statuses with builds.");
    s(m, "targets", Kind.TARGETS, true, Targets.EMPTY, "Copr chroots / test targets, list or mapping.");
    s(m, "timeout", Kind.INT, false, 7200, "Copr build timeout in seconds.");
    s(m, "owner", Kind.STRING, true, null, "Copr owner.");
    s(m, "project", Kind.STRING, true, null, "Copr project.");
    s(m, "dist_git_branches", Kind.DIST_GIT_BRANCHES, true, DistGitBranches.EMPTY,
        "Dist-git branches or aliases, list or mapping with fast_forward_merge_into.");
    s(m, "branch", Kind.STRING, true, null, "Upstream branch for the commit trigger.");
    s(m, "scratch", Kind.BOOL, false, false, "Koji scratch builds.");
    s(m, "list_on_homepage", Kind.BOOL, false, false, "Copr: list the project.");
    s(m, "preserve_project", Kind.BOOL, false, false, "Copr: keep the project.");
    s(m, "use_internal_tf", Kind.BOOL, false, false, "Use the internal Testing Farm.");
    s(m, "additional_packages", Kind.STRING_LIST, true, null, "Copr: extra packages.");
    s(m, "additional_repos", Kind.STRING_LIST, true, null, "Copr: extra repositories.");
    s(m, "bootstrap", Kind.BOOTSTRAP, true, null, "Copr: mock bootstrap (default, on, off, image).");
    s(m, "fmf_url", Kind.STRING, true, null, "Tests: fmf repository.");
    s(m, "fmf_ref", Kind.STRING, true, null, "Tests: fmf ref.");
    s(m, "fmf_path", Kind.STRING, true, null, "Tests: fmf path.");
    s(m, "env", Kind.DICT, true, null, "Tests: environment variables.");
    s(m, "enable_net", Kind.BOOL, false, false, "Copr: network during the build.");
    s(m, "allowed_pr_authors", Kind.STRING_LIST, true, List.of("packit"), "koji_build: PR authors that trigger.");
    s(m, "allowed_committers", Kind.STRING_LIST, true, List.of(), "koji_build: direct pushers that trigger.");
    s(m, "allowed_builders", Kind.STRING_LIST, true, List.of("packit"), "bodhi_update: build owners that trigger.");
    s(m, "tmt_plan", Kind.STRING, true, null, "Tests: tmt plan filter.");
    s(m, "tf_post_install_script", Kind.STRING, true, null, "Tests: post-install script.");
    s(m, "tf_extra_params", Kind.DICT, true, null, "Tests: extra Testing Farm parameters.");
    s(m, "bodhi_extra_params", Kind.DICT, true, null, "bodhi_update: extra update fields.");
    s(m, "module_hotfixes", Kind.BOOL, false, false, "Copr: module_hotfixes=1.");
    s(m, "image_distribution", Kind.STRING, true, null, "vm_image_build: distribution.");
    s(m, "image_request", Kind.DICT, true, null, "vm_image_build: image request.");
    s(m, "image_customizations", Kind.DICT, true, null, "vm_image_build: customizations.");
    s(m, "copr_chroot", Kind.STRING, true, null, "vm_image_build: Copr chroot.");
    s(m, "pkg_tool", Kind.STRING, true, null, "fedpkg, fedpkg-stage, centpkg or centpkg-sig.");
    s(m, "sig", Kind.STRING, true, null, "CentOS SIG namespace.");
    s(m, "version_update_mask", Kind.REGEX, true, null, "RE2 regex: old and new version must match equally (not on rawhide).");
    s(m, "version_update_specifiers", Kind.SPECIFIERS, true, null, "PEP 440 specifier set for new versions.");
    s(m, "parse_time_macros", Kind.DICT, true, null, "Macros (un)defined while parsing the spec.");
    s(m, "osh_diff_scan_after_copr_build", Kind.BOOL, false, true, "OpenScanHub differential scan.");
    s(m, "csmock_args", Kind.STRING, true, null, "OpenScanHub csmock arguments.");
    s(m, "osh_options", Kind.OSH_OPTIONS, false, null, "OpenScanHub options.");
    s(m, "use_target_repo_for_fmf_url", Kind.BOOL, false, false, "Tests: fmf from the target repository.");
    s(m, "clone_repos_before_run_condition", Kind.BOOL, false, false, "Clone before run-condition.");
    s(m, "skip_missing_branched_composes", Kind.BOOL, false, false, "Tests: skip missing composes.");
    COMMON = Collections.unmodifiableMap(m);
  }

  private static Set<String> ordered(String... names) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }

  private static void s(Map<String, Spec> m, String name, Kind kind, boolean nullable, Object def, String doc) {
    m.put(name, new Spec(name, kind, nullable, def, doc));
  }
}
