package dev.packit.fedora.messaging;

import dev.packit.fedora.FedoraInstance;
import java.net.URI;
import java.util.List;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells dist-git repositories from forge repositories by their URL. Fedora relays both on the same
 * {@code forgejo.*} topics once dist-git runs on Forgejo; a bot handles an upstream comment and a
 * dist-git push differently. The rule is data, so an embedder can point it at another instance.
 *
 * <pre>{@code
 * DistGitRepositories rule = DistGitRepositories.fedora();          // src/pkgs(.stg).fedoraproject.org, rpms/
 * DistGitRepositories centos = DistGitRepositories.of(Set.of("gitlab.com"), Set.of("redhat"));
 * if (m instanceof ForgejoEvent f && rule.isDistGit(f)) { ... }     // a push to rpms/<package>
 * }</pre>
 *
 * @param hosts host names of the dist-git instance (compared without case)
 * @param namespaces the first path segments that are dist-git namespaces; empty means any
 */
public record DistGitRepositories(Set<String> hosts, Set<String> namespaces) {
  /** Validates and normalises the parts. */
  public DistGitRepositories {
    Objects.requireNonNull(hosts, "hosts == null");
    Objects.requireNonNull(namespaces, "namespaces == null");
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("name at least one dist-git host");
    }
    Set<String> h = new TreeSet<>();
    hosts.forEach(x -> h.add(x.strip().toLowerCase(Locale.ROOT)));
    hosts = Set.copyOf(h);
    namespaces = Set.copyOf(namespaces);
  }

  /**
   * Returns Fedora's rule: hosts {@code src.fedoraproject.org}, {@code pkgs.fedoraproject.org} and
   * their staging names, namespace {@code rpms} (the names stay when dist-git moves to Forgejo).
   *
   * @return the rule
   */
  public static DistGitRepositories fedora() {
    // pkgs.* is the push (ssh) name of the same dist-git; staging's messages use its own hosts.
    Set<String> hosts = new TreeSet<>();
    for (FedoraInstance f : List.of(FedoraInstance.production(), FedoraInstance.staging())) {
      hosts.add(f.distGit().getHost());
      hosts.add(f.distGit().getHost().replaceFirst("^src\\.", "pkgs."));
    }
    return new DistGitRepositories(hosts, Set.of(FedoraInstance.production().namespace()));
  }

  /**
   * Returns a rule for other hosts.
   *
   * @param hosts the dist-git host names
   * @param namespaces the dist-git namespaces, empty for any
   * @return the rule
   */
  public static DistGitRepositories of(Collection<String> hosts, Collection<String> namespaces) {
    return new DistGitRepositories(Set.copyOf(hosts), Set.copyOf(namespaces));
  }

  /**
   * Whether a repository URL is a dist-git repository.
   *
   * @param repositoryUrl the repository's web or clone URL
   * @return whether the host and the namespace match
   */
  public boolean matches(URI repositoryUrl) {
    if (repositoryUrl == null || repositoryUrl.getHost() == null) {
      return false;
    }
    if (!hosts.contains(repositoryUrl.getHost().toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (namespaces.isEmpty()) {
      return true;
    }
    String path = repositoryUrl.getPath() == null ? "" : repositoryUrl.getPath();
    String[] parts = path.replaceFirst("^/+", "").split("/");
    return parts.length >= 2 && namespaces.contains(parts[0]);
  }

  /**
   * Whether a relayed Forgejo event is about a dist-git repository (by {@code repository.html_url}).
   *
   * @param event the event
   * @return whether it is a dist-git event; false when the payload names no URL
   */
  public boolean isDistGit(ForgejoEvent event) {
    return event.repositoryUri().map(this::matches).orElse(false);
  }
}
