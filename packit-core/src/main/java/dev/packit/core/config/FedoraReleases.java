package dev.packit.core.config;

import java.util.List;

/**
 * The source of active Fedora and EPEL releases behind alias resolution (Bodhi's
 * {@code /releases/?state=current&state=pending&state=frozen}, all pages). The Bodhi client implements it;
 * {@link #fixed(List)} serves a list for tests and offline use.
 *
 * <pre>{@code
 * FedoraReleases source = FedoraReleases.fixed(List.of(f41, f42, f43));
 * DistroAliases aliases = DistroAliases.from(source);
 * }</pre>
 */
@FunctionalInterface
public interface FedoraReleases {
  /**
   * The releases, in any order; archived ones and ELN are ignored by the resolver.
   *
   * @return the releases
   */
  List<FedoraRelease> releases();

  /** A fixed list. */
  static FedoraReleases fixed(List<FedoraRelease> releases) {
    List<FedoraRelease> copy = List.copyOf(releases);
    return () -> copy;
  }
}
