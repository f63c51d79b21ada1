package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: when the dist-git spec hard-codes the version in {@code Source0}, the plan says so with the
 * line (the packager must fix the spec); when the version is built from macros the Source shares and
 * they cannot give the new version, the branch fails with the reason instead of proposing the old archive.
 */
@Tag("integration")
class SpecWarningsSandboxTest {

  @Test
  void aHardCodedSourceIsAWarningInThePlanWithItsLine(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      rewriteSpec(sandbox, work.resolve("seed"), hello.spec("1.0.0").replace("hello-%{version}.tar.gz", "hello-1.0.0.tar.gz"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      Plan plan = wf.planProposeDownstream(hello.releaseRequest());
      BranchPlan rawhide = plan.branch("rawhide").orElseThrow();
      assertTrue(rawhide.skipReason().isEmpty(), plan.render());
      assertEquals(1, rawhide.warnings().size(), plan.render());
      String w = rawhide.warnings().get(0);
      assertTrue(w.startsWith("hello.spec line 7: Source0 still names version 1.0.0 after the update to 1.1.0"), w);
      assertTrue(plan.render().contains("! warning: hello.spec line 7"), plan.render());
      assertTrue(plan.toJson().contains("\"warnings\""), plan.toJson());
      // the other branches were not rewritten: their Source0 follows %{version}
      assertEquals(List.of(), plan.branch("f43").orElseThrow().warnings(), plan.render());
    }
  }

  @Test
  void macrosThatCannotGiveTheVersionFailTheBranchWithTheReason(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      String spec = "%global maj 1.0\n%global patch 0\n" + hello.spec("1.0.0")
          .replace("Version:        1.0.0", "Version:        %{maj}.%{patch}")
          .replace("hello-%{version}.tar.gz", "hello-%{maj}.%{patch}.tar.gz");
      rewriteSpec(sandbox, work.resolve("seed"), spec);
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      // "2" has no dot to split into %{maj}.%{patch}: no safe macro edit exists
      var request = dev.packit.fedora.workflow.ProposeDownstreamRequest.builder(hello.config(),
          dev.packit.forge.RepoId.of(SandboxScenario.UPSTREAM), "v2").branches(List.of("rawhide")).build();
      sandbox.github().addRelease(SandboxScenario.UPSTREAM, "v2", "2", "two\n", false);
      Plan plan = wf.planProposeDownstream(request);
      BranchPlan rawhide = plan.branch("rawhide").orElseThrow();
      assertTrue(rawhide.planningFailed(), plan.render());
      assertTrue(rawhide.skip().contains("Source0") && rawhide.skip().contains("hello-1.0.0.tar.gz"), rawhide.skip());
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  private static void rewriteSpec(FedoraSandbox sandbox, Path scratch, String text) throws IOException {
    try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(
        sandbox.gitUri("rpms/" + SandboxScenario.PACKAGE), scratch).branch("rawhide").build())) {
      Files.writeString(scratch.resolve("hello.spec"), text, StandardCharsets.UTF_8);
      r.addAll();
      r.commit("Packager's spec", GitIdentity.of("Jane Maintainer", "jane@example.org"));
      r.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
  }
}
