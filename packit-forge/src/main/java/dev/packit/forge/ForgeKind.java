package dev.packit.forge;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds of git forge packit-java talks to.
 *
 * <pre>{@code
 * ForgeKind kind = ForgeKind.guess(URI.create("https://src.fedoraproject.org/rpms/hello")).orElseThrow();
 * // PAGURE; https://codeberg.org/forgejo/forgejo gives FORGEJO
 * }</pre>
 */
public enum ForgeKind {
  /** GitHub.com or GitHub Enterprise (REST v3). */
  GITHUB,
  /** GitLab.com or a self-hosted GitLab (API v4). */
  GITLAB,
  /** Pagure, as used by Fedora's dist-git (API 0). */
  PAGURE,
  /**
   * Forgejo (API v1): Codeberg, forge.fedoraproject.org and, after its migration, Fedora's
   * dist-git. Gitea speaks the same API and is served by the same client.
   */
  FORGEJO;

  /**
   * Guesses the forge kind from a repository URL by its host name; self-hosted instances with
   * neutral host names cannot be guessed and must be named explicitly.
   *
   * @param url a repository or instance URL
   * @return the kind, or empty when the host does not tell
   */
  public static Optional<ForgeKind> guess(URI url) {
    Objects.requireNonNull(url, "url == null");
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("github.com") || host.endsWith(".github.com") || host.startsWith("github.")) {
      return Optional.of(GITHUB);
    }
    if (host.equals("gitlab.com") || host.startsWith("gitlab.") || host.contains(".gitlab.")) {
      return Optional.of(GITLAB);
    }
    if (host.equals("src.fedoraproject.org") || host.equals("src.stg.fedoraproject.org")
        || host.startsWith("pagure.") || host.startsWith("git.centos.org")) {
      return Optional.of(PAGURE);
    }
    // src.fedoraproject.org stays PAGURE here: the host keeps its name when dist-git moves to
    // Forgejo, so only a probe of the server can tell (see the Forgejo section of docs/forges.md).
    if (host.equals("codeberg.org") || host.equals("forge.fedoraproject.org") || host.equals("forge.stg.fedoraproject.org")
        || host.startsWith("forgejo.") || host.startsWith("gitea.") || host.equals("gitea.com")) {
      return Optional.of(FORGEJO);
    }
    return Optional.empty();
  }
}
