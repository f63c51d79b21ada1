package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Names a repository on a forge: a namespace (may have several segments, such as a GitLab
 * subgroup {@code group/sub} or a dist-git namespace {@code rpms}) and a name; on Pagure a fork is
 * additionally owned by a user.
 *
 * <pre>{@code
 * RepoId upstream = RepoId.of("packit/ogr");            // GitHub or GitLab
 * RepoId distgit = RepoId.of("rpms/hello");            // Pagure dist-git
 * RepoId fork = distgit.forkOf("jdoe");                 // Pagure fork: fork/jdoe/rpms/hello
 * RepoId fromUrl = RepoId.fromUrl(URI.create("https://src.fedoraproject.org/rpms/hello.git"));
 * }</pre>
 *
 * @param namespace the namespace ({@code ""} for top-level Pagure projects), never null
 * @param name the repository name, never blank
 * @param forkOwner the owner of a Pagure fork, or null for a regular repository
 */
public record RepoId(String namespace, String name, @Nullable String forkOwner) {

  /** Validates the parts. */
  public RepoId {
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank() || name.contains("/")) {
      throw new IllegalArgumentException("bad repository name: '" + name + "'");
    }
    if (namespace.startsWith("/") || namespace.endsWith("/") || namespace.contains("..")) {
      throw new IllegalArgumentException("bad namespace: '" + namespace + "'");
    }
    if (forkOwner != null && (forkOwner.isBlank() || forkOwner.contains("/"))) {
      throw new IllegalArgumentException("bad fork owner: '" + forkOwner + "'");
    }
  }

  /**
   * Parses {@code namespace/name}, {@code name}, or Pagure's {@code fork/<user>/<namespace>/<name>}.
   *
   * @param path a slash-separated repository path, an optional {@code .git} suffix is dropped
   * @return the id
   */
  public static RepoId of(String path) {
    Objects.requireNonNull(path, "path == null");
    String p = path.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    String owner = null;
    if (p.startsWith("fork/") || p.startsWith("forks/")) {
      String rest = p.substring(p.indexOf('/') + 1);
      int slash = rest.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("bad fork path (fork/<user>/<repo>): '" + path + "'");
      }
      owner = rest.substring(0, slash);
      p = rest.substring(slash + 1);
    }
    int last = p.lastIndexOf('/');
    return last < 0 ? new RepoId("", p, owner) : new RepoId(p.substring(0, last), p.substring(last + 1), owner);
  }

  /**
   * Takes the repository path from a web or clone URL ({@code https://host/ns/name[.git]}); a
   * GitLab {@code /-/} suffix such as {@code /-/tree/main} is dropped.
   *
   * @param url a repository URL
   * @return the id
   */
  public static RepoId fromUrl(URI url) {
    Objects.requireNonNull(url, "url == null");
    String path = url.getPath() == null ? "" : url.getPath();
    int dash = path.indexOf("/-/");
    if (dash >= 0) {
      path = path.substring(0, dash);
    }
    if (path.isBlank() || "/".equals(path)) {
      throw new IllegalArgumentException("URL names no repository: " + url);
    }
    return of(path);
  }

  /**
   * Returns the Pagure fork of this repository owned by {@code user}.
   *
   * @param user the fork owner
   * @return {@code fork/<user>/<namespace>/<name>}
   */
  public RepoId forkOf(String user) {
    return new RepoId(namespace, name, user);
  }

  /** Returns this repository without the fork owner (the fork's parent on Pagure). */
  public RepoId withoutFork() {
    return forkOwner == null ? this : new RepoId(namespace, name, null);
  }

  /** Returns the fork owner, when this names a Pagure fork. */
  public Optional<String> fork() {
    return Optional.ofNullable(forkOwner);
  }

  /** Returns {@code namespace/name} (or {@code name} without a namespace), without any fork prefix. */
  public String fullName() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** Returns the path as Pagure addresses it: {@code fork/<user>/<ns>/<name>} or {@code <ns>/<name>}. */
  public String path() {
    return forkOwner == null ? fullName() : "fork/" + forkOwner + "/" + fullName();
  }

  @Override
  public String toString() {
    return path();
  }
}
