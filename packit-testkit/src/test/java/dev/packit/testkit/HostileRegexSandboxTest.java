package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.RepoId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 row 6 through the whole planning road: a {@code version_update_mask} that backtracks
 * catastrophically (java.util.regex: 2 s at 24 zeros, doubling with each one) against a crafted
 * release with 60 zeros. With RE2/J, planning answers as for any release.
 */
@Tag("integration")
class HostileRegexSandboxTest {

  @Test
  void catastrophicMaskDoesNotStallPlanning(@TempDir Path work) {
    String crafted = "2." + "0".repeat(60) + "1";
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "2.0", crafted);
      ReleaseWorkflow wf = hello.workflow(work).build();
      PackitConfig config = PackitConfigLoader.defaults()
          .load(hello.packitYaml() + "version_update_mask: '^2\\.(?:(?:0+)+)+x'\n", "upstream/hello/.packit.yaml");
      ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(config, RepoId.of(SandboxScenario.UPSTREAM),
          hello.tag()).branches(hello.branches()).build();

      Plan plan = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> wf.planProposeDownstream(request));
      // The mask matches neither 2.0 nor the new version: equal (empty) masked parts, so every
      // branch, f43 and f42 included, is proposed.
      for (BranchPlan bp : plan.branches()) {
        assertTrue(bp.skipReason().isEmpty(), plan.render());
      }
      assertEquals(3, plan.branches().size());
    }
  }
}
