package dev.packit.forge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.InvalidInputException;
import dev.packit.core.Secret;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.WebhookRejectedException.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Forgejo (and Gitea) webhooks: the recorded deliveries in ../shared/fixtures/forgejo/webhooks, signatures, commands. */
class ForgejoWebhookTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final WebhookParser parser = WebhookParser.create();

  private static byte[] body(String name) throws IOException {
    return Files.readAllBytes(Fixtures.file("forgejo/webhooks/" + name + ".json"));
  }

  /** The delivery headers of a fixture; sources that kept none get the one Forgejo always sends. */
  private static Map<String, String> headers(String name) throws IOException {
    JsonNode meta = MAPPER.readTree(Fixtures.file("forgejo/webhooks/" + name + ".meta.json").toFile());
    Map<String, String> h = new HashMap<>();
    meta.path("headers").properties().forEach(e -> h.put(e.getKey(), e.getValue().asText()));
    if (h.isEmpty()) {
      h.put("X-Forgejo-Event", meta.get("event").asText());
    }
    return h;
  }

  private WebhookEvent parse(String name) throws IOException {
    return parser.parse(WebhookDelivery.ofSingleValues(headers(name), body(name)));
  }

  @Test
  void pushFromCodeberg() throws IOException {
    PushEvent p = assertInstanceOf(PushEvent.class, parse("push.codeberg"));
    assertEquals(ForgeKind.FORGEJO, p.forge());
    assertEquals("fedora/w2fm-test", p.repository().fullName());
    assertEquals("refs/heads/pull", p.ref());
    assertEquals("1c5ccba31592d36a7b999434768c7498edfec822", p.after());
    assertEquals("gridhead", p.pusher());
    assertEquals(List.of("1c5ccba31592d36a7b999434768c7498edfec822"), p.commitIds());
    assertFalse(p.created());
    assertFalse(p.deleted());
    assertEquals(URI.create("https://codeberg.org/fedora/w2fm-test"), p.repository().webUrl());
  }

  @Test
  void pullRequestOpenedFromCodeberg() throws IOException {
    PullRequestEvent pr = assertInstanceOf(PullRequestEvent.class, parse("pull_request_opened.codeberg"));
    assertEquals(ForgeKind.FORGEJO, pr.forge());
    assertEquals("opened", pr.action());
    assertEquals(7, pr.number());
    assertEquals("gridhead", pr.author());
    assertEquals("pull", pr.sourceBranch());
    assertEquals("main", pr.targetBranch());
    assertEquals("fedora/w2fm-test", pr.sourceRepository());
    assertEquals("1c5ccba31592d36a7b999434768c7498edfec822", pr.headSha());
    assertEquals(URI.create("https://codeberg.org/fedora/w2fm-test/pulls/7"), pr.url());
  }

  @Test
  void pullRequestClosedMergedOrNotAndGiteaHeaders() throws IOException {
    for (String name : List.of("pull_request_closed.synth", "pull_request_closed_merged.synth",
        "pull_request_closed.woodpecker", "pull_request_closed_merged.woodpecker")) {
      PullRequestEvent pr = assertInstanceOf(PullRequestEvent.class, parse(name), name);
      assertEquals("closed", pr.action(), name);
      assertEquals(ForgeKind.FORGEJO, pr.forge());
    }
    // a Gitea server sends X-Gitea-Event (and X-GitHub-Event), not X-Forgejo-Event
    WebhookEvent gitea = parser.parse(WebhookDelivery.ofSingleValues(Map.of("X-Gitea-Event", "pull_request",
        "X-GitHub-Event", "pull_request", "X-Gitea-Delivery", "g-1"), body("pull_request_closed.woodpecker")));
    assertEquals(ForgeKind.FORGEJO, gitea.forge());
    assertEquals("anbraten/test-repo", ((PullRequestEvent) gitea).repository().fullName());
  }

  @Test
  void synchronizedIsReportedAsSynchronize() throws IOException {
    String json = new String(body("pull_request_opened.codeberg"), StandardCharsets.UTF_8)
        .replaceFirst("\"action\":\\s*\"opened\"", "\"action\": \"synchronized\"");
    PullRequestEvent pr = assertInstanceOf(PullRequestEvent.class, parser.parse(WebhookDelivery.ofSingleValues(
        Map.of("X-Forgejo-Event", "pull_request", "X-Forgejo-Event-Type", "pull_request_sync"),
        json.getBytes(StandardCharsets.UTF_8))));
    assertEquals("synchronize", pr.action());
  }

  @Test
  void releasePublished() throws IOException {
    ReleaseEvent r = assertInstanceOf(ReleaseEvent.class, parse("release_published.synth"));
    assertEquals(ForgeKind.FORGEJO, r.forge());
    assertTrue(r.isNewRelease());
    assertEquals("0.2.11", r.tag());
    assertEquals("test", r.name());
    assertEquals("packit-validator", r.author());
    assertEquals("packit-validator/ogr-tests", r.repository().fullName());
    assertEquals(URI.create("https://v10.next.forgejo.org/packit-validator/ogr-tests/releases/tag/0.2.11"), r.releaseUrl());
    ReleaseEvent gitea = assertInstanceOf(ReleaseEvent.class, parse("release_published.woodpecker"));
    assertEquals("0.0.5", gitea.tag());
    assertEquals("anbraten", gitea.author());
  }

  @Test
  void issueCommentOnAnIssueAndACommandOnAPullRequest() throws IOException {
    CommentEvent c = assertInstanceOf(CommentEvent.class, parse("issue_comment_created.codeberg"));
    assertEquals("created", c.action());
    assertEquals(5, c.number());
    assertFalse(c.onPullRequest());
    assertEquals(3813260, c.commentId());
    assertEquals("gridhead", c.author());
    assertEquals("", c.authorAssociation(), "Forgejo sends none");
    assertEquals(Optional.empty(), c.command());

    String onPr = new String(body("issue_comment_created.codeberg"), StandardCharsets.UTF_8)
        .replace("Here comes the issue comment HAHA", "/packit propose-downstream")
        .replaceFirst("\"is_pull\":\\s*false", "\"is_pull\": true");
    CommentEvent cmd = assertInstanceOf(CommentEvent.class, parser.parse(WebhookDelivery.ofSingleValues(
        Map.of("X-Forgejo-Event", "issue_comment", "X-Forgejo-Event-Type", "pull_request_comment"),
        onPr.getBytes(StandardCharsets.UTF_8))));
    assertTrue(cmd.onPullRequest());
    assertEquals(CommandType.PROPOSE_DOWNSTREAM, cmd.command().orElseThrow().type());
  }

  @Test
  void relayedDeliveriesAreForgejoDespiteTheirGitHubHeaders() throws IOException {
    for (String name : List.of("fedmsg_issue_comment_created", "fedmsg_action_run_success_pr", "fedmsg_action_run_success_push")) {
      JsonNode msg = MAPPER.readTree(body(name));
      Map<String, String> h = new HashMap<>();
      msg.get("headers").properties().forEach(e -> h.put(e.getKey(), e.getValue().asText()));
      assertTrue(h.containsKey("x-github-event"), "Forgejo sends X-GitHub-Event as well");
      WebhookDelivery d = WebhookDelivery.ofSingleValues(h, MAPPER.writeValueAsBytes(msg.get("body")));
      assertEquals(Optional.of(ForgeKind.FORGEJO), WebhookVerifier.claimedForge(d));
      assertEquals(h.get("x-forgejo-delivery"), d.deliveryId().orElseThrow());
      WebhookEvent e = parser.parse(d);
      assertEquals(ForgeKind.FORGEJO, e.forge(), name);
      if (name.contains("comment")) {
        CommentEvent c = assertInstanceOf(CommentEvent.class, e);
        assertEquals("infra/tickets", c.repository().fullName());
        assertEquals(13131, c.number());
      } else {
        OtherEvent o = assertInstanceOf(OtherEvent.class, e);
        assertEquals("action_run_success", o.eventType());
        assertEquals("success", o.action());
      }
    }
  }

  @Test
  void everyWebhookFixtureParses() throws IOException {
    Path dir = Fixtures.dir("forgejo/webhooks");
    TreeSet<String> parsed = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".meta.json")).toList()) {
        String name = f.getFileName().toString().replace(".meta.json", "");
        String event = MAPPER.readTree(f.toFile()).get("event").asText();
        WebhookEvent e = parse(name);
        assertEquals(ForgeKind.FORGEJO, e.forge(), name);
        assertEquals(event, e.eventType(), name);
        assertFalse(e instanceof OtherEvent, name + " is one of the four events packit handles");
        parsed.add(name);
      }
    }
    assertEquals(9, parsed.size(), parsed.toString());
  }

  @Test
  void malformedPayloadNamesTheField() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> parser.parse(WebhookDelivery.ofSingleValues(
        Map.of("X-Forgejo-Event", "pull_request"), "{\"action\":\"opened\",\"number\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().contains("repository"), e.getMessage());
  }

  // ---- signatures

  private static final String SECRET = "forgejo-webhook-secret";

  private static WebhookVerifier verifier() {
    return WebhookVerifier.builder().forgejoSecret(Secret.of(SECRET)).build();
  }

  @Test
  void forgejoAndGiteaSignaturesAreChecked() throws IOException {
    byte[] b = body("push.codeberg");
    String sig = WebhookVerifier.forgejoSignature(Secret.of(SECRET), b);
    assertEquals(64, sig.length());
    assertTrue(verifier().verify(WebhookDelivery.ofSingleValues(
        Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", sig), b)).accepted());
    assertTrue(verifier().verify(WebhookDelivery.ofSingleValues(
        Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", sig.toUpperCase(java.util.Locale.ROOT)), b)).accepted());
    assertEquals(ForgeKind.FORGEJO, verifier().verifyOrThrow(WebhookDelivery.ofSingleValues(
        Map.of("X-Forgejo-Event", "push", "X-GitHub-Event", "push", "X-Forgejo-Signature", sig,
            "X-Gitea-Signature", sig), b)));
  }

  private static Reason rejected(WebhookVerifier v, Map<String, String> headers, byte[] b) {
    return v.verify(WebhookDelivery.ofSingleValues(headers, b)).rejection().orElseThrow().reason();
  }

  @Test
  void forgejoRejections() throws IOException {
    byte[] b = body("push.codeberg");
    String sig = WebhookVerifier.forgejoSignature(Secret.of(SECRET), b);
    String other = WebhookVerifier.forgejoSignature(Secret.of("another-secret"), b);
    assertEquals(Reason.SIGNATURE_MISMATCH, rejected(verifier(), Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", other), b));
    byte[] changed = b.clone();
    changed[changed.length / 2] ^= 1;
    assertEquals(Reason.SIGNATURE_MISMATCH, rejected(verifier(), Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", sig), changed));
    assertEquals(Reason.MISSING_SIGNATURE, rejected(verifier(), Map.of("X-Forgejo-Event", "push"), b));
    assertEquals(Reason.MISSING_SIGNATURE, rejected(verifier(), Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", ""), b),
        "a webhook without a secret sends an empty signature");
    assertEquals(Reason.MALFORMED_SIGNATURE, rejected(verifier(), Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", "sha256=" + sig), b));
    assertEquals(Reason.MALFORMED_SIGNATURE, rejected(verifier(), Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", sig.substring(1)), b));
    // Forgejo also signs GitHub-style; a verifier that knows only a GitHub secret does not take it as GitHub's
    WebhookVerifier githubOnly = WebhookVerifier.builder().githubSecret(Secret.of(SECRET)).build();
    assertEquals(Reason.NOT_CONFIGURED, rejected(githubOnly, Map.of("X-Forgejo-Event", "push", "X-GitHub-Event", "push",
        "X-Hub-Signature-256", WebhookVerifier.githubSignature(Secret.of(SECRET), b), "X-Forgejo-Signature", sig), b));
    assertFalse(verifier().toString().contains(SECRET));
    assertTrue(verifier().toString().contains("forgejo=configured"));
  }
}
