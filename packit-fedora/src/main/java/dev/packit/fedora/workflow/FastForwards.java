package dev.packit.fedora.workflow;

import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.DistGitBranches;
import dev.packit.core.spec.SpecFile;
import dev.packit.fedora.internal.workflow.DistGitMirror;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitException;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fast_forward_merge_into}: the branches listed under a {@code dist_git_branches} key get the
 * very commit made for the key branch, so they never diverge from it (Packit's semantics: the same
 * fork branch is proposed into each of them; merging such a PR is a fast-forward). Planned as
 * {@link PlannedStep.FastForward} steps of the key branch; a branch that cannot be fast-forwarded
 * gets a skipped {@link BranchPlan} saying why.
 */
final class FastForwards {
  private final WorkflowContext ctx;

  FastForwards(WorkflowContext ctx) {
    this.ctx = ctx;
  }

  /** The branches to fast-forward after {@code branch}, aliases resolved when the workflow has them. */
  List<String> targetsFor(CommonConfig cfg, String branch) {
    DistGitBranches dgb = cfg.distGitBranches();
    if (!dgb.mappingForm()) {
      return List.of();
    }
    dev.packit.core.config.DistroAliases aliases = ctx.aliases();
    if (aliases != null) {
      return List.copyOf(aliases.fastForwardMergeBranches(dgb, branch, ctx.defaultBranch()));
    }
    return dgb.fastForwardMergeInto(branch);
  }

  /**
   * Adds the fast-forward steps to a branch plan; branches that cannot be fast-forwarded are added
   * to {@code refused} as skipped plans.
   */
  BranchPlan plan(BranchPlan bp, CommonConfig cfg, String pkg, String version, List<String> requested, List<BranchPlan> refused,
      DistGitMirror mirror) {
    List<String> targets = targetsFor(cfg, bp.branch());
    if (!targets.isEmpty() && !cfg.createPr() && bp.skipKind() == BranchPlan.SkipKind.UP_TO_DATE) {
      return resume(bp, cfg, pkg, version, targets, requested, refused, mirror);
    }
    if (targets.isEmpty() || bp.skipReason().isPresent() || bp.steps(PlannedStep.Commit.class).isEmpty()) {
      return bp;
    }
    PlannedStep.Commit commit = bp.steps(PlannedStep.Commit.class).get(0);
    Optional<PlannedStep.PullRequest> pr = bp.steps(PlannedStep.PullRequest.class).stream().findFirst();
    Path dir = ctx.workspace().folder("plan", pkg + "-" + bp.branch() + "-ff");
    try (LocalRepository repo = mirror.checkout(bp.branch(), dir, () -> ctx.workspace().cloneBranch(pkg, bp.branch(), dir))) {
      List<PlannedStep> steps = new ArrayList<>(bp.steps());
      for (String ff : targets) {
        if (ff.equals(bp.branch())) {
          continue;
        }
        if (requested.contains(ff)) {
          refused.add(BranchPlan.skipped(ff, "not fast-forwarded to " + bp.branch() + ": " + ff
              + " is one of the job's branches and gets its own change"));
          continue;
        }
        Optional<String> refusal = check(repo, dir, pkg, cfg, version, commit.baseCommit(), bp.branch(), ff);
        if (refusal.isPresent()) {
          refused.add(BranchPlan.skipped(ff, refusal.get()));
        } else if (pr.isPresent()) {
          steps.add(new PlannedStep.FastForward(ff, bp.branch(), true, Texts.prTitle(ff, version),
              pr.get().body()));
        } else {
          steps.add(new PlannedStep.FastForward(ff, bp.branch(), false, "", ""));
        }
      }
      return BranchPlan.of(bp.branch(), steps).withWarnings(bp.warnings()).withActions(bp.actions());
    } finally {
      Workspace.deleteQuietly(dir);
    }
  }

  /**
   * The key branch already has the release (pushed directly, {@code create_pr: false}), but a run
   * killed between that push and the fast-forward pushes left some target behind: plan the
   * fast-forwards alone, to the key branch's head, when that head is still the bot's release
   * commit. Targets already there need nothing.
   */
  private BranchPlan resume(BranchPlan bp, CommonConfig cfg, String pkg, String version, List<String> targets,
      List<String> requested, List<BranchPlan> refused, DistGitMirror mirror) {
    Path dir = ctx.workspace().folder("plan", pkg + "-" + bp.branch() + "-ff");
    try (LocalRepository repo = mirror.checkout(bp.branch(), dir, () -> ctx.workspace().cloneBranch(pkg, bp.branch(), dir))) {
      String head = repo.head().orElse("");
      // Only when the head is the bot's own commit (the spec is at this version, so it is this
      // release's): later commits on the key branch (a rebuild, a maintainer's fix) must not be
      // pushed into the other branches by a rerun.
      boolean botRelease = repo.plumbing().commitInfo(head).map(ctx.bot()::authored).orElse(false);
      if (!botRelease) {
        return bp;
      }
      List<PlannedStep> steps = new ArrayList<>();
      for (String ff : targets) {
        if (ff.equals(bp.branch()) || requested.contains(ff)) {
          continue;
        }
        Optional<String> ffHead = fetch(repo, ff);
        if (ffHead.isEmpty() || ffHead.get().equals(head)) {
          continue;
        }
        repo.checkout(bp.branch());
        Optional<String> refusal = check(repo, dir, pkg, cfg, version, head, bp.branch(), ff);
        if (refusal.isPresent()) {
          refused.add(BranchPlan.skipped(ff, refusal.get()));
        } else {
          steps.add(new PlannedStep.FastForward(ff, bp.branch(), false, "", ""));
        }
      }
      return steps.isEmpty() ? bp : BranchPlan.of(bp.branch(), steps).withWarnings(bp.warnings()).withActions(bp.actions());
    } finally {
      Workspace.deleteQuietly(dir);
    }
  }

