package dev.packit.fedora.bodhi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.PackitClientException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BodhiAuthenticatorsTest {
  private static WireMockServer wm;
  private static URI base;
  private BodhiReleasesTest.MutableClock clock;

  @BeforeAll
  static void startServer() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    base = URI.create("http://127.0.0.1:" + wm.port() + "/");
  }

  @AfterAll
  static void stopServer() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    clock = new BodhiReleasesTest.MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
  }

  private static void tokenResponse(String bodyContains, String access, String refresh) {
    wm.stubFor(post(urlEqualTo("/openidc/Token")).withRequestBody(containing(bodyContains))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":300"
                + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + "}")));
  }

  @Test
  void refreshTokenFlowCachesUntilShortlyBeforeExpiry() {
    tokenResponse("refresh_token=r1", "access-1", "r2");
    tokenResponse("refresh_token=r2", "access-2", null);
    OidcTokenAuthenticator auth = OidcTokenAuthenticator.builder().tokenEndpoint(base.resolve("openidc/Token"))
        .refreshToken(Secret.of("r1")).clock(clock).refreshMargin(Duration.ofSeconds(60)).build();
    assertEquals("Bearer access-1", auth.authorization(base).reveal());
    clock.advance(Duration.ofSeconds(239));
    assertEquals("Bearer access-1", auth.authorization(base).reveal());
    wm.verify(1, postRequestedFor(urlEqualTo("/openidc/Token"))
        .withRequestBody(containing("grant_type=refresh_token")).withRequestBody(containing("client_id=bodhi-client")));
    clock.advance(Duration.ofSeconds(2)); // within the 60 s margin
    assertEquals("Bearer access-2", auth.authorization(base).reveal());
    assertEquals("r2", auth.refreshToken().reveal(), "a rotated refresh token is kept");
    auth.invalidate();
    auth.authorization(base);
    wm.verify(3, postRequestedFor(urlEqualTo("/openidc/Token")));
    assertFalse(auth.toString().contains("r1") || auth.toString().contains("r2") || auth.toString().contains("access"),
        auth.toString());
  }

  @Test
  void kerberosLoginGetsTheCodeFromIpsilonAndExchangesIt() {
    wm.stubFor(get(urlPathEqualTo("/openidc/Authorization")).withHeader("Authorization", equalTo("Negotiate a2VyYmVyb3M="))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
            .withBody("<html><head><title>\n code=c0de42 \n</title></head><body>Login successful</body></html>")));
    tokenResponse("grant_type=authorization_code", "access-k", "refresh-k");
    tokenResponse("refresh_token=refresh-k", "access-r", null);
    KerberosOidcAuthenticator auth = KerberosOidcAuthenticator.builder()
        .endpoints(base.resolve("openidc/Authorization"), base.resolve("openidc/Token"))
        .negotiate(target -> Secret.of("Negotiate a2VyYmVyb3M=")).clock(clock).build();
    assertEquals("Bearer access-k", auth.authorization(base).reveal());
    wm.verify(getRequestedFor(urlPathEqualTo("/openidc/Authorization"))
        .withQueryParam("response_type", equalTo("code"))
        .withQueryParam("client_id", equalTo("bodhi-client"))
        .withQueryParam("redirect_uri", equalTo("urn:ietf:wg:oauth:2.0:oob"))
        .withQueryParam("scope", equalTo(KerberosOidcAuthenticator.FEDORA_SCOPES)));
    wm.verify(postRequestedFor(urlEqualTo("/openidc/Token")).withRequestBody(containing("code=c0de42")));
    clock.advance(Duration.ofMinutes(10));
    assertEquals("Bearer access-r", auth.authorization(base).reveal(), "expired: refreshed, no new Kerberos login");
    wm.verify(1, getRequestedFor(urlPathEqualTo("/openidc/Authorization")));
  }

  @Test
  void kerberosLoginWithoutCodeIsAnAuthenticationError() {
    wm.stubFor(get(urlPathEqualTo("/openidc/Authorization")).willReturn(aResponse().withStatus(200)
        .withBody("<html><title>Log In</title></html>")));
    KerberosOidcAuthenticator auth = KerberosOidcAuthenticator.builder()
        .endpoints(base.resolve("openidc/Authorization"), base.resolve("openidc/Token"))
        .negotiate(target -> Secret.of("Negotiate eA==")).clock(clock).build();
    PackitServiceException e = assertThrows(PackitServiceException.class, () -> auth.authorization(base));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("no authorization code"), e.getMessage());
  }

  @Test
  void spnegoWithoutKerberosConfigurationFailsClearly() {
    // no KDC, no ticket in this environment: JGSS must fail with our explanation, not hang
    System.setProperty("java.security.krb5.realm", "EXAMPLE.INVALID");
    System.setProperty("java.security.krb5.kdc", "127.0.0.1:1");
    try {
      PackitClientException e = assertThrows(PackitClientException.class,
          () -> new SpnegoAuthenticator().authorization(URI.create("https://id.example.invalid/")));
      assertTrue(e.getMessage().contains("HTTP@id.example.invalid"), e.getMessage());
    } finally {
      System.clearProperty("java.security.krb5.realm");
      System.clearProperty("java.security.krb5.kdc");
    }
  }
}
