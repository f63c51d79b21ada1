package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import dev.packit.fedora.internal.xmlrpc.XmlRpcResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sends the requests recorded from a real Koji 1.35.3 hub ({@code koji/real-hub-1.35}) to {@link
 * FakeKojiHub} and compares what shows the hub's behaviour rather than its data: which calls answer
 * {@code nil}, and the fault codes and texts. (The client side of the same recordings is replayed by
 * packit-fedora's {@code KojiRealHubContractTest}.)
 */
@Tag("integration")
class FakeKojiHubVersusRealHubTest {
  private static final XmlRpcCodec CODEC = XmlRpcCodec.defaults();
  private final HttpClient http = HttpClient.newHttpClient();
  private FedoraSandbox sandbox;
  private URI kojihub;

  @BeforeEach
  void start() {
    sandbox = FedoraSandbox.start();
    sandbox.koji();
    kojihub = sandbox.baseUri().resolve("kojihub");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static byte[] recorded(String name) throws IOException {
    return Files.readAllBytes(Fixtures.file("koji/real-hub-1.35/" + name));
  }

  private XmlRpcResponse send(URI uri, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("text/xml", r.headers().firstValue("Content-Type").orElse(""));
    return CODEC.decodeResponse(r.body(), uri.toString());
  }

  /** The same kind of answer: both nil, both a value, or the same fault code and text. */
  private static void assertSameBehaviour(String stem, XmlRpcResponse real, XmlRpcResponse fake, String sessionId) {
    if (real.isFault()) {
      assertTrue(fake.isFault(), stem + ": the real hub answered a fault, the fake " + fake.value());
      assertEquals(real.fault().code(), fake.fault().code(), stem);
      assertEquals(real.fault().string().replaceAll("session \"?\\d+\"?", "session " + sessionId),
          fake.fault().string().replaceAll("session \"?\\d+\"?", "session " + sessionId), stem);
    } else {
      assertTrue(!fake.isFault(), stem + ": the real hub answered a value, the fake " + (fake.isFault() ? fake.fault() : null));
      assertEquals(real.value() == null, fake.value() == null, stem + ": nil on one side only");
    }
  }

  @Test
  void anonymousCallsAnswerNilOrTheSameFaults() throws Exception {
    List<String> stems = List.of("getAPIVersion", "getLoggedInUser.anonymous-nil", "getBuild.miss-nil", "getBuildTarget.miss-nil",
        "getTaskInfo.miss-nil", "noSuchMethod.fault-GenericError", "getTag.fault-GenericError-strict-miss",
        "getBuildTarget.fault-ParameterError", "listBuilds.fault-ParameterError", "getBuild.fault-GenericError-bad-buildinfo",
        "build.anonymous-fault-ActionNotAllowed", "listBuilds.empty");
    List<String> differ = new ArrayList<>();
    for (String stem : stems) {
      XmlRpcResponse real = CODEC.decodeResponse(recorded(stem + ".response.xml"), stem);
      XmlRpcResponse fake = send(kojihub, recorded(stem + ".request.xml"), Map.of());
      try {
        assertSameBehaviour(stem, real, fake, "");
      } catch (AssertionError e) {
        differ.add(e.getMessage());
      }
    }
    assertEquals(List.of(), differ);
  }

  @Test
  void multiCallAnswersEachCallLikeTheRealHub() throws Exception {
    List<?> real = (List<?>) CODEC.decodeResponse(recorded("multiCall.mixed.response.xml"), "real").value();
    List<?> fake = (List<?>) send(kojihub, recorded("multiCall.mixed.request.xml"), Map.of()).value();
    assertEquals(real.size(), fake.size());
    for (int i = 0; i < real.size(); i++) {
      Object r = real.get(i);
      Object f = fake.get(i);
      if (r instanceof Map<?, ?> rf) {
        assertTrue(f instanceof Map<?, ?>, "entry " + i + ": the real hub answered a fault, the fake " + f);
        Map<?, ?> ff = (Map<?, ?>) f;
        assertEquals(rf.get("faultCode"), ff.get("faultCode"), "entry " + i);
        assertEquals(rf.get("faultString"), ff.get("faultString"), "entry " + i);
        assertEquals(rf.keySet(), ff.keySet(), "entry " + i + ": multicall faults carry a traceback");
      } else {
        List<?> rl = (List<?>) r;
        assertTrue(f instanceof List<?> fl && fl.size() == 1, "entry " + i + ": a one-element array, got " + f);
        assertEquals(rl.get(0) == null, ((List<?>) f).get(0) == null, "entry " + i + ": nil on one side only");
      }
    }
  }

  @Test
  void loggedInCallsAndBadSessionsGetTheRealFaults() throws Exception {
    XmlRpcResponse login = send(URI.create(kojihub + "/ssllogin"), recorded("sslLogin.request.xml"),
        Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString("packit".getBytes(StandardCharsets.UTF_8))));
    Map<?, ?> session = (Map<?, ?>) login.value();
    assertEquals(((Map<?, ?>) CODEC.decodeResponse(recorded("sslLogin.response.xml"), "real").value()).keySet(), session.keySet());
    String id = String.valueOf(session.get("session-id"));
    sandbox.koji().allowSideTagSuffixes("custom"); // as the recorded hub's allowed_suffixes: "bad" is not one
    long callnum = 0;
    List<String> differ = new ArrayList<>();
    for (String stem : List.of("getLoggedInUser.hit", "getSessionInfo.before-write", "build.fault-ActionNotAllowed-priority",
        "createEmptyBuild.fault-ActionNotAllowed-not-admin", "createSideTag.fault-GenericError-bad-suffix", "build",
        "getTaskInfo.miss-nil", "logout")) {
      XmlRpcResponse real = CODEC.decodeResponse(recorded(stem + ".response.xml"), stem);
      XmlRpcResponse fake = send(kojihub, recorded(stem + ".request.xml"), Map.of("Koji-Session-Id", id,
          "Koji-Session-Key", (String) session.get("session-key"), "Koji-Session-Callnum", Long.toString(callnum++)));
      try {
        assertSameBehaviour(stem, real, fake, id);
      } catch (AssertionError e) {
        differ.add(e.getMessage());
      }
    }
    // after logout the session is gone: what the real hub answered a closed session
    for (String stem : List.of("getLoggedInUser.fault-AuthError", "build.fault-AuthError")) {
      XmlRpcResponse fake = send(kojihub, recorded(stem + ".request.xml"), Map.of("Koji-Session-Id", id,
          "Koji-Session-Key", (String) session.get("session-key"), "Koji-Session-Callnum", Long.toString(callnum++)));
      try {
        assertSameBehaviour(stem, CODEC.decodeResponse(recorded(stem + ".response.xml"), stem), fake, id);
      } catch (AssertionError e) {
        differ.add(e.getMessage());
      }
    }
    assertEquals(List.of(), differ);
  }

  @Test
  void anExpiredSessionIsRenewedInPlaceAndKeepsItsCallnum() throws Exception {
    Map<String, String> auth = Map.of("Authorization", "Negotiate " + Base64.getEncoder().encodeToString("packit".getBytes(StandardCharsets.UTF_8)));
    Map<?, ?> session = (Map<?, ?>) send(URI.create(kojihub + "/ssllogin"), recorded("sslLogin.request.xml"), auth).value();
    String id = String.valueOf(session.get("session-id"));
    String key = (String) session.get("session-key");
    // a write at callnum 20 commits (the capture's session had stored 20 by then)
    send(kojihub, CODEC.encodeCall("createSideTag", List.of("f42-build")), Map.of("Koji-Session-Id", id, "Koji-Session-Key", key,
        "Koji-Session-Callnum", "20"));
    sandbox.koji().expireSessions();
    assertSameBehaviour("getLoggedInUser.fault-AuthExpired", CODEC.decodeResponse(recorded("getLoggedInUser.fault-AuthExpired.response.xml"), "r"),
        send(kojihub, recorded("getLoggedInUser.fault-AuthExpired.request.xml"), Map.of("Koji-Session-Id", id, "Koji-Session-Key", key,
            "Koji-Session-Callnum", "21")), id);
    Map<String, String> renew = new java.util.HashMap<>(auth);
    renew.putAll(Map.of("Koji-Session-Id", id, "Koji-Session-Key", key, "Koji-Session-Callnum", "22"));
    Map<?, ?> renewed = (Map<?, ?>) send(URI.create(kojihub + "/ssllogin"), recorded("sslLogin.renew-same-id.request.xml"), renew).value();
    assertEquals(session.get("session-id"), renewed.get("session-id"), "sslLogin.renew-same-id: the same id");
    assertTrue(!key.equals(renewed.get("session-key")), "with a new key");
    XmlRpcResponse seq = send(kojihub, recorded("getLoggedInUser.fault-SequenceError-after-renew.request.xml"),
        Map.of("Koji-Session-Id", id, "Koji-Session-Key", (String) renewed.get("session-key"), "Koji-Session-Callnum", "0"));
    assertSameBehaviour("getLoggedInUser.fault-SequenceError-after-renew",
        CODEC.decodeResponse(recorded("getLoggedInUser.fault-SequenceError-after-renew.response.xml"), "r"), seq, id);
    assertEquals(null, send(kojihub, recorded("getLoggedInUser.hit.request.xml"), Map.of("Koji-Session-Id", id,
        "Koji-Session-Key", key, "Koji-Session-Callnum", "23")).value() instanceof Map ? "old key accepted" : null,
        "the old key is dead");
  }

  @Test
  void aGetIs405WithAllowPost() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(kojihub).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""), "the real hub names the allowed method");
    assertEquals(new String(recorded("http-GET.405.response.txt"), StandardCharsets.UTF_8), r.body());
  }

}
