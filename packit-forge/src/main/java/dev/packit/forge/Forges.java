package dev.packit.forge;

import dev.packit.forge.github.GitHub;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.pagure.Pagure;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Picks and builds the {@link Forge} for a repository or instance URL.
 *
 * <pre>{@code
 * Forge forge = Forges.forUrl(URI.create("https://src.fedoraproject.org/rpms/hello"),
 *     ForgeCredentials.token(System.getenv("PAGURE_TOKEN")));
 * RepoId repo = RepoId.fromUrl(URI.create("https://src.fedoraproject.org/rpms/hello"));
 * }</pre>
 *
 * <p>The kind comes from {@link ForgeKind#guess(URI)}; the API root is derived from the host:
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
   * Returns the API root for a URL: what {@link #forUrl(URI, ForgeKind, ForgeCredentials)} uses.
   *
   * @param url a repository or instance URL
   * @param kind the forge kind
   * @return the base URI the per-forge builder takes
   */
  public static URI baseUri(URI url, ForgeKind kind) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    String root = (url.getScheme() == null ? "https" : url.getScheme()) + "://" + url.getRawAuthority() + "/";
    switch (kind) {
      case GITHUB:
        return host.equals("github.com") || host.equals("api.github.com") || host.equals("www.github.com")
            ? GitHub.API : URI.create(root + "api/v3/");
      case GITLAB:
        return URI.create(root + "api/v4/");
      case FORGEJO:
        return URI.create(root);
      default:
        return URI.create(root);
    }
  }

  private static ForgeBuilder<?, ? extends Forge> builder(URI url, ForgeKind kind) {
    URI base = baseUri(url, kind);
    switch (kind) {
      case GITHUB:
        return GitHub.builder().baseUri(base);
      case GITLAB:
        return GitLab.builder().baseUri(base);
      case FORGEJO:
        return Forgejo.builder().baseUri(base);
      default:
        return Pagure.builder().baseUri(base);
    }
  }
}
