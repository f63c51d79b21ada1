package dev.packit.fedora.koji;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Secret;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KojiClientTest {
  private static final String SRC = "git+https://src.fedoraproject.org/rpms/python-ogr.git#e029dd5250dde9a37a2cdddb6d822d973b09e5da";
  private WireMockServer wm;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(Fixtures.file("koji/" + name));
  }

  private KojiClient.Builder client() {
    return KojiClient.builder().hub(URI.create(wm.baseUrl() + "/kojihub")).retryPolicy(RetryPolicy.none())
        .sleeper(sleeps::add).clock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));
  }

  private static KojiLogin token() {
    return KojiLogin.negotiate(() -> Secret.of("dG9rZW4="));
  }

  private void hubAnswers(String fixture) throws Exception {
    wm.stubFor(post(urlPathEqualTo("/kojihub")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/xml").withBody(fixture(fixture))));
  }

  private void loginAnswers() throws Exception {
    wm.stubFor(post(urlPathEqualTo("/kojihub/ssllogin")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/xml").withBody(fixture("sslLogin.response.synth.xml"))));
  }

  /** createSideTag looks up the user's side tags first (getLoggedInUser, listSideTags): none yet. */
  private void sideTagLookups() {
    XmlRpcCodec codec = XmlRpcCodec.defaults();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).atPriority(1).withRequestBody(containing("<methodName>getLoggedInUser</methodName>"))
        .willReturn(aResponse().withBody(codec.encodeResponse(Map.of("id", 1043L, "name", "packit")))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).atPriority(1).withRequestBody(containing("<methodName>listSideTags</methodName>"))
        .willReturn(aResponse().withBody(codec.encodeResponse(List.of()))));
  }

  private List<LoggedRequest> hubRequests() {
    return wm.findAll(postRequestedFor(urlPathEqualTo("/kojihub")));
  }

  @Test
  void listBuildsSendsKeywordArgumentsAsKojiDoesAndReadsTheRealAnswer() throws Exception {
    hubAnswers("listBuilds-python-requre.response.xml");
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("packageID", 31141);
    query.put("state", KojiBuildState.COMPLETE.code());
    query.put("completeAfter", 1597303000.0);
    List<KojiBuild> builds = client().build().listBuilds(query);

    assertEquals(new String(fixture("listBuilds.request.synth.xml")), hubRequests().get(0).getBodyAsString());
    assertEquals("text/xml", hubRequests().get(0).getHeader("Content-Type"));
    assertEquals(30, builds.size());
    KojiBuild first = builds.get(0);
    assertEquals(1672055L, first.id());
    assertEquals("python-requre-0.5.0-1.fc33", first.nvr());
    assertEquals(KojiBuildState.COMPLETE, first.state());
    assertEquals(60149103L, first.taskId());
    assertNull(first.epoch());
    assertEquals(Instant.parse("2021-01-21T15:17:02.903082Z"), first.completionTime());
    assertTrue(first.source().startsWith("git+https://src.fedoraproject.org/rpms/python-requre.git#"));
    assertTrue(builds.stream().allMatch(b -> b.name().equals("python-requre")));
  }

  @Test
  void buildLogsInWithNegotiateAndSendsSessionHeadersWithGrowingCallnum() throws Exception {
    loginAnswers();
    hubAnswers("build.response.synth.xml");
    KojiClient koji = client().login(token()).build();
    assertFalse(koji.loggedIn());
    long task = koji.build(KojiBuildRequest.of(SRC, "rawhide"));
    long again = koji.build(KojiBuildRequest.of(SRC, "rawhide"));

    assertEquals(80860894L, task);
    assertEquals(task, again);
    assertTrue(koji.loggedIn());
    LoggedRequest login = wm.findAll(postRequestedFor(urlPathEqualTo("/kojihub/ssllogin"))).get(0);
    assertEquals("Negotiate dG9rZW4=", login.getHeader("Authorization"));
    assertTrue(login.getBodyAsString().contains("<methodName>sslLogin</methodName>"));
    List<LoggedRequest> calls = hubRequests();
    assertEquals(2, calls.size());
    assertEquals(new String(fixture("build.request.synth.xml")), calls.get(0).getBodyAsString());
    assertEquals("123456789", calls.get(0).getHeader("Koji-Session-Id"));
    assertEquals("1043-abcdEFGHijklMNOPqrs", calls.get(0).getHeader("Koji-Session-Key"));
    assertEquals("0", calls.get(0).getHeader("Koji-Session-Callnum"));
    assertEquals("1", calls.get(1).getHeader("Koji-Session-Callnum"));
    assertFalse(calls.get(0).containsHeader("Authorization"), "the Kerberos token goes to /ssllogin only");
    assertFalse(koji.toString().contains("abcdEFGH"), koji.toString());
  }

  @Test
  void olderHubsGetTheSessionInTheQueryString() throws Exception {
    String noHeaderAuth = new String(fixture("sslLogin.response.synth.xml")).replace("<boolean>1</boolean>", "<boolean>0</boolean>");
    wm.stubFor(post(urlPathEqualTo("/kojihub/ssllogin")).willReturn(aResponse().withBody(noHeaderAuth)));
    hubAnswers("createSideTag.response.synth.xml");
    sideTagLookups();
    KojiSideTag side = client().login(token()).build().createSideTag("f41-build");
    assertEquals(new KojiSideTag(12345, "f41-build-side-12345", null), side);
    LoggedRequest r = hubRequests().get(0);
    assertEquals("123456789", r.getQueryParams().get("session-id").firstValue());
    assertEquals("1043-abcdEFGHijklMNOPqrs", r.getQueryParams().get("session-key").firstValue());
    assertEquals("0", r.getQueryParams().get("callnum").firstValue());
    assertFalse(r.containsHeader("Koji-Session-Id"));
  }

  @Test
  void rawCallsEncodeLikeKojiLibAndMulticallSplitsValuesFromFaults() throws Exception {
    hubAnswers("getBuildTarget.response.synth.xml");
    KojiClient koji = client().build();
    Object target = koji.call("getBuildTarget", List.of("f41-candidate"), Map.of("strict", true));
    assertEquals(new String(fixture("getBuildTarget.request.synth.xml")), hubRequests().get(0).getBodyAsString());
    assertEquals(new KojiBuildTarget(0, "f41-candidate", 0, "f41-build", 0, "f41-updates-candidate"), KojiBuildTarget.fromStruct(target));

    wm.resetAll();
    hubAnswers("multiCall.response.synth.xml");
    List<KojiCallResult> results = koji.multiCall(List.of(
        KojiCall.of("getBuild", "python-ogr-0.34.0-1.fc40"),
        KojiCall.of("getTaskInfo", List.of(80860894L), Map.of("request", true))));
    assertEquals(new String(fixture("multiCall.request.synth.xml")), hubRequests().get(0).getBodyAsString());
    assertFalse(results.get(0).isFault());
    assertNull(results.get(0).value());
    assertTrue(results.get(1).isFault());
    assertEquals(1000, results.get(1).fault().faultCode());
    assertEquals("getTaskInfo", results.get(1).fault().kojiMethod());
    assertEquals("No such task: 80860894", results.get(1).fault().faultString());
  }

  @Test
  void faultsBecomeTypedExceptions() throws Exception {
    hubAnswers("fault.GenericError.no-such-target.synth.xml");
    KojiFaultException e = assertThrows(KojiFaultException.class, () -> client().build().getBuildTarget("f99-candidate"));
    assertEquals(KojiFault.GENERIC_ERROR, e.fault());
    assertEquals(0, e.status());
    assertEquals("koji", e.service());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("No such build target: f99-candidate"), e.getMessage());
    assertTrue(e instanceof PackitServiceException);

    assertTrue(KojiFault.fromCode(1007).isA(KojiFault.AUTH_ERROR));
    assertTrue(KojiFault.fromCode(1009).isA(KojiFault.GENERIC_ERROR));
    assertFalse(KojiFault.fromCode(1004).isA(KojiFault.AUTH_ERROR));
    assertEquals(KojiFault.GENERIC_ERROR, KojiFault.fromCode(4242));
  }

  @Test
  void actionNotAllowedWithoutSessionLogsInAndRetriesOnce() throws Exception {
    loginAnswers();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("lazy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withBody(fixture("fault.ActionNotAllowed.synth.xml"))).willSetStateTo("in"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("lazy").whenScenarioStateIs("in")
        .willReturn(aResponse().withBody(fixture("getBuildTarget.response.synth.xml"))));
    KojiClient koji = client().login(token()).build();
    assertEquals("f41-build", koji.getBuildTarget("f41-candidate").orElseThrow().buildTagName());
    List<LoggedRequest> calls = hubRequests();
    assertEquals(2, calls.size());
    assertFalse(calls.get(0).containsHeader("Koji-Session-Id"));
    assertEquals("123456789", calls.get(1).getHeader("Koji-Session-Id"));

    // Without a login configured the fault is the caller's.
    wm.resetAll();
    hubAnswers("fault.ActionNotAllowed.synth.xml");
    KojiFaultException e = assertThrows(KojiFaultException.class, () -> client().build().getBuildTarget("x"));
    assertEquals(KojiFault.ACTION_NOT_ALLOWED, e.fault());
  }

  @Test
  void expiredSessionIsRenewedAndTheCallRetried() throws Exception {
    loginAnswers();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("exp").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withBody(fixture("build.response.synth.xml"))).willSetStateTo("expired"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("exp").whenScenarioStateIs("expired")
        .willReturn(aResponse().withBody(fixture("fault.AuthExpired.synth.xml"))).willSetStateTo("renewed"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("exp").whenScenarioStateIs("renewed")
        .willReturn(aResponse().withBody(fixture("build.response.synth.xml"))));
    KojiClient koji = client().login(token()).build();
    koji.build(KojiBuildRequest.of(SRC, "rawhide"));
    assertEquals(80860894L, koji.build(KojiBuildRequest.of(SRC, "rawhide")));
    List<LoggedRequest> logins = wm.findAll(postRequestedFor(urlPathEqualTo("/kojihub/ssllogin")));
    assertEquals(2, logins.size());
    assertTrue(logins.get(1).getBodyAsString().contains("<name>renew</name>"), logins.get(1).getBodyAsString());
    assertEquals("123456789", logins.get(1).getHeader("Koji-Session-Id"));
    List<LoggedRequest> calls = hubRequests();
    assertEquals(3, calls.size());
    assertEquals("0", calls.get(0).getHeader("Koji-Session-Callnum"));
    assertEquals("1", calls.get(1).getHeader("Koji-Session-Callnum"));
    assertEquals("2", logins.get(1).getHeader("Koji-Session-Callnum"), "the renewal itself is a call on the session");
    // The renewal answered the same session id: the real hub keeps that session's last callnum
    // (real-hub-1.35/getLoggedInUser.fault-SequenceError-after-renew), so the numbers continue.
    assertEquals("123456789", calls.get(2).getHeader("Koji-Session-Id"));
    assertEquals("3", calls.get(2).getHeader("Koji-Session-Callnum"), "a renewed session continues its callnums");
  }

  @Test
  void aSequenceErrorMovesTheCallnumPastTheHubsAndSendsOnce() throws Exception {
    loginAnswers();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("seq").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withBody(XmlRpcCodec.defaults().encodeFault(
            new dev.packit.fedora.internal.xmlrpc.XmlRpcFault(1008, "20 > 0 (session 123456789)")))).willSetStateTo("synced"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("seq").whenScenarioStateIs("synced")
        .willReturn(aResponse().withBody(fixture("build.response.synth.xml"))));
    KojiClient koji = client().login(token()).build();
    assertEquals(80860894L, koji.build(KojiBuildRequest.of(SRC, "rawhide")));
    List<LoggedRequest> calls = hubRequests();
    assertEquals(2, calls.size());
    assertEquals("0", calls.get(0).getHeader("Koji-Session-Callnum"));
    assertEquals("21", calls.get(1).getHeader("Koji-Session-Callnum"), "continues after the hub's last callnum");
  }

  @Test
  void aSequenceErrorOfAnotherSessionIsNotRetried() throws Exception {
    loginAnswers();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).willReturn(aResponse().withBody(XmlRpcCodec.defaults().encodeFault(
        new dev.packit.fedora.internal.xmlrpc.XmlRpcFault(1008, "20 > 0 (session 1)")))));
    KojiClient koji = client().login(token()).build();
    assertEquals(KojiFault.SEQUENCE_ERROR,
        assertThrows(KojiFaultException.class, () -> koji.build(KojiBuildRequest.of(SRC, "rawhide"))).fault());
    assertEquals(1, hubRequests().size());
  }

  @Test
  void retryErrorOnBuildFindsTheTaskInsteadOfBuildingTwice() throws Exception {
    loginAnswers();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>build</methodName>"))
        .willReturn(aResponse().withBody(fixture("fault.RetryError.synth.xml"))));
    XmlRpcCodec codec = XmlRpcCodec.defaults();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>getLoggedInUser</methodName>"))
        .willReturn(aResponse().withBody(codec.encodeResponse(Map.of("id", 1043L, "name", "packit")))));
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", 80860894L);
    task.put("state", 1L);
    task.put("method", "build");
    task.put("owner", 1043L);
    task.put("request", List.of(SRC, "rawhide", Map.of()));
    Map<String, Object> other = new LinkedHashMap<>(task);
    other.put("id", 80860000L);
    other.put("request", List.of(SRC, "f41-candidate", Map.of()));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>listTasks</methodName>"))
        .willReturn(aResponse().withBody(codec.encodeResponse(List.of(other, task)))));

    long id = client().login(token()).build().build(KojiBuildRequest.of(SRC, "rawhide"));
    assertEquals(80860894L, id);
    long builds = hubRequests().stream().filter(r -> r.getBodyAsString().contains("<methodName>build<")).count();
    assertEquals(1, builds, "no second submission");
    String listTasks = hubRequests().stream().map(LoggedRequest::getBodyAsString)
        .filter(b -> b.contains("listTasks")).findFirst().orElseThrow();
    assertTrue(listTasks.contains("<name>owner</name>\n<value><int>1043</int>"), listTasks);
    assertTrue(listTasks.contains("<name>method</name>\n<value><string>build</string>"), listTasks);
  }

  @Test
  void waitForTaskBacksOffThroughTheSleeperUntilTheTaskFinishes() {
    XmlRpcCodec codec = XmlRpcCodec.defaults();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", 7L);
      t.put("state", i < 3 ? 1L : 2L);
      t.put("method", "build");
      wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("poll").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
          .willReturn(aResponse().withBody(codec.encodeResponse(t))).willSetStateTo("s" + (i + 1)));
    }
    KojiTask done = client().taskPolling(Duration.ofSeconds(10), Duration.ofSeconds(12)).build()
        .waitForTask(7, Duration.ofHours(1));
    assertEquals(KojiTaskState.CLOSED, done.state());
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(12), Duration.ofSeconds(12)), sleeps);
  }

  @Test
  void waitForTaskGivesUpAtTheDeadline() {
    XmlRpcCodec codec = XmlRpcCodec.defaults();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).willReturn(aResponse().withBody(
        codec.encodeResponse(Map.of("id", 7L, "state", 1L, "method", "build")))));
    Instant[] now = {Instant.parse("2024-05-01T10:00:00Z")};
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    KojiClient koji = client().clock(moving).sleeper(d -> now[0] = now[0].plus(d)).build();
    KojiTimeoutException e = assertThrows(KojiTimeoutException.class, () -> koji.waitForTask(7, Duration.ofMinutes(5)));
    assertEquals(KojiTaskState.OPEN, e.lastSeen().state());
    assertEquals(Instant.parse("2024-05-01T10:05:00Z"), now[0]);
  }

  @Test
  void garbageFromTheHubIsAServiceErrorWithPosition() {
    wm.stubFor(post(urlPathEqualTo("/kojihub")).willReturn(aResponse().withBody("<methodResponse><params><param><value><int>")));
    PackitServiceException e = assertThrows(PackitServiceException.class, () -> client().build().getBuild(1L));
    assertTrue(e.getMessage().contains("koji getBuild:1:"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }
  @Test
  void aRetransmissionReusesTheCallnumAndANewCallGetsTheNext() throws Exception {
    loginAnswers();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withBody(fixture("createSideTag.response.synth.xml"))));
    sideTagLookups();
    KojiClient koji = client().login(token())
        .retryPolicy(RetryPolicy.defaults().withJitter(0).withBackoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(1))).build();
    koji.createSideTag("f41-build");
    koji.createSideTag("f41-build");
    List<String> callnums = hubRequests().stream().filter(r -> r.getBodyAsString().contains("<methodName>createSideTag<"))
        .map(r -> r.getHeader("Koji-Session-Callnum")).toList();
    // getLoggedInUser 0, listSideTags 1, createSideTag 2 (503) and 2 again, listSideTags 3, createSideTag 4
    assertEquals(List.of("2", "2", "4"), callnums, "the retried request carries the same callnum");
    assertFalse(sleeps.isEmpty(), "the retry waited through the injected sleeper");
  }

  @Test
  void aTransportFailureOnBuildChecksForTheTaskBeforeSubmittingAgain() throws Exception {
    loginAnswers();
    XmlRpcCodec codec = XmlRpcCodec.defaults();
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>build</methodName>"))
        .inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
        .willSetStateTo("second"));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>build</methodName>"))
        .inScenario("reset").whenScenarioStateIs("second")
        .willReturn(aResponse().withBody(fixture("build.response.synth.xml"))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>getLoggedInUser</methodName>"))
        .willReturn(aResponse().withBody(codec.encodeResponse(Map.of("id", 1043L, "name", "packit")))));
    wm.stubFor(post(urlPathEqualTo("/kojihub")).withRequestBody(containing("<methodName>listTasks</methodName>"))
        .willReturn(aResponse().withBody(codec.encodeResponse(List.of()))));

    assertEquals(80860894L, client().login(token()).build().build(KojiBuildRequest.of(SRC, "rawhide")));
    List<String> methods = hubRequests().stream().map(r -> r.getBodyAsString().replaceAll("(?s).*<methodName>(\\w+)</methodName>.*", "$1")).toList();
    assertEquals(List.of("build", "getLoggedInUser", "listTasks", "build"), methods);
  }

  @Test
  void clientCertificatesLoadFromPkcs12AndBadKeysAreNamed() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("koji-cert");
    try {
      java.nio.file.Path p12 = dir.resolve("client.p12");
      String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "koji", "-keyalg", "EC", "-dname", "CN=packit",
          "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertEquals(0, p.waitFor(), out);
      KojiLogin cert = KojiLogin.clientCertificate(p12, Secret.of("changeit"));
      assertTrue(cert.sslContext().isPresent());
      assertEquals(Map.of(), cert.loginHeaders(URI.create("https://koji.example.org/kojihub/ssllogin")));
      assertFalse(cert.toString().contains("changeit"));

      dev.packit.core.InvalidInputException wrong = assertThrows(dev.packit.core.InvalidInputException.class,
          () -> KojiLogin.clientCertificate(p12, Secret.of("wrong")));
      assertTrue(wrong.getMessage().startsWith(p12.toString()), wrong.getMessage());
      assertFalse(wrong.getMessage().contains("wrong"), wrong.getMessage());

      java.nio.file.Path pem = dir.resolve("old.pem");
      Files.writeString(pem, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
      dev.packit.core.InvalidInputException pkcs1 = assertThrows(dev.packit.core.InvalidInputException.class,
          () -> KojiLogin.clientCertificate(pem, Secret.of("")));
      assertTrue(pkcs1.getMessage().contains("openssl pkcs8"), pkcs1.getMessage());
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void kerberosWithoutCredentialsFailsClearlyBeforeAnyRequest() throws Exception {
    loginAnswers();
    hubAnswers("build.response.synth.xml");
    java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/packit.keytab");
    KojiClient koji = client().login(KojiLogin.keytab("packit@FEDORAPROJECT.ORG", missing)).build();
    dev.packit.core.PackitClientException e = assertThrows(dev.packit.core.PackitClientException.class,
        () -> koji.build(KojiBuildRequest.of(SRC, "rawhide")));
    assertTrue(e.getMessage().contains("keytab /nonexistent/packit.keytab does not exist"), e.getMessage());
    assertTrue(wm.findAll(postRequestedFor(urlPathEqualTo("/kojihub/ssllogin"))).isEmpty());
    assertTrue(hubRequests().isEmpty());

    java.nio.file.Path garbage = Files.createTempFile("garbage", ".keytab");
    try {
      Files.write(garbage, new byte[] {1, 2, 3});
      dev.packit.core.PackitClientException g = assertThrows(dev.packit.core.PackitClientException.class,
          () -> KojiLogin.keytab("packit@FEDORAPROJECT.ORG", garbage).loginHeaders(URI.create("https://koji.example.org/kojihub/ssllogin")));
      assertTrue(g.getMessage().contains("keytab " + garbage + " holds no key for packit@FEDORAPROJECT.ORG"), g.getMessage());
    } finally {
      Files.delete(garbage);
    }
  }

  @Test
  void aRefusedClientCertificateIsNamedAsSuch() throws Exception {
    KojiLogin cert = KojiLogin.clientCertificate(javax.net.ssl.SSLContext.getDefault());
    dev.packit.core.http.HttpTransport refusing = request -> {
      // what the JDK throws when the server rejects the certificate during the handshake
      throw new javax.net.ssl.SSLHandshakeException("Received fatal alert: bad_certificate");
    };
    KojiClient koji = client().transport(refusing).login(cert).build();
    dev.packit.core.PackitClientException e = assertThrows(dev.packit.core.PackitClientException.class, koji::login);
    assertTrue(e.getMessage().contains("refused the TLS handshake with the client certificate (Received fatal alert: bad_certificate)"),
        e.getMessage());
  }

  @Test
  void postHandshakeAuthenticationGetsAnExplanation() throws Exception {
    // Apache's answer when it wants the certificate after a TLS 1.3 handshake
    wm.stubFor(post(urlPathEqualTo("/kojihub/ssllogin")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>Forbidden</h1><p>Cannot perform Post-Handshake Authentication.<br /></p></body></html>")));
    KojiClient koji = client().login(KojiLogin.clientCertificate(javax.net.ssl.SSLContext.getDefault()))
        .transport(dev.packit.core.http.HttpTransport.jdk()).build();
    dev.packit.core.AuthenticationException e = assertThrows(dev.packit.core.AuthenticationException.class, koji::login);
    assertTrue(e.getMessage().contains("post-handshake authentication"), e.getMessage());
    assertTrue(e.getMessage().contains("TLSv1.2"), e.getMessage());
  }
}
