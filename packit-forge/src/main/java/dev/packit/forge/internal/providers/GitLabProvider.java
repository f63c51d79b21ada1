package dev.packit.forge.internal.providers;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;

/** GitLab: {@code gitlab.com}, {@code gitlab.*}, {@code *.gitlab.*}; the API is below {@code api/v4/}. */
public final class GitLabProvider implements ForgeProvider {
  /** For the ServiceLoader. */
  public GitLabProvider() {}

  @Override
  public ForgeKind kind() {
    return ForgeKind.GITLAB;
  }

  @Override
  public boolean matches(URI url) {
    String host = GitHubProvider.host(url);
    return host.equals("gitlab.com") || host.startsWith("gitlab.") || host.contains(".gitlab.");
  }

  @Override
  public URI baseUri(URI url) {
    return URI.create(ForgeProvider.super.baseUri(url) + "api/v4/");
  }

  @Override
  public ForgeBuilder<?, ? extends Forge> builder() {
    return GitLab.builder();
  }
}
