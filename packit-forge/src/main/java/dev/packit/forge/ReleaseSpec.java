package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * A release to create.
 *
 * <pre>{@code
 * Release r = forge.createRelease(repo, new ReleaseSpec("1.2.0", "1.2.0", "Fixes", "main"));
 * }</pre>
 *
 * @param tagName the tag (created from {@code ref} when missing)
 * @param name the title
 * @param body the release notes
 * @param ref the branch or commit to tag when the tag does not exist yet, or null
 */
public record ReleaseSpec(String tagName, String name, String body, @Nullable String ref) {
  /** Validates the parts. */
  public ReleaseSpec {
    Objects.requireNonNull(tagName, "tagName == null");
    name = name == null ? tagName : name;
    body = body == null ? "" : body;
  }
}
