package dev.packit.cli;

import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.DispatchResult;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.Subscription;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.FedoraServices;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.fedora.workflow.WorkflowListener;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.forgejo.ForgejoForge;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.pagure.PagureForge;
import dev.packit.forge.webhook.ReleaseEvent;
import dev.packit.forge.webhook.WebhookRepository;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code packit demo}: the whole release road on the in-process sandbox, with no network. An
 * upstream release is proposed to three dist-git branches, the maintainer merges the pull
 * requests, the pushes trigger Koji builds and the finished builds Bodhi updates.
 * {@code --dist-git forgejo} serves dist-git by Forgejo (Fedora after its migration: the bot's fork
 * is {@code packit/hello}, its pull requests let maintainers edit them), {@code --upstream forgejo}
 * hosts the upstream project on Forgejo (as on Codeberg).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the release road (propose_downstream -> koji_build -> bodhi_update) on the in-process sandbox.")
final class DemoCommand implements Callable<Integer> {
  private static final String MAINTAINER = "jane";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--quiet-plan", description = "Print the plan's summary without the diffs.")
  boolean quietPlan;

  /** Which forge serves dist-git: Fedora's Pagure today, Forgejo after the migration. */
  enum Backend { pagure, forgejo }

  /** Which forge hosts the upstream project. */
  enum UpstreamForge { github, forgejo }

  @CommandLine.Option(names = "--dist-git", defaultValue = "pagure", paramLabel = "FORGE",
      description = "The forge serving dist-git: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); the workflow finds it by probing.")
  Backend distGitBackend = Backend.pagure;

