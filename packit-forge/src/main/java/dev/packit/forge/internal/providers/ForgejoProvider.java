package dev.packit.forge.internal.providers;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;

/** Forgejo and Gitea: codeberg.org, forge(.stg).fedoraproject.org, {@code forgejo.*}, {@code gitea.*}. */
public final class ForgejoProvider implements ForgeProvider {
  /** For the ServiceLoader. */
  public ForgejoProvider() {}

  @Override
  public ForgeKind kind() {
    return ForgeKind.FORGEJO;
  }

  @Override
  public boolean matches(URI url) {
    String host = GitHubProvider.host(url);
    return host.equals("codeberg.org") || host.equals("forge.fedoraproject.org") || host.equals("forge.stg.fedoraproject.org")
        || host.startsWith("forgejo.") || host.startsWith("gitea.") || host.equals("gitea.com");
  }

  @Override
  public ForgeBuilder<?, ? extends Forge> builder() {
    return Forgejo.builder();
  }
}
