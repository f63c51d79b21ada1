package dev.packit.forge.internal.providers;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;

/**
 * Pagure: Fedora's dist-git hosts, {@code pagure.*} and {@code git.centos.org}. src.fedoraproject.org
 * stays Pagure here: the host keeps its name when dist-git moves to Forgejo, so only a probe of the
 * server can tell (see the Forgejo section of docs/forges.md).
 */
public final class PagureProvider implements ForgeProvider {
  /** For the ServiceLoader. */
  public PagureProvider() {}

  @Override
  public ForgeKind kind() {
    return ForgeKind.PAGURE;
  }

  @Override
  public boolean matches(URI url) {
    String host = GitHubProvider.host(url);
    return host.equals("src.fedoraproject.org") || host.equals("src.stg.fedoraproject.org")
        || host.startsWith("pagure.") || host.startsWith("git.centos.org");
  }

  @Override
  public ForgeBuilder<?, ? extends Forge> builder() {
    return Pagure.builder();
  }
}
