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
import dev.packit.core.Secret;
import dev.packit.fedora.workflow.ActionSettings;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.LocalRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile upstream's actions (issue 13, row 5): one reads {@code /proc/$PPID/environ} and every
 * other process's environment to steal the bot's token (a canary in this JVM's environment, set by
 * the pom) and publish it as the commit message, changelog and a file; one leaves a
 * {@code setsid} child behind; one hangs; one writes outside its checkouts. In the bubblewrap
 * sandbox the token is out of reach, the children die with the job and the writes fail. The
 * controls run the same actions unsandboxed (the explicit opt-out) and show the attack is real: the
 * token is read, and the secret check then refuses to publish it.
 */
@Tag("integration")
class HostileActionTest {
  private static final String CANARY_VAR = "PACKIT_CANARY_TOKEN";

  private PrintStream realErr;
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  @BeforeAll
  static void needsBwrapAndBash() {
    boolean ok = Files.isExecutable(Path.of("/usr/bin/bwrap")) && Files.isExecutable(Path.of("/bin/bash"))
        && System.getenv(CANARY_VAR) != null;
    if (!ok && "true".equals(System.getenv("PACKIT_CI"))) {
      throw new AssertionError("bubblewrap, bash and the " + CANARY_VAR + " canary (set by the pom) are required under PACKIT_CI=true");
    }
    assumeTrue(ok, "bubblewrap or bash missing, or not run by Maven (no " + CANARY_VAR + "); skipping the hostile action tests");
  }

  /** slf4j-simple writes to System.err as it is at each call: capture every log line of the test. */
  @BeforeEach
  void captureLogs() {
    realErr = System.err;
    PrintStream tee = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (logs) {
          logs.write(b);
        }
        realErr.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (logs) {
          logs.write(b, off, len);
        }
        realErr.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setErr(tee);
  }

  @AfterEach
  void restoreErr() {
    System.setErr(realErr);
  }

  private String logText() {
    synchronized (logs) {
      return logs.toString(StandardCharsets.UTF_8);
    }
  }

