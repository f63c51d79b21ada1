package dev.packit.fedora.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.Fixtures;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A push that came as {@code forgejo.push} read as the dist-git push that {@code pagure.git.receive} was. */
class DistGitPushFromForgejoTest {

  @Test
  void theRecordedPushReadsAsADirectPush() throws Exception {
    String fixture = "messages/packit-service__forgejo_push.json";
    ForgejoEvent e = assertInstanceOf(ForgejoEvent.class, FedoraMessages.parse(Files.readString(Fixtures.file(fixture)), fixture));
    DistGitPush p = DistGitPush.fromForgejo(e).orElseThrow();
    assertEquals("infra/docs", p.fullName());
    assertEquals("infra", p.namespace());
    assertEquals("docs", p.repository());
    assertEquals("main", p.branch());
    assertEquals("8848429b902c7747e1b36af8b5225117b6254fb5", p.oldCommit());
    assertEquals("139828ad0b8fd3c5d172ccc0fc695a6d7a98f4c5", p.endCommit());
    assertEquals(Map.of("modules/sysadmin_sops/pages/copr.adoc", "M"), p.changedFiles());
    assertEquals(OptionalLong.empty(), p.pullRequest(), "an ordinary commit message names no pull request");
    assertFalse(p.specChanged());
    assertEquals(List.of(), p.authors(), "the recorded author has no Forgejo username");
  }

  @Test
  void aMergeCommitNamesThePullRequestAndTagsAreNotPushes() {
    Map<String, Object> commit = Map.of("id", "b".repeat(40), "message", "Merge pull request 'Update to 1.1' (#7) from packit:up into f43\n",
        "author", Map.of("username", "jane"), "added", List.of("hello-1.1.tar.gz"), "modified", List.of("hello.spec", "sources"),
        "removed", List.of());
    Map<String, Object> payload = Map.of("ref", "refs/heads/f43", "before", "0".repeat(40), "after", "b".repeat(40),
        "commits", List.of(commit), "head_commit", commit, "total_commits", 1,
        "repository", Map.of("full_name", "rpms/hello", "html_url", "https://src.fedoraproject.org/rpms/hello"),
        "pusher", Map.of("login", "jane"), "sender", Map.of("login", "jane"));
    ForgejoEvent e = assertInstanceOf(ForgejoEvent.class, FedoraMessages.typed(MessageEnvelope.of(
        "org.fedoraproject.prod.forgejo.push", "forgejo.push", Map.of("body", payload, "headers", Map.of("x-forgejo-event", "push"))),
        "test"));
    DistGitPush p = DistGitPush.fromForgejo(e).orElseThrow();
    assertEquals(OptionalLong.of(7), p.pullRequest());
    assertEquals("", p.oldCommit(), "a new branch has no old head");
    assertEquals("jane", p.agent());
    assertEquals(List.of("jane"), p.authors());
    assertTrue(p.specChanged());
    assertEquals("A", p.changedFiles().get("hello-1.1.tar.gz"));

    Map<String, Object> tag = new java.util.HashMap<>(payload);
    tag.put("ref", "refs/tags/v1.1");
    ForgejoEvent t = assertInstanceOf(ForgejoEvent.class, FedoraMessages.typed(MessageEnvelope.of(
        "org.fedoraproject.prod.forgejo.push", "forgejo.push", Map.of("body", tag, "headers", Map.of())), "test"));
    assertTrue(DistGitPush.fromForgejo(t).isEmpty());
  }
}
