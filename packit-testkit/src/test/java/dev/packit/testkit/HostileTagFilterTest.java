package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.RepoId;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 row 7: {@code upstream_tag_include}/{@code upstream_tag_exclude} were never read, so an
 * excluded tag was proposed to dist-git. Now a filtered tag is skipped on every branch with the
 * reason, before anything is cloned, downloaded or uploaded; an included tag is proposed.
 */
@Tag("integration")
class HostileTagFilterTest {

  private static ProposeDownstreamRequest request(SandboxScenario hello, String extraYaml) {
    PackitConfig config = PackitConfigLoader.defaults().load(hello.packitYaml() + extraYaml, "upstream/hello/.packit.yaml");
    return ProposeDownstreamRequest.builder(config, RepoId.of(SandboxScenario.UPSTREAM), hello.tag())
        .branches(hello.branches()).build();
  }

  @Test
  void anExcludedTagIsNotProposed(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work).build();

      Plan plan = wf.planProposeDownstream(request(hello, "upstream_tag_exclude: 'v1\\.1\\.'\n"));
      assertTrue(plan.isEmpty(), plan.render());
      for (BranchPlan bp : plan.branches()) {
        assertTrue(bp.tagFilteredOut(), plan.render());
        assertEquals(BranchPlan.TAG_FILTERED + "tag 'v1.1.0' matches upstream_tag_exclude 'v1\\.1\\.'", bp.skip());
      }
      assertTrue(plan.render().contains("matches upstream_tag_exclude"), plan.render());

      RunResult result = wf.apply(plan);
      for (BranchResult r : result.branches()) {
        assertEquals(BranchOutcome.SKIPPED, r.outcome(), r.toString());
        assertTrue(r.detail().contains("upstream_tag_exclude"), r.detail());
      }
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
      assertEquals(0, sandbox.lookaside().uploads());
    }
  }

  @Test
  void aTagOutsideTheIncludePatternIsNotProposed(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work).build();

      // re.match semantics: anchored at the start, so "1\\." does not match "v1.1.0".
      Plan plan = wf.planProposeDownstream(request(hello, "upstream_tag_include: '1\\.'\n"));
      assertTrue(plan.isEmpty(), plan.render());
      plan.branches().forEach(bp -> assertEquals(
          BranchPlan.TAG_FILTERED + "tag 'v1.1.0' does not match upstream_tag_include '1\\.'", bp.skip()));
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  @Test
  void anIncludedTagIsProposed(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work).build();

      Plan plan = wf.planProposeDownstream(request(hello,
          "upstream_tag_include: 'v1\\.'\nupstream_tag_exclude: '.*-rc'\n"));
      for (BranchPlan bp : plan.branches()) {
        assertTrue(bp.skipReason().isEmpty(), plan.render());
      }
      RunResult result = wf.apply(plan);
      for (BranchResult r : result.branches()) {
        assertEquals(BranchOutcome.DONE, r.outcome(), r.toString());
      }
      assertEquals(3, sandbox.pagure().pullRequests("rpms/hello").size());
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"));
    }
  }
}
