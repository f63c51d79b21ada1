package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.RpmTool;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, row 1: release notes copied into the changelog ({@code copy_upstream_release_description})
 * carry macros, shell commands, Lua and lines rpm reads as directives. The workflow writes the
 * dist-git PR; rpm itself then reads the spec from the PR and must show the notes as written and run
 * nothing (canary files must not appear).
 */
@Tag("integration")
class HostileReleaseNotesTest {

  @Test
  void releaseNotesReachTheChangelogAsTextAndRpmRunsNothing(@TempDir Path work) throws IOException {
    Path canaries = Files.createDirectories(work.resolve("canaries"));
    String c = canaries.toString();
    String longLine = "Fixes the crash that several users of the library reported upstream, "
        + "see #123 and %include /etc/passwd and %(touch " + c + "/wrapped)";
    String notes = String.join("\n",
        "hello 1.1.0",
        "",
        "- %%{lua: io.open('" + c + "/lua2', 'w')} two percent signs",
        "- %%(touch " + c + "/sh2) and %%%(touch " + c + "/sh3)",
        "- %{lua: io.open('" + c + "/lua1', 'w')} and %(touch " + c + "/sh1)",
        "- %?name and %{?name} and %!?name and %[1+1] and 100%",
        "%if 1",
        "%include /etc/passwd",
        "%description",
        "# Heading that rpm would drop as a comment",
        "* a line that would start a new entry",
        "ends with a backslash \\",
        "NUL\u0000 and ESC\u001b[31m",
        longLine,
        "");
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(hello.config(),
          RepoId.of(SandboxScenario.UPSTREAM), hello.tag()).releaseNotes(notes).branches(List.of("rawhide")).build();
      RunResult result = wf.apply(wf.planProposeDownstream(request));
      assertEquals(BranchOutcome.DONE, result.branches().get(0).outcome(), result.toString());
      assertEquals(1, sandbox.pagure().pullRequests("rpms/hello").size());

      Path fork = work.resolve("fork");
      try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("forks/packit/rpms/hello"),
          fork).branch("rawhide-update-propose_downstream").build())) {
        Path spec = r.directory().resolve("hello.spec");
        RpmTool.Result q = RpmTool.rpmspec(fork, "-q", "--srpm", "--qf", "[%{CHANGELOGTEXT}\n@@@@\n]", spec.toString());
        assertEquals(0, q.exit(), q.stderr() + "\n" + Files.readString(spec));
        RpmTool.Result p = RpmTool.rpmspec(fork, "-P", spec.toString());
        assertEquals(0, p.exit(), p.stderr());
        try (var made = Files.list(canaries)) {
          assertEquals(List.of(), made.toList(), "rpm ran text from the release notes");
        }

        String expected = String.join("\n",
            "- hello 1.1.0",
            "- %%{lua: io.open('" + c + "/lua2', 'w')} two percent signs",
            "- %%(touch " + c + "/sh2) and %%%(touch " + c + "/sh3)",
            "- %{lua: io.open('" + c + "/lua1', 'w')} and %(touch " + c + "/sh1)",
            "- %?name and %{?name} and %!?name and %[1+1] and 100%",
            "- %if 1",
            "- %include /etc/passwd",
            "- %description",
            "- # Heading that rpm would drop as a comment",
            "- a line that would start a new entry",
            "- ends with a backslash \\",
            "- NUL\uFFFD and ESC\uFFFD[31m",
            "- " + longLine);
        String newest = q.stdout().substring(0, q.stdout().indexOf("\n@@@@\n"));
        // The long line is wrapped at 80 columns: continuation lines are indented by two.
        assertTrue(newest.contains("\n  "), newest);
        assertEquals(expected, newest.replace("\n  ", " "));
        assertTrue(p.stdout().contains("- %%{lua: io.open('" + c + "/lua2', 'w')} two"), p.stdout());
        assertTrue(q.stdout().contains("Initial package"), "the old entry is still its own entry: " + q.stdout());
      }
    }
  }

  @Test
  void releaseNotesPastTheLimitAreRefusedNamingTheReleaseAndTheLimit() {
    var config = SyncTestRepos.config("copy_upstream_release_description: true\n");
    String notes = "- a change\n".repeat(ProposeDownstreamRequest.MAX_RELEASE_NOTES_CHARS / 10);
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.packit.core.InvalidInputException.class,
        () -> ProposeDownstreamRequest.builder(config, RepoId.of(SandboxScenario.UPSTREAM), "v1.1.0")
            .releaseNotes(notes).branches(List.of("rawhide")).build());
    assertTrue(e.getMessage().startsWith(SandboxScenario.UPSTREAM + " release v1.1.0") && e.getMessage().contains(
        "MAX_RELEASE_NOTES_CHARS"), e.getMessage());
    String fits = notes.substring(0, ProposeDownstreamRequest.MAX_RELEASE_NOTES_CHARS);
    assertEquals(fits, ProposeDownstreamRequest.builder(config, RepoId.of(SandboxScenario.UPSTREAM), "v1.1.0")
        .releaseNotes(fits).branches(List.of("rawhide")).build().releaseNotes());
  }

  @Test
  void aChangelogEntryActionsOutputIsTextToo(@TempDir Path work) throws IOException {
    Path canaries = Files.createDirectories(work.resolve("canaries"));
    String c = canaries.toString();
    String yaml = "actions:\n  changelog-entry:\n    - [\"printf\", \"%s\\\\n\", "
        + "\"- %%{lua: io.open('" + c + "/lua', 'w')} from the action\", \"%if 1\", \"- %(touch " + c + "/sh)\"]\n";
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> SyncTestRepos.write(d, "NEWS", "1.2.0\n"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf"))
          .actions(dev.packit.fedora.workflow.ActionSettings.on().withTimeout(java.time.Duration.ofSeconds(60))).build();
      var plan = wf.planProposeDownstream(SyncTestRepos.request(SyncTestRepos.config(yaml), "v1.2.0"));
      var bp = plan.branch("rawhide").orElseThrow();
      assertTrue(bp.skipReason().isEmpty(), plan.render());
      byte[] spec = bp.steps(dev.packit.fedora.workflow.PlannedStep.Commit.class).get(0).files().get(0).content();
      Path dir = Files.createDirectories(work.resolve("spec"));
      Files.write(dir.resolve("hello.spec"), spec);
      RpmTool.Result q = RpmTool.rpmspec(dir, "-q", "--srpm", "--qf", "[%{CHANGELOGTEXT}\n@@@@\n]", "hello.spec");
      assertEquals(0, q.exit(), q.stderr() + "\n" + new String(spec, java.nio.charset.StandardCharsets.UTF_8));
      try (var made = Files.list(canaries)) {
        assertEquals(List.of(), made.toList(), "rpm ran text from the action's output");
      }
      String newest = q.stdout().substring(0, q.stdout().indexOf("\n@@@@\n")).replace("\n  ", " ");
      assertEquals("- %%{lua: io.open('" + c + "/lua', 'w')} from the action\n- %if 1\n- %(touch " + c + "/sh)",
          newest);
    }
  }
}
