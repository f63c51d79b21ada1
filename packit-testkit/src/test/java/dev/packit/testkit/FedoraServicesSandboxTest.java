package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.FedoraInstance;
import dev.packit.fedora.FedoraServices;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: one FedoraInstance for the sandbox, one FedoraServices, a workflow from it in one call. */
@Tag("integration")
class FedoraServicesSandboxTest {

  @Test
  void theSandboxIsAFedoraInstanceAndItsServicesTalkToIt() {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      FedoraInstance i = sandbox.instance();
      assertEquals(sandbox.pagure().instanceUri(), i.distGit());
      assertEquals(sandbox.gitUri("rpms/hello"), i.layout().packageUri("hello"));
      assertEquals(sandbox.lookaside().uploadCgi(), i.lookasideUpload());
      assertEquals(ConfigResolver.fedora(), ConfigResolver.of(i));
      FedoraServices services = FedoraServices.builder(i).build();
      // the release list comes from the sandbox's Bodhi, through the one supplier
      assertTrue(services.releaseList().activeReleases().stream().anyMatch(r -> r.branch().equals("rawhide")),
          services.releaseList().activeReleases().toString());
      assertFalse(services.releases().get().branches(List.of("fedora-all"), "rawhide").isEmpty());
      assertEquals(i.lookaside(), services.lookaside().baseUri());
    }
  }

  @Test
  void aWorkflowWithoutGitCredentialsPlansAnonymously(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      try (ReleaseWorkflow wf = ReleaseWorkflow.builder()
          .distGit(hello.distGitForge(), sandbox.baseUri().resolve("git/"))
          .upstream(hello.upstreamForge()).botUser(SandboxScenario.BOT)
          .lookaside(hello.lookaside()).koji(hello.koji()).bodhi(hello.bodhi()).downloads(hello.downloads())
          .allowInsecureDownloadHosts(List.of(sandbox.baseUri().getHost()))
          .workDir(work).build()) {
        Plan plan = wf.planProposeDownstream(hello.releaseRequest());
        assertTrue(plan.branches().stream().noneMatch(BranchPlan::planningFailed), plan.render());
        assertFalse(plan.branch("rawhide").orElseThrow().steps().isEmpty(), plan.render());
      }
    }
  }

  @Test
  void fedoraSetsEverythingInOneCall(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      try (ReleaseWorkflow wf = ReleaseWorkflow.builder().fedora(hello.services()).upstream(hello.upstreamForge())
          .botUser(SandboxScenario.BOT).allowInsecureDownloadHosts(List.of(sandbox.baseUri().getHost()))
          .workDir(work).build()) {
        Plan plan = wf.planProposeDownstream(hello.releaseRequest());
        assertEquals(List.of("rawhide", "f43", "f42"), plan.branches().stream().map(BranchPlan::branch).toList());
        assertTrue(plan.branches().stream().noneMatch(BranchPlan::planningFailed), plan.render());
      }
    }
  }
}
