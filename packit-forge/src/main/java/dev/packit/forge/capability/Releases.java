package dev.packit.forge.capability;

import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Releases: GitHub, GitLab and Forgejo have them; Pagure has only tags.
 *
 * <pre>{@code
 * forge.capability(Releases.class).ifPresent(r -> r.createRelease(repo, new ReleaseSpec("v1.0", "1.0", "notes", null)));
 * }</pre>
 *
 * @since 0.2.0
 */
public interface Releases {
  /**
   * Returns the latest release: GitHub's latest (non-draft, non-prerelease), GitLab's most recently
   * released, Forgejo's latest.
   *
   * @param repo the repository
   * @return the release, or empty when there is none
   */
  Optional<Release> latestRelease(RepoId repo);

  /**
   * Looks up the release of a tag.
   *
   * @param repo the repository
   * @param tag the tag
   * @return the release, or empty when the tag has none
   */
  Optional<Release> release(RepoId repo, String tag);

  /**
   * Lists releases, newest first, lazily over all pages.
   *
   * @param repo the repository
   * @return the releases
   */
  Stream<Release> releases(RepoId repo);

  /**
   * Creates a release (a POST: not retried unless a lookup shows it was not created).
   *
   * @param repo the repository
   * @param spec what to create
   * @return the created release
   */
  Release createRelease(RepoId repo, ReleaseSpec spec);
}
