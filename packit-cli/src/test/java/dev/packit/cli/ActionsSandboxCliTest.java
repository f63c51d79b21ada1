package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.packit.testkit.SandboxScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 1: a config with {@code actions:} runs them from the CLI, as Packit's CLI does
 * (Packit's variables, in the upstream checkout), in the bubblewrap sandbox where it works;
 * {@code --no-actions} skips them; the plan says what each action changed.
 */
@Tag("integration")
class ActionsSandboxCliTest {
  /** post-upstream-clone writes a file upstream that files_to_sync takes; changelog-entry gives the entry. */
  private static final String ACTIONS = "files_to_sync:\n"
      + "  - generated.txt\n"
      + "actions:\n"
      + "  post-upstream-clone: \"bash -c 'printf %s-%s \\\"$PACKIT_PROJECT_VERSION\\\" \\\"$PACKIT_PROJECT_UPSTREAM_TAG\\\""
      + " > generated.txt'\"\n"
      + "  changelog-entry: \"bash -c 'echo \\\"- Built by an action for $PACKIT_PROJECT_VERSION\\\"'\"\n";

  @BeforeAll
  static void needsBash() {
    boolean bash = Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash"));
    if (!bash && "true".equals(System.getenv("PACKIT_CI"))) {
      throw new AssertionError("bash is required under PACKIT_CI=true");
    }
    assumeTrue(bash, "bash is not installed; skipping the CLI's actions tests");
  }

  /** Pushes upstream a commit whose .packit.yaml has the actions, tagged v1.2.0. */
  private static void releaseWithActions(CliSandbox s, Path tmp) throws Exception {
    Path dir = tmp.resolve("upstream-work");
    try (Git git = Git.cloneRepository().setURI(s.upstreamUrl()).setBranch("main").setDirectory(dir.toFile()).call()) {
      String yaml = s.hello.packitYaml().replace("jobs:\n", ACTIONS + "jobs:\n");
      Files.writeString(dir.resolve(".packit.yaml"), yaml);
      git.add().addFilepattern(".packit.yaml").call();
      PersonIdent who = new PersonIdent("Up Stream", "up@example.org");
      git.commit().setMessage("Release 1.2.0").setAuthor(who).setCommitter(who).call();
      git.tag().setName("v1.2.0").setMessage("hello 1.2.0").setTagger(who).call();
      git.push().setPushTags().add("main").call();
    }
  }

  private static boolean bwrapWorks() {
    return dev.packit.fedora.workflow.ActionSettings.on().sandboxProblem().isEmpty();
  }

  @Test
  void proposeDownstreamRunsTheActionsAndOpensThePullRequestSignedByThePackager(@TempDir Path tmp) throws Exception {
    boolean sandboxed = bwrapWorks();
    if (!sandboxed && "true".equals(System.getenv("PACKIT_CI"))) {
      throw new AssertionError("bubblewrap must work under PACKIT_CI=true: " + dev.packit.fedora.workflow.ActionSettings.on().sandboxProblem());
    }
    try (CliSandbox s = new CliSandbox(tmp)) {
      Files.writeString(tmp.resolve(".gitconfig"), "[user]\n\tname = Jane Packager\n\temail = jane@example.org\n");
      releaseWithActions(s, tmp);

      CliSandbox.Run r = s.run("propose-downstream", "--verbose", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.2.0");
      assertEquals(0, r.exit(), r.all());
      // The plan says what each action changed.
      assertTrue(r.out().contains("    * action post-upstream-clone (1 command): upstream: added generated.txt; dist-git: no change\n"),
          r.out());
      assertTrue(r.out().contains("    * action changelog-entry (1 command): upstream: no change; dist-git: no change; gave the changelog entry\n"),
          r.out());
      if (sandboxed) {
        assertTrue(r.err().contains("actions post-upstream-clone, changelog-entry run in the bubblewrap sandbox"), r.err());
        assertFalse(r.err().contains("WITHOUT a sandbox"), r.err());
      }

      assertEquals(1, s.pullRequests());
      var pr = s.sandbox.pagure().pullRequests("rpms/hello").get(0);
      assertEquals("rawhide-update-propose_downstream", pr.get("branch_from").asText());
      Path clone = tmp.resolve("fork");
      try (Git git = Git.cloneRepository().setURI(s.sandbox.gitUri("forks/" + SandboxScenario.BOT + "/rpms/hello").toString())
          .setBranch("rawhide-update-propose_downstream").setDirectory(clone.toFile()).call()) {
        RevCommit head = git.log().setMaxCount(1).call().iterator().next();
        assertEquals("Jane Packager", head.getAuthorIdent().getName());
        assertEquals("jane@example.org", head.getAuthorIdent().getEmailAddress());
      }
      // The action's output reached dist-git through files_to_sync, and its changelog entry the spec.
      assertEquals("1.2.0-v1.2.0", Files.readString(clone.resolve("generated.txt")));
      String spec = Files.readString(clone.resolve("hello.spec"));
      assertTrue(spec.contains("Jane Packager <jane@example.org> - 1.2.0-1\n- Built by an action for 1.2.0\n"), spec);
      assertFalse(spec.contains("hello@packit.dev"), spec);
    }
  }

  @Test
  void noActionsSkipsThem(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      releaseWithActions(s, tmp);
      CliSandbox.Run r = s.run("propose-downstream", "--dry-run", "--no-actions", "--dist-git-branch", "rawhide", s.upstreamUrl(), "1.2.0");
      assertEquals(0, r.exit(), r.all());
      assertFalse(r.out().contains("* action "), r.out());
      assertFalse(r.out().contains("Built by an action"), r.out());
      assertFalse(r.out().contains("generated.txt"), r.out());
      assertTrue(r.out().contains("- Update to version 1.2.0") || r.out().contains("1.2.0-1"), r.out());
    }
  }

  @Test
  void withoutAWorkingBubblewrapThePackagersRunSaysOnceThatActionsRunUnsandboxed(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      releaseWithActions(s, tmp);
      // A bwrap that is not an executable stands for a machine without bubblewrap.
      Path fake = tmp.resolve("no-bwrap");
      Files.writeString(fake, "not a program");
      s.env.put("PACKIT_BWRAP", fake.toString());
      CliSandbox.Run r = s.run("propose-downstream", "--dry-run", "--dist-git-branch", "rawhide,f43", s.upstreamUrl(), "1.2.0");
      assertEquals(0, r.exit(), r.all());
      int at = r.err().indexOf("run WITHOUT a sandbox");
      assertTrue(at >= 0, r.err());
      assertEquals(-1, r.err().indexOf("run WITHOUT a sandbox", at + 1), "said once, not per branch or action: " + r.err());
      assertTrue(r.out().contains("* action post-upstream-clone (1 command): upstream: added generated.txt"), r.out());
      assertTrue(r.out().contains("- Built by an action for 1.2.0"), r.out());
    }
  }
}
