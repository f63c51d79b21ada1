package dev.packit.fedora.bodhi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RequestBody;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth 2 refresh-token flow against an OIDC token endpoint (Fedora: Ipsilon,
 * {@code https://id.fedoraproject.org/openidc/Token}, public client {@code bodhi-client}): trades the
 * refresh token for an access token, caches it until {@link Builder#refreshMargin(Duration) shortly
 * before} it expires and keeps a rotated refresh token.
 *
 * <pre>{@code
 * OidcTokenAuthenticator auth = OidcTokenAuthenticator.builder()
 *     .tokenEndpoint(URI.create("https://id.fedoraproject.org/openidc/Token"))
 *     .refreshToken(Secret.of(System.getenv("BODHI_REFRESH_TOKEN")))
 *     .build();
 * auth.authorization(URI.create("https://bodhi.fedoraproject.org/"));   // "Bearer ..."
 * }</pre>
 *
 * <p>Thread-safe; {@code toString()} shows the endpoint and client id only.
 */
public final class OidcTokenAuthenticator implements BodhiAuthenticator {
  private final URI tokenEndpoint;
  private final String clientId;
  private final Clock clock;
  private final Duration margin;
  private final HttpService http;
  private Secret refreshToken;
  private Secret accessToken;
  private Instant expiresAt = Instant.MIN;

  private OidcTokenAuthenticator(Builder b) {
    this.tokenEndpoint = b.tokenEndpoint;
    this.clientId = b.clientId;
    this.clock = b.clock;
    this.margin = b.margin;
    this.refreshToken = b.refreshToken;
    this.http = HttpService.builder().service("oidc").transport(b.transport).clock(b.clock).build();
  }

  /**
   * Returns a builder; token endpoint and refresh token are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized Secret authorization(URI target) {
    if (accessToken == null || !clock.instant().isBefore(expiresAt.minus(margin))) {
      refresh();
    }
    return Secret.of("Bearer " + accessToken.reveal());
  }

  @Override
  public synchronized void invalidate() {
    accessToken = null;
    expiresAt = Instant.MIN;
  }

  private void refresh() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken.reveal());
    form.put("client_id", clientId);
    Instant requestedAt = clock.instant();
    JsonNode json = http.executeJson(HttpRequest.post(tokenEndpoint.toString(), RequestBody.ofForm(form))
        .header("Accept", "application/json").build(), JsonNode.class);
    JsonNode token = json.get("access_token");
    if (token == null || !token.isTextual() || token.asText().isEmpty()) {
      throw dev.packit.core.PackitServiceException.builder().service("oidc").method("POST")
          .url(tokenEndpoint.toString()).status(200).detail("token response has no access_token").retryable(false)
          .build();
    }
    accessToken = Secret.of(token.asText());
    long expiresIn = json.path("expires_in").asLong(3600);
    expiresAt = requestedAt.plusSeconds(expiresIn);
    JsonNode rotated = json.get("refresh_token");
    if (rotated != null && rotated.isTextual() && !rotated.asText().isEmpty()) {
      refreshToken = Secret.of(rotated.asText());
    }
  }

  /**
   * Returns the current refresh token (it may have been rotated), to store for the next run.
   *
   * @return the refresh token
   */
  public synchronized Secret refreshToken() {
    return refreshToken;
  }

  @Override
  public String toString() {
    return "OidcTokenAuthenticator[" + tokenEndpoint + ", client_id=" + clientId + "]";
  }

  /** Configures an {@link OidcTokenAuthenticator}. */
  public static final class Builder {
    private URI tokenEndpoint;
    private String clientId = "bodhi-client";
    private Secret refreshToken;
    private Clock clock = Clock.systemUTC();
    private Duration margin = Duration.ofSeconds(60);
    private HttpTransport transport = HttpTransport.jdk();

    Builder() {}

    /**
     * @param uri the token endpoint
     * @return this builder
     */
    public Builder tokenEndpoint(URI uri) {
      this.tokenEndpoint = Objects.requireNonNull(uri, "uri == null");
      return this;
    }

    /**
     * @param id OAuth client id (default {@code bodhi-client})
     * @return this builder
     */
    public Builder clientId(String id) {
      this.clientId = Objects.requireNonNull(id, "id == null");
      return this;
    }

    /**
     * @param token the refresh token
     * @return this builder
     */
    public Builder refreshToken(Secret token) {
      this.refreshToken = Objects.requireNonNull(token, "token == null");
      return this;
    }

    /**
     * @param clock the clock deciding when the access token expires
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * @param margin renew this long before expiry (default 60 s)
     * @return this builder
     */
    public Builder refreshMargin(Duration margin) {
      this.margin = Objects.requireNonNull(margin, "margin == null");
      return this;
    }

    /**
     * @param transport the HTTP transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    /** @return the authenticator */
    public OidcTokenAuthenticator build() {
      if (tokenEndpoint == null || refreshToken == null) {
        throw new IllegalStateException("tokenEndpoint and refreshToken are required");
      }
      return new OidcTokenAuthenticator(this);
    }
  }

}
