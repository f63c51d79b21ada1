package dev.packit.testkit;

import static dev.packit.testkit.SyncTestRepos.config;
import static dev.packit.testkit.SyncTestRepos.link;
import static dev.packit.testkit.SyncTestRepos.request;
import static dev.packit.testkit.SyncTestRepos.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.PlannedStep.FileChange.Kind;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.LocalRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * files_to_sync end to end on the sandbox: real upstream and dist-git repositories with crafted
 * files, folders and symbolic links; the plan shows every synced file and apply commits them; every
 * way out of either repository is refused, naming the entry, with nothing written to dist-git.
 */
@Tag("integration")
class FilesToSyncSandboxTest {

  private static Map<String, PlannedStep.FileChange> files(BranchPlan bp) {
    Map<String, PlannedStep.FileChange> out = new LinkedHashMap<>();
    bp.steps(PlannedStep.Commit.class).get(0).files().forEach(f -> out.put(f.path(), f));
    return out;
  }

  private static String text(PlannedStep.FileChange f) {
    return new String(f.content(), StandardCharsets.UTF_8);
  }

  @Test
  void syncsStringAndMappingFormsIntoDistGitAndTheSpecFromUpstreamKeepsTheDistGitChangelog(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      String source0 = sandbox.baseUri() + "downloads/hello-%{version}.tar.gz";
      SyncTestRepos.commitDistGit(sandbox, work, "rawhide", d -> {
        write(d, "tests/old.txt", "gone upstream\n");
        write(d, "tests/keep.txt", "protected\n");
      });
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> {
        write(d, "hello.spec", SyncTestRepos.upstreamSpec(sandbox, "1.2.0", source0));
        write(d, "tests/run.sh", "#!/bin/sh\necho ok\n");
        Files.setPosixFilePermissions(d.resolve("tests/run.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        link(d, "tests/latest", "run.sh");
        write(d, "docs/a.md", "# A\n");
        write(d, "docs/b.orig", "backup\n");
        write(d, "docs/deep/c.md", "# C\n");
      });
      Plan plan = hello.workflow(work.resolve("wf")).build().planProposeDownstream(request(config(
          "files_to_sync:\n"
              + "  - hello.spec\n"
              + "  - README\n"
              + "  - src: tests/\n"
              + "    dest: tests/\n"
              + "    delete: true\n"
              + "    filters: [\"protect keep.txt\"]\n"
              + "  - src: docs/\n"
              + "    dest: doc/extra/\n"
              + "    mkpath: true\n"
              + "    filters: [\"- *.orig\"]\n"), "v1.2.0"));
      BranchPlan bp = plan.branch("rawhide").orElseThrow();
      assertTrue(bp.skipReason().isEmpty(), plan.render());
      Map<String, PlannedStep.FileChange> files = files(bp);
      assertEquals("hello.spec", files.keySet().iterator().next(), "the spec comes first");
      String spec = text(files.get("hello.spec"));
      assertTrue(spec.contains("from upstream"), "sections come from the upstream spec:\n" + spec);
      assertTrue(spec.contains("Version:        1.2.0"), spec);
      assertTrue(spec.contains("Release:        1%{?dist}"), "the release is reset:\n" + spec);
      assertTrue(spec.contains("- Initial package"), "dist-git's changelog is kept:\n" + spec);
      assertFalse(spec.contains("Upstream's own changelog line"), "upstream's changelog is not (sync_changelog: false):\n" + spec);
      assertTrue(spec.contains("- Update to version 1.2.0"), spec);
      assertEquals("hello 1.1.0\n", text(files.get("README")));
      assertEquals(Kind.EXECUTABLE, files.get("tests/run.sh").kind());
      assertEquals(Kind.SYMLINK, files.get("tests/latest").kind());
      assertEquals("run.sh", text(files.get("tests/latest")));
      assertEquals(Kind.DELETED, files.get("tests/old.txt").kind(), "delete: true removes what upstream does not have");
      assertFalse(files.containsKey("tests/keep.txt"), "protect keeps keep.txt");
      assertEquals("# A\n", text(files.get("doc/extra/a.md")));
      assertEquals("# C\n", text(files.get("doc/extra/deep/c.md")));
      assertFalse(files.containsKey("doc/extra/b.orig"), "the exclude filter drops *.orig");
      assertTrue(files.containsKey("sources"));
      // The plan shows the synced files, for people and as JSON.
      String rendered = plan.render();
      assertTrue(rendered.contains("tests/run.sh") && rendered.contains("doc/extra/deep/c.md") && rendered.contains("+symlink -> run.sh"), rendered);
      String json = plan.toJson();
      assertTrue(json.contains("\"path\" : \"tests/latest\"") && json.contains("\"kind\" : \"symlink\"") && json.contains("\"kind\" : \"deleted\""), json);

      RunResult result = hello.workflow(work.resolve("wf")).build().apply(plan);
      assertEquals(BranchOutcome.DONE, result.branches().get(0).outcome(), result.toString());
      Path fork = work.resolve("fork");
      try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("forks/packit/rpms/hello"), fork)
          .branch("rawhide-update-propose_downstream").build())) {
        assertTrue(r.head().isPresent());
        assertTrue(Files.isExecutable(fork.resolve("tests/run.sh")));
        assertTrue(Files.isSymbolicLink(fork.resolve("tests/latest")));
        assertEquals(Path.of("run.sh"), Files.readSymbolicLink(fork.resolve("tests/latest")));
        assertFalse(Files.exists(fork.resolve("tests/old.txt")));
        assertEquals("protected\n", Files.readString(fork.resolve("tests/keep.txt")));
        assertEquals("# C\n", Files.readString(fork.resolve("doc/extra/deep/c.md")));
        assertTrue(Files.readString(fork.resolve("hello.spec")).contains("Version:        1.2.0"));
      }
      assertEquals(1, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  @Test
  void defaultSyncCopiesTheConfigAndSyncChangelogTakesTheUpstreamSpecVerbatim(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      String upstreamSpec = SyncTestRepos.upstreamSpec(sandbox, "1.2.0", sandbox.baseUri() + "downloads/hello-%{version}.tar.gz");
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> write(d, "hello.spec", upstreamSpec));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();

      Map<String, PlannedStep.FileChange> byDefault = files(wf.planProposeDownstream(request(config(""), "v1.2.0"))
          .branch("rawhide").orElseThrow());
      assertEquals(hello.packitYaml(), text(byDefault.get(".packit.yaml")), "the default files_to_sync has the config file");
      assertTrue(text(byDefault.get("hello.spec")).contains("- Initial package"));

      Map<String, PlannedStep.FileChange> verbatim = files(wf.planProposeDownstream(request(config("sync_changelog: true\n"), "v1.2.0"))
          .branch("rawhide").orElseThrow());
      assertEquals(upstreamSpec, text(verbatim.get("hello.spec")), "sync_changelog: true copies the upstream spec as it is");
    }
  }

  /** One crafted upstream and dist-git, then every escape in turn. */
  @Test
  void everyWayOutOfEitherRepositoryIsRefusedNamingTheEntryAndNothingIsWritten(@TempDir Path work) throws Exception {
    Path outside = Files.createDirectories(work.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "not for dist-git\n");
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> {
        write(d, "ok.txt", "fine\n");
        link(d, "abs-link", outside.resolve("secret.txt").toString());
        link(d, "rel-link", "../../../../../../../../../.." + outside.resolve("secret.txt"));
        link(d, "linkdir", outside.toString());
        link(d, "inside-dir-link", "docs");
        write(d, "docs/x.md", "x\n");
        write(d, "tests/fine.txt", "fine\n");
        link(d, "tests/evil", outside.resolve("secret.txt").toString());
      });
      SyncTestRepos.commitDistGit(sandbox, work, "rawhide", d -> {
        link(d, "docs", outside.toString());
        link(d, "up", "..");
      });
      String before = sandbox.pagure().pullRequests("rpms/hello").toString();
      Map<String, String> cases = new LinkedHashMap<>();
      cases.put("  - ../outside/secret.txt\n", "files_to_sync[0]: src '../outside/secret.txt' leaves the upstream repository");
      cases.put("  - src: " + outside.resolve("secret.txt") + "\n    dest: secret.txt\n", "is an absolute path");
      cases.put("  - src: ok.txt\n    dest: ../../escaped.txt\n", "files_to_sync[0]: dest '../../escaped.txt' leaves the dist-git repository");
      cases.put("  - src: ok.txt\n    dest: " + outside.resolve("x.txt") + "\n", "dest '" + outside.resolve("x.txt") + "' is an absolute path");
      cases.put("  - abs-link\n", "src 'abs-link' is a symbolic link to '" + outside.resolve("secret.txt") + "', outside the upstream repository");
      cases.put("  - rel-link\n", "src 'rel-link' is a symbolic link to");
      cases.put("  - src: linkdir/secret.txt\n    dest: secret.txt\n", "src 'linkdir/secret.txt' passes through the symbolic link linkdir");
      cases.put("  - src: linkdir/\n    dest: stolen/\n", "src 'linkdir/' is a symbolic link; links are not followed");
      cases.put("  - src: inside-dir-link/\n    dest: d/\n", "src 'inside-dir-link/' is a symbolic link; links are not followed");
      cases.put("  - tests/\n", "src 'tests/evil' is a symbolic link to '" + outside.resolve("secret.txt"));
      cases.put("  - src: ok.txt\n    dest: docs/\n", "dest 'docs/' is a symbolic link in dist-git");
      cases.put("  - src: ok.txt\n    dest: docs/ok.txt\n", "dest 'docs/ok.txt' passes through the symbolic link docs in dist-git");
      cases.put("  - src: ok.txt\n    dest: up/ok.txt\n", "passes through the symbolic link up in dist-git");
      cases.put("  - src: ok.txt\n    dest: .git/hooks/post-checkout\n", "is inside .git");
      cases.put("  - src: ok.txt\n    dest: ok.txt\n    filters: [\"merge .rsync-filter\"]\n", "only include (+), exclude (-), protect (P)");
      // A good entry first: the bad second one still stops the whole sync.
      cases.put("  - ok.txt\n  - src: ok.txt\n    dest: ../escaped.txt\n", "files_to_sync[1]: dest '../escaped.txt' leaves the dist-git repository");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      for (Map.Entry<String, String> c : cases.entrySet()) {
        Plan plan = wf.planProposeDownstream(request(config("files_to_sync:\n" + c.getKey()), "v1.2.0"));
        Optional<String> skip = plan.branch("rawhide").orElseThrow().skipReason();
        assertTrue(skip.isPresent() && skip.get().contains(c.getValue()), c.getKey() + " -> " + plan.render());
        // A branch that cannot be planned fails at apply, and nothing remote changes.
        RunResult r = wf.apply(plan);
        assertEquals(BranchOutcome.FAILED, r.branches().get(0).outcome());
      }
      assertEquals(before, sandbox.pagure().pullRequests("rpms/hello").toString());
      try (var list = Files.list(outside)) {
        assertEquals(List.of(outside.resolve("secret.txt")), list.toList(), "nothing was written outside");
      }
      assertEquals("not for dist-git\n", Files.readString(outside.resolve("secret.txt")));
    }
  }

  @Test
  void applyRefusesAPlanWhoseLinkPointsOutsideAndPushesNothing(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      Plan good = wf.planProposeDownstream(hello.releaseRequest());
      BranchPlan bp = good.branch("rawhide").orElseThrow();
      PlannedStep.Commit c = bp.steps(PlannedStep.Commit.class).get(0);
      List<PlannedStep.FileChange> evil = new java.util.ArrayList<>(c.files());
      evil.add(new PlannedStep.FileChange("passwd", "../../../../etc/passwd".getBytes(StandardCharsets.UTF_8), "", Kind.SYMLINK));
      Plan tampered = new Plan(good.job(), good.packageName(), good.version(), good.cause(), List.of(BranchPlan.of("rawhide",
          bp.steps().stream().map(s -> s instanceof PlannedStep.Commit ? new PlannedStep.Commit(c.branch(), c.baseCommit(), c.message(), evil) : s).toList())));
      RunResult r = wf.apply(tampered);
      assertEquals(BranchOutcome.FAILED, r.branches().get(0).outcome());
      assertTrue(r.branches().get(0).detail().contains("refusing symbolic link passwd -> ../../../../etc/passwd"), r.branches().get(0).detail());
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }
}
