package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.fedora.internal.workflow.WorkTree;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.Presence;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the dist-git steps of one branch: {@link PlannedStep.Upload}, {@link PlannedStep.Commit}
 * (with the PR policy), {@link PlannedStep.PullRequest}, {@link PlannedStep.DirectPush} and
 * {@link PlannedStep.FastForward}. One instance per branch of one apply: the steps share its clone.
 */
final class DistGitSteps implements AutoCloseable {
  private final WorkflowContext ctx;
  private final FastForwards fastForwards;
  private final Applier.Run run;
  private final Plan plan;
  private final BranchPlan bp;
  private final Path dir;
  private LocalRepository repo;
  private PlannedStep.Commit commitStep;
  private boolean forkUpToDate;

  DistGitSteps(WorkflowContext ctx, FastForwards fastForwards, Applier.Run run, Plan plan, BranchPlan bp, Path dir) {
    this.ctx = ctx;
    this.fastForwards = fastForwards;
    this.run = run;
    this.plan = plan;
    this.bp = bp;
    this.dir = dir;
  }

  StepResult upload(PlannedStep.Upload u) {
    // Hashed again, never from a cache: only the bytes the plan names are uploaded.
    HashedFile file = HashedFile.of(u.localFile(), HashType.SHA512);
    if (!file.digest(HashType.SHA512).equals(u.sha512())) {
      ctx.archives().forget(u.localFile()); // the next plan hashes it again and fetches it again
      throw new PackitClientException("archive " + u.fileName() + " at " + u.localFile() + " has SHA512 "
          + file.digest(HashType.SHA512) + ", not the " + u.sha512() + " of the plan; nothing uploaded");
    }
    // Branches share archives: one check-then-upload at a time per file, so two branches never
    // both find it missing and upload it twice.
    synchronized (ctx.archives().lock(plan.packageName() + "/" + u.sha512())) {
      if (run.inLookaside(u.sha512())) {
        return StepResult.note(u.fileName() + " already in the lookaside cache (seen by another branch of this run)");
      }
      if (ctx.lookaside().check(plan.packageName(), file) == Presence.AVAILABLE) {
        run.inLookasideNow(u.sha512());
        return StepResult.note(u.fileName() + " already in the lookaside cache");
      }
      ctx.lookaside().send(plan.packageName(), file); // just checked: upload() would check again
      run.inLookasideNow(u.sha512());
    }
    ctx.notifyListener(() -> ctx.listener().bytesUploaded(u.fileName(), u.size(), u.size()));
    return StepResult.note("uploaded " + u.fileName());
  }

  private LocalRepository repo(String targetBranch) {
    if (repo == null) {
      repo = run.mirror().checkout(targetBranch, dir, () -> ctx.workspace().cloneBranch(plan.packageName(), targetBranch, dir));
    }
    return repo;
  }

  StepResult commit(PlannedStep.Commit c) {
    commitStep = c;
    String target = bp.branch();
    boolean viaFork = !c.branch().equals(target);
    Repository fork = null;
    if (viaFork) {
      fork = run.fork(plan.packageName());
      // Into the mirror before the working tree is made, so the tree sees the fork's objects.
      run.mirror().prefetchFork(fork.cloneUrl(), target);
    }
    LocalRepository r = repo(target);
    if (!viaFork) {
      return commitFresh(c);
    }
    r.setRemote("fork", fork.cloneUrl());
    // Every head: asking for a branch the fork does not have yet is an error.
    run.mirror().fetchForkInto(fork.cloneUrl(), r);
    Optional<String> forkHead = r.plumbing().resolve("refs/remotes/fork/" + c.branch());
    List<CommitInfo> onBranch = forkHead.isPresent() ? r.plumbing().commitsBetween(c.baseCommit(), forkHead.get()) : List.of();
    // Commits on the PR branch that the target does not have; the maintainers' are the others'.
    List<CommitInfo> others = onBranch.stream().filter(ci -> !ctx.bot().authored(ci)).toList();
    switch (Rules.forkBranch(ctx.prPolicy(), forkHead.isPresent(), others.size())) {
      case REUSE_OR_REPLACE:
        r.checkout(forkHead.get());
        if (sameContent(c)) {
          forkUpToDate = true;
          return StepResult.note("fork branch " + c.branch() + " already has this change");
        }
        return commitFresh(c);
      case STOP: {
        String pr = commentOnce(c.branch(), Texts.stopComment(plan.version(),
            others.stream().map(ci -> TagVersions.shortSha(ci.id())).toList()));
        return StepResult.note("stopped: the pull request branch has " + others.size() + " commit(s) by others")
            .withPullRequest(pr).stop();
      }
      case KEEP_HUMAN_COMMITS:
        if (HumanCommits.botCommitIsCurrent(r, onBranch, c.baseCommit(), ctx.bot()::authored, () -> sameContent(c))) {
          forkUpToDate = true;
          return StepResult.note("fork branch " + c.branch() + " already has this change, with " + others.size()
              + " commit(s) by others on top");
        }
        return rebuildKeepingHumanCommits(c, forkHead.get(), others);
      case COMMIT_FRESH:
      default:
        return commitFresh(c);
    }
  }

