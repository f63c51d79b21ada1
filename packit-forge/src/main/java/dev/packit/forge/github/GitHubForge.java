package dev.packit.forge.github;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.Comment;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.Forge;
import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.capability.AccessLevels;
import dev.packit.forge.capability.CheckRuns;
import dev.packit.forge.capability.CommentListing;
import dev.packit.forge.capability.CommitStatuses;
import dev.packit.forge.capability.Releases;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The GitHub {@link Forge}, with what only GitHub has.
 *
 * <pre>{@code
 * GitHubForge gh = GitHub.builder().credentials(ForgeCredentials.token(System.getenv("GITHUB_TOKEN"))).build();
 * gh.checkRuns(RepoId.of("packit/ogr"), sha).forEach(System.out::println);
 * }</pre>
 */
public interface GitHubForge extends Forge, Releases, CommitStatuses, AccessLevels, CommentListing, CheckRuns {
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
   * Looks up a release by its numeric id.
   *
   * @param repo the repository
   * @param id the release id
   * @return the release, or empty on 404
   */
  Optional<Release> release(RepoId repo, long id);

  /**
   * Lists a directory through the contents API.
   *
   * @param repo the repository
   * @param path the directory; {@code ""} for the root
   * @param ref a branch, tag or commit
   * @return the entries
   */
  List<ContentEntry> directory(RepoId repo, String path, String ref);

  /**
   * Creates a check run (GitHub App credentials only).
   *
   * @param repo the repository
   * @param spec the check run
   * @return the created run
   */
  CheckRun createCheckRun(RepoId repo, CheckRunSpec spec);

  /**
   * Lists the check runs of a commit, lazily over all pages.
   *
   * @param repo the repository
   * @param sha the commit
   * @return the runs
   */
  Stream<CheckRun> checkRuns(RepoId repo, String sha);
}
