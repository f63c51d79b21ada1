package dev.packit.forge.forgejo;

import dev.packit.forge.AccessLevel;
import org.jspecify.annotations.Nullable;
import dev.packit.forge.Comment;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.Forge;
import dev.packit.forge.PullRequest;
import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.capability.AccessLevels;
import dev.packit.forge.capability.CommentListing;
import dev.packit.forge.capability.CommitStatuses;
import dev.packit.forge.capability.PullRequestMerges;
import dev.packit.forge.capability.Releases;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Forgejo {@link Forge} (API v1), with what only Forgejo (and Gitea) has. Pull requests it
 * opens let the target's maintainers push to the source branch ({@code allow_maintainer_edit}).
 *
 * <pre>{@code
 * ForgejoForge codeberg = Forgejo.builder()
 *     .instance(URI.create("https://codeberg.org/"))
 *     .credentials(ForgeCredentials.token(System.getenv("FORGEJO_TOKEN")))   // Authorization: token ...
 *     .build();
 * byte[] spec = codeberg.rawFile(RepoId.of("forgejo/forgejo"), "README.md", "forgejo").orElseThrow();
 * }</pre>
 */
public interface ForgejoForge extends Forge, Releases, CommitStatuses, AccessLevels, CommentListing, PullRequestMerges {
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
   * Reads a file's bytes through the raw endpoint ({@code GET /repos/{o}/{r}/raw/{path}?ref=}),
   * without the base64 wrapping of the contents API that {@link #file} reads.
   *
   * @param repo the repository
   * @param path the file
   * @param ref a branch, tag or commit
   * @return the bytes, or empty when the file or ref does not exist
   */
  Optional<byte[]> rawFile(RepoId repo, String path, String ref);

  /**
   * Lists a directory through the contents API.
   *
   * @param repo the repository
   * @param path the directory, {@code ""} for the root
   * @param ref a branch, tag or commit
   * @return the entries' paths (directories end in {@code /})
   */
  List<String> directory(RepoId repo, String path, String ref);

  /**
   * Looks up one tag.
   *
   * @param repo the repository
   * @param name the tag
   * @return the tag, or empty when it does not exist
   */
  Optional<Tag> tag(RepoId repo, String name);

  /**
   * Changes a release's name and notes.
   *
   * @param repo the repository
   * @param tag the release's tag
   * @param name the new name, or null to keep it
   * @param body the new notes, or null to keep them
   * @return the updated release
   * @throws dev.packit.core.NotFoundException when the tag has no release
   */
  Release updateRelease(RepoId repo, String tag, @Nullable String name, @Nullable String body);

  /**
   * Lists the files attached to a release.
   *
   * @param repo the repository
   * @param tag the release's tag
   * @return the assets, or empty when the tag has no release
   */
  Optional<List<ReleaseAsset>> releaseAssets(RepoId repo, String tag);

  /**
   * Attaches a file to a release ({@code POST /repos/{o}/{r}/releases/{id}/assets}, multipart
   * {@code attachment}). An upload whose outcome is unknown is looked up by name before it is sent
   * again.
   *
   * @param repo the repository
   * @param tag the release's tag
   * @param file the file; its name is the asset's name
   * @return the asset
   * @throws dev.packit.core.NotFoundException when the tag has no release
   */
  ReleaseAsset uploadReleaseAsset(RepoId repo, String tag, java.nio.file.Path file);

  /**
   * Sets whether the target's maintainers may push to the pull request's source branch. Forgejo
   * does not accept the flag when a pull request is created, so {@link #createPullRequest} sets it
   * with this call right after.
   *
   * @param repo the target repository
   * @param number the pull request
   * @param allow whether maintainers may edit
   * @return the updated pull request
   */
  PullRequest allowMaintainerEdit(RepoId repo, long number, boolean allow);

  /**
   * Tells whether a pull request lets maintainers push to its source branch.
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the flag, or empty when the pull request does not exist
   */
  Optional<Boolean> maintainerCanEdit(RepoId repo, long number);

  /**
   * Merges a pull request ({@code Do: merge}).
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the merged pull request
   */
  PullRequest mergePullRequest(RepoId repo, long number);

  /**
   * Returns a pull request as {@code git format-patch} text (the web route {@code /{o}/{r}/pulls/{n}.patch}).
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the patch, or empty when the pull request does not exist
   */
  Optional<String> pullRequestPatch(RepoId repo, long number);

  /**
   * Lists the commit SHAs of a pull request, oldest first.
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the SHAs
   */
  List<String> pullRequestCommits(RepoId repo, long number);

  /**
   * Lists commit SHAs reachable from a ref, newest first, lazily over all pages.
   *
   * @param repo the repository
   * @param ref a branch, tag or commit; null for the default branch
   * @return the SHAs
   */
  Stream<String> commits(RepoId repo, @Nullable String ref);

  /**
   * Edits a comment (comment ids are global to the instance).
   *
   * @param repo the repository the comment is in
   * @param commentId the comment
   * @param body the new text
   * @return the comment
   */
  Comment editComment(RepoId repo, long commentId, String body);

  /**
   * Closes an issue (or a pull request through the issue API).
   *
   * @param repo the repository
   * @param number the issue
   */
  void closeIssue(RepoId repo, long number);

  /**
   * Lists the logins of a repository's collaborators (owners and organisation teams not included).
   *
   * @param repo the repository
   * @return the logins
   */
  List<String> collaborators(RepoId repo);

  /**
   * Lists the names of the organisation teams with access to a repository.
   *
   * @param repo the repository
   * @return the team names; empty for a repository owned by a user (Forgejo answers 405)
   */
  List<String> teams(RepoId repo);

  /**
   * Creates a repository owned by the current user.
   *
   * @param name the repository name
   * @param description its description
   * @param isPrivate whether it is private
   * @return the repository
   */
  Repository createRepository(String name, String description, boolean isPrivate);

  /**
   * Returns the server's version ({@code GET /api/v1/version}), e.g. {@code 15.0.3+gitea-1.22.0}.
   *
   * @return the version text
   */
  String serverVersion();
}