  private StepResult commitFresh(PlannedStep.Commit c) {
    repo.checkoutNewBranch(c.branch(), c.baseCommit());
    // Checks every path and link first; never writes through a link.
    WorkTree.write(dir, c.files());
    repo.addAll();
    CommitInfo info = repo.commit(c.message(), ctx.bot().commits());
    return StepResult.note("committed " + TagVersions.shortSha(info.id()));
  }

  /** KEEP_HUMAN_COMMITS: the bot's new commit on the target, the maintainers' commits replayed on top. */
  private StepResult rebuildKeepingHumanCommits(PlannedStep.Commit c, String forkHead, List<CommitInfo> human) {
    StepResult fresh = commitFresh(c);
    Optional<CommitInfo> conflict = HumanCommits.replay(repo, human, ctx.bot().commits());
    if (conflict.isPresent()) {
      // Leave the PR branch as the maintainer left it: nothing is pushed.
      repo.checkoutNewBranch(c.branch(), forkHead);
      CommitInfo bad = conflict.get();
      String pr = commentOnce(c.branch(), Texts.conflictComment(plan.version(), TagVersions.shortSha(bad.id()), bad.shortMessage(),
          bad.author().name()));
      return StepResult.note("stopped: commit " + TagVersions.shortSha(bad.id()) + " by " + bad.author().name()
          + " conflicts with the new change").withPullRequest(pr).stop();
    }
    return StepResult.note(fresh.note() + ", replayed " + human.size() + " commit(s) by others on top");
  }

  private boolean sameContent(PlannedStep.Commit c) {
    return WorkTree.matches(dir, c.files());
  }

  StepResult pullRequest(PlannedStep.PullRequest p) {
    RepoId repoId = ctx.distGitRepo(plan.packageName());
    String pushNote;
    if (forkUpToDate) {
      pushNote = "nothing to push";
    } else {
      repo.push(PushRequest.builder("fork").refSpec("refs/heads/" + p.sourceBranch() + ":refs/heads/" + p.sourceBranch())
          .force(true).credentials(ctx.gitCredentials()).build());
      pushNote = "pushed " + p.sourceBranch();
    }
    Optional<PullRequest> open = ctx.distGit().findOpenPullRequest(repoId, p.sourceBranch(), p.targetBranch(), ctx.bot().login());
    Rules.PullRequestAction action = Rules.pullRequest(open.map(o -> new String[] {o.title(), o.body()}), p.title(), p.body());
    PullRequest result;
    String note;
    switch (action) {
      case KEEP:
        result = open.get();
        // A rerun that changed nothing must not claim an update.
        note = forkUpToDate ? ", pull request #" + result.number() + " is up to date"
            : ", pull request #" + result.number() + " has the new commit";
        break;
      case EDIT:
        result = ctx.distGit().updatePullRequest(repoId, open.get().number(), p.title(), p.body());
        note = ", updated pull request #" + result.number();
        break;
      case OPEN:
      default:
        // The forge's fork, not a Pagure path: on GitHub-style forges the fork is <user>/<pkg>.
        RepoId forkId = run.fork(plan.packageName()).id();
        result = ctx.distGit().createPullRequest(repoId, new PullRequestSpec(p.title(), p.body(), forkId, p.sourceBranch(),
            p.targetBranch()));
        note = ", opened pull request #" + result.number();
        break;
    }
    return StepResult.note(pushNote + note).withPullRequest(String.valueOf(result.webUrl()));
  }

  /** Comments on the bot's open PR unless the bot already said exactly this there (reruns stay quiet); returns its URL. */
  private String commentOnce(String sourceBranch, String text) {
    RepoId repoId = ctx.distGitRepo(plan.packageName());
    String me = ctx.bot().login();
    Optional<PullRequest> open = ctx.distGit().findOpenPullRequest(repoId, sourceBranch, bp.branch(), me);
    if (open.isEmpty()) {
      return "";
    }
    boolean said;
    try {
      said = ctx.distGit().comments(repoId, open.get().number()).stream()
          .anyMatch(cm -> cm.body().equals(text) && (cm.author().isEmpty() || cm.author().equals(me)));
    } catch (UnsupportedOperationException e) {
      said = false;
    }
    if (!said) {
      ctx.distGit().comment(repoId, open.get().number(), text);
    }
    return String.valueOf(open.get().webUrl());
  }

  StepResult directPush(PlannedStep.DirectPush d) {
    repo.push(PushRequest.builder("origin").refSpec("refs/heads/" + commitStep.branch() + ":refs/heads/" + d.branch())
        .credentials(ctx.gitCredentials()).build());
    return StepResult.note("pushed to " + d.branch());
  }

  StepResult fastForward(PlannedStep.FastForward f) {
    // A plan that resumes fast-forwards has no commit step: the key branch is checked out for it.
    LocalRepository r = repo != null ? repo : repo(bp.branch());
    return StepResult.note(fastForwards.apply(f, plan, bp.branch(), r, commitStep, () -> run.fork(plan.packageName())));
  }

  @Override
  public void close() {
    if (repo != null) {
      repo.close();
    }
  }
}
