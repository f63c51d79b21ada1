package dev.packit.forge.github;

import dev.packit.forge.Forge;
import dev.packit.forge.Release;
import dev.packit.forge.RepoId;
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
public interface GitHubForge extends Forge {

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
