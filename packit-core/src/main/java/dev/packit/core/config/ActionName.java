package dev.packit.core.config;

import java.util.Optional;

/**
 * A key of {@code actions:}; a configured action replaces Packit's default step or adds a hook.
 *
 * <pre>{@code
 * ActionName a = ActionName.fromYaml("post-upstream-clone").orElseThrow();
 * }</pre>
 */
public enum ActionName {
  /** Checker before koji_build, bodhi_update and pull_from_upstream; non-zero exit skips the job. */
  RUN_CONDITION("run-condition"),
  /** Hook after the repositories are checked out. */
  POST_UPSTREAM_CLONE("post-upstream-clone"),
  /** Hook before the PR branch is created. */
  PRE_SYNC("pre-sync"),
  /** Replaces patch generation (source-git). */
  CREATE_PATCHES("create-patches"),
  /** Replaces Packit's spec update. */
  PREPARE_FILES("prepare-files"),
  /** Replaces archive creation (SRPM builds). */
  CREATE_ARCHIVE("create-archive"),
  /** Prints the current version (SRPM builds). */
  GET_CURRENT_VERSION("get-current-version"),
  /** Replaces the spec fix-up (SRPM builds). */
  FIX_SPEC_FILE("fix-spec-file"),
  /** Hook after spec changes, before the lookaside upload. */
  POST_MODIFICATIONS("post-modifications"),
  /** Prints the changelog entry. */
  CHANGELOG_ENTRY("changelog-entry"),
  /** Prints the commit title and body. */
  COMMIT_MESSAGE("commit-message");

  private final String yamlName;

  ActionName(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in {@code .packit.yaml}. */
  public String yamlName() {
    return yamlName;
  }

  /** Looks an action up by its YAML name. */
  public static Optional<ActionName> fromYaml(String name) {
    for (ActionName t : values()) {
      if (t.yamlName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
