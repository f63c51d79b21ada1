package dev.packit.forge.internal.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.Secret;
import dev.packit.forge.RepoId;
import dev.packit.forge.spi.Json;
import dev.packit.forge.spi.Rest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub App installation tokens: found per repository ({@code GET /repos/{o}/{r}/installation}),
 * minted with the app's JWT ({@code POST /app/installations/{id}/access_tokens}) and minted again
 * five minutes before they expire.
 */
public final class AppTokens {
  private static final Duration EARLY = Duration.ofMinutes(5);

  private record Token(Secret value, Instant expiresAt) {}

  private final AppJwt jwt;
  private final Rest rest;
  private final URI api;
  private final Clock clock;
  private final Long fixedInstallation;
  private final Map<String, Long> installations = new ConcurrentHashMap<>();
  private final Map<Long, Token> tokens = new ConcurrentHashMap<>();

  /**
   * @param jwt signs the app JWT
   * @param rest a client WITHOUT the app's own auth interceptor
   * @param api the API root
   * @param clock the time
   * @param fixedInstallation an installation to use for everything, or null to look it up per repository
   */
  public AppTokens(AppJwt jwt, Rest rest, URI api, Clock clock, Long fixedInstallation) {
    this.jwt = jwt;
    this.rest = rest;
    this.api = api;
    this.clock = clock;
    this.fixedInstallation = fixedInstallation;
  }

  /** Returns a valid token for a request to {@code uri}. */
  public Secret tokenFor(URI uri) {
    long installation = installationFor(uri);
    Token t = tokens.compute(installation, (id, old) ->
        old != null && old.expiresAt().minus(EARLY).isAfter(clock.instant()) ? old : mint(id));
    return t.value();
  }

  private long installationFor(URI uri) {
    if (fixedInstallation != null) {
      return fixedInstallation;
    }
    Optional<RepoId> repo = repoOf(uri);
    if (repo.isEmpty()) {
      if (installations.size() == 1) {
        return installations.values().iterator().next();
      }
      throw new IllegalStateException("GitHub App credentials need an installation for " + uri.getPath()
          + "; bind one with ForgeCredentials.withInstallation(id)");
    }
    return installations.computeIfAbsent(repo.get().fullName().toLowerCase(java.util.Locale.ROOT), k -> {
      JsonNode n = rest.get(api.resolve("repos/" + repo.get().fullName() + "/installation"),
          "Authorization", "Bearer " + jwt.sign(clock.instant())).json();
      return n.path("id").asLong();
    });
  }

  private Token mint(long installation) {
    JsonNode n = rest.json("POST", api.resolve("app/installations/" + installation + "/access_tokens"), Json.object(), false,
        "Authorization", "Bearer " + jwt.sign(clock.instant())).json();
    Instant expires = Json.instant(n, "expires_at");
    return new Token(Secret.of(Json.text(n, "token")), expires == null ? clock.instant().plus(Duration.ofMinutes(55)) : expires);
  }

  static Optional<RepoId> repoOf(URI uri) {
    String p = uri.getPath();
    int i = p.indexOf("/repos/");
    if (i < 0) {
      return Optional.empty();
    }
    String[] parts = p.substring(i + 7).split("/");
    return parts.length >= 2 ? Optional.of(new RepoId(parts[0], parts[1], null)) : Optional.empty();
  }
}
