package dev.packit.fedora.bodhi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import dev.packit.core.Secret;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BodhiClientTest {
  private WireMockServer wm;
  private BodhiClient bodhi;
  private final AtomicInteger logins = new AtomicInteger();

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    BodhiAuthenticator auth = new BodhiAuthenticator() {
      @Override
      public Secret authorization(URI target) {
        logins.incrementAndGet();
        return Secret.of("Bearer test-access-token");
      }
    };
    bodhi = BodhiClient.builder().baseUri(URI.create("http://127.0.0.1:" + wm.port() + "/")).authenticator(auth)
        .retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private static String fixture(String name) throws Exception {
    return Files.readString(Fixtures.file("bodhi/" + name));
  }

  private void json(String url, int status, String body) {
    wm.stubFor(get(urlEqualTo(url)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void releasesFollowAllPagesWithStateFilters() throws Exception {
    json("/releases/?state=current&state=pending&state=frozen&page=1", 200, fixture("releases-bodhi-page-1.json"));
    json("/releases/?state=current&state=pending&state=frozen&page=2", 200, fixture("releases-bodhi-page-2.json"));
    List<BodhiRelease> all = bodhi.releases(BodhiClient.ACTIVE_STATES);
    assertEquals(17, all.size());
    BodhiRelease f42 = all.stream().filter(r -> r.name().equals("F42")).findFirst().orElseThrow();
    assertEquals("rawhide", f42.branch());
    assertEquals("f42-updates-candidate", f42.candidateTag());
    assertTrue(f42.isFedora());
    BodhiRelease eln = all.stream().filter(r -> r.name().equals("ELN")).findFirst().orElseThrow();
    assertFalse(eln.composedByBodhi());
    wm.verify(1, getRequestedFor(urlEqualTo("/releases/?state=current&state=pending&state=frozen&page=2"))
        .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void recordedActiveReleasesParse() throws Exception {
    json("/releases/?state=current&state=pending&state=frozen&page=1", 200, fixture("releases-active-page1.recorded.json"));
    List<BodhiRelease> all = bodhi.releases(BodhiClient.ACTIVE_STATES);
    BodhiRelease f42 = all.stream().filter(r -> r.name().equals("F42")).findFirst().orElseThrow();
    assertFalse(f42.composedByBodhi());
    assertEquals("pending", f42.state());
  }

  @Test
  void updatesQueryByBuildAndByAlias() throws Exception {
    json("/updates/?builds=colin-0.3.1-1.fc29&rows_per_page=20&page=1", 200, fixture("updates-query-colin.packit-test.json"));
    BodhiPage<BodhiUpdate> page = bodhi.updates(UpdateQuery.builder().builds(List.of("colin-0.3.1-1.fc29")).build(), 1);
    assertEquals(3, page.items().size());
    assertEquals(11, page.total());
    assertFalse(page.items().get(0).alias().isEmpty());
    assertFalse(page.items().get(0).builds().isEmpty());

    json("/updates/FEDORA-2019-0c53f2476d", 200, "{\"update\":" + fixture("update-FEDORA-2019-0c53f2476d.packit-test.json") + "}");
    BodhiUpdate u = bodhi.update("FEDORA-2019-0c53f2476d").orElseThrow();
    assertEquals(List.of("sen-0.6.1-1.fc30"), u.builds());
    assertEquals("F30", u.release());
    assertEquals("ttomecek", u.user());
    assertEquals("testing", u.status());
    assertEquals("stable", u.request());

    json("/updates/FEDORA-2000-missing", 404, "{\"status\":\"error\",\"errors\":[{\"location\":\"url\",\"name\":\"id\",\"description\":\"Invalid update id\"}]}");
    assertTrue(bodhi.update("FEDORA-2000-missing").isEmpty());
  }

  private void session() throws Exception {
    wm.stubFor(get(urlEqualTo("/oidc/login-token")).withHeader("Authorization", equalTo("Bearer test-access-token"))
        .willReturn(aResponse().withStatus(202).withHeader("Set-Cookie", "auth_tkt=tkt123; Path=/; HttpOnly")));
    wm.stubFor(get(urlEqualTo("/csrf")).withCookie("auth_tkt", equalTo("tkt123"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader("Set-Cookie", "session=sess456; Path=/").withBody(fixture("csrf.response.synth.json"))));
  }

  @Test
  void createUpdateLogsInFetchesCsrfAndPostsJson() throws Exception {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(fixture("update-FEDORA-2019-0c53f2476d.packit-test.json"))));
    SavedUpdates saved = bodhi.createUpdate(UpdateRequest.builder().builds(List.of("sen-0.6.1-1.fc30"))
        .notes("New upstream release").bugs(List.of(1234567L)).extra(java.util.Map.of("stable_karma", 2, "notes", "overridden"))
        .build());
    assertEquals("FEDORA-2019-0c53f2476d", saved.first().alias());
    assertEquals("https://bodhi.fedoraproject.org/updates/FEDORA-2019-0c53f2476d", saved.first().url());
    wm.verify(postRequestedFor(urlEqualTo("/updates/"))
        .withCookie("auth_tkt", equalTo("tkt123"))
        .withCookie("session", equalTo("sess456"))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(matchingJsonPath("$.csrf_token", equalTo("e1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4")))
        .withRequestBody(matchingJsonPath("$.builds[0]", equalTo("sen-0.6.1-1.fc30")))
        .withRequestBody(matchingJsonPath("$.notes", equalTo("New upstream release")))
        .withRequestBody(matchingJsonPath("$.type", equalTo("enhancement")))
        .withRequestBody(matchingJsonPath("$.stable_karma", equalTo("2")))
        .withRequestBody(containing("\"bugs\":[\"1234567\"]")));
    assertEquals(1, logins.get());
    // the session and token are reused
    bodhi.editUpdate("FEDORA-2019-0c53f2476d", UpdateRequest.builder().fromTag("f30-build-side-1").notes("edited").build());
    wm.verify(1, getRequestedFor(urlEqualTo("/csrf")));
    wm.verify(postRequestedFor(urlEqualTo("/updates/"))
        .withRequestBody(matchingJsonPath("$.edited", equalTo("FEDORA-2019-0c53f2476d")))
        .withRequestBody(matchingJsonPath("$.from_tag", equalTo("f30-build-side-1"))));
  }

  @Test
  void updateAlreadyExistsIsTypedWithTheExistingAlias() throws Exception {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(fixture("error.update-already-exists.from-test.json"))));
    json("/updates/?builds=bodhi-2.0.0-2.fc17&rows_per_page=20&page=1", 200,
        "{\"updates\":[{\"alias\":\"FEDORA-2017-abcdef\",\"builds\":[{\"nvr\":\"bodhi-2.0.0-2.fc17\"}]}],\"page\":1,\"pages\":1,\"total\":1}");
    UpdateAlreadyExistsException e = assertThrows(UpdateAlreadyExistsException.class,
        () -> bodhi.createUpdate(UpdateRequest.builder().builds(List.of("bodhi-2.0.0-2.fc17")).notes("x y").build()));
    assertEquals(List.of("bodhi-2.0.0-2.fc17"), e.nvrs());
    assertEquals("FEDORA-2017-abcdef", e.existingAlias().orElseThrow());
    assertEquals(400, e.status());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("Update for bodhi-2.0.0-2.fc17 already exists"), e.getMessage());
  }

  @Test
  void sideTagUpdateExistsIsRecognised() throws Exception {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(400)
        .withBody(fixture("error.sidetag-update-exists.from-test.json"))));
    UpdateAlreadyExistsException e = assertThrows(UpdateAlreadyExistsException.class,
        () -> bodhi.createUpdate(UpdateRequest.builder().fromTag("f42-build-side-1").notes("x y").build()));
    assertTrue(e.nvrs().isEmpty());
    assertEquals("from_tag", e.errors().get(0).name());
  }

  @Test
  void otherErrorBodiesAreTypedWithErrors() throws Exception {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(400)
        .withBody(fixture("error.invalid-tag.from-test.json"))));
    BodhiException tag = assertThrows(BodhiException.class,
        () -> bodhi.createUpdate(UpdateRequest.builder().builds(List.of("bodhi-2.0-1.fc17")).notes("x y").build()));
    assertFalse(tag instanceof UpdateAlreadyExistsException);
    assertTrue(tag.retryable(), "not yet tagged: Packit retries");
    assertEquals("body", tag.errors().get(0).location());

    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(400)
        .withBody(fixture("error.invalid-koji-build.from-test.json"))));
    BodhiException build = assertThrows(BodhiException.class,
        () -> bodhi.createUpdate(UpdateRequest.builder().builds(List.of("bodhi-2.0-1.fc17")).notes("x y").build()));
    assertFalse(build.retryable());
    assertTrue(build.mentions("Invalid koji build"));

    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(500)
        .withBody(fixture("error.server-500-ValueError.from-test.json"))));
    BodhiException server = assertThrows(BodhiException.class,
        () -> bodhi.createUpdate(UpdateRequest.builder().builds(List.of("mariadb-10.1-10.f28flatpak")).notes("x y").build()));
    assertEquals(500, server.status());
    assertEquals("ValueError", server.errors().get(0).name());
    assertFalse(server.retryable());
  }

  @Test
  void csrfMismatchResetsTheSessionAndRetriesOnce() throws Exception {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).inScenario("csrf").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(403).withBody("{\"status\":\"error\",\"errors\":[{\"location\":\"body\","
            + "\"name\":\"csrf_token\",\"description\":\"CSRF tokens do not match. This happens if you have the page open for a long time.\"}]}"))
        .willSetStateTo("fresh"));
    wm.stubFor(post(urlEqualTo("/updates/")).inScenario("csrf").whenScenarioStateIs("fresh")
        .willReturn(aResponse().withStatus(200).withBody(fixture("update-FEDORA-2019-0c53f2476d.packit-test.json"))));
    assertEquals("FEDORA-2019-0c53f2476d",
        bodhi.createUpdate(UpdateRequest.builder().builds(List.of("sen-0.6.1-1.fc30")).notes("x y").build()).first().alias());
    wm.verify(2, getRequestedFor(urlPathEqualTo("/csrf")));
    assertEquals(2, logins.get());
  }

  private BodhiClient timed(dev.packit.core.testing.FakeTime time, java.time.Duration lifetime) {
    BodhiAuthenticator auth = target -> {
      logins.incrementAndGet();
      return Secret.of("Bearer test-access-token");
    };
    return BodhiClient.builder().baseUri(URI.create("http://127.0.0.1:" + wm.port() + "/")).authenticator(auth)
        .clock(time).sleeper(time).sessionLifetime(lifetime).retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void sessionEndFollowsTheCookiesExpiresOnTheInjectedClock() throws Exception {
    dev.packit.core.testing.FakeTime time = new dev.packit.core.testing.FakeTime(java.time.Instant.parse("2026-12-06T22:00:00Z"));
    // the Netscape date format webob writes for pyramid's AuthTktCookieHelper
    wm.stubFor(get(urlEqualTo("/oidc/login-token")).willReturn(aResponse().withStatus(202)
        .withHeader("Set-Cookie", "auth_tkt=t; Path=/; expires=Mon, 07-Dec-2026 22:00:00 GMT; HttpOnly")));
    wm.stubFor(get(urlEqualTo("/csrf")).willReturn(aResponse().withStatus(200).withBody(fixture("csrf.response.synth.json"))));
    BodhiClient c = timed(time, java.time.Duration.ofHours(48));
    c.csrfToken();
    time.sleep(java.time.Duration.ofHours(23).plusMinutes(54));
    c.csrfToken();
    assertEquals(1, logins.get());
    time.sleep(java.time.Duration.ofMinutes(2));
    c.csrfToken();
    assertEquals(2, logins.get(), "5 minutes before Expires: a new session");
  }

  @Test
  void aCookieWithoutExpiryLastsTheConfiguredLifetime() throws Exception {
    dev.packit.core.testing.FakeTime time = new dev.packit.core.testing.FakeTime(java.time.Instant.parse("2026-12-06T22:00:00Z"));
    session();
    BodhiClient c = timed(time, java.time.Duration.ofHours(1));
    c.csrfToken();
    time.sleep(java.time.Duration.ofMinutes(50));
    c.csrfToken();
    assertEquals(1, logins.get());
    time.sleep(java.time.Duration.ofMinutes(6));
    c.csrfToken();
    assertEquals(2, logins.get());
    assertThrows(IllegalArgumentException.class, () -> BodhiClient.builder().sessionLifetime(java.time.Duration.ZERO));
  }

  @Test
  void bugIdsMustBePositive() {
    assertThrows(IllegalArgumentException.class,
        () -> UpdateRequest.builder().builds(List.of("a-1-1")).notes("xy").bugs(List.of(0L)).build());
    assertEquals(List.of("1", "22"),
        UpdateRequest.builder().builds(List.of("a-1-1")).notes("xy").bugs(List.of(1L, 22L)).build().toFields().get("bugs"));
    assertThrows(IllegalArgumentException.class, () -> UpdateRequest.builder().fromTag(" ").notes("xy").build());
  }

  @Test
  void requestValidationHappensBeforeSending() {
    assertThrows(IllegalArgumentException.class, () -> UpdateRequest.builder().notes("x y").build());
    assertThrows(IllegalArgumentException.class, () -> UpdateRequest.builder().builds(List.of("a-1-1")).notes("x").build());
    assertThrows(IllegalArgumentException.class,
        () -> UpdateRequest.builder().builds(List.of("a-1-1")).notes("xy").type("security").build());
  }
}
