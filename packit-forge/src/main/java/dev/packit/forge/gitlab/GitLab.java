package dev.packit.forge.gitlab;

import dev.packit.core.PackitVersion;
import dev.packit.core.Secret;
import dev.packit.core.http.Headers;
import dev.packit.core.http.Interceptor;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.internal.gitlab.GitLabClient;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.RateLimitInterceptor;
import dev.packit.forge.spi.Rest;
import dev.packit.forge.spi.ForgeHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds GitLab clients (API v4; gitlab.com or self-hosted).
 *
 * <pre>{@code
 * GitLabForge gl = GitLab.builder()
 *     .baseUri(URI.create("https://gitlab.example.com/api/v4/"))
 *     .credentials(ForgeCredentials.token(System.getenv("GITLAB_TOKEN")))
 *     .build();
 * }</pre>
 *
 * <p>A 429 is waited out ({@code Retry-After}, else {@code RateLimit-Reset}) with the builder's
 * sleeper, up to the rate-limit budget. The token is sent as {@code PRIVATE-TOKEN}.
 */
public final class GitLab {
  /** The gitlab.com API root. */
  public static final URI API = URI.create("https://gitlab.com/api/v4/");

  private GitLab() {}

  /** @return a new builder for gitlab.com */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GitLabForge}. */
  public static final class Builder extends ForgeBuilder<Builder, GitLabForge> {
    private Builder() {
      super(API);
    }

    @Override
    public GitLabForge build() {
      ClientOptions o = clientOptions();
      List<Interceptor> chain = new ArrayList<>();
      credentials.tokenValue().ifPresent(t -> {
        Secret s = Secret.of(t);
        chain.add(Interceptor.secretHeader("PRIVATE-TOKEN", () -> s));
      });
      chain.add(new RateLimitInterceptor(RateLimitInterceptor.Flavor.GITLAB, sleeper, clock, rateLimitBudget,
          Duration.ofSeconds(60)));
      Headers defaults = Headers.of("Accept", "application/json", "User-Agent", PackitVersion.userAgent());
      return new GitLabClient(new Rest(ForgeHttp.service("gitlab", o, chain), defaults), o);
    }
  }
}
