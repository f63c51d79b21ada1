package dev.packit.forge.internal.providers;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;
import java.util.Locale;

/** GitHub.com and GitHub Enterprise: {@code github.com}, {@code *.github.com}, {@code github.*}. */
public final class GitHubProvider implements ForgeProvider {
  /** For the ServiceLoader. */
  public GitHubProvider() {}

  @Override
  public ForgeKind kind() {
    return ForgeKind.GITHUB;
  }

  @Override
  public boolean matches(URI url) {
    String host = host(url);
    return host.equals("github.com") || host.endsWith(".github.com") || host.startsWith("github.");
  }

  /** api.github.com for github.com, {@code https://<host>/api/v3/} for GitHub Enterprise. */
  @Override
  public URI baseUri(URI url) {
    String host = host(url);
    return host.equals("github.com") || host.equals("api.github.com") || host.equals("www.github.com")
        ? GitHub.API : URI.create(ForgeProvider.super.baseUri(url) + "api/v3/");
  }

  @Override
  public ForgeBuilder<?, ? extends Forge> builder() {
    return GitHub.builder();
  }

  static String host(URI url) {
    return url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
  }
}
