package dev.packit.forge;

import dev.packit.forge.capability.AccessLevels;
import dev.packit.forge.capability.CheckRuns;
import dev.packit.forge.capability.CommentListing;
import dev.packit.forge.capability.CommitStatuses;
import dev.packit.forge.capability.PullRequestMerges;
import dev.packit.forge.capability.Releases;
import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One API over GitHub, GitLab, Pagure and Forgejo for what a release workflow or a bot needs. Lookups of a
 * single object return {@link Optional#empty()} when the forge answers 404; lists are
 * {@link Stream}s that fetch the next page only when it is consumed (close them, or consume them
 * fully). Errors are {@code dev.packit.core.PackitServiceException} leaves
 * ({@code AuthenticationException} for 401, {@code NotFoundException} when the repository of a
 * write is missing, {@code ConflictException} for 409/422-style conflicts).
 *
 * <pre>{@code
 * Forge forge = Forges.forUrl(URI.create("https://github.com/packit/ogr"), ForgeCredentials.token(token));
 * RepoId upstream = RepoId.of("packit/ogr");
 * Release latest = forge.latestRelease(upstream).orElseThrow();
 * Repository fork = forge.forkOrCreate(upstream);          // waits until the fork is ready
 * // ... push a branch to fork.cloneUrl() ...
 * PullRequest pr = forge.findOpenPullRequest(upstream, "update", "main", forge.currentUser().login())
 *     .orElseGet(() -> forge.createPullRequest(upstream, PullRequestSpec.builder()
 *         .title("Update").source(fork.id(), "update").targetBranch("main").build()));
 * }</pre>
 *
 * <p>Features where forges differ are capability interfaces in {@code dev.packit.forge.capability}
 * ({@link Releases}, {@link CommitStatuses}, {@link AccessLevels}, {@link CommentListing},
 * {@link PullRequestMerges}, {@link CheckRuns}): ask with {@link #capability(Class)}. Their methods
 * stay on this interface for source compatibility and throw {@link UnsupportedOperationException}
 * (naming the forge kind and the capability) on a forge without the capability. A third-party forge
 * implements this interface's abstract methods and the capabilities it has (see docs/forges.md).
 *
 * <p>Implementations are thread-safe.
 */
public interface Forge {

  /** Returns which forge this talks to. */
  ForgeKind kind();

  /**
   * Returns this forge as an optional feature, when it has it.
   *
   * <pre>{@code
   * boolean canMerge = forge.capability(PullRequestMerges.class).isPresent();   // Pagure, Forgejo
   * }</pre>
   *
   * @param type a capability interface, such as {@link Releases}
   * @param <C> the capability
   * @return the capability, or empty when this forge does not have it
   * @since 0.2.0
   */
  default <C> Optional<C> capability(Class<C> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /**
   * Returns a capability or throws the {@link UnsupportedOperationException} the core methods throw
   * for a forge without it.
   *
   * @param type a capability interface
   * @param <C> the capability
   * @return the capability
   * @throws UnsupportedOperationException naming the forge kind and the capability
   * @since 0.2.0
   */
  default <C> C require(Class<C> type) {
    return capability(type).orElseThrow(() -> new UnsupportedOperationException(
        kind() + " client does not offer " + type.getSimpleName()));
  }

  /** Returns the user the credentials belong to (asked once, then cached). */
  User currentUser();

  /**
   * Looks up a repository.
   *
   * @param repo the repository
   * @return the repository, or empty when the forge answers 404
   */
  Optional<Repository> repository(RepoId repo);

  /**
   * Lists branches, lazily over all pages.
   *
   * @param repo the repository
   * @return the branches
   */
  Stream<Branch> branches(RepoId repo);

  /**
   * Looks up one branch.
   *
   * @param repo the repository
   * @param name the branch
   * @return the branch, or empty when it does not exist
   */
  Optional<Branch> branch(RepoId repo, String name);

  /**
   * Lists tags, lazily over all pages.
   *
   * @param repo the repository
   * @return the tags
   */
  Stream<Tag> tags(RepoId repo);

  /** Whether the forge has {@link Releases} (Pagure has only tags). */
  default boolean supportsReleases() {
    return capability(Releases.class).isPresent();
  }

  /**
   * Returns the latest release: GitHub's latest (non-draft, non-prerelease), GitLab's most recently
   * released.
   *
   * @param repo the repository
   * @return the release, or empty when there is none
   * @throws UnsupportedOperationException without {@link Releases} (Pagure, which has only tags)
   */
  default Optional<Release> latestRelease(RepoId repo) {
    return require(Releases.class).latestRelease(repo);
  }

  /**
   * Looks up the release of a tag.
   *
   * @param repo the repository
   * @param tag the tag
   * @return the release, or empty when the tag has none
   * @throws UnsupportedOperationException without {@link Releases} (Pagure, which has only tags)
   */
  default Optional<Release> release(RepoId repo, String tag) {
    return require(Releases.class).release(repo, tag);
  }

  /**
   * Lists releases, newest first, lazily over all pages.
   *
   * @param repo the repository
   * @return the releases
   * @throws UnsupportedOperationException without {@link Releases} (Pagure, which has only tags)
   */
  default Stream<Release> releases(RepoId repo) {
    return require(Releases.class).releases(repo);
  }

  /**
   * Creates a release (a POST: not retried unless a lookup shows it was not created).
   *
   * @param repo the repository
   * @param spec what to create
   * @return the created release
   * @throws UnsupportedOperationException without {@link Releases} (Pagure, which has only tags)
   */
  default Release createRelease(RepoId repo, ReleaseSpec spec) {
    return require(Releases.class).createRelease(repo, spec);
  }

  /**
   * Reads a file at a ref.
   *
   * @param repo the repository
   * @param path the path inside the repository
   * @param ref a branch, tag or commit
   * @return the content, or empty when the file (or ref) does not exist
   */
  Optional<FileContent> file(RepoId repo, String path, String ref);

  /**
   * Lists the forks of a repository, lazily over all pages.
   *
   * @param repo the upstream repository
   * @return the forks
   */
  Stream<Repository> forks(RepoId repo);

  /**
   * Finds the fork of {@code repo} owned by {@code owner}.
   *
   * @param repo the upstream repository
   * @param owner the user (or group) owning the fork
   * @return the fork, or empty when there is none
   */
  Optional<Repository> fork(RepoId repo, String owner);

  /**
   * Returns the current user's fork of {@code repo}, creating it when missing, and waits until the
   * forge reports it ready (GitHub and GitLab fork asynchronously). A create that may have happened
   * (timeout, 5xx) is looked up before it is tried again.
   *
   * @param repo the upstream repository
   * @return the ready fork
   */
  Repository forkOrCreate(RepoId repo);

  /**
   * Lists pull requests, newest first, lazily over all pages.
   *
   * @param repo the target repository
   * @param state which ones
   * @return the pull requests
   */
  Stream<PullRequest> pullRequests(RepoId repo, PrState state);

  /**
   * Looks up one pull request.
   *
   * @param repo the target repository
   * @param number the pull request number
   * @return the pull request, or empty when it does not exist
   */
  Optional<PullRequest> pullRequest(RepoId repo, long number);

  /**
   * Finds the open pull request from {@code sourceBranch} into {@code targetBranch} by
   * {@code author}, filtering on the server where the forge can.
   *
   * @param repo the target repository
   * @param sourceBranch the branch with the changes
   * @param targetBranch the branch to merge into
   * @param author the author's login
   * @return the pull request, or empty when there is none
   */
  Optional<PullRequest> findOpenPullRequest(RepoId repo, String sourceBranch, String targetBranch, String author);

  /**
   * Opens a pull request. The create is never retried blindly: after a timeout or a 5xx the open
   * pull request of the same source, target and author is looked up first.
   *
   * @param repo the target repository
   * @param spec what to open
   * @return the pull request
   */
  PullRequest createPullRequest(RepoId repo, PullRequestSpec spec);

  /**
   * Changes the title and description.
   *
   * @param repo the target repository
   * @param number the pull request
   * @param title the new title, or null to keep it
   * @param body the new description, or null to keep it
   * @return the updated pull request
   */
  PullRequest updatePullRequest(RepoId repo, long number, @Nullable String title, @Nullable String body);

  /**
   * Adds a comment.
   *
   * @param repo the target repository
   * @param number the pull request
   * @param body the text
   * @return the comment
   */
  Comment comment(RepoId repo, long number, String body);

  /**
   * Lists the comments of a pull request, oldest first, every page: GitHub's conversation (issue
   * comments), GitLab's notes without system notes, Pagure's comments. Forges without
   * {@link CommentListing} throw {@link UnsupportedOperationException}.
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the comments
   */
  default List<Comment> comments(RepoId repo, long number) {
    return require(CommentListing.class).comments(repo, number);
  }

  /**
   * Tells what a user may do in a repository (GitHub: {@code GET /repos/{o}/{r}/collaborators/{user}/permission};
   * GitLab: the project member's {@code access_level}, inherited memberships included; Pagure: the
   * project's {@code access_users} and the members of its {@code access_groups}; Forgejo:
   * {@code GET /repos/{o}/{r}/collaborators/{user}/permission}, owner counted as admin). Forges without
   * {@link AccessLevels} throw {@link UnsupportedOperationException}.
   *
   * <pre>{@code
   * boolean mayCommand = forge.accessLevel(RepoId.of("packit/ogr"), comment.author()).atLeast(AccessLevel.WRITE);
   * }</pre>
   *
   * @param repo the repository
   * @param user the user's login
   * @return the user's level, {@link AccessLevel#NONE} for users without a role (or unknown users)
   */
  default AccessLevel accessLevel(RepoId repo, String user) {
    return require(AccessLevels.class).accessLevel(repo, user);
  }

  /**
   * Whether a user may push to a repository: {@link #accessLevel} is {@link AccessLevel#WRITE} or more.
   *
   * @param repo the repository
   * @param user the user's login
   * @return whether the user has write access
   */
  default boolean hasWriteAccess(RepoId repo, String user) {
    return accessLevel(repo, user).atLeast(AccessLevel.WRITE);
  }

  /**
   * Closes a pull request without merging.
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the closed pull request
   */
  PullRequest closePullRequest(RepoId repo, long number);

  /**
   * Sets a commit status (Pagure: a commit flag).
   *
   * @param repo the repository
   * @param sha the commit
   * @param spec the status
   * @return the status as stored
   */
  default CommitStatus setCommitStatus(RepoId repo, String sha, CommitStatusSpec spec) {
    return require(CommitStatuses.class).setCommitStatus(repo, sha, spec);
  }

  /**
   * Lists the statuses of a commit, lazily over all pages.
   *
   * @param repo the repository
   * @param sha the commit
   * @return the statuses
   */
  default Stream<CommitStatus> commitStatuses(RepoId repo, String sha) {
    return require(CommitStatuses.class).commitStatuses(repo, sha);
  }

  /**
   * Returns the current rate limit.
   *
   * @return the limit, or empty when the forge has none (Pagure)
   */
  default Optional<RateLimit> rateLimit() {
    return Optional.empty();
  }
}
