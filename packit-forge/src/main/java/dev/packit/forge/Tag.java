package dev.packit.forge;

import java.util.Objects;

/**
 * A git tag and the commit it points to.
 *
 * <pre>{@code
 * List<Tag> tags = forge.tags(RepoId.of("packit/ogr")).toList();
 * }</pre>
 *
 * @param name the tag name
 * @param commitSha the commit the tag points to; empty when the forge does not tell
 */
public record Tag(String name, String commitSha) {
  /** Validates the name. */
  public Tag {
    Objects.requireNonNull(name, "name == null");
    commitSha = commitSha == null ? "" : commitSha;
  }
}
