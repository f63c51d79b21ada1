package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A release: a tag with a title and release notes.
 *
 * <pre>{@code
 * Release latest = forge.latestRelease(RepoId.of("packit/ogr")).orElseThrow();
 * String notes = latest.body();
 * }</pre>
 *
 * @param tagName the git tag
 * @param name the title (may equal the tag)
 * @param body the release notes (Markdown); empty when none
 * @param draft whether the release is a draft (GitHub)
 * @param prerelease whether the release is marked as a pre-release (GitHub) or upcoming (GitLab)
 * @param createdAt when the release was created, or null
 * @param publishedAt when the release was published (GitLab {@code released_at}), or null
 * @param webUrl the release page, or null
 * @param tarballUrl the source archive URL, or null
 */
public record Release(
    String tagName,
    String name,
    String body,
    boolean draft,
    boolean prerelease,
    @Nullable Instant createdAt,
    @Nullable Instant publishedAt,
    @Nullable URI webUrl,
    @Nullable URI tarballUrl) {

  /** Validates the tag and normalises absent text to empty strings. */
  public Release {
    Objects.requireNonNull(tagName, "tagName == null");
    name = name == null ? "" : name;
    body = body == null ? "" : body;
  }
}
