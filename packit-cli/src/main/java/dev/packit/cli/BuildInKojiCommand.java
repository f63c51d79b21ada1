package dev.packit.cli;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.JobType;
import dev.packit.fedora.koji.KojiTask;
import dev.packit.fedora.koji.KojiTaskState;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.RunResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import dev.packit.fedora.workflow.PrPolicy;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.WorkflowListener;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code packit build-in-koji [PATH_OR_URL]}: Packit's {@code packit build in-koji}. Builds the
 * head of each dist-git branch in Koji, skipping branches whose NVR is already building or built.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("build-in-koji", "--dry-run", "--dist-git-branch", "f43", ".");
 * }</pre>
 */
@Command(name = "build-in-koji", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Build the dist-git branches of the package in Koji (Packit's 'build in-koji').",
        "PATH_OR_URL is a repository with the Packit config (upstream or dist-git; default: the current directory).",
        "Waits for the Koji tasks by default and prints their links (--no-wait to only submit).",
        "Exit 0 when every branch is done or skipped, 1 when a branch or a Koji task failed, 2 on a usage or config error."})
final class BuildInKojiCommand extends JobCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH_OR_URL",
      description = "A local path or a git URL of the repository with the Packit config (default: the current directory).")
  String pathOrUrl = ".";

  @Option(names = "--dist-git-branch", split = ",", paramLabel = "BRANCH",
      description = "Comma separated dist-git branches or aliases to build (default: the koji_build job's dist_git_branches).")
  List<String> distGitBranches = new ArrayList<>();

  @Option(names = "--scratch", description = "Submit scratch builds.")
  boolean scratch;

  @Option(names = {"-p", "--package"}, paramLabel = "NAME", description = "The package of a monorepo config.")
  String packageName = "";

  @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Wait for the Koji tasks to finish, showing their state on a terminal (default); --no-wait only submits them.")
  boolean waitForTasks = true;

  @Option(names = "--wait-timeout", paramLabel = "MINUTES", defaultValue = "360",
      description = "Give up waiting after this many minutes (default: ${DEFAULT-VALUE}); the builds go on in Koji.")
  long waitMinutes = 360;

  @Option(names = "--koji-target", paramLabel = "TARGET",
      description = "Build in this Koji target instead of the branch's own (e.g. a side tag's target); it must exist.")
  String kojiTarget;

  @Override
  Planned plan(WorkflowListener listener) {
    PackageTarget target = packageTarget(pathOrUrl, packageName);
    String pkg = target.packageName();
    List<String> branches = branches(distGitBranches, target.config(), JobType.KOJI_BUILD, packageName);
    Preflight.branchesExist(services, user, pkg, branches);
    if (kojiTarget != null && services.koji.getBuildTarget(kojiTarget).isEmpty()) {
      throw new PackitClientException("--koji-target " + kojiTarget + ": no such build target in Koji on " + user.instances().kojiHub().getHost());
    }
    if (!dryRun) {
      Preflight.kojiLogin(services, user);
    }
    ReleaseWorkflow wf = services.workflow(java.util.Optional.empty(), work, listener, PrPolicy.UPDATE);
    Plan plan = wf.planKojiBuild(pkg, branches, scratch);
    if (kojiTarget != null) {
      List<BranchPlan> retargeted = new ArrayList<>();
      for (BranchPlan b : plan.branches()) {
        retargeted.add(b.skipReason().isPresent() ? b : BranchPlan.of(b.branch(), b.steps().stream()
            .map(s -> s instanceof PlannedStep.KojiBuild k ? new PlannedStep.KojiBuild(k.nvr(), k.source(), kojiTarget, k.scratch()) : s)
            .toList()));
      }
      plan = new Plan(plan.job(), plan.packageName(), plan.version(), plan.cause(), retargeted);
    }
    return new Planned(wf, plan);
  }

  /** Prints each task's web page, then (unless --no-wait) waits for the tasks; a failed task is exit 1. */
  @Override
  int afterApply(RunResult result, int exit) {
    if (kojiTasks.isEmpty()) {
      return exit;
    }
    Map<Long, String> open = new LinkedHashMap<>();
    kojiTasks.forEach((branch, task) -> {
      open.put(task, branch);
      io.err("Koji task " + task + " (" + branch + "): " + taskUrl(task));
    });
    if (!waitForTasks) {
      return exit;
    }
    Map<Long, KojiTaskState> last = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(waitMinutes).toNanos();
    long sleepMs = 500;
    int failed = 0;
    while (!open.isEmpty()) {
      for (Long task : List.copyOf(open.keySet())) {
        KojiTaskState state = services.koji.getTaskInfo(task).map(KojiTask::state).orElse(KojiTaskState.FREE);
        if (state != last.put(task, state)) {
          progressOut.kojiTask(task, state.name().toLowerCase(Locale.ROOT), taskUrl(task));
        }
        if (state.isFinal()) {
          String branch = open.remove(task);
          io.err("Koji task " + task + " (" + branch + ") " + state.name().toLowerCase(Locale.ROOT));
          if (state != KojiTaskState.CLOSED) {
            failed++;
          }
        }
      }
      if (open.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        io.err("packit build-in-koji: stopped waiting after " + waitMinutes + " minutes; " + open.size()
            + " task(s) still running in Koji");
        return FAILED;
      }
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return FAILED;
      }
      sleepMs = Math.min(sleepMs * 2, 30_000);
    }
    return failed > 0 ? FAILED : exit;
  }

  /** The task's page in Koji's web UI: the hub's {@code kojihub} replaced by {@code koji/taskinfo}. */
  private String taskUrl(long task) {
    String hub = user.instances().kojiHub().toString().replaceFirst("/+$", "");
    String web = hub.endsWith("/kojihub") ? hub.substring(0, hub.length() - "/kojihub".length()) + "/koji" : hub;
    return web + "/taskinfo?taskID=" + task;
  }
}
