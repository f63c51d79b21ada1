package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.WebhookRepository;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A comment that is edited or deleted arrives again as an event with the same {@code /packit}
 * text: it must not run the command a second time (anyone who may edit it, or a bot that edits
 * old comments, would otherwise re-trigger jobs at will).
 */
class HostileCommentDispatchTest {
  private final JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(List.of()), "rawhide");
  private final PackitConfig config = PackitConfigLoader.defaults().load("upstream_package_name: hello\n"
      + "downstream_package_name: hello\njobs:\n"
      + "  - job: propose_downstream\n    trigger: release\n    dist_git_branches: [rawhide]\n"
      + "  - job: pull_from_upstream\n    trigger: release\n    dist_git_branches: [rawhide]\n", "test.yaml");

  private static CommentEvent upstream(ForgeKind forge, String action) {
    return new CommentEvent(forge, "issue_comment", action,
        new WebhookRepository("upstream", "hello", URI.create("https://github.com/upstream/hello"),
            URI.create("https://github.com/upstream/hello.git")),
        7, false, 70, "/packit propose-downstream", "jane", "COLLABORATOR", URI.create("https://github.com/c/70"));
  }

  private static Object distGit(String action) {
    Map<String, Object> pr = Map.of("id", 3, "branch", "rawhide", "branch_from", "update", "title", "Update",
        "status", "Open", "project", Map.of("fullname", "rpms/hello"), "repo_from", Map.of("fullname", "rpms/hello"),
        "comments", List.of(Map.of("comment", "/packit pull-from-upstream", "user", Map.of("name", "packager"))));
    return FedoraMessages.typed(MessageEnvelope.of("org.fedoraproject.prod.pagure.pull-request." + action,
        "pagure.pull-request." + action, Map.of("agent", "packager", "pullrequest", pr)), "test");
  }

  @Test
  void onlyNewCommentsCommand() {
    assertEquals(List.of(JobType.PROPOSE_DOWNSTREAM),
        dispatcher.dispatch(upstream(ForgeKind.GITHUB, "created"), config).stream().map(JobDispatcher.Job::type).toList());
    assertEquals(1, dispatcher.dispatch(upstream(ForgeKind.GITLAB, "create"), config).size());
    assertTrue(dispatcher.dispatch(upstream(ForgeKind.GITHUB, "edited"), config).isEmpty());
    assertTrue(dispatcher.dispatch(upstream(ForgeKind.GITHUB, "deleted"), config).isEmpty());
    assertTrue(dispatcher.dispatch(upstream(ForgeKind.GITLAB, "update"), config).isEmpty());

    assertEquals(List.of(JobType.PULL_FROM_UPSTREAM),
        dispatcher.dispatch(distGit("comment.added"), config).stream().map(JobDispatcher.Job::type).toList());
    assertTrue(dispatcher.dispatch(distGit("comment.edited"), config).isEmpty());
  }
}
