package dev.packit.testkit;

import static dev.packit.testkit.SyncTestRepos.config;
import static dev.packit.testkit.SyncTestRepos.request;
import static dev.packit.testkit.SyncTestRepos.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.packit.core.PackitClientException;
import dev.packit.fedora.workflow.ActionSettings;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.RepoId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actions as real processes on the sandbox: off unless enabled, no shell unless the config says
 * {@code bash -c}, Packit's variables, a timeout that kills the process tree, redacted secrets.
 */
@Tag("integration")
class ActionsSandboxTest {

  @BeforeAll
  static void needsBash() {
    boolean bash = Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash"));
    if (!bash && "true".equals(System.getenv("PACKIT_CI"))) {
      throw new AssertionError("bash is required under PACKIT_CI=true");
    }
    assumeTrue(bash, "bash is not installed; skipping the actions tests");
  }

  private static final String ACTIONS = "files_to_sync:\n"
      + "  - generated.txt\n"
      + "actions:\n"
      + "  post-upstream-clone: \"bash -c 'printf %s-%s \\\"$PACKIT_PROJECT_VERSION\\\" \\\"$PACKIT_PROJECT_UPSTREAM_TAG\\\" > generated.txt'\"\n"
      + "  changelog-entry:\n"
      + "    - [\"bash\", \"-c\", \"echo \\\"- Custom entry for $PACKIT_PROJECT_VERSION (was $PACKIT_PROJECT_PREVIOUS_VERSION) fixing $PACKIT_RESOLVED_BUGS\\\"\"]\n"
      + "  commit-message: \"echo 'Literal $PACKIT_UPSTREAM_TAG, no shell'\"\n";

  @Test
  void actionsRunInTheUpstreamCheckoutWithPackitVariablesAndNoShellByDefault(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> write(d, "NEWS", "1.2.0\n"));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60))).build();
      ProposeDownstreamRequest req = ProposeDownstreamRequest.builder(config(ACTIONS), RepoId.of(SandboxScenario.UPSTREAM), "v1.2.0")
          .resolvedBugs(List.of("rhbz#101", "rhbz#102")).build();
      Plan plan = wf.planProposeDownstream(req);
      BranchPlan bp = plan.branch("rawhide").orElseThrow();
      assertTrue(bp.skipReason().isEmpty(), plan.render());
      PlannedStep.Commit commit = bp.steps(PlannedStep.Commit.class).get(0);
      // post-upstream-clone ran in the upstream checkout with the version and tag; files_to_sync took its output.
      PlannedStep.FileChange generated = commit.files().stream().filter(f -> f.path().equals("generated.txt")).findFirst().orElseThrow();
      assertEquals("1.2.0-v1.2.0", new String(generated.content(), StandardCharsets.UTF_8));
      // changelog-entry: bash -c because the config says so, with the previous version.
      String spec = new String(commit.files().get(0).content(), StandardCharsets.UTF_8);
      assertTrue(spec.contains("- Custom entry for 1.2.0 (was 1.0.0) fixing rhbz#101 rhbz#102\n"), spec);
      assertFalse(spec.contains("- Update to version 1.2.0"), spec);
      assertFalse(spec.contains("Resolves:"), "an action's entry is the action's: no bug lines added\n" + spec);
      // commit-message: a plain string is split into argv, never given to a shell.
      assertEquals("Literal $PACKIT_UPSTREAM_TAG, no shell\n", commit.message());

      RunResult r = wf.apply(plan);
      assertEquals(BranchOutcome.DONE, r.branches().get(0).outcome(), r.toString());
    }
  }

  @Test
  void actionsAreRefusedUnlessTheApplicationEnablesThem(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      Path marker = work.resolve("ran");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      PackitClientException e = assertThrows(PackitClientException.class, () -> wf.planProposeDownstream(request(config(
          "actions:\n  pre-sync: \"touch " + marker + "\"\n  create-archive: \"true\"\n"), "v1.1.0")));
      assertTrue(e.getMessage().contains("the config has actions pre-sync for propose_downstream, but this workflow does not run actions"),
          e.getMessage());
      assertFalse(Files.exists(marker));
      // Actions propose_downstream never runs (SRPM-only ones) do not block it.
      Plan plan = wf.planProposeDownstream(request(config("actions:\n  create-archive: \"touch " + marker + "\"\n"), "v1.1.0"));
      assertTrue(plan.branch("rawhide").orElseThrow().skipReason().isEmpty(), plan.render());
      assertFalse(Files.exists(marker));
    }
  }

  @Test
  void aHangingActionIsKilledWithItsChildrenAndSecretsStayOutOfTheError(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      // The child's PID inside the sandbox means nothing outside: it is found by a marker in its command line.
      String marker = "packit-child-" + java.util.UUID.randomUUID();
      String canary = "canary-" + java.util.UUID.randomUUID();
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(2))
          .withEnvironment(Map.of("UPLOAD_TOKEN", canary))).build();
      long start = System.nanoTime();
      Plan plan = wf.planProposeDownstream(request(config(
          "actions:\n  pre-sync: \"bash -c \\\"bash -c 'sleep 300; true' " + marker + " & wait\\\"\"\n"), "v1.1.0"));
      String skip = plan.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(skip.contains("action pre-sync") && skip.contains("timed out after 2 s"), skip);
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(60).toNanos(), "the timeout bounds the plan");
      assertTrue(HostileActionTest.goneWithin(marker, Duration.ofSeconds(5)), "the background child was killed too");

      // A failing command: its stderr is in the error, the secret from the environment is not.
      Plan failed = wf.planProposeDownstream(request(config(
          "actions:\n  pre-sync: \"bash -c 'echo token is $UPLOAD_TOKEN >&2; exit 3'\"\n"), "v1.1.0"));
      String why = failed.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(why.contains("failed with exit code 3") && why.contains("token is ***"), why);
      assertFalse(why.contains(canary) || failed.render().contains(canary) || wf.toString().contains(canary), why);
    }
  }

  @Test
  void anActionCannotSmuggleALinkOutOfDistGit(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on()).build();
      Plan plan = wf.planProposeDownstream(request(config(
          "actions:\n  post-modifications: \"bash -c 'ln -s /etc/passwd \\\"$PACKIT_DOWNSTREAM_REPO/passwd\\\"'\"\n"), "v1.1.0"));
      String skip = plan.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(skip.contains("refusing symbolic link passwd -> /etc/passwd"), skip);
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }
}
