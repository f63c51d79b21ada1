package dev.packit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.testkit.internal.forge.GitHubService;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox's GitHub (REST v3), over the sandbox's real bare repositories: use
 * {@link #apiUri()} as the API root, like GitHub Enterprise's {@code /api/v3/}.
 *
 * <pre>{@code
 * sandbox.createBareRepository("upstream/hello");           // repository upstream/hello
 * SandboxGitHub fake = sandbox.github();
 * fake.addRelease("upstream/hello", "1.2.0", "1.2.0", "Fixes", false);
 * GitHubForge gh = GitHub.builder().baseUri(fake.apiUri())
 *     .credentials(ForgeCredentials.token(fake.token("packit"))).build();
 * gh.latestRelease(RepoId.of("upstream/hello"));           // 1.2.0
 * }</pre>
 *
 * <p>Forks are real clones under {@code <root>/git/forks/<user>/<name>.git} (clone URLs point at
 * the sandbox's git server, {@code /git/}); {@link #forkPolls(int)} makes new forks look empty
 * for a few branch listings, as GitHub's asynchronous forks do. Pull requests, comments, releases
 * and statuses are kept in memory; lists are paginated with {@code Link} headers. Thread-safe.
 */
public final class SandboxGitHub {
  private final GitHubService service;
  private final URI api;

  SandboxGitHub(GitHubService service, URI api) {
    this.service = service;
    this.api = api;
  }

  /** @return the API root, ending in {@code github/} */
  public URI apiUri() {
    return api;
  }

  /**
   * Creates a token for a user.
   *
   * @param user the login the token authenticates
   * @return the token (send as {@code Authorization: Bearer <token>})
   */
  public String token(String user) {
    Objects.requireNonNull(user, "user == null");
    String token = "ghp_sandbox_" + user + "_" + java.util.UUID.randomUUID().toString().replace("-", "");
    service.addToken(token, user);
    return token;
  }

  /**
   * Publishes a release.
   *
   * @param repo such as {@code upstream/hello}
   * @param tag the tag
   * @param name the title
   * @param body the release notes
   * @param prerelease whether it is a pre-release
   * @return the release as GitHub's JSON
   */
  public JsonNode addRelease(String repo, String tag, String name, String body, boolean prerelease) {
    return service.addRelease(repo, tag, name, body, prerelease);
  }

  /**
   * Makes new forks list no branch for the next {@code polls} branch listings.
   *
   * @param polls how many listings see an empty fork
   */
  public void forkPolls(int polls) {
    service.forkPolls(polls);
  }

  /**
   * Gives a user a role in a repository, as {@code GET /repos/{o}/{r}/collaborators/{user}/permission}
   * then answers ({@code role_name}; {@code permission} is the legacy admin/write/read). The
   * repository's owner (the first part of its name) is its admin; anyone else reads.
   *
   * @param repo such as {@code upstream/hello}
   * @param user the login
   * @param role {@code read}, {@code triage}, {@code write}, {@code maintain} or {@code admin}
   */
  public void collaborator(String repo, String user, String role) {
    service.collaborator(repo, user, role);
  }

  /**
   * @param repo such as {@code upstream/hello}
   * @param number an issue or pull request
   * @return its comments as GitHub's JSON, oldest first
   */
  public List<JsonNode> comments(String repo, long number) {
    return service.comments(repo, number);
  }

  /**
   * @param repo such as {@code upstream/hello}
   * @return its pull requests as GitHub's JSON, oldest first
   */
  public List<JsonNode> pullRequests(String repo) {
    return service.pullRequests(repo);
  }

  /**
   * @param repo such as {@code upstream/hello}
   * @param sha a commit
   * @return the statuses set on it as GitHub's JSON, newest first
   */
  public List<JsonNode> statuses(String repo, String sha) {
    return service.statuses(repo, sha);
  }
}
