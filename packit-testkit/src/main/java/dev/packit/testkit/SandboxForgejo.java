package dev.packit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.testkit.internal.forge.ForgejoService;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox's Forgejo (API v1), over the sandbox's real bare repositories: a repository
 * {@code <owner>/<name>} is the bare repository of that name, so {@code rpms/hello} is the very
 * dist-git repository the sandbox's Pagure serves, and dist-git can be switched from one to the
 * other without moving a byte.
 *
 * <pre>{@code
 * sandbox.createBareRepository("rpms/hello");
 * SandboxForgejo fake = sandbox.forgejo();
 * ForgejoForge distgit = Forgejo.builder().instance(fake.instanceUri())
 *     .credentials(ForgeCredentials.token(fake.token("packit"))).build();
 * Repository fork = distgit.forkOrCreate(RepoId.of("rpms/hello"));   // packit/hello, a real clone
 * }</pre>
 *
 * <p>Forks are real clones under {@code <root>/git/<user>/<name>.git}, answered 202 as Forgejo
 * does. Pull requests take {@code head: "<owner>:<branch>"}, refuse {@code allow_maintainer_edit}
 * on create (Forgejo's CreatePullRequestOption has no such field) and take it by {@code PATCH};
 * lists are paged with {@code page}/{@code limit}, {@code X-Total-Count} and {@code Link}; merging
 * one really merges the branch with JGit. {@code GET /api/v1/version} answers
 * {@code {"version": "15.0.3+gitea-1.22.0"}}, which is how {@code DistGitBackendProbe} tells Forgejo.
 * Writes need {@code Authorization: token <token>} (else 401). Thread-safe.
 */
public final class SandboxForgejo {
  private final ForgejoService service;
  private final URI instance;

  SandboxForgejo(ForgejoService service, URI instance) {
    this.service = service;
    this.instance = instance;
  }

  /** @return the instance root ({@code .../forgejo/}); the API is {@code api/v1/} below it */
  public URI instanceUri() {
    return instance;
  }

  /**
   * Creates an access token for a user.
   *
   * @param user the user the token authenticates
   * @return the token
   */
  public String token(String user) {
    Objects.requireNonNull(user, "user == null");
    String token = "sandbox-fj-" + user + "-" + java.util.UUID.randomUUID().toString().replace("-", "");
    service.addToken(token, user);
    return token;
  }

  /**
   * Gives a user a permission on a repository, as {@code collaborators/<user>/permission} answers
   * it (the owner is {@code owner}, everyone else {@code read} unless set).
   *
   * @param repo such as {@code rpms/hello}
   * @param user the user
   * @param permission {@code read}, {@code write} or {@code admin}
   */
  public void permission(String repo, String user, String permission) {
    if (!List.of("read", "write", "admin").contains(permission)) {
      throw new IllegalArgumentException("permission must be read, write or admin: " + permission);
    }
    service.permission(repo, user, permission);
  }

  /**
   * Returns the pull requests of a repository, as Forgejo's JSON.
   *
   * @param repo such as {@code rpms/hello}
   * @return copies, oldest first
   */
  public List<JsonNode> pullRequests(String repo) {
    return service.pullRequests(repo);
  }
}
