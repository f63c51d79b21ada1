package dev.packit.fedora.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.OtherEvent;
import dev.packit.forge.webhook.PullRequestEvent;
import dev.packit.forge.webhook.PushEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forgejo webhooks relayed on fedora-messaging: the packit-service captures (flattened) and the wire
 * form {@code {body, headers, agent}} built from them; the relayed authorization is never kept.
 */
class ForgejoMessagesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RELAY_CREDENTIAL = "973bf765c2eb40ebada712bddfeef1ed";
  private static final List<String> CAPTURES = List.of("messages/packit-service__forgejo_push.json",
      "messages/packit-service__forgejo_pr.json", "messages/packit-service__forgejo_pr_comment.json",
      "forgejo/webhooks/fedmsg_issue_comment_created.json", "forgejo/webhooks/fedmsg_action_run_success_pr.json",
      "forgejo/webhooks/fedmsg_action_run_success_push.json");

  private static String read(String fixture) throws IOException {
    return Files.readString(Fixtures.file(fixture));
  }

  /** The capture as webhook-to-fedora-messaging puts it on the wire: the body wraps payload and headers. */
  @SuppressWarnings("unchecked")
  private static FedoraMessage wire(String fixture) throws IOException {
    Map<String, Object> capture = MAPPER.readValue(read(fixture), Map.class);
    Map<String, Object> wireBody = new LinkedHashMap<>();
    wireBody.put("body", capture.get("body"));
    wireBody.put("headers", capture.get("headers"));
    wireBody.put("agent", capture.get("agent"));
    return FedoraMessages.fromDelivery((String) capture.get("topic"), "wire-1",
        Map.of("fedora_messaging_schema", "webhook_to_fedora_messaging.forgejo"), MAPPER.writeValueAsBytes(wireBody), null);
  }

  private static void noCredential(ForgejoEvent f) {
    for (Map<String, Object> h : List.of(f.envelope().headers(), f.relayedHeaders())) {
      assertFalse(h.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).equals("authorization")), h.keySet().toString());
    }
    String everything = f.toString() + f.envelope() + f.envelope().body() + f.envelope().headers() + f.payload();
    assertFalse(everything.contains(RELAY_CREDENTIAL), "the relayed authorization was kept");
    assertFalse(everything.contains("Basic "), "the relayed authorization was kept");
  }

  @Test
  void everyCaptureInBothShapesDropsTheAuthorization() throws IOException {
    for (String fixture : CAPTURES) {
      assertTrue(read(fixture).contains("\"authorization\""), fixture + " carries the relay's authorization");
      ForgejoEvent flat = assertInstanceOf(ForgejoEvent.class, FedoraMessages.parse(read(fixture), fixture));
      ForgejoEvent onWire = assertInstanceOf(ForgejoEvent.class, wire(fixture));
      noCredential(flat);
      noCredential(onWire);
      assertEquals(flat.event(), onWire.event(), fixture);
      assertEquals(flat.repository(), onWire.repository(), fixture);
      assertEquals(flat.repositoryUrl(), onWire.repositoryUrl(), fixture);
      assertEquals(flat.headCommit(), onWire.headCommit(), fixture);
      assertEquals(flat.pullRequest(), onWire.pullRequest(), fixture);
      assertEquals(flat.payload(), onWire.payload(), fixture);
      assertEquals(flat.relayedHeaders().get("x-forgejo-event"), onWire.relayedHeaders().get("x-forgejo-event"), fixture);
      assertEquals(flat.event(), String.valueOf(onWire.relayedHeaders().get("x-forgejo-event")), fixture);
      assertTrue(flat.repositoryUrl().startsWith("https://forge.fedoraproject.org/"), flat.repositoryUrl());
    }
  }

  @Test
  void payloadsParseAsTheWebhooksTheyAre() throws IOException {
    PushEvent push = assertInstanceOf(PushEvent.class, ((ForgejoEvent) wire(CAPTURES.get(0))).webhookEvent());
    assertEquals(ForgeKind.FORGEJO, push.forge());
    assertEquals("infra/docs", push.repository().fullName());
    assertEquals("139828ad0b8fd3c5d172ccc0fc695a6d7a98f4c5", push.after());

    ForgejoEvent prMessage = (ForgejoEvent) wire(CAPTURES.get(1));
    assertEquals("synchronized", prMessage.action(), "the message keeps Forgejo's word");
    PullRequestEvent pr = assertInstanceOf(PullRequestEvent.class, prMessage.webhookEvent());
    assertEquals("synchronize", pr.action(), "the webhook event speaks GitHub's");
    assertEquals(3501, pr.number());

    CommentEvent comment = assertInstanceOf(CommentEvent.class, ((ForgejoEvent) wire(CAPTURES.get(2))).webhookEvent());
    assertTrue(comment.onPullRequest());
    assertEquals(3366, comment.number());
    assertEquals("kparal", comment.author());

    OtherEvent run = assertInstanceOf(OtherEvent.class, ((ForgejoEvent) wire(CAPTURES.get(4))).webhookEvent());
    assertEquals("action_run_success", run.eventType());
  }

  @Test
  void aPackitCommandInARelayedComment() throws IOException {
    String json = read(CAPTURES.get(2)).replaceFirst("\"body\":\\s*\"Even though I haven't studied", "\"body\": \"/packit koji-build\\\\n\\\\nEven though I haven't studied");
    ForgejoEvent f = assertInstanceOf(ForgejoEvent.class, FedoraMessages.parse(json, "comment"));
    CommentEvent c = assertInstanceOf(CommentEvent.class, f.webhookEvent());
    assertEquals("koji-build", c.command().orElseThrow().name());
  }

  @Test
  void distGitEventsAreToldApartByTheRepositoryUrl() throws IOException {
    DistGitRepositories fedora = DistGitRepositories.fedora();
    ForgejoEvent forge = (ForgejoEvent) wire(CAPTURES.get(0));
    assertFalse(fedora.isDistGit(forge), "forge.fedoraproject.org/infra/docs is a forge repository");
    // the same push from dist-git after the move (same host names as today)
    String distgit = read(CAPTURES.get(0)).replace("https://forge.fedoraproject.org/infra/docs", "https://src.fedoraproject.org/rpms/hello");
    ForgejoEvent pkg = (ForgejoEvent) FedoraMessages.parse(distgit, "distgit push");
    assertTrue(fedora.isDistGit(pkg));
    assertTrue(fedora.matches(URI.create("https://SRC.fedoraproject.org/rpms/hello.git")));
    assertFalse(fedora.matches(URI.create("https://src.fedoraproject.org/forks/jdoe/rpms/hello")), "a fork is not the package");
    assertFalse(fedora.matches(URI.create("https://src.fedoraproject.org/rpms")));
    // configurable: a staging forge as dist-git, any namespace
    DistGitRepositories custom = DistGitRepositories.of(Set.of("forge.fedoraproject.org"), Set.of());
    assertTrue(custom.isDistGit(forge));
    String noUrl = new String(read(CAPTURES.get(0)).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        .replace("\"html_url\": \"https://forge.fedoraproject.org/infra/docs\"", "\"html_url\": null");
    assertFalse(custom.isDistGit((ForgejoEvent) FedoraMessages.parse(noUrl, "no url")), "no URL: not dist-git");
  }
}
