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

  private static dev.packit.fedora.messaging.FedoraMessage distGit(String action) {
    Map<String, Object> pr = Map.of("id", 3, "branch", "rawhide", "branch_from", "update", "title", "Update",
        "status", "Open", "project", Map.of("fullname", "rpms/hello"), "repo_from", Map.of("fullname", "rpms/hello"),
        "comments", List.of(Map.of("comment", "/packit pull-from-upstream", "user", Map.of("name", "packager"))));
    return FedoraMessages.typed(MessageEnvelope.of("org.fedoraproject.prod.pagure.pull-request." + action,
        "pagure.pull-request." + action, Map.of("agent", "packager", "pullrequest", pr)), "test");
  }

  /** An upstream comment command as the bot hands it over: with the repository's latest release. */
  private static dev.packit.fedora.jobs.Trigger command(CommentEvent c) {
    return dev.packit.fedora.jobs.Trigger.command(c, new dev.packit.forge.Release("v1.0", "1.0", "notes", false, false, null, null, null, null));
  }

  private List<String> kinds(dev.packit.fedora.jobs.Trigger trigger) {
    return dispatcher.dispatch(trigger, config).requests().stream().map(dev.packit.fedora.jobs.JobRequest::kind).toList();
  }

  @Test
  void onlyNewCommentsCommand() {
    assertEquals(List.of(JobType.PROPOSE_DOWNSTREAM.yamlName()),
        kinds(command(upstream(ForgeKind.GITHUB, "created"))));
    assertEquals(1, kinds(command(upstream(ForgeKind.GITLAB, "create"))).size());
    assertTrue(kinds(command(upstream(ForgeKind.GITHUB, "edited"))).isEmpty());
    assertTrue(kinds(command(upstream(ForgeKind.GITHUB, "deleted"))).isEmpty());
    assertTrue(kinds(command(upstream(ForgeKind.GITLAB, "update"))).isEmpty());

    assertEquals(List.of(JobType.PULL_FROM_UPSTREAM.yamlName()), kinds(dev.packit.fedora.jobs.Trigger.of(distGit("comment.added"))));
    assertTrue(kinds(dev.packit.fedora.jobs.Trigger.of(distGit("comment.edited"))).isEmpty());
  }
}
