package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.koji.KojiSideTag;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.KojiTag;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * koji_build with {@code sidetag_group}: the group's side tag is created once and built into; the
 * side tag's Bodhi update waits for every package of the group, then is created once.
 */
@Tag("integration")
class SideTagSandboxTest {

  private static PackitConfig config(String dependencies) {
    return PackitConfigLoader.builder().repositoryName("hello").build().load("upstream_package_name: hello\n"
        + "jobs:\n"
        + "  - job: koji_build\n"
        + "    trigger: commit\n"
        + "    sidetag_group: hello-stack\n"
        + "    dist_git_branches: [f43]\n"
        + dependencies
        + "  - job: bodhi_update\n"
        + "    trigger: koji_build\n"
        + "    sidetag_group: hello-stack\n"
        + "    dist_git_branches: [f43]\n", "rpms/hello/.packit.yaml");
  }

  private static BranchResult only(ReleaseWorkflow wf, Plan plan) {
    List<BranchResult> results = wf.apply(plan).branches();
    assertEquals(1, results.size(), plan.render());
    return results.get(0);
  }

  @Test
  void buildsIntoTheGroupsSideTagAndUpdatesFromItOnceEverythingIsBuilt(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.pagure().owner("rpms/hello", "jane");
      ReleaseWorkflow wf = hello.workflow(work).build();
      wf.apply(wf.planProposeDownstream(dev.packit.fedora.workflow.ProposeDownstreamRequest.builder(hello.config(),
          RepoId.of(SandboxScenario.UPSTREAM), hello.tag()).branches(List.of("f43")).build()));
      PagureForge jane = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      PullRequest f43Pr = jane.pullRequests(RepoId.of("rpms/hello"), PrState.OPEN)
          .filter(p -> p.targetBranch().equals("f43")).findFirst().orElseThrow();
      jane.mergePullRequest(RepoId.of("rpms/hello"), f43Pr.number());
      DistGitPush push = sandbox.messages().published().stream()
          .map((MessageEnvelope e) -> FedoraMessages.typed(e, "sandbox"))
          .filter(DistGitPush.class::isInstance).map(DistGitPush.class::cast).findFirst().orElseThrow();
      PackitConfig config = config("");

      // A dependency that is not in the side tag: no build, and no side tag either.
      Plan blocked = wf.planKojiBuild(push, config("    dependencies: [libgreet]\n"), "packit");
      assertTrue(blocked.branches().get(0).skip().contains("missing dependencies in the side tag of group hello-stack: libgreet"),
          blocked.render());

      Plan plan = wf.planKojiBuild(push, config, "packit");
      PlannedStep.SideTagBuild step = plan.branches().get(0).steps(PlannedStep.SideTagBuild.class).get(0);
      assertEquals("f43-build", step.baseTag());
      assertEquals("", step.sideTag(), "no side tag yet at planning time");
      BranchResult built = only(wf, plan);
      assertEquals(BranchOutcome.DONE, built.outcome(), built.detail());
      List<KojiSideTag> sideTags = hello.koji().listSideTags("f43-build", null);
      assertEquals(1, sideTags.size(), sideTags.toString());
      String sideTag = sideTags.get(0).name();
      assertTrue(sideTag.matches("f43-build-side-\\d+-hello-stack"), sideTag);
      assertTrue(built.detail().contains("into " + sideTag), built.detail());
      assertEquals(sideTag, sandbox.koji().tasks().get(0).get("request") instanceof List<?> r ? r.get(1) : null);

      // Still building: the update waits; the same push again finds the NVR building and the side tag reused.
      Plan waiting = wf.planSideTagUpdate("hello-stack", "f43", config, "hello");
      assertTrue(waiting.branches().get(0).skip().startsWith("waiting for complete builds in " + sideTag), waiting.render());
      BranchResult again = only(wf, wf.planKojiBuild(push, config, "packit"));
      assertTrue(again.detail().contains("already building"), again.detail());
      assertEquals(1, hello.koji().listSideTags("f43-build", null).size());

      sandbox.koji().advance(Duration.ofHours(1));
      assertEquals(List.of("hello-1.1.0-1.fc43"), hello.koji().listTagged(sideTag, null, true).stream().map(b -> b.nvr()).toList());

      // The build landing in the side tag is announced; it dispatches the side tag's bodhi_update,
      // and the koji_build of a dependent package of the group.
      KojiTag tagged = sandbox.messages().published().stream().map((MessageEnvelope e) -> FedoraMessages.typed(e, "sandbox"))
          .filter(KojiTag.class::isInstance).map(KojiTag.class::cast).findFirst().orElseThrow();
      assertEquals(sideTag, tagged.tag());
      JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(List.of()), "rawhide");
      assertEquals(Optional.of("hello-stack"), JobDispatcher.sideTagGroup(tagged.tag()));
      PackitConfig withDependent = PackitConfigLoader.builder().repositoryName("hello").build().load("jobs:\n"
          + "  - job: koji_build\n    trigger: commit\n    sidetag_group: hello-stack\n    dependents: [hello-plugins]\n"
          + "    dist_git_branches: [f43]\n", "rpms/hello/.packit.yaml");
      assertEquals(List.of("hello", "hello-plugins"), dispatcher.sideTagPackages(tagged, withDependent));
      List<dev.packit.fedora.jobs.JobRequest> jobs = dispatcher.dispatch(dev.packit.fedora.jobs.Trigger.of(tagged), config).requests();
      assertEquals(1, jobs.size(), jobs.toString());
      assertEquals(JobType.BODHI_UPDATE, jobs.get(0).jobType());
      assertEquals(List.of("f43"), jobs.get(0).branches());
      PackitConfig plugins = PackitConfigLoader.builder().repositoryName("hello-plugins").build().load("jobs:\n"
          + "  - job: koji_build\n    trigger: koji_build\n    sidetag_group: hello-stack\n    dependencies: [hello]\n"
          + "    dist_git_branches: [f43]\n", "rpms/hello-plugins/.packit.yaml");
      List<dev.packit.fedora.jobs.JobRequest> pluginJobs = dispatcher.dispatch(dev.packit.fedora.jobs.Trigger.of(tagged), plugins).requests();
      assertEquals(1, pluginJobs.size(), pluginJobs.toString());
      assertEquals(JobType.KOJI_BUILD, pluginJobs.get(0).jobType());
      // hello itself is built already: its side-tag build of f43 is deduplicated by NVR.
      Plan rebuild = wf.planSideTagBuild("hello", "f43", config);
      assertEquals("hello-1.1.0-1.fc43 is already complete in Koji", rebuild.branches().get(0).skip(), rebuild.render());

