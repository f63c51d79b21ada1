package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Redaction;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.JobConfig;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.spec.SpecOptions;
import dev.packit.fedora.bodhi.BodhiReleases;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.forge.Repository;
import dev.packit.forge.git.LocalRepository;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans koji_build: on a dist-git push, on request, and into a side tag ({@link SideTagPlanner}). */
final class KojiPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(KojiPlanner.class);
  private final WorkflowContext ctx;
  private final SideTagPlanner sideTags;

  KojiPlanner(WorkflowContext ctx, SideTagPlanner sideTags) {
    this.ctx = ctx;
    this.sideTags = sideTags;
  }

  Plan planKojiBuild(DistGitPush push, PackitConfig config, String pullRequestAuthor) {
    String pkg = push.repository();
    String branch = push.branch();
    String cause = "push of " + TagVersions.shortSha(push.endCommit()) + " to " + push.fullName() + " " + branch + " by " + push.agent();
    CommonConfig cfg = Configs.jobConfig(config, JobType.KOJI_BUILD, "");
    BranchPlan p;
    if (!push.specChanged()) {
      p = BranchPlan.skipped(branch, "the push did not change the spec file");
    } else if (push.pullRequest().isPresent() && !Rules.allowed(cfg.allowedPrAuthors(), ctx.bot().defaultAllowed(), pullRequestAuthor)) {
      p = BranchPlan.skipped(branch, "pull request author '" + pullRequestAuthor + "' is not in allowed_pr_authors");
    } else if (push.pullRequest().isEmpty() && !Rules.allowed(cfg.allowedCommitters(), List.of(), push.agent())) {
      p = BranchPlan.skipped(branch, "committer '" + push.agent() + "' is not in allowed_committers");
    } else {
      p = planBuildAt(pkg, branch, push.endCommit(), cfg.scratch());
      Optional<JobConfig> job = SideTagPlanner.job(config, JobType.KOJI_BUILD);
      if (job.isPresent() && job.get().sidetagGroup().isPresent()) {
        p = sideTags.planBuild(p, job.get().sidetagGroup().get(), job.get().dependencies());
      }
    }
    return new Plan(JobType.KOJI_BUILD, pkg, "", cause, List.of(p));
  }

  Plan planKojiBuild(String packageName, List<String> branches, boolean scratch) {
    Objects.requireNonNull(packageName, "packageName");
    List<BranchPlan> plans = new ArrayList<>();
    for (String branch : branches) {
      try {
        plans.add(planBuildAt(packageName, branch, "", scratch));
      } catch (PackitException | UncheckedIOException e) {
        plans.add(BranchPlan.unplannable(branch, Redaction.text(e.getMessage())));
      }
    }
    return new Plan(JobType.KOJI_BUILD, packageName, "", "build of the dist-git branch heads, on request", plans);
  }

  Plan planSideTagBuild(String pkg, String branch, PackitConfig config) {
    Optional<JobConfig> job = SideTagPlanner.job(config, JobType.KOJI_BUILD);
    BranchPlan p;
    if (job.isEmpty() || job.get().sidetagGroup().isEmpty()) {
      p = BranchPlan.skipped(branch, "the koji_build job of " + pkg + " has no sidetag_group");
    } else {
      String head = ctx.distGit().branch(ctx.distGitRepo(pkg), branch).map(dev.packit.forge.Branch::commitSha)
          .orElseThrow(() -> new PackitClientException("dist-git " + pkg + " has no branch " + branch));
      p = sideTags.planBuild(planBuildAt(pkg, branch, head, false), job.get().sidetagGroup().get(), job.get().dependencies());
    }
    return new Plan(JobType.KOJI_BUILD, pkg, "", "side tag build of " + pkg + " " + branch, List.of(p));
  }

  private BranchPlan planBuildAt(String pkg, String branch, String commit, boolean scratch) {
    Path dir = ctx.workspace().folder("plan", pkg + "-" + branch);
    try (LocalRepository repo = ctx.workspace().cloneBranch(pkg, branch, dir)) {
      if (commit.isEmpty()) {
        commit = repo.head().orElseThrow(() -> new PackitClientException("dist-git branch " + branch + " is empty"));
      } else {
        repo.checkout(commit);
      }
      Path specPath = dir.resolve(pkg + ".spec");
      if (!Files.isRegularFile(specPath)) {
        return BranchPlan.skipped(branch, "no " + pkg + ".spec at " + TagVersions.shortSha(commit));
      }
      String nvr = nvrOf(specPath, branch);
      if (!scratch && ctx.koji() != null) {
        Optional<KojiBuild> existing = ctx.koji().getBuild(nvr);
        Optional<Rules.Skip> skip = existing.flatMap(b -> Rules.kojiBuildSkip(nvr, b.state().name()));
        if (skip.isPresent()) {
          return skip.get().on(branch);
        }
      }
      // Koji fetches the source itself: never hand it (or the plan) the bot's git credentials.
      String source = "git+" + withoutUserInfo(kojiCloneUri(pkg)) + "#" + commit;
      return BranchPlan.of(branch, List.of(new PlannedStep.KojiBuild(nvr, source, Rules.buildTarget(branch), scratch)));
    } finally {
      Workspace.deleteQuietly(dir);
    }
  }

  /** The NVR a branch's spec builds as, with the branch's dist tag. */
  String nvrOf(Path specPath, String branch) {
    Nevr nevr = SpecFile.read(specPath).nevr(SpecOptions.builder().define("dist " + distTag(branch)).build());
    return nevr.name() + "-" + nevr.version() + "-" + nevr.release();
  }

  /** The dist tag rpm gives a branch: {@code .fc42} for f42, {@code .el10} for epel10, rawhide's from Bodhi when known. */
  String distTag(String branch) {
    try {
      return BodhiReleases.distTag(branch, ctx.bodhi());
    } catch (PackitException ex) {
      LOG.info("cannot ask Bodhi for the dist tag of {}: {}", branch, ex.getMessage());
      return "";
    }
  }

  static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    return URI.create(uri.toString().replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^@/]*@", "$1"));
  }

  /**
   * The URL Koji clones the package from: the forge's own clone URL (Pagure's {@code git/urls},
   * Forgejo's {@code clone_url}: {@code https://src.fedoraproject.org/rpms/<pkg>.git} on either),
   * so that a clone base set to a mirror or a proxy never reaches Koji; the configured clone base
   * when the forge does not say (an anonymous view without the repository, a forge without URLs).
   */
  private URI kojiCloneUri(String pkg) {
    Optional<Repository> r;
    URI configured = ctx.workspace().packageUri(pkg);
    try {
      r = ctx.distGit().repository(ctx.distGitRepo(pkg));
    } catch (PackitServiceException e) {
      // the build must not fail on a lookup the configured clone base can stand in for
      LOG.warn("cannot ask {} for the clone URL of {}: {}; Koji builds from {}", ctx.distGit(), ctx.distGitRepo(pkg), e.getMessage(),
          configured);
      r = Optional.empty();
    }
    URI clone = r == null ? null : r.map(Repository::cloneUrl).orElse(null);
    boolean http = clone != null && clone.getScheme() != null && clone.getScheme().toLowerCase(Locale.ROOT).startsWith("http");
    return http ? clone : configured;
  }
}
