package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository as the forge describes it.
 *
 * <pre>{@code
 * Repository repo = forge.repository(RepoId.of("packit/ogr")).orElseThrow();
 * URI clone = repo.cloneUrl();           // https://github.com/packit/ogr.git
 * String branch = repo.defaultBranch();  // main
 * }</pre>
 *
 * @param id the repository id
 * @param defaultBranch the default branch; empty for an empty repository
 * @param cloneUrl the HTTPS clone URL
 * @param sshUrl the SSH clone URL (scp-like {@code git@host:ns/name.git} or {@code ssh://}), or
 *     null when the forge does not tell
 * @param webUrl the page of the repository in a browser
 * @param isPrivate whether the repository is private
 * @param parent the repository this one is a fork of, or null
 * @param ready false while an asynchronous fork is still being created
 * @param forgeId the forge's own id (GitHub and GitLab numeric id; Pagure project id)
 */
public record Repository(
    RepoId id,
    String defaultBranch,
    URI cloneUrl,
    @Nullable String sshUrl,
    URI webUrl,
    boolean isPrivate,
    @Nullable RepoId parent,
    boolean ready,
    long forgeId) {

  /** Validates the required parts. */
  public Repository {
    Objects.requireNonNull(id, "id == null");
    defaultBranch = defaultBranch == null ? "" : defaultBranch;
  }

  /** Whether this repository is a fork. */
  public boolean isFork() {
    return parent != null;
  }

  /** Returns the repository this one is a fork of. */
  public Optional<RepoId> forkParent() {
    return Optional.ofNullable(parent);
  }

  /** Returns the owner: the first namespace segment, or the Pagure fork owner. */
  public String owner() {
    if (id.forkOwner() != null) {
      return id.forkOwner();
    }
    String ns = id.namespace();
    int slash = ns.indexOf('/');
    return slash < 0 ? ns : ns.substring(0, slash);
  }
}
