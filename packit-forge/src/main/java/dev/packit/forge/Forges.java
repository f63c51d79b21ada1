package dev.packit.forge;

import dev.packit.forge.github.GitHub;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.internal.providers.ProviderRegistry;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Picks and builds the {@link Forge} for a repository or instance URL.
 *
 * <pre>{@code
 * Forge forge = Forges.forUrl(URI.create("https://src.fedoraproject.org/rpms/hello"),
 *     ForgeCredentials.token(System.getenv("PAGURE_TOKEN")));
 * RepoId repo = RepoId.fromUrl(URI.create("https://src.fedoraproject.org/rpms/hello"));
 * }</pre>
 *
 * <p>The kind comes from {@link ForgeKind#guess(URI)}, which asks every {@link ForgeProvider}
 * (third-party forges included); the kind's provider builds the client. Built-in API roots:
 * {@code api.github.com} for github.com, {@code https://<host>/api/v3/} for GitHub Enterprise,
 * {@code https://<host>/api/v4/} for GitLab, the host root for Pagure and Forgejo. Use the per-forge builders
 * ({@link GitHub#builder()}, {@link GitLab#builder()}, {@link Pagure#builder()},
 * {@link Forgejo#builder()}) to inject a
 * transport, clock or sleeper.
 */
public final class Forges {
  private Forges() {}

  /**
   * Builds the forge a URL belongs to.
   *
   * @param url a repository or instance URL
   * @param credentials who to authenticate as
   * @return the forge
   * @throws IllegalArgumentException when the host does not tell the kind (use {@link #forUrl(URI, ForgeKind, ForgeCredentials)})
   */
  public static Forge forUrl(URI url, ForgeCredentials credentials) {
    ForgeKind kind = ForgeKind.guess(url).orElseThrow(() -> new IllegalArgumentException(
        "cannot tell which forge " + url.getHost() + " runs; name it with Forges.forUrl(url, ForgeKind, credentials)"));
    return forUrl(url, kind, credentials);
  }

  /**
   * Builds a forge of a named kind for a URL on its host.
   *
   * @param url a repository or instance URL
   * @param kind the forge kind
   * @param credentials who to authenticate as
   * @return the forge
   */
  public static Forge forUrl(URI url, ForgeKind kind, ForgeCredentials credentials) {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(credentials, "credentials == null");
    return builder(url, kind).credentials(credentials).build();
  }

  /**
   * Returns the API root for a URL: what {@link #forUrl(URI, ForgeKind, ForgeCredentials)} uses
   * (the kind's {@link ForgeProvider#baseUri(URI)}).
   *
   * @param url a repository or instance URL
   * @param kind the forge kind
   * @return the base URI the per-forge builder takes
   * @throws IllegalArgumentException when no provider of the kind is on the class or module path
   */
  public static URI baseUri(URI url, ForgeKind kind) {
    return provider(kind).baseUri(url);
  }

  /**
   * Returns every forge provider found through the {@link java.util.ServiceLoader}: the four
   * built-ins first, then third-party ones by id.
   *
   * <pre>{@code
   * Forges.providers().forEach(p -> System.out.println(p.kind().id()));   // github gitlab pagure forgejo ...
   * }</pre>
   *
   * @return the providers
   * @since 0.2.0
   */
  public static List<ForgeProvider> providers() {
    return ProviderRegistry.providers();
  }

  /**
   * Returns a new builder for a URL's host, with the base URI set: for settings beyond credentials
   * (transport, clock, timeouts).
   *
   * <pre>{@code
   * Forge forge = Forges.builder(URI.create("https://codeberg.org/forgejo/forgejo"), ForgeKind.FORGEJO)
   *     .credentials(ForgeCredentials.anonymous()).forkTimeout(Duration.ofMinutes(1)).build();
   * }</pre>
   *
   * @param url a repository or instance URL
   * @param kind the forge kind
   * @return the builder
   * @since 0.2.0
   */
  public static ForgeBuilder<?, ? extends Forge> builder(URI url, ForgeKind kind) {
    Objects.requireNonNull(url, "url == null");
    ForgeProvider p = provider(kind);
    return p.builder().baseUri(p.baseUri(url));
  }

  private static ForgeProvider provider(ForgeKind kind) {
    Objects.requireNonNull(kind, "kind == null");
    return ProviderRegistry.provider(kind).orElseThrow(() -> new IllegalArgumentException(
        "no forge provider for the kind '" + kind.id() + "' on the class or module path (known: "
            + ProviderRegistry.providers().stream().map(p -> p.kind().id()).collect(Collectors.joining(", ")) + ")"));
  }
}
