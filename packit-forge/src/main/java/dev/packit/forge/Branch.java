package dev.packit.forge;

import java.util.Objects;

/**
 * A branch and its head commit.
 *
 * <pre>{@code
 * String sha = forge.branch(RepoId.of("rpms/hello"), "rawhide").orElseThrow().commitSha();
 * }</pre>
 *
 * @param name the branch name
 * @param commitSha the head commit; empty when the forge does not tell
 */
public record Branch(String name, String commitSha) {
  /** Validates the name. */
  public Branch {
    Objects.requireNonNull(name, "name == null");
    commitSha = commitSha == null ? "" : commitSha;
  }
}
