package dev.packit.fedora.workflow;

import dev.packit.fedora.internal.workflow.DistGitMirror;
import dev.packit.fedora.internal.workflow.JobDeadline;
import dev.packit.fedora.internal.workflow.WorkTree;
import dev.packit.forge.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan: branches in parallel ({@link Parallel}), steps in order within a branch,
 * each step kind by its executor ({@link DistGitSteps}, {@link KojiSteps}, {@link BodhiSteps}).
 * A failing branch is reported with a typed {@link Failure} and does not stop the others.
 */
final class Applier {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
  private final WorkflowContext ctx;
  private final FastForwards fastForwards;
  private final KojiSteps koji;
  private final BodhiSteps bodhi;

  Applier(WorkflowContext ctx, FastForwards fastForwards) {
    this.ctx = ctx;
    this.fastForwards = fastForwards;
    this.koji = new KojiSteps(ctx);
    this.bodhi = new BodhiSteps(ctx);
  }

  RunResult apply(Plan plan) {
    List<String> committing = plan.branches().stream()
        .filter(bp -> bp.skipReason().isEmpty() && bp.steps().stream().anyMatch(st -> st instanceof PlannedStep.Commit))
        .map(BranchPlan::branch).toList();
    try (Run run = new Run(ctx.workspace().mirror(plan.packageName(), committing, "apply"))) {
      Map<BranchPlan, FutureTask<BranchResult>> tasks = Parallel.start(ctx.executor(), plan.branches(),
          bp -> () -> applyBranch(plan, bp, run));
      List<BranchResult> results = new ArrayList<>();
      for (Map.Entry<BranchPlan, FutureTask<BranchResult>> e : tasks.entrySet()) {
        BranchResult r;
        try {
          r = Parallel.await(e.getValue());
        } catch (RuntimeException | Error ex) {
          // Parallel.await keeps the interrupt flag: an interrupted wait is not the branch's fault
          r = BranchResult.failed(e.getKey().branch(), Thread.currentThread().isInterrupted()
              ? new Failure(Failure.Kind.INTERRUPTED, true, "interrupted") : Failure.of(ex));
        }
        results.add(r);
      }
      RunResult result = new RunResult(plan, results);
      JobTimeoutException late = run.timedOut.get();
      if (late != null) {
        // Every branch is reported (the ones cut short FAILED); the job as a whole failed.
        throw new JobTimeoutException(late.step(), late.limit(), result, late.getCause());
      }
      return result;
    }
  }

  /** What the branches of one apply share: the dist-git mirror, the bot's fork, the time limit. */
  final class Run implements AutoCloseable {
    private final DistGitMirror mirror;
    /** Archives (SHA-512) this run uploaded or found in the lookaside cache: other branches need not ask. */
    private final Set<String> inLookaside = ConcurrentHashMap.newKeySet();
    /** The job's time limit, started when apply starts. */
    private final JobDeadline deadline = JobDeadline.start(ctx.clock(), ctx.jobTimeout());
    /** The first step the time limit stopped, if any. */
    private final AtomicReference<JobTimeoutException> timedOut = new AtomicReference<>();
    private Repository fork;

    Run(DistGitMirror mirror) {
      this.mirror = mirror;
    }

    /** The dist-git mirror the branches' working trees borrow objects from. */
    DistGitMirror mirror() {
      return mirror;
    }

    /** Whether this run already uploaded or found an archive (by SHA-512) in the lookaside cache. */
    boolean inLookaside(String sha512) {
      return inLookaside.contains(sha512);
    }

    /** Notes that the lookaside cache has an archive. */
    void inLookasideNow(String sha512) {
      inLookaside.add(sha512);
    }

    /** The bot's fork as the forge returns it, looked up (or created) once per apply. */
    synchronized Repository fork(String pkg) {
      if (fork == null) {
        fork = ctx.distGit().forkOrCreate(ctx.distGitRepo(pkg));
      }
      return fork;
    }

    @Override
    public void close() {
      mirror.close();
    }
  }

