package dev.packit.fedora.bodhi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.Secret;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.FakeTime;
import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays what a real Bodhi 8.1.1 answered ({@code ../shared/fixtures/bodhi/real-server-8.1/},
 * see its README) to the client: every recording there must be replayed by a full run of this
 * class. The 403 of an expired {@code auth_tkt} is not among the recordings (it needs a day); its
 * body is the one Bodhi's {@code exception_json_view} renders for pyramid's {@code HTTPForbidden}.
 */
class BodhiRecordedContractTest {
  static final String DIR = "bodhi/real-server-8.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bodhi's answer to a save whose auth_tkt has expired (views/generic.py exception_json_view). */
  static final String EXPIRED_403 = "{\"status\": \"error\", \"errors\": [{\"location\": \"body\", \"name\": \"HTTPForbidden\","
      + " \"description\": \"Unauthorized: new_update__POST failed permission check\"}]}";
  private static final Set<String> REPLAYED = new TreeSet<>();
  private static final AtomicInteger TESTS_RUN = new AtomicInteger();

  private WireMockServer wm;
  private FakeTime time;
  private BodhiClient bodhi;
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger invalidations = new AtomicInteger();

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    time = new FakeTime(Instant.parse("2026-12-06T22:00:00Z"));
    BodhiAuthenticator auth = new BodhiAuthenticator() {
      @Override
      public Secret authorization(URI target) {
        logins.incrementAndGet();
        return Secret.of("Bearer access-" + logins.get());
      }

      @Override
      public void invalidate() {
        invalidations.incrementAndGet();
      }
    };
    bodhi = BodhiClient.builder().baseUri(URI.create(wm.baseUrl() + "/")).authenticator(auth).clock(time).sleeper(time)
        .retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    wm.stop();
    TESTS_RUN.incrementAndGet();
  }

  @AfterAll
  static void everyRecordingReplayed() {
    long declared = Arrays.stream(BodhiRecordedContractTest.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class)).count();
    if (TESTS_RUN.get() == declared) {
      assertEquals(all(), REPLAYED, "recordings in ../shared/fixtures/" + DIR + " not replayed");
    }
  }

  /** Names of every recording (a {@code .json} with its {@code .meta.json}). */
  static Set<String> all() {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(Fixtures.dir(DIR))) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".meta.json"))
          .forEach(n -> names.add(n.substring(0, n.length() - ".meta.json".length())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** The recorded body, noting the recording as replayed; checks the meta's status. */
  private static String body(String name, int status) {
    try {
      Path dir = Fixtures.dir(DIR);
      JsonNode meta = JSON.readTree(dir.resolve(name + ".meta.json").toFile());
      assertEquals(status, meta.path("status").asInt(), name + ": recorded status");
      synchronized (REPLAYED) {
        REPLAYED.add(name);
      }
      return Files.readString(dir.resolve(name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void getStub(String url, String name, int status) {
    wm.stubFor(get(urlEqualTo(url)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body(name, status))));
  }

  /** Login (auth_tkt with Bodhi's 24 h Max-Age) and the recorded /csrf answer. */
  private void session() {
    wm.stubFor(get(urlEqualTo("/oidc/login-token")).willReturn(aResponse().withStatus(202)
        .withHeader("Set-Cookie", "auth_tkt=tkt; Max-Age=86400; Path=/; SameSite=Strict; secure; HttpOnly")));
    wm.stubFor(get(urlEqualTo("/csrf")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withHeader("Set-Cookie", "session=s1; Path=/; HttpOnly").withBody(body("csrf", 200))));
  }

  private static UpdateRequest request(String... nvrs) {
    return UpdateRequest.builder().builds(List.of(nvrs)).notes("raw single").bugs(List.of(123456L, 654321L)).build();
  }

  @Test
  void csrfTokenComesFromTheRecordedAnswer() {
    session();
    assertEquals("0123456789abcdef0123456789abcdef01234567", bodhi.csrfToken().reveal());
    wm.verify(1, getRequestedFor(urlEqualTo("/oidc/login-token")).withHeader("Authorization", equalTo("Bearer access-1")));
  }

  @Test
  void singleSaveListsEachCaveatOnce() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(200).withBody(body("create_single", 200))));
    SavedUpdates saved = bodhi.createUpdate(request("foo-20.0-1.fc41"));
    assertEquals(1, saved.updates().size());
    BodhiUpdate u = saved.first();
    assertEquals("FEDORA-2026-5bcb9688fe", u.alias());
    assertEquals("F41", u.release());
    assertEquals("packit", u.user());
    assertEquals(List.of(123456L, 654321L), u.bugs());
    assertEquals(List.of("foo-20.0-1.fc41"), u.builds());
    List<String> expected = List.of("The number of stable days required was set to the mandatory release value of 7 days",
        "This update has obsoleted foo-12.0-1.fc41, and has inherited its bugs and notes.");
    assertEquals(expected, saved.caveats());
    assertEquals(expected, u.caveats(), "each caveat once");
  }

  @Test
  void bugIdsGoOutAsStringsWhichBodhiAccepts() {
    session();
    // the recorded refusal answers numbers only; strings get the recorded success
    wm.stubFor(post(urlEqualTo("/updates/")).atPriority(1)
        .withRequestBody(matching(".*\"bugs\"\\s*:\\s*\\[\\s*[0-9].*"))
        .willReturn(aResponse().withStatus(400).withBody(body("error_bugs_int", 400))));
    wm.stubFor(post(urlEqualTo("/updates/")).atPriority(2)
        .withRequestBody(matching(".*\"bugs\"\\s*:\\s*\\[\"123456\",\"654321\"\\].*"))
        .willReturn(aResponse().withStatus(200).withBody(body("create_single", 200))));
    assertEquals("FEDORA-2026-5bcb9688fe", bodhi.createUpdate(request("foo-20.0-1.fc41")).first().alias());

    // and the refusal itself, as Bodhi words it, is a clear non-retryable error naming the field
    wm.stubFor(post(urlEqualTo("/updates/")).atPriority(1)
        .willReturn(aResponse().withStatus(400).withBody(body("error_bugs_int", 400))));
    BodhiException e = assertThrows(BodhiException.class, () -> bodhi.createUpdate(request("foo-20.0-1.fc41")));
    assertEquals("bugs.0", e.errors().get(0).name());
    assertTrue(e.getMessage().contains("123456 is not a string"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void splitSaveGivesOneUpdatePerRelease() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(200).withBody(body("create_split", 200))));
    SavedUpdates saved = bodhi.createUpdate(request("foo-21.0-1.fc42", "foo-21.0-1.fc41"));
    assertEquals(List.of("FEDORA-2026-55f26ee0be", "FEDORA-2026-8228c94bec"),
        saved.updates().stream().map(BodhiUpdate::alias).toList());
    assertEquals(List.of("F42", "F41"), saved.updates().stream().map(BodhiUpdate::release).toList());
    assertEquals(4, saved.caveats().size());
    assertEquals("Your update is being split into 2, one for each release.", saved.caveats().get(0));
    assertEquals(saved.caveats(), saved.updates().get(1).caveats());
  }

  @Test
  void alreadyExistsNamesTheExistingUpdateFoundByBuild() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(400).withBody(body("error_exists", 400))));
    getStub("/updates/?builds=foo-20.0-1.fc41&rows_per_page=20&page=1", "query_by_build", 200);
    UpdateAlreadyExistsException e = assertThrows(UpdateAlreadyExistsException.class,
        () -> bodhi.createUpdate(request("foo-20.0-1.fc41")));
    assertEquals(List.of("foo-20.0-1.fc41"), e.nvrs());
    assertEquals("FEDORA-2026-5bcb9688fe", e.existingAlias().orElseThrow());
  }

  @Test
  void queryByBuildReadsTheCurrentPageShape() {
    getStub("/updates/?builds=foo-20.0-1.fc41&rows_per_page=20&page=1", "query_by_build", 200);
    BodhiPage<BodhiUpdate> page = bodhi.updates(UpdateQuery.builder().builds(List.of("foo-20.0-1.fc41")).build(), 1);
    assertEquals(1, page.total());
    assertEquals(1, page.pages());
    assertEquals("FEDORA-2026-5bcb9688fe", page.items().get(0).alias());
    assertEquals(List.of(123456L, 654321L), page.items().get(0).bugs());
  }

  @Test
  void staleCsrfIsRetriedOnceWithAFreshSession() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).inScenario("csrf").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(400).withBody(body("error_bad_csrf", 400))).willSetStateTo("fresh"));
    wm.stubFor(post(urlEqualTo("/updates/")).inScenario("csrf").whenScenarioStateIs("fresh")
        .willReturn(aResponse().withStatus(200).withBody(body("create_single", 200))));
    assertEquals("FEDORA-2026-5bcb9688fe", bodhi.createUpdate(request("foo-20.0-1.fc41")).first().alias());
    wm.verify(2, getRequestedFor(urlEqualTo("/csrf")));
    wm.verify(2, postRequestedFor(urlEqualTo("/updates/")));
    assertEquals(0, invalidations.get(), "a stale CSRF token says nothing about the access token");

    // a mismatch that persists is reported, not looped on
    wm.resetScenarios();
    wm.stubFor(post(urlEqualTo("/updates/")).atPriority(1)
        .willReturn(aResponse().withStatus(400).withBody(body("error_bad_csrf", 400))));
    BodhiException e = assertThrows(BodhiException.class, () -> bodhi.createUpdate(request("foo-20.0-1.fc41")));
    assertTrue(e.mentions("CSRF tokens do not match"));
    assertEquals("notes", e.errors().get(1).name(), "every error entry is kept");
    wm.verify(4, postRequestedFor(urlEqualTo("/updates/")));
  }

  @Test
  void currentUpdateWrapperParses() {
    getStub("/updates/FEDORA-2026-5bcb9688fe", "get_update", 200);
    BodhiUpdate u = bodhi.update("FEDORA-2026-5bcb9688fe").orElseThrow();
    assertEquals("FEDORA-2026-5bcb9688fe", u.alias());
    assertEquals("obsolete", u.status());
    assertEquals("", u.request(), "request: null");
    assertEquals("F41", u.release());
    assertEquals("", u.fromTag(), "from_tag: null");
    assertEquals(3, u.stableKarma());
    assertTrue(u.caveats().isEmpty());
  }

  @Test
  void unknownUpdateAndReleaseAre404AndEmpty() {
    getStub("/updates/FEDORA-2026-ffffffffff", "update_404", 404);
    getStub("/releases/F99", "release_404", 404);
    assertTrue(bodhi.update("FEDORA-2026-ffffffffff").isEmpty());
    assertTrue(bodhi.release("F99").isEmpty());
  }

  @Test
  void releasesOneAndPaged() {
    getStub("/releases/F41", "get_release", 200);
    BodhiRelease f41 = bodhi.release("F41").orElseThrow();
    assertEquals("f41-updates-candidate", f41.candidateTag());
    assertTrue(f41.composedByBodhi());

    // page 1 is made of the first 20 names; page 2 is the recording
    StringBuilder page1 = new StringBuilder("{\"releases\": [");
    for (int i = 15; i < 35; i++) {
      page1.append(i == 15 ? "" : ",").append("{\"name\": \"F").append(i).append("\", \"state\": \"archived\"}");
    }
    page1.append("], \"page\": 1, \"pages\": 2, \"rows_per_page\": 20, \"total\": 29}");
    wm.stubFor(get(urlEqualTo("/releases/?page=1")).willReturn(aResponse().withStatus(200).withBody(page1.toString())));
    getStub("/releases/?page=2", "releases_page2", 200);
    List<BodhiRelease> all = bodhi.releases(List.of());
    assertEquals(29, all.size());
    assertEquals("F43", all.get(28).name());
  }

  @Test
  void rejectedTokenAtLoginIsAnAuthErrorAndForgetsTheToken() {
    wm.stubFor(get(urlEqualTo("/oidc/login-token")).willReturn(aResponse().withStatus(401)
        .withBody(body("login_bad_token", 401))));
    BodhiException e = assertThrows(BodhiException.class, () -> bodhi.createUpdate(request("foo-20.0-1.fc41")));
    assertEquals(401, e.status());
    assertEquals("InvalidTokenError", e.errors().get(0).name());
    assertEquals(1, invalidations.get());
    wm.verify(0, postRequestedFor(urlPathEqualTo("/updates/")));
  }

  // ----------------------------------------------------------- behaviours the README lists

  @Test
  void expiredSessionIs403AndOneFreshLoginRetriesTheSave() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).inScenario("expiry").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(403).withBody(EXPIRED_403)).willSetStateTo("relogged"));
    wm.stubFor(post(urlEqualTo("/updates/")).inScenario("expiry").whenScenarioStateIs("relogged")
        .willReturn(aResponse().withStatus(200).withBody(body("create_single", 200))));
    assertEquals("FEDORA-2026-5bcb9688fe", bodhi.createUpdate(request("foo-20.0-1.fc41")).first().alias());
    assertEquals(2, logins.get());
    wm.verify(2, getRequestedFor(urlEqualTo("/oidc/login-token")));
  }

  @Test
  void a403ThatRepeatsAfterAFreshLoginIsAPermissionError() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(403).withBody(EXPIRED_403)));
    BodhiPermissionException e = assertThrows(BodhiPermissionException.class,
        () -> bodhi.createUpdate(request("foo-20.0-1.fc41")));
    assertTrue(e.afterFreshLogin());
    assertFalse(e.retryable());
    wm.verify(2, postRequestedFor(urlEqualTo("/updates/")));
    assertEquals(2, logins.get(), "one retry, never a loop");
  }

  @Test
  void anAclRefusalIsAPermissionErrorAtOnce() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(403).withBody(
        "{\"status\": \"error\", \"errors\": [{\"location\": \"body\", \"name\": \"builds\","
            + " \"description\": \"guest does not have commit access to foo\"}]}")));
    BodhiPermissionException e = assertThrows(BodhiPermissionException.class,
        () -> bodhi.editUpdate("FEDORA-2026-5bcb9688fe", request("foo-20.0-1.fc41")));
    assertFalse(e.afterFreshLogin());
    assertTrue(e.mentions("does not have commit access to foo"));
    wm.verify(1, postRequestedFor(urlEqualTo("/updates/")));
    assertEquals(1, logins.get());
  }

  @Test
  void sessionIsRenewedBeforeTheAuthTktExpires() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(200).withBody(body("create_single", 200))));
    bodhi.createUpdate(request("foo-20.0-1.fc41"));
    time.sleep(Duration.ofHours(23));
    bodhi.createUpdate(request("foo-20.0-1.fc41"));
    assertEquals(1, logins.get(), "23 h into a 24 h ticket: same session");
    time.sleep(Duration.ofMinutes(56));
    bodhi.createUpdate(request("foo-20.0-1.fc41"));
    assertEquals(2, logins.get(), "within 5 minutes of the Max-Age: a new session first");
    wm.verify(3, postRequestedFor(urlEqualTo("/updates/")));
    wm.verify(2, getRequestedFor(urlEqualTo("/csrf")));
  }

  @Test
  void editingAnUnknownAliasIsTyped() {
    session();
    wm.stubFor(post(urlEqualTo("/updates/")).willReturn(aResponse().withStatus(400).withBody(
        "{\"status\": \"error\", \"errors\": [{\"location\": \"body\", \"name\": \"builds\","
            + " \"description\": \"Cannot find update to edit: FEDORA-2026-ffffffffff\"}]}")));
    UnknownUpdateException e = assertThrows(UnknownUpdateException.class,
        () -> bodhi.editUpdate("FEDORA-2026-ffffffffff", request("foo-20.0-1.fc41")));
    assertEquals("FEDORA-2026-ffffffffff", e.alias());
    assertEquals(400, e.status());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("FEDORA-2026-ffffffffff"), e.getMessage());
  }

  @Test
  void unknownUserHasNoUpdatesButAnUnknownReleaseIsAnError() {
    wm.stubFor(get(urlPathEqualTo("/updates/")).withQueryParam("user", equalTo("nobody")).willReturn(aResponse().withStatus(400)
        .withBody("{\"status\": \"error\", \"errors\": [{\"location\": \"querystring\", \"name\": \"user\","
            + " \"description\": \"Invalid users specified: nobody\"}]}")));
    wm.stubFor(get(urlPathEqualTo("/updates/")).withQueryParam("releases", equalTo("F99")).willReturn(aResponse().withStatus(400)
        .withBody("{\"status\": \"error\", \"errors\": [{\"location\": \"querystring\", \"name\": \"releases\","
            + " \"description\": \"Invalid releases specified: F99\"}]}")));
    assertTrue(bodhi.allUpdates(UpdateQuery.builder().user("nobody").build()).isEmpty());
    BodhiException e = assertThrows(BodhiException.class,
        () -> bodhi.allUpdates(UpdateQuery.builder().releases(List.of("F99")).build()));
    assertEquals("releases", e.errors().get(0).name());
    assertTrue(e.getMessage().contains("F99"), e.getMessage());
    assertInstanceOf(BodhiException.class, e);
    assertNotNull(e.url());
  }
}
