package dev.packit.fedora.bodhi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RequestBody;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The login Fedora bots use for Bodhi: Kerberos (a keytab ticket) to Ipsilon, OIDC tokens back.
 *
 * <pre>{@code
 * // kinit -k -t /etc/packit.keytab packit@FEDORAPROJECT.ORG; -Djavax.security.auth.useSubjectCredsOnly=false
 * BodhiAuthenticator auth = KerberosOidcAuthenticator.builder().build();   // Fedora's Ipsilon, client bodhi-client
 * BodhiClient bodhi = BodhiClient.builder().authenticator(auth).build();
 * }</pre>
 *
 * <p>As bodhi-client's {@code login_with_kerberos}: {@code GET <authorization endpoint>?response_type=code
 * &client_id=bodhi-client&redirect_uri=urn:ietf:wg:oauth:2.0:oob&scope=...&state=...} with
 * {@code Authorization: Negotiate ...} (from {@link SpnegoAuthenticator}, or any authenticator you
 * pass); Ipsilon answers with a page whose {@code <title>} is {@code code=...}; the code is
 * exchanged at the token endpoint ({@code grant_type=authorization_code}). The access token is
 * cached until shortly before it expires (injected {@link Clock}); after that the refresh token is
 * used, and a new Kerberos login happens when refreshing fails. Thread-safe; no secret in
 * {@code toString()}.
 */
public final class KerberosOidcAuthenticator implements BodhiAuthenticator {
  /** The scopes Bodhi requires. */
  public static final String FEDORA_SCOPES = "openid email profile https://id.fedoraproject.org/scope/groups "
      + "https://id.fedoraproject.org/scope/agreements";
  private static final Pattern TITLE_CODE = Pattern.compile("<title>\\s*(code=[\\w\\-_=;&]+)\\s*</title>");

  private final URI authorizationEndpoint;
  private final URI tokenEndpoint;
  private final String clientId;
  private final String scope;
  private final String redirectUri;
  private final BodhiAuthenticator negotiate;
  private final Clock clock;
  private final Duration margin;
  private final HttpService http;
  private final SecureRandom random = new SecureRandom();
  private Secret accessToken;
  private Secret refreshToken;
  private Instant expiresAt = Instant.MIN;

  private KerberosOidcAuthenticator(Builder b) {
    this.authorizationEndpoint = b.authorizationEndpoint;
    this.tokenEndpoint = b.tokenEndpoint;
    this.clientId = b.clientId;
    this.scope = b.scope;
    this.redirectUri = b.redirectUri;
    this.negotiate = b.negotiate;
    this.clock = b.clock;
    this.margin = b.margin;
    this.http = HttpService.builder().service("oidc").transport(b.transport).clock(b.clock).build();
  }

