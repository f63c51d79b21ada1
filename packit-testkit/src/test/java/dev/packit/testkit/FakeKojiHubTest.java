package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.Secret;
import dev.packit.core.testing.FakeTime;
import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import dev.packit.fedora.internal.xmlrpc.XmlRpcResponse;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.koji.KojiBuildRequest;
import dev.packit.fedora.koji.KojiBuildState;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiFault;
import dev.packit.fedora.koji.KojiFaultException;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.koji.KojiSideTag;
import dev.packit.fedora.koji.KojiTask;
import dev.packit.fedora.koji.KojiTaskState;
import dev.packit.testkit.internal.koji.FakeKojiHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class FakeKojiHubTest {
  private FedoraSandbox sandbox;
  private FakeKojiHub hub;
  private final List<FakeKojiHub.Message> messages = new CopyOnWriteArrayList<>();
  @TempDir
  Path work;

  @BeforeEach
  void start() {
    sandbox = FedoraSandbox.start();
    hub = sandbox.kojiHub();
    hub.onMessage(messages::add);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  static KojiLogin as(String principal) {
    return KojiLogin.negotiate(() -> Secret.of(Base64.getEncoder().encodeToString(principal.getBytes(StandardCharsets.UTF_8))));
  }

  private KojiClient.Builder client() {
    return KojiClient.builder().hub(sandbox.baseUri().resolve("kojihub")).sleeper(hub::advance)
        .taskPolling(Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  /** Commits a spec to rpms/{name} in the sandbox's git and returns the commit id. */
  private String commitSpec(String name, String spec) throws Exception {
    Path bare = sandbox.createBareRepository("rpms/" + name);
    Path wt = work.resolve(name + "-" + System.nanoTime());
    try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(wt.toFile()).call()) {
      Files.writeString(wt.resolve(name + ".spec"), spec);
      git.add().addFilepattern(".").call();
      RevCommit c = git.commit().setMessage("spec").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
      git.push().setRemote("origin").add("HEAD:refs/heads/rawhide").call();
      return c.getName();
    }
  }

  private String source(String name, String commit) {
    return "git+" + sandbox.baseUri() + "git/rpms/" + name + ".git#" + commit;
  }

  private static Set<String> fixtureBodyKeys(String fixture) throws Exception {
    JsonNode node = new ObjectMapper().readTree(Files.readString(Fixtures.file("messages/" + fixture)));
    Set<String> keys = new HashSet<>();
    for (Iterator<String> it = node.get("body").fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  @Test
  void buildRunsFromBuildingToCompleteTagsTheBuildAndEmitsFedoraShapedMessages() throws Exception {
    String sha = commitSpec("hello", "%global forgeurl https://example.com\nName:    hello\nVersion: 1.2\nRelease: 3%{?dist}\nSummary: x\n");
    KojiClient koji = client().login(as("packit@FEDORAPROJECT.ORG")).build();
    long task = koji.build(KojiBuildRequest.of(source("hello", sha), "rawhide"));

    KojiBuild building = koji.getBuild("hello-1.2-3.fc44").orElseThrow();
    assertEquals(KojiBuildState.BUILDING, building.state());
    assertEquals(task, building.taskId());
    assertEquals("packit", building.ownerName());
    assertEquals(1, messages.size());
    FakeKojiHub.Message start = messages.get(0);
    assertEquals("org.fedoraproject.prod.buildsys.build.state.change", start.topic());
    assertEquals(0L, start.body().get("new"));
    assertNull(start.body().get("old"));
    assertNull(start.body().get("completion_time"));
    assertEquals(List.of(source("hello", sha), "rawhide", Map.of()), start.body().get("request"));
    assertEquals(fixtureBodyKeys("koji-fedoramessaging__build.state.change.complete.body.json"), start.body().keySet());
    assertTrue(start.body().keySet().containsAll(fixtureBodyKeys("packit-service__koji_build_start_rawhide.json")));
    assertTrue(((String) start.body().get("creation_time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00"));
    assertEquals(true, start.headers().get("fedora_messaging_rpm_hello"));

    KojiTask done = koji.waitForTask(task, Duration.ofHours(1)); // the sleeper moves the hub's clock
    assertEquals(KojiTaskState.CLOSED, done.state());
    KojiBuild complete = koji.getBuild(building.id()).orElseThrow();
    assertEquals(KojiBuildState.COMPLETE, complete.state());
    assertTrue(complete.completionTime().isAfter(complete.creationTime()));
    assertEquals(2, messages.size());
    assertEquals(0L, messages.get(1).body().get("old"));
    assertEquals(1L, messages.get(1).body().get("new"));
    assertTrue(messages.get(1).body().get("completion_time") instanceof String);

    assertEquals(List.of("hello-1.2-3.fc44"), koji.listTagged("f44", "hello", true).stream().map(KojiBuild::nvr).toList());
    assertEquals(List.of("hello-1.2-3.fc44"), koji.getLatestBuilds("f44", null).stream().map(KojiBuild::nvr).toList());
    assertTrue(koji.checkTagPackage("f44", "hello"));
    assertFalse(koji.checkTagPackage("f44", "other"));
    assertEquals(1, koji.listBuilds(Map.of("state", 1, "prefix", "hel")).size());
    assertEquals(0, koji.listBuilds(Map.of("state", 3)).size());

    // The same NVR again: the task fails, no second build.
    long again = koji.build(KojiBuildRequest.of(source("hello", sha), "rawhide"));
    assertEquals(KojiTaskState.FAILED, koji.waitForTask(again, Duration.ofHours(1)).state());
    assertEquals(1, hub.builds().size());
  }

  @Test
  void configuredPackagesFailAndScratchBuildsEmitTaskMessages() throws Exception {
    String sha = commitSpec("broken", "Name: broken\nVersion: 0.1\nRelease: 1%{?dist}\n");
    hub.failPackage("broken");
    KojiClient koji = client().login(as("packit")).build();
    long task = koji.build(KojiBuildRequest.builder().source(source("broken", sha)).target("f42-candidate").build());
    assertEquals(KojiTaskState.FAILED, koji.waitForTask(task, Duration.ofHours(1)).state());
    assertEquals(KojiBuildState.FAILED, koji.getBuild("broken-0.1-1.fc42").orElseThrow().state());
    assertEquals(3L, messages.get(messages.size() - 1).body().get("new"));

    messages.clear();
    String ok = commitSpec("scratchy", "Name: scratchy\nVersion: 2\nRelease: 1%{?dist}\n");
    long scratch = koji.build(KojiBuildRequest.builder().source(source("scratchy", ok)).target("rawhide").scratch(true).build());
    assertEquals(KojiTaskState.CLOSED, koji.waitForTask(scratch, Duration.ofHours(1)).state());
    assertEquals(Optional.empty(), koji.getBuild("scratchy-2-1.fc44"), "scratch builds are not imported");
    assertEquals(List.of("org.fedoraproject.prod.buildsys.task.state.change", "org.fedoraproject.prod.buildsys.task.state.change"),
        messages.stream().map(FakeKojiHub.Message::topic).toList());
    assertEquals("CLOSED", messages.get(1).body().get("new"));
    assertEquals("OPEN", messages.get(1).body().get("old"));
    assertEquals(scratch, messages.get(1).body().get("id"));
  }

  @Test
  void sideTagsBelongToTheirOwner() {
    KojiClient alice = client().login(as("alice")).build();
    KojiClient bob = client().login(as("bob")).build();
    KojiSideTag side = alice.createSideTag("f43-build");
    assertTrue(side.name().startsWith("f43-build-side-"), side.name());
    assertTrue(alice.getBuildTarget(side.name()).isPresent(), "a side tag is also a target");
    assertEquals(List.of(side.name()), alice.listSideTags("f43-build", "alice").stream().map(KojiSideTag::name).toList());
    assertEquals(List.of(), alice.listSideTags(null, "bob"));
    KojiFaultException e = assertThrows(KojiFaultException.class, () -> bob.removeSideTag(side.name()));
    assertEquals(KojiFault.ACTION_NOT_ALLOWED, e.fault());
    assertTrue(e.faultString().contains("not your sidetag"));
    alice.removeSideTag(side.name());
    assertEquals(List.of(), alice.listSideTags(null, null));
    assertEquals(KojiFault.ACTION_NOT_ALLOWED, // the hub's sidetag policy, as real-hub-1.35/createSideTag.fault-ActionNotAllowed-policy
        assertThrows(KojiFaultException.class, () -> alice.createSideTag("f43-updates-candidate")).fault());
  }

  @Test
  void sessionsFollowKojisCallnumAndExpiryRules() throws Exception {
    KojiClient anonymous = client().build();
    assertEquals(KojiFault.ACTION_NOT_ALLOWED,
        assertThrows(KojiFaultException.class, () -> anonymous.createSideTag("f43-build")).fault());

    XmlRpcCodec codec = XmlRpcCodec.defaults();
    HttpClient http = HttpClient.newHttpClient();
    URI kojihub = sandbox.baseUri().resolve("kojihub");
    HttpResponse<byte[]> login = http.send(HttpRequest.newBuilder(URI.create(kojihub + "/ssllogin"))
        .header("Authorization", "Negotiate " + Base64.getEncoder().encodeToString("carol".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(codec.encodeCall("sslLogin", List.of()))).build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<?, ?> session = (Map<?, ?>) codec.decodeResponse(login.body(), "login").value();
    assertTrue(((String) session.get("session-key")).matches("\\d+-[A-Za-z0-9]{19}"), session.toString());
    // koji/auth.py as the real hub shows it: the callnum is stored only when a call commits.
    Object[][] calls = {
      {"getLoggedInUser", 0L, 0, null},
      {"getLoggedInUser", 0L, 0, null},                  // a repeated read runs again (getBuild.retransmitted-read)
      {"createSideTag", 1L, 0, null},                    // a write: the hub stores callnum 1
      {"createSideTag", 1L, 1009, "unable to retry call 1 (method createSideTag) for session %d"},
      {"getLoggedInUser", 1L, 1009, "unable to retry call 1 (method getLoggedInUser) for session %d"},
      {"getLoggedInUser", 0L, 1008, "1 > 0 (session %d)"},
      {"getLoggedInUser", 2L, 0, null},
    };
    for (Object[] c : calls) {
      List<Object> params = c[0].equals("createSideTag") ? List.of("f43-build") : List.of();
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(kojihub + "?session-id=" + session.get("session-id")
              + "&session-key=" + session.get("session-key") + "&callnum=" + c[1]))
          .POST(HttpRequest.BodyPublishers.ofByteArray(codec.encodeCall((String) c[0], params))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      XmlRpcResponse x = codec.decodeResponse(r.body(), c[0] + " " + c[1]);
      assertEquals(c[2], x.isFault() ? x.fault().code() : 0, c[0] + " with callnum " + c[1]);
      if (c[3] != null) {
        assertEquals(String.format((String) c[3], session.get("session-id")), x.fault().string());
      }
    }
    assertEquals(1, hub.sessionRenewals().size());

    // An expired session is renewed by the client without the caller noticing.
    KojiClient dave = client().login(as("dave")).build();
    KojiSideTag first = dave.createSideTag("f43-build");
    hub.expireSessions();
    KojiSideTag second = dave.createSideTag("f43-build");
    assertFalse(first.name().equals(second.name()));

    assertEquals(405, http.send(HttpRequest.newBuilder(kojihub).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(kojihub)
        .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>x</methodName><params>")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("truncated"), bad.body());
  }

  @Test
  void aBotKeepsOneSessionForTwentyFiveHoursAcrossTheHubsRenewal() {
    FakeTime time = new FakeTime(java.time.Instant.parse("2026-12-06T00:00:00Z"));
    FakeKojiHub dayHub = FakeKojiHub.builder().clock(time).build(); // sessions expire after 24 h of this clock
    sandbox.mount("/kojiday", "Koji hub on a fake clock", dayHub);
    KojiClient koji = KojiClient.builder().hub(sandbox.baseUri().resolve("kojiday")).clock(time).sleeper(time)
        .login(as("packit")).build();
    for (int hour = 0; hour <= 25; hour++) {
      KojiSideTag side = koji.createSideTag("f43-build");            // a write: the hub stores its callnum
      assertEquals(List.of(side.name()), koji.listSideTags("f43-build", "packit").stream().map(KojiSideTag::name).toList(),
          "hour " + hour);
      koji.removeSideTag(side.name());
      time.sleep(Duration.ofHours(1));
    }
    Map<Long, Integer> sessions = dayHub.sessionRenewals();
    assertEquals(1, sessions.size(), "one session all day: " + sessions);
    assertEquals(1, sessions.values().iterator().next(), "renewed once, after 24 h: " + sessions);
    assertEquals(List.of(), koji.listSideTags("f43-build", null), "no side tag left behind");
  }

  @Test
  void aLostCreateSideTagAnswerLeavesExactlyOneSideTag() {
    // The hub creates the side tag, then the answer is lost on the way back (the connection drops).
    java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
    dev.packit.core.http.HttpTransport jdk = dev.packit.core.http.HttpTransport.jdk();
    dev.packit.core.http.HttpTransport losing = request -> {
      dev.packit.core.http.HttpResponse r = jdk.send(request);
      String body;
      try (java.io.InputStream in = request.body().orElseThrow().open()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (body.contains("<methodName>createSideTag</methodName>") && lost.compareAndSet(false, true)) {
        r.close();
        throw new java.io.IOException("connection reset after the hub answered (test)");
      }
      return r;
    };
    KojiClient koji = client().transport(losing).login(as("erin")).build();
    KojiSideTag older = koji.createSideTag("f43-build"); // the answer of this one is lost, yet it exists
    assertTrue(lost.get());
    KojiSideTag second = koji.createSideTag("f43-build");
    assertEquals(List.of(older.name(), second.name()),
        koji.listSideTags("f43-build", "erin").stream().map(KojiSideTag::name).sorted().toList(),
        "one side tag per createSideTag call, none orphaned");
    assertEquals("erin", older.userName(), "found through listSideTags");
  }

  @Test
  void fiveHundredBuildStatesInOneRequest() {
    List<String> nvrs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String nvr = "pkg" + i + "-1." + i + "-1.fc44";
      hub.importBuild(nvr, i % 2 == 0 ? "f44" : null);
      nvrs.add(nvr);
    }
    nvrs.add("missing-1-1.fc44");
    KojiClient koji = client().multicallBatchSize(501).build();
    int before = hub.httpCalls();
    Map<String, Optional<KojiBuild>> states = koji.getBuilds(nvrs);
    assertEquals(1, hub.httpCalls() - before);
    assertEquals(501, states.size());
    assertEquals(500, states.values().stream().filter(Optional::isPresent).count());
    assertTrue(states.values().stream().flatMap(Optional::stream).allMatch(b -> b.state() == KojiBuildState.COMPLETE));
    assertEquals(Optional.empty(), states.get("missing-1-1.fc44"));
    assertEquals("pkg42-1.42-1.fc44", states.get("pkg42-1.42-1.fc44").orElseThrow().nvr());

    before = hub.httpCalls();
    assertEquals(501, client().build().getBuilds(nvrs).size()); // default batch of 500
    assertEquals(2, hub.httpCalls() - before);
  }
}