  private Optional<String> check(LocalRepository repo, Path dir, String pkg, CommonConfig cfg, String version, String base,
      String from, String ff) {
    Optional<String> ffHead = fetch(repo, ff);
    boolean ancestor = ffHead.isPresent() && repo.plumbing().isAncestor(ffHead.get(), base);
    Path spec = dir.resolve(pkg + ".spec");
    boolean hasSpec = false;
    if (ancestor) {
      repo.checkout(ffHead.get());
      hasSpec = Files.isRegularFile(spec);
    }
    return Rules.fastForwardRefusal(from, ff, ffHead, ancestor, hasSpec, pkg, cfg.versionUpdateMask(),
        () -> SpecFile.read(spec).nevr().version(), Rules.rpmVersion(version));
  }

  private Optional<String> fetch(LocalRepository repo, String branch) {
    try {
      repo.fetch("origin", List.of("+refs/heads/" + branch + ":refs/remotes/origin/" + branch), ctx.gitCredentials());
    } catch (GitException e) {
      return Optional.empty();
    }
    return repo.plumbing().resolve("refs/remotes/origin/" + branch);
  }

  /**
   * Carries out one fast-forward after the key branch's commit was pushed (to the fork or the branch).
   *
   * @param fork the bot's fork as the forge returned it, asked only when a pull request is opened
   */
  String apply(PlannedStep.FastForward f, Plan plan, String target, LocalRepository repo, PlannedStep.Commit commitStep,
      java.util.function.Supplier<dev.packit.forge.Repository> fork) {
    if (repo == null || commitStep == null && f.viaPullRequest()) {
      throw new IllegalStateException("fast-forward of " + f.branch() + " without a commit on " + target);
    }
    Optional<String> ffHead = fetch(repo, f.branch());
    // Without a commit step this run resumes one that pushed the key branch and stopped: the key
    // branch's head is the commit.
    String b = commitStep == null ? target : commitStep.branch();
    String newCommit = ffHead.isEmpty() ? "" : repo.plumbing().resolve("refs/heads/" + b).or(() -> repo.plumbing().resolve("refs/remotes/fork/" + b))
        .orElseThrow(() -> new IllegalStateException("no commit on " + b));
    boolean ancestor = ffHead.isPresent() && !ffHead.get().equals(newCommit) && repo.plumbing().isAncestor(ffHead.get(), newCommit);
    switch (Rules.fastForwardState(ffHead, newCommit, ancestor)) {
      case GONE:
        return "not fast-forwarding " + f.branch() + ": it no longer exists";
      case THERE:
        return f.branch() + " is already at " + TagVersions.shortSha(newCommit);
      case DIVERGED:
        return "not fast-forwarding " + f.branch() + ": it diverged from " + f.fromBranch() + " after the plan";
      case BEHIND:
      default:
        break;
    }
    if (!f.viaPullRequest()) {
      repo.push(PushRequest.builder("origin").refSpec("refs/heads/" + b + ":refs/heads/" + f.branch())
          .credentials(ctx.gitCredentials()).build());
      return "fast-forwarded " + f.branch() + " to " + TagVersions.shortSha(newCommit);
    }
    RepoId repoId = ctx.distGitRepo(plan.packageName());
    Optional<PullRequest> open = ctx.distGit().findOpenPullRequest(repoId, b, f.branch(), ctx.bot().login());
    if (open.isPresent()) {
      PullRequest existing = open.get();
      if (Rules.pullRequest(Optional.of(new String[] {existing.title(), existing.body()}), f.title(), f.body())
          == Rules.PullRequestAction.EDIT) {
        ctx.distGit().updatePullRequest(repoId, existing.number(), f.title(), f.body());
      }
      return "updated pull request #" + existing.number() + " into " + f.branch();
    }
    // The fork as the forge names it: <user>/<pkg> on GitHub-style forges, forks/<user>/rpms/<pkg> on Pagure.
    RepoId forkId = fork.get().id();
    PullRequest created = ctx.distGit().createPullRequest(repoId, new PullRequestSpec(f.title(), f.body(), forkId, b, f.branch()));
    return "opened pull request #" + created.number() + " into " + f.branch() + " (" + created.webUrl() + ")";
  }
}