  /**
   * Returns a builder for Fedora's Ipsilon ({@code https://id.fedoraproject.org/openidc/}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized Secret authorization(URI target) {
    if (accessToken == null || !clock.instant().isBefore(expiresAt.minus(margin))) {
      boolean refreshed = false;
      if (refreshToken != null) {
        try {
          tokens(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken.reveal(), "client_id", clientId));
          refreshed = true;
        } catch (PackitServiceException e) {
          refreshToken = null; // expired or revoked: log in with Kerberos again
        }
      }
      if (!refreshed) {
        login();
      }
    }
    return Secret.of("Bearer " + accessToken.reveal());
  }

  @Override
  public synchronized void invalidate() {
    accessToken = null;
    expiresAt = Instant.MIN;
  }

  private void login() {
    byte[] stateBytes = new byte[16];
    random.nextBytes(stateBytes);
    String state = HexFormat.of().formatHex(stateBytes);
    String url = authorizationEndpoint + (authorizationEndpoint.getRawQuery() == null ? "?" : "&")
        + "response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirectUri)
        + "&scope=" + enc(scope) + "&state=" + state;
    URI uri = URI.create(url);
    HttpRequest req = HttpRequest.get(uri).withHeader("Authorization", negotiate.authorization(uri).reveal());
    String page;
    int status;
    try (HttpResponse r = http.exchange(req)) {
      status = r.status();
      page = r.text();
      if (status == 200) {
        negotiate.checkResponse(uri, r.headers().allValues("WWW-Authenticate"));
      }
    }
    Matcher m = TITLE_CODE.matcher(page);
    if (status != 200 || !m.find()) {
      throw PackitServiceException.builder().service("oidc").method("GET")
          .url(authorizationEndpoint.toString()).status(status == 200 ? 401 : status)
          .detail("Kerberos login to the OIDC provider gave no authorization code (is there a valid ticket?)")
          .retryable(false).build();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String kv : m.group(1).split("[&;]")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        params.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (params.containsKey("state") && !state.equals(params.get("state"))) {
      throw new IllegalStateException("OIDC state mismatch: the authorization answer is not for this login");
    }
    String code = params.get("code");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("client_id", clientId);
    tokens(form);
  }

  private void tokens(Map<String, String> form) {
    Instant requestedAt = clock.instant();
    JsonNode json = http.executeJson(HttpRequest.post(tokenEndpoint.toString(), RequestBody.ofForm(form))
        .header("Accept", "application/json").build(), JsonNode.class);
    String access = json.path("access_token").asText("");
    if (access.isEmpty()) {
      throw PackitServiceException.builder().service("oidc").method("POST").url(tokenEndpoint.toString())
          .status(200).detail("token response has no access_token").retryable(false).build();
    }
    accessToken = Secret.of(access);
    expiresAt = requestedAt.plusSeconds(json.path("expires_in").asLong(3600));
    String refresh = json.path("refresh_token").asText("");
    if (!refresh.isEmpty()) {
      refreshToken = Secret.of(refresh);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "KerberosOidcAuthenticator[" + authorizationEndpoint + ", client_id=" + clientId + "]";
  }

  /** Configures a {@link KerberosOidcAuthenticator}. */
  public static final class Builder {
    private URI authorizationEndpoint = URI.create("https://id.fedoraproject.org/openidc/Authorization");
    private URI tokenEndpoint = URI.create("https://id.fedoraproject.org/openidc/Token");
    private String clientId = "bodhi-client";
    private String scope = FEDORA_SCOPES;
    private String redirectUri = "urn:ietf:wg:oauth:2.0:oob";
    private BodhiAuthenticator negotiate = new SpnegoAuthenticator();
    private Clock clock = Clock.systemUTC();
    private Duration margin = Duration.ofSeconds(60);
    private HttpTransport transport = HttpTransport.jdk();

    Builder() {}

    /**
     * @param uri the OIDC provider's authorization endpoint
     * @param token its token endpoint
     * @return this builder
     */
    public Builder endpoints(URI uri, URI token) {
      this.authorizationEndpoint = Objects.requireNonNull(uri, "uri == null");
      this.tokenEndpoint = Objects.requireNonNull(token, "token == null");
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
     * @param scopes space-separated scopes (default {@link #FEDORA_SCOPES})
     * @return this builder
     */
    public Builder scope(String scopes) {
      this.scope = Objects.requireNonNull(scopes, "scopes == null");
      return this;
    }

    /**
     * @param uri redirect URI (default {@code urn:ietf:wg:oauth:2.0:oob})
     * @return this builder
     */
    public Builder redirectUri(String uri) {
      this.redirectUri = Objects.requireNonNull(uri, "uri == null");
      return this;
    }

    /**
     * @param authenticator supplies the {@code Negotiate} header (default {@link SpnegoAuthenticator})
     * @return this builder
     */
    public Builder negotiate(BodhiAuthenticator authenticator) {
      this.negotiate = Objects.requireNonNull(authenticator, "authenticator == null");
      return this;
    }

    /**
     * @param clock the clock deciding when tokens expire
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
    public KerberosOidcAuthenticator build() {
      return new KerberosOidcAuthenticator(this);
    }
  }
}
