package dev.packit.forge.github;

import dev.packit.core.PackitVersion;
import dev.packit.core.Secret;
import dev.packit.core.http.Headers;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.Interceptor;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.internal.github.AppJwt;
import dev.packit.forge.internal.github.AppTokens;
import dev.packit.forge.internal.github.GitHubClient;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.RateLimitInterceptor;
import dev.packit.forge.spi.Rest;
import dev.packit.forge.spi.ForgeHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds GitHub clients (REST v3; github.com or GitHub Enterprise).
 *
 * <pre>{@code
 * GitHubForge gh = GitHub.builder().credentials(ForgeCredentials.token(System.getenv("GITHUB_TOKEN"))).build();
 * GitHubForge ghe = GitHub.builder().baseUri(URI.create("https://github.example.com/api/v3/"))
 *     .credentials(ForgeCredentials.gitHubApp(appId, pem)).build();   // installation tokens refresh themselves
 * }</pre>
 *
 * <p>Primary and secondary rate limits (403 or 429 with {@code Retry-After},
 * {@code x-ratelimit-remaining: 0} + {@code x-ratelimit-reset}, or only the "secondary rate limit"
 * text in the body) are waited out with the builder's sleeper, up to the rate-limit budget.
 */
public final class GitHub {
  /** The public API root. */
  public static final URI API = URI.create("https://api.github.com/");

  private GitHub() {}

  /** @return a new builder for github.com */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GitHubForge}. */
  public static final class Builder extends ForgeBuilder<Builder, GitHubForge> {
    private Builder() {
      super(API);
    }

    @Override
    public GitHubForge build() {
      ClientOptions o = clientOptions();
      Headers defaults = Headers.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28",
          "User-Agent", PackitVersion.userAgent());
      RateLimitInterceptor limits = new RateLimitInterceptor(RateLimitInterceptor.Flavor.GITHUB, sleeper, clock,
          rateLimitBudget, Duration.ofSeconds(60));
      List<Interceptor> chain = new ArrayList<>();
      if (credentials.isGitHubApp()) {
        HttpService appHttp = ForgeHttp.service("github", o, List.of(limits));
        AppTokens tokens = new AppTokens(new AppJwt(credentials.appId(), credentials.privateKeyPem().orElseThrow()),
            new Rest(appHttp, defaults), o.baseUri(), clock, credentials.installationId().orElse(null));
        chain.add(new AppAuth(tokens));
      } else {
        credentials.tokenValue().ifPresent(t -> chain.add(Interceptor.bearer(Secret.of(t))));
      }
      chain.add(limits);
      return new GitHubClient(new Rest(ForgeHttp.service("github", o, chain), defaults), o);
    }
  }

  /** Adds the installation token of the repository a request is about. */
  private static final class AppAuth implements Interceptor {
    private final AppTokens tokens;

    AppAuth(AppTokens tokens) {
      this.tokens = tokens;
    }

    @Override
    public dev.packit.core.http.HttpResponse intercept(Chain chain) throws java.io.IOException {
      Secret token = tokens.tokenFor(chain.request().uri());
      return chain.proceed(chain.request().withHeader("Authorization", "Bearer " + token.reveal()));
    }

    @Override
    public String toString() {
      return "GitHubAppAuth[***]";
    }
  }
}
