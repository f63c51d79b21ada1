package dev.packit.fedora.bodhi;

import dev.packit.core.Secret;
import java.net.URI;

/**
 * Supplies the {@code Authorization} header that opens a Bodhi session (sent to
 * {@code GET /oidc/login-token}, which answers with the {@code auth_tkt} cookie the client keeps).
 *
 * <pre>{@code
 * BodhiAuthenticator auth = OidcTokenAuthenticator.builder()
 *     .tokenEndpoint(URI.create("https://id.fedoraproject.org/openidc/Token"))
 *     .refreshToken(Secret.of(System.getenv("BODHI_REFRESH_TOKEN")))
 *     .build();
 * BodhiClient bodhi = BodhiClient.builder().authenticator(auth).build();
 * }</pre>
 *
 * <p>Implementations: {@link OidcTokenAuthenticator} (OAuth 2 refresh-token flow, caches the access
 * token), {@link KerberosOidcAuthenticator} (Kerberos to the OIDC provider, then tokens: what
 * Fedora bots use) and {@link SpnegoAuthenticator} (Kerberos via JGSS, {@code Negotiate} header).
 * They are thread-safe and never print secrets.
 */
public interface BodhiAuthenticator {
  /**
   * Returns the {@code Authorization} header value for a request to {@code target}.
   *
   * @param target the URI the header is sent to
   * @return e.g. {@code Bearer <token>} or {@code Negotiate <token>}
   */
  Secret authorization(URI target);

  /**
   * Checks the answer to a request that carried {@link #authorization}'s header, such as the
   * server's {@code WWW-Authenticate: Negotiate} token (mutual authentication).
   *
   * @param target the URI the header was sent to
   * @param wwwAuthenticate the answer's {@code WWW-Authenticate} values
   * @throws dev.packit.core.PackitClientException when the server did not prove its identity
   */
  default void checkResponse(URI target, java.util.List<String> wwwAuthenticate) {}

  /** Forgets cached credentials after the server rejected them; the next call obtains new ones. */
  default void invalidate() {}
}
