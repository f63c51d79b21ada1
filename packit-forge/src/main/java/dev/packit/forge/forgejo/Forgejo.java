package dev.packit.forge.forgejo;

import dev.packit.core.PackitVersion;
import dev.packit.core.Secret;
import dev.packit.core.http.Headers;
import dev.packit.core.http.Interceptor;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.internal.forgejo.ForgejoClient;
import dev.packit.forge.internal.forgejo.TokenEchoRedactor;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.Rest;
import dev.packit.forge.spi.ForgeHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Forgejo clients (API v1; Gitea speaks the same API). The base URI is the instance root;
 * the API is below {@code api/v1/}. Tokens are sent as {@code Authorization: token <t>} and are
 * scoped on Forgejo: a bot needs {@code write:repository} (forks, pull requests, statuses,
 * releases) and {@code write:issue} (comments).
 *
 * <pre>{@code
 * ForgejoForge forge = Forgejo.builder()                               // codeberg.org by default
 *     .instance(URI.create("https://forge.fedoraproject.org/"))
 *     .credentials(ForgeCredentials.token(System.getenv("FORGEJO_TOKEN")))
 *     .build();
 * Repository fork = forge.forkOrCreate(RepoId.of("rpms/hello"));      // at <user>/hello
 * }</pre>
 */
public final class Forgejo {
  /** Codeberg, the largest public Forgejo instance. */
  public static final URI CODEBERG = URI.create("https://codeberg.org/");
  /** Fedora's forge (the former pagure.io projects). */
  public static final URI FORGE_FEDORAPROJECT_ORG = URI.create("https://forge.fedoraproject.org/");

  private Forgejo() {}

  /** @return a new builder for codeberg.org */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ForgejoForge}. */
  public static final class Builder extends ForgeBuilder<Builder, ForgejoForge> {
    private Builder() {
      super(CODEBERG);
    }

    /**
     * Sets the instance root, such as {@code https://codeberg.org/} (same as {@link #baseUri}).
     *
     * @param instance the instance root
     * @return this
     */
    public Builder instance(URI instance) {
      return baseUri(instance);
    }

    @Override
    public ForgejoForge build() {
      ClientOptions o = clientOptions();
      List<Interceptor> chain = new ArrayList<>();
      credentials.tokenValue().ifPresent(t -> {
        chain.add(Interceptor.token(Secret.of(t)));
        // Forgejo's 401 for an unknown token quotes the token it was sent: cut it out of the body
        // before anything (an exception, a log line) can keep it.
        chain.add(new TokenEchoRedactor(Secret.of(t)));
      });
      Headers defaults = Headers.of("Accept", "application/json", "User-Agent", PackitVersion.userAgent());
      return new ForgejoClient(new Rest(ForgeHttp.service("forgejo", o, chain), defaults), o);
    }
  }
}
