package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.messaging.AnityaVersionUpdate;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.messaging.NewHotnessUpdate;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PullFromUpstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pull_from_upstream from the messages that announce a new upstream version: the-new-hotness's
 * bug message (and Anitya's update), config read from dist-git's rawhide, one PR per branch.
 */
@Tag("integration")
class PullFromUpstreamSandboxTest {
  private static final String DIST_GIT_CONFIG = "upstream_package_name: hello\n"
      + "upstream_project_url: https://github.com/upstream/hello\n"
      + "upstream_tag_template: v{version}\n"
      + "jobs:\n"
      + "  - job: pull_from_upstream\n"
      + "    trigger: release\n"
      + "    dist_git_branches: [rawhide, f43]\n";

  private static FedoraMessage publishAndRead(FedoraSandbox sandbox, String topic, Map<String, Object> body) {
    sandbox.messages().publish(MessageEnvelope.of(topic, "sandbox.test", body));
    List<MessageEnvelope> all = sandbox.messages().published();
    return FedoraMessages.typed(all.get(all.size() - 1), "sandbox");
  }

  @Test
  void aNewHotnessBugOpensOnePullRequestPerBranchResolvingTheBug(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      hello.putDistGitConfig(DIST_GIT_CONFIG, work.resolve("seed"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(List.of()), "rawhide");

      FedoraMessage event = publishAndRead(sandbox, "org.fedoraproject.prod.hotness.update.bug.file", SandboxScenario.newVersionBug("1.1.0", 2106196));
      NewHotnessUpdate hotness = (NewHotnessUpdate) event;
      dev.packit.fedora.jobs.ConfigLocation where = dispatcher.resolver().locate(dev.packit.fedora.jobs.Trigger.of(hotness)).orElseThrow();
      assertEquals(List.of("rpms/hello", true, "rawhide"), List.of(where.repository(), where.distGit(), where.ref()));
      PackitConfig config = wf.distGitConfig("hello");
      List<dev.packit.fedora.jobs.JobRequest> jobs = dispatcher.dispatch(dev.packit.fedora.jobs.Trigger.of(hotness), config).requests();
      assertEquals(1, jobs.size(), jobs.toString());
      assertEquals(JobType.PULL_FROM_UPSTREAM, jobs.get(0).jobType());
      assertEquals(List.of("rawhide", "f43"), jobs.get(0).branches());

      Plan plan = wf.planPullFromUpstream(PullFromUpstreamRequest.from(hotness, config, jobs.get(0).branches()));
      assertEquals("1.1.0", plan.version(), plan.render());
      assertTrue(plan.cause().contains("rhbz#2106196"), plan.cause());
      RunResult result = wf.apply(plan);
      for (BranchResult r : result.branches()) {
        assertEquals(BranchOutcome.DONE, r.outcome(), r.toString());
      }
      List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/hello");
      assertEquals(List.of("f43-update-pull_from_upstream", "rawhide-update-pull_from_upstream"),
          prs.stream().map(p -> p.path("branch_from").asText()).sorted().toList());
      for (JsonNode pr : prs) {
        String body = pr.path("initial_comment").asText();
        // Packit's order: upstream lines, the release-monitoring project, then one line per bug.
        int monitoring = body.indexOf("Release monitoring project: https://release-monitoring.org/project/4181\n");
        int resolves = body.indexOf("Resolves: [rhbz#2106196](https://bugzilla.redhat.com/show_bug.cgi?id=2106196)\n");
        assertTrue(monitoring > 0 && resolves > monitoring && resolves < body.indexOf("\n---\n"), body);
        assertTrue(body.contains("Upstream commit: "), body);
      }
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));
      try (LocalRepository fork = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("forks/packit/rpms/hello"),
          work.resolve("fork")).branch("rawhide-update-pull_from_upstream").build())) {
        CommitInfo bot = fork.log("HEAD", "", 1).get(0);
        assertTrue(bot.message().startsWith("Update to 1.1.0 upstream release\n\n- Resolves: rhbz#2106196\n\nUpstream tag: v1.1.0\n"),
            bot.message());
        String spec = Files.readString(work.resolve("fork/hello.spec"));
        assertTrue(spec.contains("- Update to version 1.1.0\n- Resolves: rhbz#2106196\n"), "the changelog entry names the bug:\n" + spec);
        assertTrue(Files.readString(work.resolve("fork/hello.spec")).contains("Version:        1.1.0"));
      }

      // Anitya announces the same version: the job is dispatched too, and finds everything done.
      Map<String, Object> anitya = Map.of("message", Map.of("upstream_versions", List.of("1.1.0"),
          "packages", List.of(Map.of("distro", "Fedora", "package_name", "hello")),
          "project", Map.of("id", 4181, "name", "hello", "version", "1.1.0")));
      AnityaVersionUpdate update = (AnityaVersionUpdate) publishAndRead(sandbox,
          "org.release-monitoring.prod.anitya.project.version.update.v2", anitya);
      dev.packit.fedora.jobs.ConfigLocation again0 = dispatcher.resolver().locate(dev.packit.fedora.jobs.Trigger.of(update)).orElseThrow();
      assertEquals(List.of("rpms/hello", true, "rawhide"), List.of(again0.repository(), again0.distGit(), again0.ref()));
      List<dev.packit.fedora.jobs.JobRequest> again = dispatcher.dispatch(dev.packit.fedora.jobs.Trigger.of(update), config).requests();
      assertEquals(1, again.size());
      RunResult second = wf.apply(wf.planPullFromUpstream(PullFromUpstreamRequest.from(update, config, again.get(0).branches())));
      second.branches().forEach(r -> assertEquals(BranchOutcome.DONE, r.outcome(), r.toString()));
      assertEquals(2, sandbox.pagure().pullRequests("rpms/hello").size());
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));
    }
  }
}
