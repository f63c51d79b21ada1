package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.JobQuery;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /packit koji-build} and {@code /packit create-update} in a comment on a dist-git pull
 * request (and {@code /packit pull-from-upstream --version}), end to end on the sandbox: the sandbox's Pagure publishes
 * {@code pagure.pull-request.comment.added}, the bot authorizes the packager, queues the job,
 * builds the target branch in Koji and creates the Bodhi update, and records both in its history.
 * (Before the library, the koji-build comment ended in a ClassCastException in the sample's runner.)
 */
@org.junit.jupiter.api.Tag("integration")
class BotDistGitCommandsTest {
  private static final String COMMENTS = "org.fedoraproject.*.pagure.pull-request.comment.added";

  @Test
  void kojiBuildAndCreateUpdateCommentsOnADistGitPullRequest(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.pagure().owner("rpms/hello", "jane");
      hello.putDistGitConfig("upstream_package_name: hello\n"
          + "jobs:\n"
          + "  - job: koji_build\n    trigger: commit\n    dist_git_branches: [f43]\n"
          + "  - job: bodhi_update\n    trigger: koji_build\n    dist_git_branches: [f43]\n"
          + "  - job: pull_from_upstream\n    trigger: release\n    dist_git_branches: [rawhide]\n", work.resolve("cfg"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      // A pull request on f43 to comment on: the release proposed by the workflow itself.
      wf.apply(wf.planProposeDownstream(dev.packit.fedora.workflow.ProposeDownstreamRequest.builder(hello.config(),
          RepoId.of(SandboxScenario.UPSTREAM), hello.tag()).branches(List.of("f43")).build()));
      PagureForge jane = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      PullRequest pr = jane.pullRequests(RepoId.of("rpms/hello"), PrState.OPEN)
          .filter(p -> p.targetBranch().equals("f43")).findFirst().orElseThrow();

      List<String> finished = new CopyOnWriteArrayList<>();
      try (PackitBot bot = PackitBot.builder().instance("dg").distGit(hello.distGit(), wf).httpPort(0)
          .queue(BotQueue.inProcess(1)).shutdownHook(false)
          .webLinks(sandbox.baseUri().resolve("koji/"), sandbox.baseUri().resolve("bodhi/"))
          .messages(sandbox.messages(), List.of(COMMENTS)).build()) {
        bot.onJobFinished((job, outcome) -> finished.add(job.kind() + " " + outcome));
        bot.start();

        jane.comment(RepoId.of("rpms/hello"), pr.number(), "/packit koji-build");
        await("the koji-build job", () -> finished.stream().anyMatch(f -> f.startsWith("koji_build ")));
        assertEquals(List.of("koji_build done"), finished);
        List<String> built = sandbox.koji().builds().stream().map(b -> String.valueOf(b.get("nvr"))).toList();
        assertEquals(List.of("hello-1.0.0-1.fc43"), built, "the head of the pull request's target branch, built once");

        sandbox.koji().advance(Duration.ofHours(1)); // the build completes
        jane.comment(RepoId.of("rpms/hello"), pr.number(), "/packit create-update");
        await("the create-update job", () -> finished.size() == 2);
        assertEquals(List.of("koji_build done", "bodhi_update done"), finished);
        List<JsonNode> updates = sandbox.bodhi().updates();
        assertEquals(1, updates.size(), updates.toString());
        assertEquals("hello-1.0.0-1.fc43", updates.get(0).path("builds").get(0).path("nvr").asText());

        // pull-from-upstream names the version; it proposes it on the job's branches.
        jane.comment(RepoId.of("rpms/hello"), pr.number(), "/packit pull-from-upstream --version 1.1.0");
        await("the pull-from-upstream job", () -> finished.size() == 3);
        assertEquals("pull_from_upstream done", finished.get(2));
        assertTrue(jane.pullRequests(RepoId.of("rpms/hello"), PrState.OPEN)
            .anyMatch(p -> p.targetBranch().equals("rawhide") && p.title().contains("1.1.0")), "a rawhide pull request for 1.1.0");

        // The history has them, with their links; the metrics counted them.
        List<JobRecord> jobs = bot.history().jobs(JobQuery.all().withPackage("hello").withKind("koji_build"));
        jobs = new java.util.ArrayList<>(jobs);
        jobs.addAll(0, bot.history().jobs(JobQuery.all().withPackage("hello").withKind("bodhi_update")));
        assertEquals(List.of("bodhi_update", "koji_build"), jobs.stream().map(JobRecord::kind).toList());
        assertEquals(3, bot.history().jobs(JobQuery.all().withState(JobState.DONE)).size());
        for (JobRecord r : jobs) {
          assertEquals(JobState.DONE, r.state(), r.toString());
          assertEquals(List.of("f43"), r.branches());
          assertEquals("dg", r.botInstance());
          assertTrue(r.startedAt().isPresent() && r.finishedAt().isPresent(), r.toString());
          assertFalse(r.request().isEmpty(), "the request is kept to run the job again");
        }
        BranchRecord build = jobs.get(1).branchResults().get(0);
        assertTrue(build.links().get("koji build").toString().endsWith("terms=hello-1.0.0-1.fc43"), build.toString());
        BranchRecord update = jobs.get(0).branchResults().get(0);
        assertTrue(update.links().get("bodhi update").toString()
            .endsWith("updates/" + updates.get(0).path("alias").asText()), update.toString());
        String metrics = ReleaseFarm.get(bot.httpUri().resolve("metrics"));
        assertEquals(1, Scrape.value(metrics, "packit_bot_jobs_total{type=\"koji_build\",outcome=\"done\"}"), metrics);
        assertEquals(1, Scrape.value(metrics, "packit_bot_jobs_total{type=\"bodhi_update\",outcome=\"done\"}"), metrics);
        assertEquals(3, Scrape.value(metrics, "packit_bot_commands_total{result=\"obeyed\"}"), metrics);
      }
    }
  }

  static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); !condition.get(); ) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(50);
    }
  }
}
