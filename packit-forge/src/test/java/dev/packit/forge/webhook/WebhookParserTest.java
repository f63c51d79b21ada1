package dev.packit.forge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.Secret;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.ForgeKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookParserTest {
  private final WebhookParser parser = WebhookParser.create();

  private static byte[] read(String fixture) throws IOException {
    return Files.readAllBytes(Fixtures.file(fixture));
  }

  private WebhookEvent github(String event, String fixture) throws IOException {
    return parser.parse(WebhookDelivery.ofSingleValues(
        Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", "d-1"), read(fixture)));
  }

  private WebhookEvent gitlab(String event, String fixture) throws IOException {
    return parser.parse(WebhookDelivery.ofSingleValues(Map.of("X-Gitlab-Event", event), read(fixture)));
  }

  @Test
  void gitHubReleasePublished() throws IOException {
    ReleaseEvent r = assertInstanceOf(ReleaseEvent.class, github("release", "github/webhook_release_published.json"));
    assertEquals(ForgeKind.GITHUB, r.forge());
    assertEquals("published", r.action());
    assertTrue(r.isNewRelease());
    assertEquals("0.3.0", r.tag());
    assertEquals("test", r.name());
    assertEquals("testing release", r.body());
    assertFalse(r.prerelease());
    assertEquals("lbarcziova", r.author());
    assertEquals("packit-service", r.namespace());
    assertEquals("hello-world", r.repo());
    assertEquals(URI.create("https://github.com/packit-service/hello-world"), r.projectUrl());
    assertEquals(URI.create("https://github.com/packit-service/hello-world.git"), r.repository().cloneUrl());
    assertEquals(URI.create("https://github.com/packit-service/hello-world/releases/tag/0.3.0"), r.releaseUrl());
  }

  @Test
  void gitHubReleaseFromHub4jAndPrereleaseMarking() throws IOException {
    ReleaseEvent r = assertInstanceOf(ReleaseEvent.class, github("release", "github/webhook_release_published_hub4j.json"));
    assertEquals("rest-api-framework-4.2", r.tag());
    assertEquals("company-group/company-rest-api-framework", r.repository().fullName());
    assertEquals("seregamorph", r.author());

    String pre = new String(read("github/webhook_release_published.json"), StandardCharsets.UTF_8)
        .replace("\"prerelease\": false", "\"prerelease\": true").replace("\"prerelease\":false", "\"prerelease\":true");
    ReleaseEvent p = assertInstanceOf(ReleaseEvent.class,
        parser.parse(ForgeKind.GITHUB, "release", pre.getBytes(StandardCharsets.UTF_8), "pre"));
    assertTrue(p.prerelease(), "the fixture must have been edited to a prerelease");
    assertTrue(p.isNewRelease(), "Packit reacts to published prereleases too");
  }

  @Test
  void gitLabReleaseHook() throws IOException {
    ReleaseEvent r = assertInstanceOf(ReleaseEvent.class, gitlab("Release Hook", "gitlab/webhook_release_hook.json"));
    assertEquals(ForgeKind.GITLAB, r.forge());
    assertEquals("create", r.action());
    assertTrue(r.isNewRelease());
    assertEquals("v1.32", r.tag());
    assertEquals("test", r.name());
    assertEquals("Just testing a release event", r.body());
    assertEquals("fedora/src", r.namespace());
    assertEquals("python-teamcity-messages", r.repo());
    assertEquals(URI.create("https://gitlab.com/fedora/src/python-teamcity-messages"), r.projectUrl());
    assertEquals("6147b3de219ecdda30ba727cf74a0414ca1e618a", r.commitSha());
    assertEquals("Mikhail Kidiankin", r.author());
    assertFalse(r.prerelease());
  }

  @Test
  void gitHubPushOfATag() throws IOException {
    PushEvent p = assertInstanceOf(PushEvent.class, github("push", "github/webhook_push.json"));
    assertEquals("refs/tags/simple-tag", p.ref());
    assertEquals(Optional.of("simple-tag"), p.tag());
    assertEquals(Optional.empty(), p.branch());
    assertTrue(p.deleted());
    assertEquals(PushEvent.ZERO_ID, p.after());
    assertEquals("some-user", p.pusher());
    assertEquals("some-user/some-repo", p.repository().fullName());
  }

  @Test
  void gitLabPushAndTagPush() throws IOException {
    PushEvent p = assertInstanceOf(PushEvent.class, gitlab("Push Hook", "gitlab/webhook_push_hook.json"));
    assertEquals(Optional.of("test2"), p.branch());
    assertEquals("cb2859505e101785097e082529dced35bbee0c8f", p.after());
    assertEquals(List.of("cb2859505e101785097e082529dced35bbee0c8f"), p.commitIds());
    assertEquals("shreyaspapi", p.pusher());
    assertFalse(p.created());

    PushEvent t = assertInstanceOf(PushEvent.class, gitlab("Tag Push Hook", "gitlab/webhook_tag_push_hook.json"));
    assertEquals(Optional.of("v1.32"), t.tag());
    assertTrue(t.created());
  }

  @Test
  void pullRequestsOnBothForges() throws IOException {
    PullRequestEvent gh = assertInstanceOf(PullRequestEvent.class,
        github("pull_request", "github/webhook_pull_request_opened.json"));
    assertEquals("opened", gh.action());
    assertEquals(342, gh.number());
    assertEquals("lbarcziova/packit", gh.sourceRepository());
    assertEquals("master", gh.sourceBranch());
    assertEquals("master", gh.targetBranch());
    assertEquals("528b803be6f93e19ca4130bf4976f2800a3004c4", gh.headSha());
    assertEquals("packit-service/packit", gh.repository().fullName());

    PullRequestEvent gl = assertInstanceOf(PullRequestEvent.class,
        gitlab("Merge Request Hook", "gitlab/webhook_merge_request_hook.json"));
    assertEquals(1, gl.number());
    assertEquals("opened", gl.action(), "old GitLab sends no action: the state is used");
    assertEquals("test", gl.sourceBranch());
    assertEquals("1f6a716aa7a618a9ffe56970d77177d99d100022", gl.headSha());
    assertEquals("testing/packit", gl.repository().namespace());
  }

  @Test
  void issueCommentsCarryPackitCommands() throws IOException {
    CommentEvent pd = assertInstanceOf(CommentEvent.class,
        github("issue_comment", "github/webhook_issue_propose_downstream.json"));
    assertFalse(pd.onPullRequest());
    assertEquals(CommandType.PROPOSE_DOWNSTREAM, pd.command().orElseThrow().type());
    assertEquals("phracek", pd.author());
    assertEquals("packit-service/packit", pd.repository().fullName());

    CommentEvent kb = assertInstanceOf(CommentEvent.class,
        github("issue_comment", "github/webhook_repository_issue_comment_retrigger_koji_build.json"));
    assertEquals(CommandType.KOJI_BUILD, kb.command().orElseThrow().type());
    CommentEvent cu = assertInstanceOf(CommentEvent.class,
        github("issue_comment", "github/webhook_repository_issue_comment_retrigger_bodhi_update.json"));
    assertEquals(CommandType.CREATE_UPDATE, cu.command().orElseThrow().type());

    CommentEvent wrong = assertInstanceOf(CommentEvent.class,
        github("issue_comment", "github/webhook_issue_comment_wrong_packit_command.json"));
    assertTrue(wrong.onPullRequest());
    assertEquals(9, wrong.number());
    CommentCommand cmd = wrong.command().orElseThrow();
    assertEquals(CommandType.UNKNOWN, cmd.type());
    assertEquals("foobar", cmd.name());
    assertFalse(cmd.valid());

    CommentEvent gl = assertInstanceOf(CommentEvent.class, gitlab("Note Hook", "gitlab/webhook_issue_propose_downstream.json"));
    assertEquals(ForgeKind.GITLAB, gl.forge());
    assertEquals(1, gl.number());
    assertFalse(gl.onPullRequest());
    assertEquals("shreyaspapi", gl.author());
    assertEquals(CommandType.PROPOSE_DOWNSTREAM, gl.command().orElseThrow().type());
  }

  @Test
  void otherEventsAreKeptAsOther() throws IOException {
    OtherEvent i = assertInstanceOf(OtherEvent.class, github("installation", "github/webhook_installation_created.json"));
    assertEquals("installation", i.eventType());
    assertEquals("created", i.action());
    OtherEvent c = assertInstanceOf(OtherEvent.class, github("check_run", "github/webhook_check_run_rerequested.json"));
    assertEquals("rerequested", c.action());
  }

  @Test
  void verifyThenParseEndToEnd() throws IOException {
    Secret secret = Secret.of("end-to-end");
    byte[] body = read("github/webhook_release_published.json");
    WebhookDelivery d = WebhookDelivery.ofSingleValues(Map.of("X-GitHub-Event", "release",
        "X-Hub-Signature-256", WebhookVerifier.githubSignature(secret, body)), body);
    assertEquals(ForgeKind.GITHUB, WebhookVerifier.builder().githubSecret(secret).build().verifyOrThrow(d));
    assertEquals("0.3.0", ((ReleaseEvent) parser.parse(d)).tag());
  }

  @Test
  void malformedPayloadsNameTheProblem() {
    InvalidInputException json = assertThrows(InvalidInputException.class,
        () -> parser.parse(ForgeKind.GITHUB, "release", "{\n  \"action\": ,\n}".getBytes(StandardCharsets.UTF_8), "r.json"));
    assertEquals("r.json", json.location().source());
    assertEquals(2, json.location().line());
    assertTrue(json.location().column() > 0);

    InvalidInputException field = assertThrows(InvalidInputException.class, () -> parser.parse(ForgeKind.GITHUB,
        "release", "{\"action\":\"published\",\"release\":{}}".getBytes(StandardCharsets.UTF_8), "r.json"));
    assertEquals("repository.full_name", field.location().field());
    assertTrue(field.getMessage().startsWith("r.json: repository.full_name: "), field.getMessage());

    InvalidInputException noHeader = assertThrows(InvalidInputException.class,
        () -> parser.parse(WebhookDelivery.ofSingleValues(Map.of(), new byte[0])));
    assertTrue(noHeader.getMessage().contains("X-GitHub-Event"), noHeader.getMessage());

    assertThrows(InvalidInputException.class,
        () -> parser.parse(ForgeKind.GITLAB, "Push Hook", "[1]".getBytes(StandardCharsets.UTF_8), "x"));
  }
}
