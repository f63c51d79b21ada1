package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.PrState;
import dev.packit.forge.RepoId;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of the published artifacts writes: start the sandbox, plan and apply a release to
 * dist-git, check the pull requests. Built by .ci/run against the locally deployed artifacts only.
 */
class ReleasedArtifactsSandboxTest {
  @Test
  void plansAndAppliesAReleaseOnTheSandbox(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work).build();

      Plan plan = wf.planProposeDownstream(hello.releaseRequest());
      assertEquals(3, plan.branches().size(), plan.toString());

      RunResult result = wf.apply(plan);
      assertTrue(result.succeeded(), result.failed().toString());
      assertEquals(3, hello.distGit().pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).count());
    }
  }
}
