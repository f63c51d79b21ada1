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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile upstream (issue 13, row 4) tries to write into dist-git's {@code .git} through
 * {@code files_to_sync}: a link {@code h -> .git/hooks} with a folder synced through it (the hook
 * would run on the bot's next commit), {@code .GIT} and the other spellings a case-folding file
 * system reads as {@code .git}, and links a sync makes and then writes below. Every one is refused
 * when the plan is made, naming the entry, so apply fails before the lookaside hears of the
 * archive; a canary hook proves nothing ran.
 */
@Tag("integration")
class HostileFilesToSyncTest {

  /** Upstream v1.2.0 with a hook script (writing the canary), a link into .git and an inside link. */
  private static Path hostileRelease(FedoraSandbox sandbox, Path work) {
    Path canary = work.resolve("hook-ran");
    SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> {
      write(d, "hooks/pre-commit", "#!/bin/sh\ntouch '" + canary + "'\n");
      write(d, "hooks/post-commit", "#!/bin/sh\ntouch '" + canary + "'\n");
      Files.setPosixFilePermissions(d.resolve("hooks/pre-commit"), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(d.resolve("hooks/post-commit"), PosixFilePermissions.fromString("rwxr-xr-x"));
      link(d, "h", ".git/hooks");
      link(d, "sub/up", "../.git");
      link(d, "inside", "docs");
      write(d, "docs/readme.md", "docs\n");
    });
    return canary;
  }

  private static void assertNothingLeft(FedoraSandbox sandbox, Path work, Path canary) throws IOException {
    assertFalse(Files.exists(canary), "a planted hook ran");
    assertEquals(0, sandbox.lookaside().uploadAttempts(), "nothing was uploaded to the lookaside");
    assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size(), "no pull request");
    // No checkout of the workflow got a hook (they are all removed, but look anyway).
    try (Stream<Path> all = Files.walk(work)) {
      List<Path> hooks = all.filter(p -> p.getParent() != null && p.getParent().getFileName() != null
          && p.getParent().getFileName().toString().equals("hooks") && p.getParent().getParent() != null
          && p.getParent().getParent().getFileName().toString().equalsIgnoreCase(".git")
          && !p.getFileName().toString().endsWith(".sample")).toList();
      assertEquals(List.of(), hooks, "a hook was written into a .git folder");
    }
  }

  @Test
  void aLinkIntoDotGitAndAFolderSyncedThroughItAreRefusedAtPlanTime(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      Path canary = hostileRelease(sandbox, work);
      Map<String, String> cases = new LinkedHashMap<>();
      // The attack of issue 13, in both orders (rsync puts the second h into the folder h), and a link to ../.git.
      cases.put("  - h\n  - src: hooks/\n    dest: h/\n", "files_to_sync[0]: src 'h': refusing symbolic link h -> .git/hooks: it points into .git");
      cases.put("  - src: hooks/\n    dest: h/\n    mkpath: true\n  - h\n", "files_to_sync[1]: src 'h': refusing symbolic link h/h -> .git/hooks: it points into .git");
      cases.put("  - sub/\n", "src 'sub/up': refusing symbolic link sub/up -> ../.git: it points into .git");
      // A link that stays inside is fine on its own, but nothing is written below it.
      cases.put("  - inside\n  - src: hooks/\n    dest: inside/\n",
          "files_to_sync[1]: dest 'inside/pre-commit' passes through the symbolic link inside that files_to_sync[0] makes in dist-git");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      for (Map.Entry<String, String> c : cases.entrySet()) {
        Plan plan = wf.planProposeDownstream(request(config("files_to_sync:\n" + c.getKey()), "v1.2.0"));
        String skip = plan.branch("rawhide").orElseThrow().skipReason().orElse("(planned)");
        assertTrue(skip.contains(c.getValue()), c.getKey() + " -> " + skip);
        RunResult r = wf.apply(plan);
        assertEquals(BranchOutcome.FAILED, r.branches().get(0).outcome());
      }
      assertNothingLeft(sandbox, work, canary);
    }
  }

  @Test
  void everySpellingOfDotGitIsRefusedBeforeTheLookasideHearsOfTheArchive(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      Path canary = hostileRelease(sandbox, work);
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      for (String dest : List.of(".GIT/hooks/", ".Git/hooks/", ".git./hooks/", ".git /hooks/", "GIT~1/hooks/",
          ".g\u200cit/hooks/", ".git::$INDEX_ALLOCATION/hooks/", "sub/.GIT/hooks/")) {
        Plan plan = wf.planProposeDownstream(request(config("files_to_sync:\n  - src: hooks/\n    dest: \"" + dest + "\"\n    mkpath: true\n"), "v1.2.0"));
        String skip = plan.branch("rawhide").orElseThrow().skipReason().orElse("(planned)");
        assertTrue(skip.contains("files_to_sync[0]: dest '" + dest + "' is inside .git"), dest + " -> " + skip);
        assertEquals(BranchOutcome.FAILED, wf.apply(plan).branches().get(0).outcome());
      }
      assertNothingLeft(sandbox, work, canary);
    }
  }

  /** A plan edited after planning (plan.json is a file): apply checks every path before the upload. */
  @Test
  void applyChecksATamperedPlanBeforeItsFirstUpload(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      Path canary = work.resolve("hook-ran");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      Plan good = wf.planProposeDownstream(hello.releaseRequest());
      BranchPlan bp = good.branch("rawhide").orElseThrow();
      assertFalse(bp.steps(PlannedStep.Upload.class).isEmpty(), "the plan uploads an archive first");
      PlannedStep.Commit c = bp.steps(PlannedStep.Commit.class).get(0);
      byte[] hook = ("#!/bin/sh\ntouch '" + canary + "'\n").getBytes(StandardCharsets.UTF_8);
      Map<List<PlannedStep.FileChange>, String> cases = new LinkedHashMap<>();
      cases.put(List.of(new PlannedStep.FileChange(".GIT/hooks/pre-commit", hook, "", Kind.EXECUTABLE)),
          "refusing dist-git path '.GIT/hooks/pre-commit': '.GIT' names the git folder");
      cases.put(List.of(new PlannedStep.FileChange("h", ".git/hooks".getBytes(StandardCharsets.UTF_8), "", Kind.SYMLINK),
          new PlannedStep.FileChange("h/pre-commit", hook, "", Kind.EXECUTABLE)), "refusing symbolic link h -> .git/hooks: it points into .git");
      cases.put(List.of(new PlannedStep.FileChange("h", "docs".getBytes(StandardCharsets.UTF_8), "", Kind.SYMLINK),
          new PlannedStep.FileChange("h/pre-commit", hook, "", Kind.EXECUTABLE)), "refusing h/pre-commit: it lies below the symbolic link h");
      for (Map.Entry<List<PlannedStep.FileChange>, String> e : cases.entrySet()) {
        List<PlannedStep.FileChange> evil = new ArrayList<>(c.files());
        evil.addAll(e.getKey());
        Plan tampered = new Plan(good.job(), good.packageName(), good.version(), good.cause(), List.of(BranchPlan.of("rawhide",
            bp.steps().stream().map(s -> s instanceof PlannedStep.Commit ? new PlannedStep.Commit(c.branch(), c.baseCommit(), c.message(), evil) : s).toList())));
        RunResult r = wf.apply(tampered);
        assertEquals(BranchOutcome.FAILED, r.branches().get(0).outcome());
        assertTrue(r.branches().get(0).detail().contains(e.getValue()), r.branches().get(0).detail());
      }
      assertNothingLeft(sandbox, work, canary);
    }
  }
}