  @CommandLine.Option(names = "--upstream", defaultValue = "github", paramLabel = "FORGE",
      description = "The forge hosting the upstream project: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  UpstreamForge upstreamForge = UpstreamForge.github;

  private final Map<String, String[]> table = new ConcurrentHashMap<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      out.println("packit-java demo on the in-process sandbox at " + sandbox.baseUri() + " (loopback only)");
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      boolean onForgejo = distGitBackend == Backend.forgejo;
      if (onForgejo) {
        hello.distGitOn(ForgeKind.FORGEJO); // served at /distgit/, found by DistGitBackendProbe
        sandbox.distGit().maintainer("rpms/hello", MAINTAINER);
      } else {
        sandbox.pagure().owner("rpms/hello", MAINTAINER);
      }
      boolean upstreamOnForgejo = upstreamForge == UpstreamForge.forgejo;
      if (upstreamOnForgejo) {
        hello.upstreamOnForgejo();
      }
      out.println("  upstream " + SandboxScenario.UPSTREAM + " (" + (upstreamOnForgejo ? "Forgejo" : "GitHub") + ") released "
          + hello.tag() + "; dist-git rpms/hello (" + (onForgejo ? "Forgejo" : "Pagure") + ") has 1.0.0 on "
          + String.join(", ", SandboxScenario.BRANCHES));
      SandboxScenario.BRANCHES.forEach(b -> table.put(b, new String[] {"-", "-", "-", "-"}));

      WorkflowListener progress = new WorkflowListener() {
        @Override
        public void stepFinished(String branch, PlannedStep step, String note) {
          synchronized (out) {
            out.println("    [" + branch + "] " + note);
            out.flush();
          }
        }
      };
      // One services bundle: the workflow and the dispatcher read the same release list from Bodhi.
      FedoraServices services = hello.services();
      ReleaseWorkflow wf = hello.workflow(sandbox.root().resolve("work")).fedora(services).listener(progress).build();
      // Jobs carry the config as text: what a bot's queue would hold.
      ConfigText config = ConfigText.of(hello.config(), "upstream/hello@" + hello.tag() + "/.packit.yaml");
      JobDispatcher dispatcher = new JobDispatcher(services.releases(), ConfigResolver.of(services.instance()));

      // 1. The release webhook.
      ReleaseEvent release = new ReleaseEvent(upstreamOnForgejo ? ForgeKind.FORGEJO : ForgeKind.GITHUB, "release", "published",
          new WebhookRepository("upstream", "hello", sandbox.baseUri().resolve("upstream/hello"),
              sandbox.gitUri(SandboxScenario.UPSTREAM)),
          hello.tag(), hello.releasedVersion(), hello.releaseNotesText(), false, false, MAINTAINER, "",
          sandbox.baseUri().resolve("upstream/hello/releases/" + hello.tag()));
      out.println();
      out.println("1. " + (upstreamOnForgejo ? "Forgejo" : "GitHub") + " says: release " + hello.tag() + " published");
      for (JobRequest job : dispatcher.dispatch(Trigger.of(release), config).requests()) {
        out.println("   -> job " + job.kind() + " on " + String.join(", ", job.branches()));
        Plan plan = wf.plan(job);
        out.println();
        out.print(indent(quietPlan ? summary(plan) : plan.render(), "   "));
        out.println("   Applying the plan:");
        out.flush();
        RunResult result = wf.apply(plan);
        for (BranchResult r : result.branches()) {
          table.get(r.branch())[0] = r.pullRequestUrl().orElse(r.outcome().name().toLowerCase());
        }
      }

      // 2. Pushes and builds arrive as fedora-messaging messages on the sandbox bus.
      Forge distGit = hello.distGitForge();
      Subscription sub = sandbox.messages().subscribe(List.of("#"), message -> onMessage(message, out, wf, dispatcher, config));
      try {
        out.println();
        out.println("2. The maintainer (" + MAINTAINER + ") merges the pull requests");
        List<PullRequest> prs = distGit.pullRequests(RepoId.of(services.instance().repository(SandboxScenario.PACKAGE)), dev.packit.forge.PrState.OPEN).toList();
        if (onForgejo) {
          ForgejoForge asMaintainer = Forgejo.builder().instance(sandbox.distGit().instanceUri())
              .credentials(ForgeCredentials.token(sandbox.distGit().token(MAINTAINER))).build();
          for (PullRequest pr : prs) {
            boolean editable = asMaintainer.maintainerCanEdit(RepoId.of(services.instance().repository(SandboxScenario.PACKAGE)), pr.number()).orElse(false);
            asMaintainer.mergePullRequest(RepoId.of(services.instance().repository(SandboxScenario.PACKAGE)), pr.number());
            say(out, "   merged #" + pr.number() + " (from " + pr.source() + ", maintainers may edit: " + editable + ") into "
                + pr.targetBranch());
          }
        } else {
          PagureForge asMaintainer = dev.packit.forge.pagure.Pagure.builder().instance(sandbox.pagure().instanceUri())
              .credentials(ForgeCredentials.token(sandbox.pagure().token(MAINTAINER))).build();
          for (PullRequest pr : prs) {
            asMaintainer.mergePullRequest(RepoId.of(services.instance().repository(SandboxScenario.PACKAGE)), pr.number());
            say(out, "   merged #" + pr.number() + " into " + pr.targetBranch());
          }
        }
        sandbox.messages().awaitIdle(Duration.ofSeconds(60));

        out.println();
        out.println("3. Koji finishes the builds");
        sandbox.koji().advance(Duration.ofHours(1));
        sandbox.messages().awaitIdle(Duration.ofSeconds(60));
      } finally {
        sub.close();
      }

      out.println();
      out.println(String.format("%-8s  %-58s  %-24s  %-9s  %s", "BRANCH", "PULL REQUEST", "BUILD", "STATE", "UPDATE"));
      for (Map.Entry<String, String[]> e : new TreeMap<>(table).descendingMap().entrySet()) {
        String[] v = e.getValue();
        out.println(String.format("%-8s  %-58s  %-24s  %-9s  %s", e.getKey(), v[0], v[1], v[2], v[3]));
      }
      out.println();
      out.printf("Done in %.1f s. Sandbox closed.%n", (System.nanoTime() - started) / 1e9);
    }
    out.flush();
    return 0;
  }

  /** Messages go the bot's road: dispatch (a dist-git push on Forgejo arrives as forgejo.push), plan, apply. */
  private void onMessage(FedoraMessage message, PrintWriter out, ReleaseWorkflow wf, JobDispatcher dispatcher,
      ConfigText config) {
    if (message instanceof KojiBuildStateChange change) {
      change.branch().ifPresent(branch -> {
        String[] row = table.get(branch);
        if (row != null && change.nvr().equals(row[1])) {
          row[2] = change.newState().name();
        }
      });
    }
    DispatchResult dispatched = dispatcher.dispatch(Trigger.of(message), config);
    for (JobRequest job : dispatched.requests()) {
      if (job instanceof JobRequest.KojiBuildOnPush push) {
        say(out, "   push to " + push.branch() + " -> job " + job.kind());
        recordBuilds(out, wf.apply(wf.plan(job)));
      } else if (job instanceof JobRequest.BodhiUpdateOnBuild build) {
        say(out, "   build " + build.nvr() + " " + build.state().toLowerCase() + " -> job " + job.kind());
        RunResult r = wf.apply(wf.plan(job));
        for (BranchResult b : r.branches()) {
          b.updateAlias().ifPresent(alias -> table.get(b.branch())[3] = alias);
          if (b.updateAlias().isEmpty()) {
            say(out, "   " + b.branch() + ": " + b.outcome().name().toLowerCase() + ", " + b.detail());
          }
        }
      }
    }
  }

  private void recordBuilds(PrintWriter out, RunResult r) {
    for (BranchResult b : r.branches()) {
      b.buildNvr().ifPresent(nvr -> table.get(b.branch())[1] = nvr);
      if (b.buildNvr().isEmpty()) {
        say(out, "   " + b.branch() + ": " + b.outcome().name().toLowerCase() + ", " + b.detail());
      }
    }
  }

  private static void say(PrintWriter out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  private static String summary(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (String line : plan.render().split("\n")) {
      if (!line.startsWith("        ")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private static String indent(String text, String prefix) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n")) {
      sb.append(prefix).append(line).append('\n');
    }
    return sb.toString();
  }
}
