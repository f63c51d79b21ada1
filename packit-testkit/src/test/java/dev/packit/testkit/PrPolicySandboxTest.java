package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.PrPolicy;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three PR policies when a maintainer pushed to the bot's dist-git PR branch and a newer
 * upstream release arrives: UPDATE drops the maintainer's commit, KEEP_HUMAN_COMMITS replays it
 * (or leaves the branch and comments when it conflicts), STOP leaves the branch and comments once.
 */
@Tag("integration")
class PrPolicySandboxTest {
  private static final GitIdentity JANE = GitIdentity.of("Jane Maintainer", "jane@example.org");
  private static final String PR_BRANCH = "rawhide-update-propose_downstream";
  private static final String FORK = "forks/packit/rpms/hello";

  private static ProposeDownstreamRequest release(SandboxScenario hello, String version) {
    return ProposeDownstreamRequest.builder(hello.config(), RepoId.of(SandboxScenario.UPSTREAM), "v" + version)
        .releaseNotes("hello " + version + "\n\n- Something new\n").branches(List.of("rawhide")).build();
  }

  /** Jane edits the spec on the bot's fork branch and pushes; returns her commit. */
  private static String janePushes(FedoraSandbox sandbox, Path dir, String message, UnaryOperator<String> edit) throws IOException {
    try (LocalRepository fork = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri(FORK), dir).branch(PR_BRANCH).build())) {
      Path spec = dir.resolve("hello.spec");
      Files.writeString(spec, edit.apply(Files.readString(spec, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      fork.addAll();
      CommitInfo c = fork.commit(message, JANE);
      fork.push(PushRequest.builder("origin").refSpec("refs/heads/" + PR_BRANCH + ":refs/heads/" + PR_BRANCH).build());
      return c.id();
    }
  }

  /** The fork branch, newest first. */
  private static List<CommitInfo> forkLog(FedoraSandbox sandbox, Path dir) {
    try (LocalRepository fork = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri(FORK), dir).branch(PR_BRANCH).build())) {
      return fork.log("HEAD", "", 20);
    }
  }

  private static String forkSpec(FedoraSandbox sandbox, Path dir) throws IOException {
    try (LocalRepository fork = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri(FORK), dir).branch(PR_BRANCH).build())) {
      return Files.readString(fork.directory().resolve("hello.spec"), StandardCharsets.UTF_8);
    }
  }

  private static List<JsonNode> comments(FedoraSandbox sandbox) {
    List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/hello");
    assertEquals(1, prs.size(), "one pull request: " + prs);
    return List.copyOf(toList(prs.get(0).path("comments")));
  }

  private static List<JsonNode> toList(JsonNode arr) {
    java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
    arr.forEach(out::add);
    return out;
  }

  private static BranchResult run(ReleaseWorkflow wf, ProposeDownstreamRequest request) {
    return wf.apply(wf.planProposeDownstream(request)).branches().get(0);
  }

  private static String addDescriptionLine(String spec) {
    return spec.replace("A tiny package that the packit-java sandbox releases.\n",
        "A tiny package that the packit-java sandbox releases.\nNow with a maintainer's touch.\n");
  }

  @Test
  void keepHumanCommitsReplaysTheMaintainersCommitOnTheNewReleaseAndIsIdempotent(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).prPolicy(PrPolicy.KEEP_HUMAN_COMMITS).build();
      assertEquals(BranchOutcome.DONE, run(wf, release(hello, "1.1.0")).outcome());
      janePushes(sandbox, work.resolve("jane"), "Describe the maintainer's touch", PrPolicySandboxTest::addDescriptionLine);

      BranchResult r = run(wf, release(hello, "1.2.0"));
      assertEquals(BranchOutcome.DONE, r.outcome(), r.detail());
      assertTrue(r.detail().contains("replayed 1 commit(s) by others"), r.detail());
      List<CommitInfo> log = forkLog(sandbox, work.resolve("check1"));
      assertEquals(3, log.size(), log.toString());
      assertEquals("Describe the maintainer's touch", log.get(0).shortMessage());
      assertEquals("jane@example.org", log.get(0).author().email());
      assertEquals("hello@packit.dev", log.get(0).committer().email());
      assertTrue(log.get(1).shortMessage().startsWith("Update to 1.2.0 upstream release"), log.get(1).shortMessage());
      String spec = forkSpec(sandbox, work.resolve("spec1"));
      assertTrue(spec.contains("Version:        1.2.0"), spec);
      assertTrue(spec.contains("Now with a maintainer's touch."), spec);
      assertTrue(comments(sandbox).isEmpty());

      // Rerun: the branch already is "bot commit + Jane's commit" for 1.2.0; nothing is pushed.
      BranchResult again = run(wf, release(hello, "1.2.0"));
      assertEquals(BranchOutcome.DONE, again.outcome(), again.detail());
      assertTrue(again.detail().contains("already has this change, with 1 commit(s) by others on top"), again.detail());
      assertEquals(log.get(0).id(), forkLog(sandbox, work.resolve("check2")).get(0).id());
      assertEquals(1, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  @Test
  void keepHumanCommitsLeavesAConflictingBranchAloneAndCommentsOnce(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).prPolicy(PrPolicy.KEEP_HUMAN_COMMITS).build();
      run(wf, release(hello, "1.1.0"));
      String jane = janePushes(sandbox, work.resolve("jane"), "Build 1.1.1 instead",
          spec -> spec.replace("Version:        1.1.0", "Version:        1.1.1"));

      BranchResult r = run(wf, release(hello, "1.2.0"));
      assertEquals(BranchOutcome.SKIPPED, r.outcome(), r.detail());
      assertTrue(r.detail().contains("conflicts"), r.detail());
      assertEquals(jane, forkLog(sandbox, work.resolve("check1")).get(0).id(), "the branch is as Jane left it");
      List<JsonNode> comments = comments(sandbox);
      assertEquals(1, comments.size(), comments.toString());
      String text = comments.get(0).path("comment").asText();
      assertTrue(text.contains(jane.substring(0, 10)) && text.contains("Build 1.1.1 instead"), text);

      run(wf, release(hello, "1.2.0"));
      assertEquals(1, comments(sandbox).size(), "no second comment on a rerun");
      assertEquals(jane, forkLog(sandbox, work.resolve("check2")).get(0).id());
    }
  }

  @Test
  void updateForcePushesOverTheMaintainersCommitAsPackitDoes(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).prPolicy(PrPolicy.UPDATE).build();
      run(wf, release(hello, "1.1.0"));
      janePushes(sandbox, work.resolve("jane"), "Describe the maintainer's touch", PrPolicySandboxTest::addDescriptionLine);

      BranchResult r = run(wf, release(hello, "1.2.0"));
      assertEquals(BranchOutcome.DONE, r.outcome(), r.detail());
      List<CommitInfo> log = forkLog(sandbox, work.resolve("check"));
      assertEquals(2, log.size(), log.toString());
      assertTrue(log.get(0).shortMessage().startsWith("Update to 1.2.0 upstream release"), log.get(0).shortMessage());
      assertTrue(log.stream().noneMatch(c -> c.author().email().equals("jane@example.org") && c.shortMessage().startsWith("Describe")));
      String spec = forkSpec(sandbox, work.resolve("spec"));
      assertTrue(!spec.contains("maintainer's touch"), spec);
      assertEquals(1, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  @Test
  void stopLeavesTheBranchAndCommentsOnlyOnce(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).prPolicy(PrPolicy.STOP).build();
      run(wf, release(hello, "1.1.0"));
      String jane = janePushes(sandbox, work.resolve("jane"), "Describe the maintainer's touch", PrPolicySandboxTest::addDescriptionLine);

      BranchResult r = run(wf, release(hello, "1.2.0"));
      assertEquals(BranchOutcome.SKIPPED, r.outcome(), r.detail());
      assertEquals(jane, forkLog(sandbox, work.resolve("check1")).get(0).id());
      assertEquals(1, comments(sandbox).size());
      assertTrue(comments(sandbox).get(0).path("comment").asText().contains("STOP"));

      run(wf, release(hello, "1.2.0"));
      run(wf, release(hello, "1.2.0"));
      assertEquals(1, comments(sandbox).size(), "no comment on every rerun");
      assertEquals(jane, forkLog(sandbox, work.resolve("check2")).get(0).id());
    }
  }
}
