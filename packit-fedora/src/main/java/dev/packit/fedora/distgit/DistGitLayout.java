package dev.packit.fedora.distgit;

import dev.packit.fedora.FedoraInstance;
import dev.packit.forge.RepoId;
import java.net.URI;
import java.util.Objects;

/**
 * Where a dist-git instance keeps its repositories: Fedora, CentOS Stream, a private one.
 *
 * <pre>{@code
 * DistGitLayout fedora = DistGitLayout.fedora();
 * fedora.packageUri("hello");            // https://src.fedoraproject.org/rpms/hello.git
 * fedora.forkUri("jdoe", "hello");       // https://src.fedoraproject.org/forks/jdoe/rpms/hello.git (Pagure)
 * fedora.forkPushUri(fork);              // where the forge's fork is pushed: jdoe/hello.git on Forgejo
 * DistGitLayout viaSsh = fedora.withPushBase(URI.create("ssh://jdoe@pkgs.fedoraproject.org/"));
 * }</pre>
 *
 * @param gitBase the root of anonymous clone URLs, ending in {@code /}
 * @param pushBase the root of push URLs (Fedora: {@code ssh://<user>@pkgs.fedoraproject.org/}), ending in {@code /}
 * @param namespace the package namespace, {@code rpms}
 * @param forkPrefix the path before {@code <user>/<namespace>/<name>} of forks, {@code forks}
 * @param defaultBranch the main branch, {@code rawhide} on Fedora
 */
public record DistGitLayout(URI gitBase, URI pushBase, String namespace, String forkPrefix, String defaultBranch) {
  /** Validates the components. */
  public DistGitLayout {
    gitBase = slash(Objects.requireNonNull(gitBase, "gitBase == null"));
    pushBase = slash(Objects.requireNonNull(pushBase, "pushBase == null"));
    requireSegments(namespace, "namespace");
    requireSegments(forkPrefix, "forkPrefix");
    Objects.requireNonNull(defaultBranch, "defaultBranch == null");
  }

  private static URI slash(URI u) {
    return u.toString().endsWith("/") ? u : URI.create(u + "/");
  }

  private static void requireSegments(String s, String what) {
    Objects.requireNonNull(s, what + " == null");
    for (String seg : s.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        throw new IllegalArgumentException("invalid " + what + ": " + s);
      }
    }
  }

  /** @return Fedora's src.fedoraproject.org, pushing over HTTPS like it clones */
  public static DistGitLayout fedora() {
    return FedoraInstance.production().layout();
  }

  /**
   * A Pagure-style layout ({@code rpms/}, {@code forks/}, {@code rawhide}) at another root.
   *
   * @param gitBase the root of clone URLs
   * @return the layout
   */
  public static DistGitLayout of(URI gitBase) {
    FedoraInstance fedora = FedoraInstance.production();
    return new DistGitLayout(gitBase, gitBase, fedora.namespace(), "forks", fedora.defaultBranch());
  }

  /**
   * @param pushBase the root of push URLs
   * @return a copy pushing there
   */
  public DistGitLayout withPushBase(URI pushBase) {
    return new DistGitLayout(gitBase, pushBase, namespace, forkPrefix, defaultBranch);
  }

  /**
   * @param defaultBranch the main branch
   * @return a copy with that main branch
   */
  public DistGitLayout withDefaultBranch(String defaultBranch) {
    return new DistGitLayout(gitBase, pushBase, namespace, forkPrefix, defaultBranch);
  }

  /**
   * @param pkg the package name
   * @return the forge id, {@code rpms/<pkg>}
   */
  public RepoId packageId(String pkg) {
    return RepoId.of(namespace + "/" + checkName(pkg));
  }

  /**
   * @param pkg the package name
   * @return the anonymous clone URL
   */
  public URI packageUri(String pkg) {
    return gitBase.resolve(namespace + "/" + checkName(pkg) + ".git");
  }

  /**
   * @param pkg the package name
   * @return the URL to push the package repository to
   */
  public URI packagePushUri(String pkg) {
    return pushBase.resolve(namespace + "/" + checkName(pkg) + ".git");
  }

  /**
   * @param user the fork owner
   * @param pkg the package name
   * @return the clone URL of the user's fork
   */
  public URI forkUri(String user, String pkg) {
    return gitBase.resolve(forkPath(user, pkg));
  }

  /**
   * @param user the fork owner
   * @param pkg the package name
   * @return the URL to push the user's fork to
   */
  public URI forkPushUri(String user, String pkg) {
    return pushBase.resolve(forkPath(user, pkg));
  }

  /**
   * The URL to push a fork the forge made, wherever the forge keeps it: Pagure's
   * {@code forks/<user>/rpms/<pkg>}, Forgejo's {@code <user>/<pkg>}. A clone URL below
   * {@link #gitBase()} is moved below {@link #pushBase()}; any other is pushed to as it is.
   *
   * <pre>{@code
   * Repository fork = forge.forkOrCreate(layout.packageId("hello"));
   * URI push = layout.forkPushUri(fork);   // ssh://jdoe@pkgs.fedoraproject.org/jdoe/hello.git on Forgejo
   * }</pre>
   *
   * @param fork the fork as the forge answered it
   * @return the push URL
   */
  public URI forkPushUri(dev.packit.forge.Repository fork) {
    Objects.requireNonNull(fork, "fork == null");
    URI clone = Objects.requireNonNull(fork.cloneUrl(), "the fork " + fork.id() + " has no clone URL");
    String c = clone.toString();
    String base = gitBase.toString();
    if (c.startsWith(base) && !c.substring(base.length()).contains("..")) {
      return pushBase.resolve(c.substring(base.length()));
    }
    return clone;
  }

  private String forkPath(String user, String pkg) {
    return forkPrefix + "/" + checkName(user) + "/" + namespace + "/" + checkName(pkg) + ".git";
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isEmpty() || name.startsWith(".") || name.startsWith("-")
        || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '+')) {
      throw new IllegalArgumentException("invalid package or user name: " + name);
    }
    return name;
  }
}
