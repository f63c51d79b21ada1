package dev.packit.fedora.koji;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.NotFoundException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Secret;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.internal.xmlrpc.KojiArgs;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCall;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import dev.packit.fedora.internal.xmlrpc.XmlRpcResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the exchanges recorded from a real Koji 1.35.3 hub ({@code ../shared/fixtures/koji/real-hub-1.35})
 * against {@link KojiClient}: every request the client sends must be byte-identical to the recorded one
 * (WireMock matches the body exactly), and every recorded answer must decode to what the hub meant.
 * A full run of the class must replay every recording of the folder.
 */
class KojiRealHubContractTest {
  private static final String DIR = "koji/real-hub-1.35";
  private static final XmlRpcCodec CODEC = XmlRpcCodec.defaults();
  private static final Set<String> REPLAYED = new TreeSet<>();
  private static int testsRun;
  private WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
    synchronized (REPLAYED) {
      testsRun++;
    }
  }

  @AfterAll
  static void everyRecordingWasReplayed() throws IOException {
    long declared = Arrays.stream(KojiRealHubContractTest.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)).count();
    if (testsRun == declared) {
      assertEquals(allStems(), REPLAYED, "recordings in ../shared/fixtures/" + DIR + " not replayed");
    }
  }

  // ------------------------------------------------------------------ recordings

  private static Path dir() {
    return Fixtures.dir(DIR);
  }

  /** Every stem with a file in the folder (README, SOURCES and exchanges.json are not recordings). */
  private static Set<String> allStems() throws IOException {
    Set<String> stems = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir())) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(request|response)\\.(xml|txt)"))
          .forEach(n -> stems.add(n.replaceAll("\\.(request|response)\\.(xml|txt)$", "")));
    }
    return stems;
  }

  private static List<JsonNode> exchanges() {
    try {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(dir().resolve("exchanges.json").toFile()).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] request(String stem) {
    return bytes(stem + ".request.xml");
  }

  private static byte[] response(String stem) {
    return bytes(stem + ".response.xml");
  }

  private static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void replayed(String... stems) {
    synchronized (REPLAYED) {
      REPLAYED.addAll(List.of(stems));
    }
  }

  private KojiClient.Builder client() {
    return KojiClient.builder().hub(URI.create(wm.baseUrl() + "/kojihub")).retryPolicy(RetryPolicy.none())
        .sleeper(d -> { }).clock(Clock.fixed(Instant.parse("2026-12-06T20:00:00Z"), ZoneOffset.UTC));
  }

  private static KojiLogin negotiate() {
    return KojiLogin.negotiate(() -> Secret.of("dG9rZW4="));
  }

  /** Answers the recorded response when the client sends exactly the recorded request. */
  private void stubExact(String path, String stem) {
    wm.stubFor(post(urlPathEqualTo(path)).withRequestBody(binaryEqualTo(request(stem)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withHeader("Koji-Version", "1.35.3")
            .withBody(response(stem))));
  }

  private List<LoggedRequest> requests(String path) {
    return wm.findAll(postRequestedFor(urlPathEqualTo(path)));
  }

  // ------------------------------------------------------------------ every anonymous-path call

  /**
   * Each recorded {@code /kojihub} call, sent again by the client from its decoded arguments: the
   * bytes must be the recorded ones (else WireMock answers 404), and the answer must be the
   * recorded value or fault. Session headers are not part of the body and are replayed by the
   * scenario tests below.
   */
  @TestFactory
  Stream<DynamicTest> everyRecordedCallIsSentByteForByteAndItsAnswerDecodes() {
    return exchanges().stream().filter(e -> e.path("http").path("path").asText().equals("/kojihub"))
        .filter(e -> Files.isRegularFile(dir().resolve(e.get("stem").asText() + ".request.xml")))
        .map(e -> DynamicTest.dynamicTest(e.get("stem").asText(), () -> {
          String stem = e.get("stem").asText();
          wm.resetAll();
          stubExact("/kojihub", stem);
          XmlRpcCall call = CODEC.decodeCall(request(stem), stem);
          KojiArgs.Decoded args = KojiArgs.decode(call.params());
          XmlRpcResponse expected = CODEC.decodeResponse(response(stem), stem);
          KojiClient koji = client().build();
          if (expected.isFault()) {
            KojiFaultException f = assertThrows(KojiFaultException.class, () -> koji.call(call.methodName(), args.args(), args.kwargs()));
            assertEquals(expected.fault().code(), f.faultCode(), stem);
            assertEquals(expected.fault().string(), f.faultString(), stem);
            assertEquals(KojiFault.fromCode(expected.fault().code()), f.fault(), stem);
          } else {
            assertEquals(expected.value(), koji.call(call.methodName(), args.args(), args.kwargs()), stem);
          }
          assertEquals(1, requests("/kojihub").size(), stem + ": sent once");
          assertEquals(e.path("request_headers").path("Content-Type").asText(), requests("/kojihub").get(0).getHeader("Content-Type"));
          replayed(stem);
        }));
  }

  // ------------------------------------------------------------------ typed answers

  @Test
  void typedReadsParseTheRealAnswers() {
    for (String stem : List.of("getBuild.hit", "getBuild.miss-nil", "getBuildTarget.hit", "getBuildTarget.miss-nil",
        "getBuildTarget.side-tag", "getTaskInfo.hit", "getTaskInfo.miss-nil", "listBuilds.hit", "listBuilds.empty",
        "listSideTags", "multiCall.getBuild-x3")) {
      stubExact("/kojihub", stem);
    }
    KojiClient koji = client().build();
    KojiBuild build = koji.getBuild("hello-1.0-1.fc42").orElseThrow();
    assertEquals("hello-1.0-1.fc42", build.nvr());
    assertEquals(KojiBuildState.COMPLETE, build.state());
    assertEquals(java.util.Optional.empty(), koji.getBuild("missing-1-1.fc42"));
    KojiBuildTarget target = koji.getBuildTarget("f42-candidate").orElseThrow();
    assertEquals("f42-build", target.buildTagName());
    assertEquals("f42-updates-candidate", target.destTagName());
    assertEquals(java.util.Optional.empty(), koji.getBuildTarget("f99-candidate"));
    KojiBuildTarget side = koji.getBuildTarget("f42-build-side-5").orElseThrow();
    assertEquals(side.buildTagName(), side.destTagName(), "a side tag's target builds and lands in the side tag");
    KojiTask task = koji.getTaskInfo(1).orElseThrow();
    assertEquals(KojiTaskState.FREE, task.state());
    assertEquals("build", task.method());
    assertEquals(java.util.Optional.empty(), koji.getTaskInfo(424242));
    Map<String, Object> query = KojiArgs.decode(CODEC.decodeCall(request("listBuilds.hit"), "listBuilds").params()).kwargs();
    List<KojiBuild> listed = koji.listBuilds(query);
    assertEquals(1, listed.size(), listed.toString());
    assertEquals(KojiBuildState.COMPLETE, listed.get(0).state());
    assertEquals(List.of(), koji.listBuilds(Map.of("taskID", 1L)));
    List<KojiSideTag> tags = koji.listSideTags("f42-build", "packit");
    assertEquals(1, tags.size());
    assertEquals("packit", tags.get(0).userName());
    assertTrue(tags.get(0).name().startsWith("f42-build-side-"), tags.toString());
    Map<String, java.util.Optional<KojiBuild>> three = koji.getBuilds(List.of("hello-1.0-1.fc42", "missing-1-1.fc42", "python-ogr-0.50.0-1.fc42"));
    assertEquals(3, three.size());
    replayed("getBuild.hit", "getBuild.miss-nil", "getBuildTarget.hit", "getBuildTarget.miss-nil", "getBuildTarget.side-tag",
        "getTaskInfo.hit", "getTaskInfo.miss-nil", "listBuilds.hit", "listBuilds.empty", "listSideTags", "multiCall.getBuild-x3");
  }

  @Test
  void multiCallKeepsValuesNilsAndFaultsWithTheirTracebacksApart() {
    stubExact("/kojihub", "multiCall.mixed");
    XmlRpcCall call = CODEC.decodeCall(request("multiCall.mixed"), "multiCall.mixed");
    List<KojiCall> calls = new ArrayList<>();
    for (Object o : (List<?>) call.params().get(0)) {
      Map<?, ?> m = (Map<?, ?>) o;
      @SuppressWarnings("unchecked")
      KojiArgs.Decoded a = KojiArgs.decode((List<Object>) m.get("params"));
      calls.add(new KojiCall((String) m.get("methodName"), a.args(), a.kwargs()));
    }
    List<KojiCallResult> results = client().build().multiCall(calls);
    assertEquals(7, results.size());
    assertEquals(1L, results.get(0).orThrow());
    assertNull(results.get(1).orThrow(), "a missing build is nil");
    assertEquals("No such build target: f99-candidate", results.get(2).fault().faultString());
    assertEquals("No such tagInfo: 'nope'", results.get(3).fault().faultString());
    assertNull(results.get(4).orThrow(), "getTaskInfo of a missing task is nil, not a fault");
    assertEquals("Invalid method: noSuchMethod", results.get(5).fault().faultString());
    assertEquals(KojiFault.GENERIC_ERROR, results.get(5).fault().fault());
    replayed("multiCall.mixed");
  }

  @Test
  void waitingForATaskTheHubDoesNotHaveNamesTheTaskAndTheHub() {
    stubExact("/kojihub", "getTaskInfo.miss-nil");
    KojiClient koji = client().build();
    NotFoundException e = assertThrows(NotFoundException.class, () -> koji.waitForTask(424242, Duration.ofHours(1)));
    assertTrue(e.getMessage().contains("no such task 424242 on " + koji.hub()), e.getMessage());
    replayed("getTaskInfo.miss-nil");
  }

  @Test
  void aGetOnTheHubIs405AndTheClientSaysSo() {
    String raw = new String(bytes("http-GET.405.response.txt"), StandardCharsets.UTF_8);
    wm.stubFor(post(urlPathEqualTo("/kojihub")).willReturn(aResponse().withStatus(405).withHeader("Allow", "POST")
        .withHeader("Content-Type", "text/plain").withBody(raw)));
    PackitServiceException e = assertThrows(PackitServiceException.class, () -> client().build().call("getAPIVersion", List.of(), Map.of()));
    assertEquals(405, e.status());
    assertTrue(e.getMessage().contains("Only POST requests are accepted"), e.getMessage());
    replayed("http-GET.405");
  }

  // ------------------------------------------------------------------ sessions

  @Test
  void loginSendsTheRecordedSslLoginAndUsesTheSessionHeaders() {
    stubExact("/kojihub/ssllogin", "sslLogin");
    stubExact("/kojihub", "getLoggedInUser.hit");
    KojiClient koji = client().login(negotiate()).build();
    koji.login();
    assertTrue(koji.toString().contains("Session[17]"), koji.toString());
    assertEquals(2L, ((Map<?, ?>) koji.call("getLoggedInUser", List.of(), Map.of())).get("id"));
    LoggedRequest r = requests("/kojihub").get(0);
    assertEquals("17", r.getHeader("Koji-Session-Id"));
    assertEquals("2-S17L1XXXXXXXXXXXXXX", r.getHeader("Koji-Session-Key"));
    assertEquals("0", r.getHeader("Koji-Session-Callnum"));
    assertTrue(requests("/kojihub/ssllogin").get(0).getHeader("Authorization").startsWith("Negotiate "));

    // Python's koji CLI sends proxyuser=None as a keyword; the hub answers the same shape.
    XmlRpcCall python = CODEC.decodeCall(request("sslLogin.python-cli-tls13"), "python sslLogin");
    assertEquals(java.util.Collections.singletonMap("proxyuser", null), KojiArgs.decode(python.params()).kwargs());
    Map<?, ?> answer = (Map<?, ?>) CODEC.decodeResponse(response("sslLogin.python-cli-tls13"), "python answer").value();
    assertEquals(Set.of("session-id", "session-key", "header-auth"), answer.keySet());
    replayed("sslLogin", "getLoggedInUser.hit", "sslLogin.python-cli-tls13");
  }

  /**
   * The renewal as the real hub did it (capture lines 64-68): AuthExpired, {@code sslLogin(renew=True)}
   * answering the same session id 17 with a new key, and the hub refusing callnum 0 on it with
   * {@code SequenceError: 20 > 0}. The client must continue its callnums after the renewal.
   */
  @Test
  void aRenewedSessionKeepsItsIdAndContinuesItsCallnums() {
    stubExact("/kojihub/ssllogin", "sslLogin");
    stubExact("/kojihub/ssllogin", "sslLogin.renew-same-id");
    stubExact("/kojihub", "getSessionInfo.after-writes");
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withHeader("Koji-Session-Key", equalTo("2-S17L1XXXXXXXXXXXXXX"))
        .withRequestBody(binaryEqualTo(request("getLoggedInUser.fault-AuthExpired")))
        .willReturn(aResponse().withBody(response("getLoggedInUser.fault-AuthExpired"))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withHeader("Koji-Session-Key", equalTo("2-S17L2XXXXXXXXXXXXXX"))
        .withHeader("Koji-Session-Callnum", equalTo("0"))
        .willReturn(aResponse().withBody(response("getLoggedInUser.fault-SequenceError-after-renew"))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).atPriority(10).withHeader("Koji-Session-Key", equalTo("2-S17L2XXXXXXXXXXXXXX"))
        .willReturn(aResponse().withBody(response("getLoggedInUser.hit"))));
    KojiClient koji = client().login(negotiate()).build();
    koji.login();
    // the session as the capture had it by then: callnum 20 stored after the writes
    Map<?, ?> info = (Map<?, ?>) koji.call("getSessionInfo", List.of(), Map.of());
    assertEquals(20L, info.get("callnum"));
    assertEquals("packit", ((Map<?, ?>) koji.call("getLoggedInUser", List.of(), Map.of())).get("name"));

    List<LoggedRequest> logins = requests("/kojihub/ssllogin");
    assertEquals(2, logins.size());
    assertEquals("17", logins.get(1).getHeader("Koji-Session-Id"), "the renewal names the expired session");
    List<LoggedRequest> calls = requests("/kojihub");
    LoggedRequest retried = calls.get(calls.size() - 1);
    assertEquals("17", retried.getHeader("Koji-Session-Id"));
    assertEquals("2-S17L2XXXXXXXXXXXXXX", retried.getHeader("Koji-Session-Key"));
    assertEquals("3", retried.getHeader("Koji-Session-Callnum"), "continues after the renewal's callnum 2");
    assertTrue(calls.stream().noneMatch(r -> "2-S17L2XXXXXXXXXXXXXX".equals(r.getHeader("Koji-Session-Key"))
        && "0".equals(r.getHeader("Koji-Session-Callnum"))), "never restarts at 0");
    replayed("sslLogin", "sslLogin.renew-same-id", "getSessionInfo.after-writes", "getLoggedInUser.fault-AuthExpired",
        "getLoggedInUser.hit");
  }

  @Test
  void aSequenceErrorAfterSomeoneElsesRenewalIsRecoveredFromTheHubsNumber() {
    stubExact("/kojihub/ssllogin", "sslLogin");
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withHeader("Koji-Session-Callnum", equalTo("0"))
        .willReturn(aResponse().withBody(response("getLoggedInUser.fault-SequenceError-after-renew"))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withHeader("Koji-Session-Callnum", equalTo("21"))
        .willReturn(aResponse().withBody(response("getLoggedInUser.hit"))));
    KojiClient koji = client().login(negotiate()).build();
    koji.login();
    assertEquals("packit", ((Map<?, ?>) koji.call("getLoggedInUser", List.of(), Map.of())).get("name"));
    assertEquals(2, requests("/kojihub").size());
    replayed("getLoggedInUser.fault-SequenceError-after-renew");
  }

  // ------------------------------------------------------------------ lost answers

  /**
   * Capture lines 79-82 and 85-86: a write whose answer is lost ran on the hub; its retransmission
   * (same callnum) gets {@code RetryError}. {@code build} finds its task through {@code listTasks}.
   */
  @Test
  void aLostBuildAnswerIsFoundThroughListTasks() {
    stubExact("/kojihub/ssllogin", "sslLogin");
    stubExact("/kojihub", "getLoggedInUser.hit");
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("build").whenScenarioStateIs(Scenario.STARTED)
        .withRequestBody(binaryEqualTo(request("build.lost-answer-original")))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ran"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("build").whenScenarioStateIs("ran")
        .withRequestBody(binaryEqualTo(request("build.fault-RetryError")))
        .willReturn(aResponse().withBody(response("build.fault-RetryError"))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>listTasks</methodName>"))
        .willReturn(aResponse().withBody(response("listTasks"))));
    XmlRpcCall original = CODEC.decodeCall(request("build.lost-answer-original"), "build");
    assertEquals(request("build.lost-answer-original").length, request("build.fault-RetryError").length);
    KojiBuildRequest req = KojiBuildRequest.builder().source((String) original.params().get(0))
        .target((String) original.params().get(1)).build();
    long expected = ((Number) ((Map<?, ?>) ((List<?>) CODEC.decodeResponse(response("listTasks"), "listTasks").value())
        .stream().filter(t -> ((Map<?, ?>) t).get("request") instanceof List<?> r && r.get(0).equals(original.params().get(0))
            && r.get(1).equals(original.params().get(1))).findFirst().orElseThrow()).get("id")).longValue();
    KojiClient koji = client().retryPolicy(RetryPolicy.defaults()).login(negotiate()).build();
    assertEquals(expected, koji.build(req));
    List<LoggedRequest> builds = requests("/kojihub").stream().filter(r -> r.getBodyAsString().contains("<methodName>build<")).toList();
    assertEquals(2, builds.size(), "the original and its retransmission, no new submission");
    assertEquals(builds.get(0).getHeader("Koji-Session-Callnum"), builds.get(1).getHeader("Koji-Session-Callnum"));
    replayed("build.lost-answer-original", "build.fault-RetryError", "listTasks");
  }

  @Test
  void aLostCreateSideTagAnswerIsFoundAndNoSecondSideTagIsMade() {
    stubExact("/kojihub/ssllogin", "sslLogin");
    stubExact("/kojihub", "getLoggedInUser.hit");
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("tags").whenScenarioStateIs(Scenario.STARTED)
        .withRequestBody(binaryEqualTo(request("listSideTags.empty")))
        .willReturn(aResponse().withBody(response("listSideTags.empty"))).willSetStateTo("listed"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("tags").whenScenarioStateIs("listed")
        .withRequestBody(binaryEqualTo(request("createSideTag.lost-answer-original")))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("tags").whenScenarioStateIs("created")
        .withRequestBody(binaryEqualTo(request("createSideTag.fault-RetryError")))
        .willReturn(aResponse().withBody(response("createSideTag.fault-RetryError"))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("tags").whenScenarioStateIs("created")
        .withRequestBody(binaryEqualTo(request("listSideTags")))
        .willReturn(aResponse().withBody(response("listSideTags"))));
    KojiClient koji = client().retryPolicy(RetryPolicy.defaults()).login(negotiate()).build();
    KojiSideTag side = koji.createSideTag("f42-build");
    Map<?, ?> listed = (Map<?, ?>) ((List<?>) CODEC.decodeResponse(response("listSideTags"), "listSideTags").value()).get(0);
    assertEquals(listed.get("name"), side.name());
    assertEquals("packit", side.userName());
    List<LoggedRequest> creates = requests("/kojihub").stream()
        .filter(r -> r.getBodyAsString().contains("<methodName>createSideTag<")).toList();
    assertEquals(2, creates.size(), "the original and its retransmission: exactly one side tag on the hub");
    replayed("createSideTag.lost-answer-original", "createSideTag.fault-RetryError", "listSideTags", "listSideTags.empty");
  }

  @Test
  void aCreatedSideTagParsesWithoutAnOwnerName() {
    stubExact("/kojihub/ssllogin", "sslLogin");
    stubExact("/kojihub", "getLoggedInUser.hit");
    stubExact("/kojihub", "listSideTags.empty");
    stubExact("/kojihub", "createSideTag");
    KojiSideTag side = client().login(negotiate()).build().createSideTag("f42-build");
    assertEquals("f42-build-side-5", side.name());
    assertNull(side.userName(), "createSideTag answers no user_name");
    replayed("createSideTag");
  }
}