  private BranchResult applyBranch(Plan plan, BranchPlan bp, Run run) {
    BranchResult result;
    if (bp.skipReason().isPresent()) {
      // A branch that could not even be planned (a service down, a missing branch) failed: a bot that
      // retries failed branches must retry it, which it would not do for a skip.
      result = bp.planningFailed()
          ? BranchResult.failed(bp.branch(), new Failure(Failure.Kind.PLANNING, true, bp.skip()))
          : new BranchResult(bp.branch(), BranchOutcome.SKIPPED, bp.skip(), "", "", "");
    } else {
      try {
        result = runBranch(plan, bp, run);
      } catch (JobTimeoutException e) {
        run.timedOut.compareAndSet(null, e);
        LOG.warn("{} {}: {}", plan.packageName(), bp.branch(), e.getMessage());
        result = BranchResult.failed(bp.branch(), Failure.of(e));
      } catch (RuntimeException e) {
        Failure f = Failure.of(e);
        LOG.warn("{} {}: {}", plan.packageName(), bp.branch(), f.message());
        result = BranchResult.failed(bp.branch(), f);
      }
    }
    BranchResult done = result;
    ctx.notifyListener(() -> ctx.listener().branchFinished(done));
    return done;
  }

  private BranchResult runBranch(Plan plan, BranchPlan bp, Run run) {
    Path dir = ctx.workspace().folder("apply", plan.packageName() + "-" + bp.branch());
    try (DistGitSteps distGit = new DistGitSteps(ctx, fastForwards, run, plan, bp, dir)) {
      // Every file of the plan is checked before the first step, so a bad plan fails before an upload.
      bp.steps(PlannedStep.Commit.class).forEach(c -> WorkTree.check(c.files()));
      ctx.secretScan().require(bp);
      List<String> notes = new ArrayList<>();
      String pr = "";
      String build = "";
      String update = "";
      boolean stopped = false;
      for (PlannedStep step : bp.steps()) {
        if (stopped) {
          break;
        }
        ctx.notifyListener(() -> ctx.listener().stepStarted(bp.branch(), step));
        StepResult r = run.deadline.run(stepName(step) + " on branch " + bp.branch(), () -> execute(step, distGit));
        notes.add(r.note());
        pr = r.pullRequest().isEmpty() ? pr : r.pullRequest();
        build = r.build().isEmpty() ? build : r.build();
        update = r.update().isEmpty() ? update : r.update();
        stopped = r.stopped();
        ctx.notifyListener(() -> ctx.listener().stepFinished(bp.branch(), step, r.note()));
      }
      return new BranchResult(bp.branch(), stopped ? BranchOutcome.SKIPPED : BranchOutcome.DONE,
          String.join("; ", notes), pr, build, update);
    } finally {
      Workspace.deleteQuietly(dir);
    }
  }

  /** Each step kind to its executor (Java 17: no pattern switch yet; the last line catches a kind without one). */
  private StepResult execute(PlannedStep step, DistGitSteps distGit) {
    if (step instanceof PlannedStep.Upload u) {
      return distGit.upload(u);
    } else if (step instanceof PlannedStep.Commit c) {
      return distGit.commit(c);
    } else if (step instanceof PlannedStep.PullRequest p) {
      return distGit.pullRequest(p);
    } else if (step instanceof PlannedStep.DirectPush d) {
      return distGit.directPush(d);
    } else if (step instanceof PlannedStep.FastForward f) {
      return distGit.fastForward(f);
    } else if (step instanceof PlannedStep.KojiBuild k) {
      return koji.build(k);
    } else if (step instanceof PlannedStep.SideTagBuild s) {
      return koji.sideTagBuild(s);
    } else if (step instanceof PlannedStep.BodhiUpdate u) {
      return bodhi.update(u);
    } else if (step instanceof PlannedStep.SideTagUpdate u) {
      return bodhi.sideTagUpdate(u);
    }
    throw new IllegalStateException("no executor for step " + step);
  }

  private static String stepName(PlannedStep step) {
    return step.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
