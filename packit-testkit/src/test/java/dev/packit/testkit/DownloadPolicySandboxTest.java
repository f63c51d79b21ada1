package dev.packit.testkit;

import static dev.packit.testkit.SyncTestRepos.config;
import static dev.packit.testkit.SyncTestRepos.request;
import static dev.packit.testkit.SyncTestRepos.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archive downloads: HTTPS only unless the application opts in, and archive names stay plain file names. */
@Tag("integration")
class DownloadPolicySandboxTest {

  @Test
  void plainHttpArchivesAreRefusedUnlessTheApplicationAllowsTheHost(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      Plan refused = hello.workflow(work.resolve("a")).allowInsecureDownloadHosts(List.of()).build()
          .planProposeDownstream(hello.releaseRequest());
      for (String branch : SandboxScenario.BRANCHES) {
        String skip = refused.branch(branch).orElseThrow().skipReason().orElseThrow();
        assertTrue(skip.contains("only HTTPS is allowed"), skip);
      }
      assertEquals(0, sandbox.lookaside().uploads());

      // The scenario opts in for the sandbox's loopback host only; allowing every host works too.
      Plan allowed = hello.workflow(work.resolve("b")).allowInsecureDownloadHosts(List.of()).allowInsecureDownloads(true).build()
          .planProposeDownstream(hello.releaseRequest());
      assertTrue(allowed.branch("rawhide").orElseThrow().skipReason().isEmpty(), allowed.render());
    }
  }

  @Test
  void aSourceUrlThatNamesAPathOutsideIsRefused(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      // rpm takes the name after "#/": here it would climb out of the archive folder.
      String evil = sandbox.baseUri() + "downloads/hello-%{version}.tar.gz#/../../../escaped.tar.gz";
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> write(d, "hello.spec", SyncTestRepos.upstreamSpec(sandbox, "1.2.0", evil)));
      Path wfDir = work.resolve("wf");
      Plan plan = hello.workflow(wfDir).build().planProposeDownstream(request(config(""), "v1.2.0"));
      String skip = plan.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(skip.contains("refusing archive name") && skip.contains("escaped.tar.gz"), skip);
      assertFalse(Files.exists(work.resolve("escaped.tar.gz")));
      try (var walk = Files.walk(work)) {
        assertTrue(walk.noneMatch(p -> p.getFileName().toString().startsWith("escaped")), "no file named escaped anywhere");
      }
      assertEquals(0, sandbox.lookaside().uploads());
    }
  }
}
