package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.pagure.PagureForge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** koji_build and bodhi_update on the sandbox, with their skip rules, driven by the real messages the fakes emit. */
@Tag("integration")
class KojiAndBodhiJobsSandboxTest {

  private static <T extends FedoraMessage> List<T> messages(FedoraSandbox sandbox, Class<T> type) {
    return sandbox.messages().published().stream()
        .map((MessageEnvelope e) -> FedoraMessages.typed(e, "sandbox"))
        .filter(type::isInstance).map(type::cast).toList();
  }

  private static BranchResult only(ReleaseWorkflow wf, Plan plan) {
    List<BranchResult> results = wf.apply(plan).branches();
    assertEquals(1, results.size(), plan.render());
    return results.get(0);
  }

  @Test
  void buildsOnlyWhatTheRulesAllowAndUpdatesOnlyOnce(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.pagure().owner("rpms/hello", "jane");
      ReleaseWorkflow wf = hello.workflow(work).build();
      PackitConfig config = hello.config();
      wf.apply(wf.planProposeDownstream(hello.releaseRequest()));

      PagureForge maintainer = dev.packit.forge.pagure.Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(dev.packit.forge.ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      for (PullRequest pr : maintainer.pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).toList()) {
        maintainer.mergePullRequest(RepoId.of("rpms/hello"), pr.number());
      }
      List<DistGitPush> pushes = messages(sandbox, DistGitPush.class);
      assertEquals(3, pushes.size());
      DistGitPush f43 = pushes.stream().filter(p -> p.branch().equals("f43")).findFirst().orElseThrow();
      assertTrue(f43.specChanged(), f43.changedFiles().toString());

      // Not the bot's PR: no build.
      BranchResult mallory = only(wf, wf.planKojiBuild(f43, config, "mallory"));
      assertEquals(BranchOutcome.SKIPPED, mallory.outcome());
      assertEquals("pull request author 'mallory' is not in allowed_pr_authors", mallory.detail());

      // A push without a spec change: no build.
      DistGitPush readme = new DistGitPush(f43.envelope(), f43.namespace(), f43.repository(), f43.fullName(), f43.branch(),
          f43.oldCommit(), f43.startCommit(), f43.endCommit(), f43.totalCommits(), f43.forced(), f43.agent(),
          f43.pullRequestId(), Map.of("README", "M"), f43.authors());
      assertEquals("the push did not change the spec file", only(wf, wf.planKojiBuild(readme, config, "packit")).detail());

      // The bot's merged PR: one build; the same push again finds it building.
      BranchResult built = only(wf, wf.planKojiBuild(f43, config, "packit"));
      assertEquals(BranchOutcome.DONE, built.outcome(), built.detail());
      assertEquals("hello-1.1.0-1.fc43", built.buildNvr().orElseThrow());
      BranchResult again = only(wf, wf.planKojiBuild(f43, config, "packit"));
      assertEquals(BranchOutcome.SKIPPED, again.outcome());
      assertEquals("hello-1.1.0-1.fc43 is already building in Koji", again.detail());
      assertEquals(1, sandbox.koji().builds().size());

      sandbox.koji().advance(Duration.ofHours(1));
      KojiBuildStateChange complete = messages(sandbox, KojiBuildStateChange.class).stream()
          .filter(c -> c.newState().name().equals("COMPLETE")).findFirst().orElseThrow();
      assertEquals("hello-1.1.0-1.fc43", complete.nvr());

      // Not an allowed builder: no update.
      KojiBuildStateChange byMallory = new KojiBuildStateChange(complete.envelope(), complete.buildId(), complete.taskId(),
          complete.name(), complete.version(), complete.release(), complete.epoch(), "mallory", complete.oldState(),
          complete.newState(), complete.scmUrl(), complete.target(), complete.scratch(), complete.taskMethod(),
          complete.creationTime(), complete.completionTime(), complete.instance());
      assertEquals("builder 'mallory' is not in allowed_builders",
          only(wf, wf.planBodhiUpdate(byMallory, config, List.of("f43", "f42"))).detail());
      // Branch not configured for bodhi_update: no update.
      assertEquals("branch f43 is not configured for bodhi_update",
          only(wf, wf.planBodhiUpdate(complete, config, List.of("f42"))).detail());

      // The real thing: one update; asking again finds it.
      BranchResult update = only(wf, wf.planBodhiUpdate(complete, config, List.of("f43", "f42")));
      assertEquals(BranchOutcome.DONE, update.outcome(), update.detail());
      assertTrue(update.updateAlias().orElseThrow().matches("FEDORA-\\d{4}-[0-9a-f]{10}"), update.toString());
      BranchResult second = only(wf, wf.planBodhiUpdate(complete, config, List.of("f43", "f42")));
      assertEquals(BranchOutcome.SKIPPED, second.outcome());
      assertTrue(second.detail().startsWith("update " + update.updateAlias().get() + " already contains"), second.detail());
      assertEquals(1, sandbox.bodhi().updates().size());
    }
  }
}
