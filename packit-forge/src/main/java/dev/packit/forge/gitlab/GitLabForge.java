package dev.packit.forge.gitlab;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.Comment;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.Forge;
import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Tag;
import dev.packit.forge.capability.AccessLevels;
import dev.packit.forge.capability.CommentListing;
import dev.packit.forge.capability.CommitStatuses;
import dev.packit.forge.capability.Releases;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The GitLab {@link Forge}, with what only GitLab has.
 *
 * <pre>{@code
 * GitLabForge gl = GitLab.builder().credentials(ForgeCredentials.token(System.getenv("GITLAB_TOKEN"))).build();
 * Optional<Tag> tag = gl.tag(RepoId.of("packit-service/ogr-tests"), "0.1.0");
 * }</pre>
 */
public interface GitLabForge extends Forge, Releases, CommitStatuses, AccessLevels, CommentListing {
  // Forge has these as defaults that throw without the capability: redeclared abstract here
  // (an interface cannot inherit an abstract and a default method of one signature).
  @Override
  Optional<Release> latestRelease(RepoId repo);

  @Override
  Optional<Release> release(RepoId repo, String tag);

  @Override
  Stream<Release> releases(RepoId repo);

  @Override
  Release createRelease(RepoId repo, ReleaseSpec spec);

  @Override
  CommitStatus setCommitStatus(RepoId repo, String sha, CommitStatusSpec spec);

  @Override
  Stream<CommitStatus> commitStatuses(RepoId repo, String sha);

  @Override
  AccessLevel accessLevel(RepoId repo, String user);

  @Override
  List<Comment> comments(RepoId repo, long number);

  /**
   * Looks up one tag.
   *
   * @param repo the project
   * @param name the tag
   * @return the tag, or empty on 404
   */
  Optional<Tag> tag(RepoId repo, String name);
}
