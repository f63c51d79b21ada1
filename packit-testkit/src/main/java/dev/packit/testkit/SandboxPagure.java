package dev.packit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.testkit.internal.forge.PagureService;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox's Pagure / dist-git (API 0 as src.fedoraproject.org), over the sandbox's real bare
 * repositories.
 *
 * <pre>{@code
 * sandbox.createBareRepository("rpms/hello");               // a project is a bare repository
 * SandboxPagure fake = sandbox.pagure();
 * String token = fake.token("packit");                       // Authorization: token <token>
 * PagureForge distgit = Pagure.builder().instance(fake.instanceUri())
 *     .credentials(ForgeCredentials.token(token)).build();
 * Repository fork = distgit.forkOrCreate(RepoId.of("rpms/hello"));   // forks/packit/rpms/hello.git
 * }</pre>
 *
 * <p>Forks are real clones under {@code <root>/git/forks/<user>/<ns>/<name>.git}; clone URLs point
 * at the sandbox's git server ({@code /git/}). Pull requests (from forks with {@code repo_from*})
 * are kept in memory; merging one really merges the branch in the bare repository with JGit.
 * Commit and pull-request flags, comments, close, paginated lists with {@code pagination.next},
 * {@code whoami} and raw files ({@code <ns>/<name>/raw/<ref>/f/<path>}) answer the recorded
 * payload shapes. Unknown or missing tokens get Pagure's 401 {@code EINVALIDTOK}. A new pull
 * request publishes {@code org.fedoraproject.prod.pagure.pull-request.new}, a comment
 * {@code ...pagure.pull-request.comment.added} (the commenter as {@code agent}) and a merge
 * {@code org.fedoraproject.prod.pagure.git.receive} (with {@code pull_request_id}) on
 * {@link FedoraSandbox#messages()}. Project ACLs ({@code access_users}, {@code access_groups})
 * and groups are set with {@link #grantUser}, {@link #grantGroup} and {@link #group}. Thread-safe.
 */
public final class SandboxPagure {
  private final PagureService service;
  private final URI instance;

  SandboxPagure(PagureService service, URI instance) {
    this.service = service;
    this.instance = instance;
  }

  /** @return the instance root ({@code .../pagure/}); the API is {@code api/0/} below it */
  public URI instanceUri() {
    return instance;
  }

  /**
   * Creates an API token for a user.
   *
   * @param user the user the token authenticates
   * @return the token
   */
  public String token(String user) {
    Objects.requireNonNull(user, "user == null");
    String token = "sandbox-" + user + "-" + java.util.UUID.randomUUID().toString().replace("-", "");
    service.addToken(token, user);
    return token;
  }

  /**
   * Grants a user an ACL on a project: it appears in the project's {@code access_users}.
   *
   * @param project such as {@code rpms/hello}
   * @param acl {@code admin}, {@code commit}, {@code collaborator} or {@code ticket}
   * @param user the user
   */
  public void grantUser(String project, String acl, String user) {
    service.grantUser(project, acl, user);
  }

  /**
   * Grants a group an ACL on a project: it appears in the project's {@code access_groups}.
   *
   * @param project such as {@code rpms/hello}
   * @param acl {@code admin}, {@code commit}, {@code collaborator} or {@code ticket}
   * @param group the group, whose members {@link #group} sets
   */
  public void grantGroup(String project, String acl, String group) {
    service.grantGroup(project, acl, group);
  }

  /**
   * Sets the members of a group, as {@code GET /api/0/group/<name>} answers them.
   *
   * @param name the group
   * @param members its members
   */
  public void group(String name, List<String> members) {
    service.group(name, members);
  }

  /**
   * Sets the owner of a project (default {@code packager}).
   *
   * @param project such as {@code rpms/hello}
   * @param user the owner
   */
  public void owner(String project, String user) {
    service.owner(project, user);
  }

  /**
   * Returns the pull requests of a project, as Pagure's JSON.
   *
   * @param project such as {@code rpms/hello}
   * @return copies, oldest first
   */
  public List<JsonNode> pullRequests(String project) {
    return service.pullRequests(project);
  }
}
