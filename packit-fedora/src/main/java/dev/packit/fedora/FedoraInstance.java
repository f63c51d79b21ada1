package dev.packit.fedora;

import java.net.URI;
import java.util.Objects;

/**
 * Where one Fedora-like infrastructure lives: dist-git, its lookaside cache, Koji and Bodhi.
 *
 * <pre>{@code
 * FedoraInstance fedora = FedoraInstance.fedora();
 * URI koji = fedora.kojiHub();   // https://koji.fedoraproject.org/kojihub
 * }</pre>
 *
 * @param distGit dist-git web and API root, e.g. {@code https://src.fedoraproject.org/}
 * @param lookaside lookaside cache root, e.g. {@code https://src.fedoraproject.org/repo/pkgs/}
 * @param kojiHub Koji hub XML-RPC endpoint
 * @param bodhi Bodhi root
 */
public record FedoraInstance(URI distGit, URI lookaside, URI kojiHub, URI bodhi) {
  /** Validates that no URI is missing. */
  public FedoraInstance {
    Objects.requireNonNull(distGit, "distGit == null");
    Objects.requireNonNull(lookaside, "lookaside == null");
    Objects.requireNonNull(kojiHub, "kojiHub == null");
    Objects.requireNonNull(bodhi, "bodhi == null");
  }

  /**
   * Returns Fedora's production infrastructure.
   *
   * @return the production instance
   */
  public static FedoraInstance fedora() {
    return new FedoraInstance(
        URI.create("https://src.fedoraproject.org/"),
        URI.create("https://src.fedoraproject.org/repo/pkgs/"),
        URI.create("https://koji.fedoraproject.org/kojihub"),
        URI.create("https://bodhi.fedoraproject.org/"));
  }
}
