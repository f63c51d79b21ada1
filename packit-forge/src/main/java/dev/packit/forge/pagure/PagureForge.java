package dev.packit.forge.pagure;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.Comment;
import org.jspecify.annotations.Nullable;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.Forge;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.User;
import dev.packit.forge.capability.AccessLevels;
import dev.packit.forge.capability.CommentListing;
import dev.packit.forge.capability.CommitStatuses;
import dev.packit.forge.capability.PullRequestMerges;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Pagure {@link Forge} (src.fedoraproject.org dist-git, pagure.io), with what only Pagure has.
 *
 * <pre>{@code
 * PagureForge distgit = Pagure.builder()
 *     .instance(URI.create("https://src.fedoraproject.org/"))
 *     .credentials(ForgeCredentials.token(System.getenv("PAGURE_TOKEN")))
 *     .build();
 * distgit.mergePullRequest(RepoId.of("rpms/hello"), 12);
 * }</pre>
 */
public interface PagureForge extends Forge, CommitStatuses, AccessLevels, CommentListing, PullRequestMerges {
  // Forge has these as defaults that throw without the capability: redeclared abstract here
  // (an interface cannot inherit an abstract and a default method of one signature).
  @Override
  CommitStatus setCommitStatus(RepoId repo, String sha, CommitStatusSpec spec);

  @Override
  Stream<CommitStatus> commitStatuses(RepoId repo, String sha);

  @Override
  AccessLevel accessLevel(RepoId repo, String user);

  @Override
  List<Comment> comments(RepoId repo, long number);


  /**
   * Creates a tag (Pagure has tags, not releases).
   *
   * @param repo the project
   * @param name the tag
   * @param commitSha the commit to tag
   * @param message the annotation, or null for a lightweight tag
   * @return the tag
   */
  Tag createTag(RepoId repo, String name, String commitSha, @Nullable String message);

  /**
   * Sets a flag on a pull request (shown in its CI box).
   *
   * @param repo the target project
   * @param number the pull request
   * @param spec the flag; {@code context} is the flag's user name, {@code targetUrl} is required
   * @return the flag as stored
   */
  CommitStatus flagPullRequest(RepoId repo, long number, CommitStatusSpec spec);

  /**
   * Merges a pull request.
   *
   * @param repo the target project
   * @param number the pull request
   * @return the merged pull request
   */
  PullRequest mergePullRequest(RepoId repo, long number);

  /**
   * Returns the files a pull request changes and how ({@code added}, {@code modified}, ...).
   * Pagure computes them in the background: {@code ENOPRSTATS} is waited out a few times.
   *
   * @param repo the target project
   * @param number the pull request
   * @return path to change type
   */
  Map<String, String> changedFiles(RepoId repo, long number);

  /**
   * Looks up a user.
   *
   * @param login the user name
   * @return the user, or empty when unknown
   */
  Optional<User> user(String login);

  /**
   * Lists the members of a group.
   *
   * @param group the group name
   * @return the member logins, or empty when the group is unknown
   */
  Optional<List<String>> groupMembers(String group);

  /**
   * Reads a project's settings ({@code options}).
   *
   * @param repo the project
   * @return setting name to value (booleans, numbers, strings or null)
   */
  Map<String, Object> settings(RepoId repo);

  /**
   * Creates a project.
   *
   * @param repo the project to create
   * @param description its description
   * @return the project
   */
  Repository createProject(RepoId repo, String description);
}
