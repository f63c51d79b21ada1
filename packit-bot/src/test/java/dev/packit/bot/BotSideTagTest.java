package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.bot.history.JobQuery;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.fedora.koji.KojiSideTag;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code sidetag_group} end to end through the bot on the sandbox: the merged pull request's push
 * builds into the group's side tag; Koji's {@code buildsys.tag} of that side tag makes the bot
 * create the side tag's Bodhi update. (Before the library, the side-tag jobs the dispatcher emitted
 * failed in the sample's runner with a ClassCastException.)
 */
@org.junit.jupiter.api.Tag("integration")
class BotSideTagTest {
  private static final List<String> TOPICS = List.of("org.fedoraproject.*.pagure.git.receive",
      "org.fedoraproject.*.buildsys.tag");

  @Test
  void aSideTagBuildLandingMakesTheBotCreateTheSideTagUpdate(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.pagure().owner("rpms/hello", "jane");
      hello.putDistGitConfig("upstream_package_name: hello\n"
          + "jobs:\n"
          + "  - job: koji_build\n    trigger: commit\n    sidetag_group: hello-stack\n    dist_git_branches: [f43]\n"
          + "  - job: bodhi_update\n    trigger: koji_build\n    sidetag_group: hello-stack\n    dist_git_branches: [f43]\n",
          work.resolve("cfg"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      wf.apply(wf.planProposeDownstream(dev.packit.fedora.workflow.ProposeDownstreamRequest.builder(hello.config(),
          RepoId.of(SandboxScenario.UPSTREAM), hello.tag()).branches(List.of("f43")).build()));
      PagureForge jane = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      PullRequest pr = jane.pullRequests(RepoId.of("rpms/hello"), PrState.OPEN)
          .filter(p -> p.targetBranch().equals("f43")).findFirst().orElseThrow();

      List<String> finished = new CopyOnWriteArrayList<>();
      try (PackitBot bot = PackitBot.builder().instance("st").distGit(hello.distGit(), wf).httpPort(-1)
          .queue(BotQueue.inProcess(1)).shutdownHook(false).messages(sandbox.messages(), TOPICS).build()) {
        bot.onJobFinished((job, outcome) -> finished.add(job.kind() + " " + outcome));
        bot.start();

        jane.mergePullRequest(RepoId.of("rpms/hello"), pr.number());
        BotDistGitCommandsTest.await("the side-tag build", () -> finished.contains("koji_build done"));
        List<KojiSideTag> sideTags = hello.koji().listSideTags("f43-build", null);
        assertEquals(1, sideTags.size(), sideTags.toString());
        String sideTag = sideTags.get(0).name();
        assertTrue(sideTag.matches("f43-build-side-\\d+-hello-stack"), sideTag);
        assertEquals(0, sandbox.bodhi().updates().size(), "no update while the build runs");

        sandbox.koji().advance(Duration.ofHours(1)); // the build completes and is tagged into the side tag
        BotDistGitCommandsTest.await("the side-tag update", () -> finished.contains("bodhi_update done"));
        List<JsonNode> updates = sandbox.bodhi().updates();
        assertEquals(1, updates.size(), updates.toString());
        assertEquals(sideTag, updates.get(0).path("from_tag").asText());
        assertEquals("hello-1.1.0-1.fc43", updates.get(0).path("builds").get(0).path("nvr").asText());

        List<JobRecord> jobs = bot.history().jobs(JobQuery.all().withPackage("hello").withState(JobState.DONE));
        assertEquals(List.of("bodhi_update", "koji_build"), jobs.stream().map(JobRecord::kind).toList(), jobs.toString());
        assertTrue(jobs.get(0).trigger().startsWith("message org.fedoraproject.prod.buildsys.tag "), jobs.get(0).trigger());
        assertTrue(jobs.get(0).request().contains(sideTag), "the request names the side tag: " + jobs.get(0).request());
      }
      assertEquals(List.of("koji_build done", "bodhi_update done"), finished, "each job once");
    }
  }
}
