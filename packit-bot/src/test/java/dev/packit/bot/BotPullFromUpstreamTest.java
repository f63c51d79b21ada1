package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.config.DistroAliases;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pull_from_upstream in the bot: the-new-hotness announces a version, the bot reads the config
 * from dist-git and opens one pull request per branch that resolves the bug.
 */
@Tag("integration")
class BotPullFromUpstreamTest {
  private static final String TOPIC = "org.fedoraproject.prod.hotness.update.bug.file";

  @Test
  void aNewHotnessBugBecomesPullRequestsResolvingIt(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      hello.putDistGitConfig("upstream_package_name: hello\n"
          + "upstream_tag_template: v{version}\n"
          + "jobs:\n  - job: pull_from_upstream\n    trigger: release\n    dist_git_branches: [rawhide, f43]\n",
          work.resolve("seed"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      Map<String, String> outcomes = new ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(2);
      try (PackitBot bot = PackitBot.builder().instance("pfu").distGit(hello.distGit(), wf)
          .dispatcher(new JobDispatcher(DistroAliases.from(List.of()), "rawhide"))
          .queue(BotQueue.inProcess(2)).httpPort(-1)
          .messages(sandbox.messages(), List.of("org.fedoraproject.*.hotness.update.bug.file")).build()) {
        bot.onJobFinished((job, outcome) -> {
          outcomes.put(job.id() + " #" + done.getCount(), job.kind() + " " + outcome);
          done.countDown();
        });
        bot.start();
        sandbox.messages().publish(MessageEnvelope.of(TOPIC, "sandbox.test", SandboxScenario.newVersionBug("1.1.0", 2106196)));
        // A second bug for the same version (the-new-hotness files one per version): nothing new.
        sandbox.messages().publish(MessageEnvelope.of(TOPIC, "sandbox.test", SandboxScenario.newVersionBug("1.1.0", 2106196)));
        assertTrue(done.await(120, TimeUnit.SECONDS), "jobs finished: " + outcomes);
      }
      assertEquals(List.of("pull_from_upstream done", "pull_from_upstream done"),
          outcomes.values().stream().sorted().toList(), outcomes.toString());
      List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/hello");
      assertEquals(List.of("f43-update-pull_from_upstream", "rawhide-update-pull_from_upstream"),
          prs.stream().map(p -> p.path("branch_from").asText()).sorted().toList(), prs.toString());
      for (JsonNode pr : prs) {
        assertTrue(pr.path("initial_comment").asText().contains("Resolves: [rhbz#2106196](https://bugzilla.redhat.com/show_bug.cgi?id=2106196)"), pr.toString());
      }
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));
    }
  }
}