      BranchResult update = only(wf, wf.planSideTagUpdate(JobDispatcher.sideTagGroup(tagged.tag()).orElseThrow(), "f43", config, "hello"));
      assertEquals(BranchOutcome.DONE, update.outcome(), update.detail());
      List<JsonNode> updates = sandbox.bodhi().updates();
      assertEquals(1, updates.size());
      assertEquals(sideTag, updates.get(0).path("from_tag").asText());
      assertEquals("hello-1.1.0-1.fc43", updates.get(0).path("builds").get(0).path("nvr").asText());
      assertEquals(update.updateAlias().orElseThrow(), updates.get(0).path("alias").asText());

      Plan second = wf.planSideTagUpdate("hello-stack", "f43", config, "hello");
      assertTrue(second.branches().get(0).skip().contains("already contains hello-1.1.0-1.fc43"), second.render());
      assertEquals(1, sandbox.bodhi().updates().size());

      // Bodhi allows one update per side tag, whatever its status: an obsoleted one is still it
      sandbox.bodhi().status(update.updateAlias().orElseThrow(), "obsolete");
      Plan third = wf.planSideTagUpdate("hello-stack", "f43", config, "hello");
      assertTrue(third.branches().get(0).skip().contains("already contains hello-1.1.0-1.fc43"), third.render());
    }
  }
}