  /** Host PIDs whose command line contains {@code marker} (read from /proc, argv[0] included). */
  static List<Long> processesWith(String marker) {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmd.contains(marker)) {
            out.add(Long.parseLong(p.getFileName().toString()));
          }
        } catch (IOException gone) {
          // exited meanwhile
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  static boolean goneWithin(String marker, Duration d) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      if (processesWith(marker).isEmpty()) {
        return true;
      }
      Thread.sleep(100);
    }
    return processesWith(marker).isEmpty();
  }

  /**
   * The attack, shipped by the hostile upstream as a script: every environment the action can see
   * (its parent's first), as commit message, changelog entry and files.
   */
  private static final String STEAL_SH = "#!/bin/bash\n"
      + "envs() { { tr '\\0' '\\n' < /proc/$PPID/environ; for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < \"$f\"; done; } 2>/dev/null"
      + " | grep -v DIVIDER; }\n"
      + "case \"$1\" in\n"
      + "  message) echo Stolen; echo; envs ;;\n"
      + "  changelog) echo \"- stolen: $(envs | tr '\\n%' ' _')\" ;;\n"
      + "  files) envs > \"$PACKIT_DOWNSTREAM_REPO/stolen.txt\"; ls /proc | grep -E '^[0-9]+$' > \"$PACKIT_DOWNSTREAM_REPO/pids.txt\" ;;\n"
      + "esac\n"
      + "true\n";

  private static final String STEAL = "actions:\n"
      + "  commit-message: \"bash steal.sh message\"\n"
      + "  changelog-entry: \"bash steal.sh changelog\"\n"
      + "  post-modifications: \"bash steal.sh files\"\n";

  @Test
  void inTheSandboxTheBotsEnvironmentIsOutOfReachAndNothingPublishesIt(@TempDir Path work) throws Exception {
    String canary = System.getenv(CANARY_VAR);
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> write(d, "steal.sh", STEAL_SH));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60))).build();
      Plan plan = wf.planProposeDownstream(request(config(STEAL), "v1.2.0"));
      BranchPlan bp = plan.branch("rawhide").orElseThrow();
      assertTrue(bp.skipReason().isEmpty(), plan.render());
      PlannedStep.Commit commit = bp.steps(PlannedStep.Commit.class).get(0);
      // The action did read its parent's environment: the sandbox's own, clean one.
      assertTrue(commit.message().contains("PACKIT_PROJECT_VERSION=1.2.0"), commit.message());
      assertFalse(commit.message().contains(CANARY_VAR), commit.message());
      String pids = commit.files().stream().filter(f -> f.path().equals("pids.txt")).map(f -> new String(f.content(), StandardCharsets.UTF_8))
          .findFirst().orElseThrow();
      assertTrue(pids.lines().count() <= 6, "the action sees only its own few processes:\n" + pids);
      assertFalse(pids.lines().anyMatch(l -> l.equals(Long.toString(ProcessHandle.current().pid()))), pids);

      RunResult r = wf.apply(plan);
      assertEquals(BranchOutcome.DONE, r.branches().get(0).outcome(), r.toString());
      StringBuilder published = new StringBuilder(plan.render()).append(plan.toJson()).append(r).append(logText())
          .append(sandbox.pagure().pullRequests("rpms/hello"));
      Path fork = work.resolve("fork");
      try (LocalRepository f = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("forks/packit/rpms/hello"), fork)
          .branch("rawhide-update-propose_downstream").build())) {
        f.log("HEAD", "", 5).forEach(c -> published.append(c.message()));
        try (Stream<Path> all = Files.walk(fork)) {
          for (Path p : all.filter(Files::isRegularFile).toList()) {
            published.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
          }
        }
      }
      assertTrue(published.toString().contains("Stolen"), "the commit was published");
      assertFalse(published.toString().contains(canary), "the bot's token is in a commit, file, PR, plan or log");
    }
  }

  @Test
  void controlUnsandboxedTheTokenIsReadAndTheSecretCheckRefusesToPublishIt(@TempDir Path work) {
    String canary = System.getenv(CANARY_VAR);
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> write(d, "steal.sh", STEAL_SH));
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf"))
          .actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60)).runWithoutSandboxExposingTheBotsSecrets()).build();
      Plan plan = wf.planProposeDownstream(request(config(STEAL), "v1.2.0"));
      String skip = plan.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(skip.contains("refusing to publish the plan for rawhide: ") && skip.contains(" contains the value of variable "
          + CANARY_VAR + " of this JVM's environment"), skip);
      assertEquals(BranchOutcome.FAILED, wf.apply(plan).branches().get(0).outcome());
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
      assertFalse((plan.render() + plan.toJson() + logText()).contains(canary), "the refusal does not print the secret");
    }
  }

  @Test
  void aSecretGivenToActionsOrTheBotsGitTokenIsNeverPublished(@TempDir Path work) {
    String canary = "upload-" + UUID.randomUUID();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0", d -> write(d, "NEWS", "1.2.0\n"));
      String extra = "extra-secret-" + UUID.randomUUID();
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60))
          .withEnvironment(Map.of("UPLOAD_TOKEN", canary, "EXTRA", extra))
          .withSecretValues(List.of(Secret.of(extra)))).build();
      Plan plan = wf.planProposeDownstream(request(config(
          "actions:\n  changelog-entry: \"bash -c 'echo \\\"- token $UPLOAD_TOKEN\\\"'\"\n"), "v1.2.0"));
      String skip = plan.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(skip.contains("file hello.spec contains the value of variable UPLOAD_TOKEN of ActionSettings.environment"), skip);

      Plan viaFile = wf.planProposeDownstream(request(config(
          "actions:\n  post-modifications: \"bash -c 'echo $EXTRA > \\\"$PACKIT_DOWNSTREAM_REPO/notes.txt\\\"'\"\n"), "v1.2.0"));
      String why = viaFile.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(why.contains("file notes.txt contains the value of ActionSettings.secretValues[0]"), why);

      // The bot's own git token, smuggled in by release notes copied into the changelog.
      String botToken = sandbox.pagure().token(SandboxScenario.BOT);
      ProposeDownstreamRequest notes = ProposeDownstreamRequest.builder(hello.config(), RepoId.of(SandboxScenario.UPSTREAM), hello.tag())
          .releaseNotes("- fixed a bug\n- " + botToken + "\n").branches(List.of("rawhide")).build();
      Plan viaNotes = hello.workflow(work.resolve("wf2"))
          .gitCredentials(dev.packit.forge.git.GitCredentials.token(SandboxScenario.BOT, Secret.of(botToken))).build()
          .planProposeDownstream(notes);
      String because = viaNotes.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(because.contains("contains the value of the git credentials"), because);

      String all = plan.render() + plan.toJson() + viaFile.render() + viaFile.toJson() + viaNotes.render() + viaNotes.toJson() + logText();
      assertFalse(all.contains(canary) || all.contains(extra) || all.contains(botToken), "a secret was printed");
      for (Plan p : List.of(plan, viaFile, viaNotes)) {
        assertEquals(BranchOutcome.FAILED, wf.apply(p).branches().get(0).outcome());
      }
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  @Test
  void aDetachedChildDiesWithTheJobAndATimeoutKillsEverything(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      String marker = "packit-hostile-" + UUID.randomUUID();
      String detach = "actions:\n  post-upstream-clone: \"bash -c \\\"setsid bash -c 'sleep 300; true' " + marker
          + " </dev/null >/dev/null 2>&1 & sleep 1\\\"\"\n";
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60))).build();
      Plan plan = wf.planProposeDownstream(request(config(detach), "v1.1.0"));
      assertTrue(plan.branch("rawhide").orElseThrow().skipReason().isEmpty(), plan.render());
      assertTrue(goneWithin(marker, Duration.ofSeconds(5)), "the setsid child outlived the job: " + processesWith(marker));

      // Control: without the sandbox the same child survives (and is cleaned up here).
      String loose = "packit-hostile-" + UUID.randomUUID();
      ReleaseWorkflow unsandboxed = hello.workflow(work.resolve("wf2"))
          .actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60)).runWithoutSandboxExposingTheBotsSecrets()).build();
      unsandboxed.planProposeDownstream(request(config(detach.replace(marker, loose)), "v1.1.0"));
      List<Long> survivors = processesWith(loose);
      survivors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      assertFalse(survivors.isEmpty(), "the control should show an unsandboxed setsid child survives");

      // A hanging action with a detached child: the timeout kills both.
      String hang = "packit-hostile-" + UUID.randomUUID();
      ReleaseWorkflow quick = hello.workflow(work.resolve("wf3")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(2))).build();
      long start = System.nanoTime();
      Plan hung = quick.planProposeDownstream(request(config("actions:\n  pre-sync: \"bash -c \\\"setsid bash -c 'sleep 300; true' "
          + hang + " </dev/null >/dev/null 2>&1 & sleep 300\\\"\"\n"), "v1.1.0"));
      String skip = hung.branch("rawhide").orElseThrow().skipReason().orElseThrow();
      assertTrue(skip.contains("action pre-sync") && skip.contains("timed out after 2 s"), skip);
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(60).toNanos(), "the timeout bounds the plan");
      assertTrue(goneWithin(hang, Duration.ofSeconds(5)), "a child of the timed-out action survived: " + processesWith(hang));
    }
  }

  @Test
  void actionsWriteOnlyTheirCheckoutsAndNeverDistGitsGitFolder(@TempDir Path work) throws Exception {
    Path outside = Files.createDirectories(work.resolve("outside"));
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      int port = sandbox.baseUri().getPort();
      String yaml = "actions:\n"
          + "  post-modifications: \"bash -c 'touch " + outside.resolve("w") + " 2>/dev/null; touch \\\"$PACKIT_DOWNSTREAM_REPO/.git/hooks/pre-commit\\\" 2>/dev/null;"
          + " touch ~/home-ok /tmp/tmp-ok \\\"$PACKIT_DOWNSTREAM_REPO/ok.txt\\\";"
          + " grep -E \\\"^Cap(Eff|Bnd)\\\" /proc/self/status > \\\"$PACKIT_DOWNSTREAM_REPO/caps.txt\\\"; true'\"\n"
          + "  commit-message: \"bash -c 'if exec 3<>/dev/tcp/127.0.0.1/" + port + "; then echo connected; else echo isolated; fi 2>/dev/null'\"\n";
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60))).build();
      Plan plan = wf.planProposeDownstream(request(config(yaml), "v1.1.0"));
      PlannedStep.Commit c = plan.branch("rawhide").orElseThrow().steps(PlannedStep.Commit.class).get(0);
      assertTrue(c.files().stream().anyMatch(f -> f.path().equals("ok.txt")), "the dist-git clone is writable");
      String caps = c.files().stream().filter(f -> f.path().equals("caps.txt")).map(f -> new String(f.content(), StandardCharsets.UTF_8))
          .findFirst().orElseThrow();
      assertEquals("CapEff:\t0000000000000000\nCapBnd:\t0000000000000000\n", caps, "no capability, even for a root bot");
      assertEquals("connected\n", c.message(), "network is on by default");
      try (Stream<Path> s = Files.list(outside)) {
        assertEquals(0, s.count(), "nothing was written outside the checkouts");
      }
      ReleaseWorkflow offline = hello.workflow(work.resolve("wf2")).actions(ActionSettings.on().withNetwork(false)).build();
      Plan isolated = offline.planProposeDownstream(request(config(yaml), "v1.1.0"));
      assertEquals("isolated\n", isolated.branch("rawhide").orElseThrow().steps(PlannedStep.Commit.class).get(0).message());
    }
  }

  /** The sandbox lets an action make links in dist-git; the workflow itself must not then write or read through them. */
  @Test
  void theWorkflowNeverWritesOrReadsThroughALinkAnActionLeftInDistGit(@TempDir Path work) throws Exception {
    Path outside = Files.createDirectories(work.resolve("outside"));
    Path target = outside.resolve("bashrc");
    Files.writeString(target, "# the bot's own file\n");
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withTimeout(Duration.ofSeconds(60))).build();
      Map<String, String> cases = new java.util.LinkedHashMap<>();
      cases.put("post-upstream-clone: \"ln -sf " + target + " $PACKIT_DOWNSTREAM_REPO/hello.spec\"",
          "the dist-git spec hello.spec is a symbolic link");
      cases.put("pre-sync: \"ln -sf " + target + " $PACKIT_DOWNSTREAM_REPO/hello.spec\"", "the dist-git spec hello.spec is a symbolic link");
      cases.put("pre-sync: \"ln -sf " + target + " $PACKIT_DOWNSTREAM_REPO/sources\"", "dist-git's sources is a symbolic link");
      cases.put("pre-sync: \"ln -sf " + target + " $PACKIT_DOWNSTREAM_REPO/.gitignore\"", "dist-git's .gitignore is a symbolic link");
      for (Map.Entry<String, String> c : cases.entrySet()) {
        // Through bash -c: commands get no shell otherwise, and the variable must be expanded.
        String yaml = "actions:\n  " + c.getKey().replaceFirst(": \"", ": \"bash -c '").replaceFirst("\"$", "'\"") + "\n";
        Plan plan = wf.planProposeDownstream(request(config(yaml), "v1.1.0"));
        String skip = plan.branch("rawhide").orElseThrow().skipReason().orElse("(planned)");
        assertTrue(skip.contains(c.getValue()), c.getKey() + " -> " + skip);
      }
      assertEquals("# the bot's own file\n", Files.readString(target));
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    }
  }

  @Test
  void withoutAWorkingSandboxActionsDoNotRun(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      Path marker = work.resolve("ran");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).actions(ActionSettings.on().withBubblewrap(work.resolve("no-bwrap"))).build();
      PackitClientException e = assertThrows(PackitClientException.class, () -> wf.planProposeDownstream(request(config(
          "actions:\n  pre-sync: \"touch " + marker + "\"\n"), "v1.1.0")));
      assertTrue(e.getMessage().contains("actions run in a bubblewrap sandbox, but " + work.resolve("no-bwrap") + " is not an executable")
          && e.getMessage().contains("runWithoutSandboxExposingTheBotsSecrets"), e.getMessage());
      assertFalse(Files.exists(marker));
      // A job without actions does not need the sandbox.
      Plan plain = wf.planProposeDownstream(request(config(""), "v1.1.0"));
      assertTrue(plain.branch("rawhide").orElseThrow().skipReason().isEmpty(), plain.render());
    }
  }
}
