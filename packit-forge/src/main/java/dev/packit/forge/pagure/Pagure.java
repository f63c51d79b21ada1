package dev.packit.forge.pagure;

import dev.packit.core.PackitVersion;
import dev.packit.core.Secret;
import dev.packit.core.http.Headers;
import dev.packit.core.http.Interceptor;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.internal.pagure.PagureClient;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.Rest;
import dev.packit.forge.spi.ForgeHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Pagure clients (API 0). The base URI is the instance root; the API is below
 * {@code api/0/} and raw files below {@code <repo>/raw/}.
 *
 * <pre>{@code
 * PagureForge distgit = Pagure.builder()                       // src.fedoraproject.org by default
 *     .credentials(ForgeCredentials.token(System.getenv("PAGURE_TOKEN")))   // Authorization: token ...
 *     .build();
 * String spec = distgit.file(RepoId.of("rpms/hello"), "hello.spec", "rawhide").orElseThrow().text();
 * }</pre>
 */
public final class Pagure {
  /** Fedora's dist-git. */
  public static final URI SRC_FEDORAPROJECT_ORG = URI.create("https://src.fedoraproject.org/");

  private Pagure() {}

  /** @return a new builder for src.fedoraproject.org */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PagureForge}. */
  public static final class Builder extends ForgeBuilder<Builder, PagureForge> {
    private Builder() {
      super(SRC_FEDORAPROJECT_ORG);
    }

    /**
     * Sets the instance root, such as {@code https://pagure.io/} (same as {@link #baseUri}).
     *
     * @param instance the instance root
     * @return this
     */
    public Builder instance(URI instance) {
      return baseUri(instance);
    }

    @Override
    public PagureForge build() {
      ClientOptions o = clientOptions();
      List<Interceptor> chain = new ArrayList<>();
      credentials.tokenValue().ifPresent(t -> chain.add(Interceptor.token(Secret.of(t))));
      Headers defaults = Headers.of("Accept", "application/json", "User-Agent", PackitVersion.userAgent());
      return new PagureClient(new Rest(ForgeHttp.service("pagure", o, chain), defaults), o);
    }
  }
}
