package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.Redaction;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.TagFilter;
import dev.packit.core.spec.ChangelogRequest;
import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.Source;
import dev.packit.core.spec.SpecFile;
import dev.packit.fedora.distgit.MonitoringSettings;
import dev.packit.fedora.distgit.NewSources;
import dev.packit.fedora.internal.workflow.DistGitMirror;
import dev.packit.fedora.internal.workflow.JobDeadline;
import dev.packit.fedora.internal.workflow.SafePaths;
import dev.packit.fedora.internal.workflow.SecretScan;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.forge.FileContent;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans propose_downstream and pull_from_upstream: per branch the spec edit, the archives, the
 * {@code sources} and {@code .gitignore} changes (through {@link NewSources}), the commit and the
 * pull request (or direct push), then the fast-forwards.
 */
final class ProposePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(ProposePlanner.class);
  private static final Pattern URL_SOURCE = Pattern.compile("(?i)^(https?|ftp)://.+");

  private final WorkflowContext ctx;
  private final FastForwards fastForwards;

  ProposePlanner(WorkflowContext ctx, FastForwards fastForwards) {
    this.ctx = ctx;
    this.fastForwards = fastForwards;
  }

  Plan planProposeDownstream(ProposeDownstreamRequest request) {
    CommonConfig cfg = Configs.jobConfig(request.config(), request.job(), request.packageName());
    String pkg = cfg.downstreamPackageName()
        .orElseGet(() -> request.config().repositoryName().orElse(request.upstream().name()));
    String cause = "release " + request.tag() + " of " + request.upstream().fullName();
    // upstream_tag_include/exclude first, as Packit's checker does: a filtered tag costs nothing.
    Optional<String> filtered = TagFilter.of(cfg).rejection(request.tag());
    if (filtered.isPresent()) {
      return new Plan(request.job(), pkg, "", cause,
          request.branches().stream().map(b -> BranchPlan.tagFiltered(b, filtered.get())).toList());
    }
    String version = TagVersions.versionFromTag(request.tag(), cfg.upstreamTagTemplate());
    String upstreamSha = upstreamCommit(request.upstream(), request.tag());
    JobDeadline deadline = JobDeadline.start(ctx.clock(), ctx.jobTimeout());
    SecretScan secrets = ctx.secretScan();
    ReleaseSync sync = new ReleaseSync(ctx.upstream(), ctx.workspace().scratch(), ctx.clock(), ctx.actions(), request, cfg, pkg,
        version, upstreamSha, secrets.values());
    sync.gitTimeout(ctx.gitTimeout());
    sync.progress(ctx.workspace().gitProgress());
    List<BranchPlan> branches = new ArrayList<>();
    // One fetch of every branch; each branch plans in a working tree borrowing its objects.
    DistGitMirror mirror = ctx.workspace().mirror(pkg, request.branches(), "plan");
    try {
      deadline.run("checking out upstream tag " + request.tag(), () -> {
        sync.checkoutUpstream();
        return null;
      });
      Release release = new Release(request, cfg, pkg, version, upstreamSha, sync, mirror);
      // Branches are planned in parallel on the executor, like apply (each in a tree of the mirror).
      Map<String, FutureTask<BranchPlan>> planned = Parallel.start(ctx.executor(), request.branches(),
          branch -> () -> deadline.run("planning branch " + branch, () -> planBranch(release, branch)));
      List<BranchPlan> refused = new ArrayList<>();
      for (String branch : request.branches()) {
        try {
          BranchPlan bp = fastForwards.plan(Parallel.await(planned.get(branch)), cfg, pkg, version, request.branches(), refused, mirror);
          secrets.require(bp); // refused, not published, when an action or input smuggled a secret in
          branches.add(bp);
        } catch (JobTimeoutException e) {
          throw e; // the job fails as a whole, naming the step
        } catch (PackitException | UncheckedIOException e) {
          branches.add(BranchPlan.unplannable(branch, Redaction.text(e.getMessage())));
        }
      }
      branches.addAll(refused);
    } finally {
      sync.close();
      mirror.close();
    }
    return new Plan(request.job(), pkg, version, cause, branches);
  }

  /** What every branch of one release shares. */
  private record Release(ProposeDownstreamRequest request, CommonConfig cfg, String pkg, String version, String upstreamSha,
      ReleaseSync sync, DistGitMirror mirror) {}

  private BranchPlan planBranch(Release r, String branch) {
    Path dir = ctx.workspace().folder("plan", r.pkg() + "-" + branch);
    try (LocalRepository repo = r.mirror().checkout(branch, dir, () -> ctx.workspace().cloneBranch(r.pkg(), branch, dir));
        ReleaseSync.Branch synced = r.sync().branch(branch, dir)) {
      // The plan says what each action changed, also when the branch ends up skipped.
      return planBranchIn(r, branch, dir, repo, synced).withActions(synced.report());
    } finally {
      Workspace.deleteQuietly(dir);
    }
  }

  private BranchPlan planBranchIn(Release r, String branch, Path dir, LocalRepository repo, ReleaseSync.Branch synced) {
    ProposeDownstreamRequest request = r.request();
    CommonConfig cfg = r.cfg();
    String pkg = r.pkg();
    String version = r.version();
    try {
      String base = repo.head().orElseThrow(() -> new PackitClientException("dist-git branch " + branch + " is empty"));
      synced.postUpstreamClone();
      Path specPath = dir.resolve(pkg + ".spec");
      SafePaths.requireNotALink(dir, pkg + ".spec", "the dist-git spec"); // an action may have swapped it
      if (!Files.isRegularFile(specPath)) {
        return BranchPlan.skipped(branch, "no " + pkg + ".spec on " + branch);
      }
      SpecFile spec = SpecFile.read(specPath);
      Nevr current = spec.nevr();
      Optional<Rules.Skip> skip = Rules.versionSkip(branch, current.version(), Rules.rpmVersion(version), cfg.versionUpdateMask());
      if (skip.isPresent()) {
        return skip.get().on(branch);
      }
      // Read before any action or files_to_sync may change the checkout: the branch's own config.
      List<String> drift = configDrift(pkg, branch, dir);
      List<String> warnings = new ArrayList<>(drift);

      synced.preSync(current.version());
      Optional<String> actionMessage = synced.commitMessage();
      // files_to_sync, and the spec from upstream (or dist-git's) with the new version, release and entry.
      SpecFile edited = synced.updateFiles(spec, s -> {
        SpecFile e = s.withUpstreamVersion(version).withReleaseReset();
        // Sources the version edit cannot make follow (hard-coded, packver-style, shell-computed)
        e.editWarnings(s).forEach(w -> warnings.add(pkg + ".spec " + w.render()));
        if (!e.hasAutochangelog() && !spec.hasAutochangelog()) {
          // Packit adds the bugs to its own entry only; an action's entry is the action's.
          List<String> items = synced.changelogEntry(current.version()).orElseGet(() -> Texts.changelogItems(
              cfg.copyUpstreamReleaseDescription(), request.releaseNotes(), version, request.resolvedBugs()));
          ChangelogRequest entry = new ChangelogRequest(ctx.bot().commits().name() + " <" + ctx.bot().commits().email() + ">",
              ZonedDateTime.now(ctx.clock()).withZoneSameInstant(ZoneOffset.UTC), items, null, 80);
          e = e.withChangelogEntry(entry);
        }
        return e;
      });

      List<PlannedStep> steps = new ArrayList<>();
      // Archives: the remote sources of the edited spec, downloaded once and hashed once.
      List<HashedFile> archives = new ArrayList<>();
      for (Source s : edited.sources()) {
        if (!s.live() || !URL_SOURCE.matcher(s.expandedLocation()).matches()) {
          continue;
        }
        HashedFile archive = ctx.archives().fetch(pkg, s.expandedLocation());
        archives.add(archive);
        if (cfg.uploadSources()) {
          steps.add(new PlannedStep.Upload(archive.filename(), archive.size(), archive.digest(HashType.SHA512), archive.path()));
        }
      }
      SafePaths.requireNotALink(dir, "sources", "dist-git's");
      SafePaths.requireNotALink(dir, ".gitignore", "dist-git's");
      // The public distgit package's rule: the previous release's archives go, others stay, new ones are listed and ignored.
      NewSources.list(dir, archives.stream().map(a -> a.toEntry(HashType.SHA512)).toList(), remoteSourceNames(spec));
      synced.postModifications();
      List<PlannedStep.FileChange> files = synced.changes(List.of(pkg + ".spec", "sources", ".gitignore"));
      if (files.isEmpty()) {
        return BranchPlan.skipped(branch, "nothing to change in dist-git");
      }

      String prBranch = Texts.prBranch(branch, request.job().yamlName());
      String message = actionMessage.orElse(Texts.commitMessage(version, request.tag(), r.upstreamSha(), request.resolvedBugs()));
      boolean createPr = cfg.createPr();
      steps.add(new PlannedStep.Commit(createPr ? prBranch : branch, base, message, files));
      if (createPr) {
        List<String> merged = new ArrayList<>();
        merged.add(branch);
        fastForwards.targetsFor(cfg, branch).stream().filter(b -> !merged.contains(b)).forEach(merged::add);
        String body = Texts.prBody(request.tag(), r.upstreamSha(), request.resolvedBugs(), request.upstream().fullName(), prBranch,
            AfterMerge.line(request.config(), merged, ctx.aliases()), drift);
        steps.add(new PlannedStep.PullRequest(prBranch, branch, Texts.prTitle(branch, version), body));
      } else {
        steps.add(new PlannedStep.DirectPush(branch));
      }
      return BranchPlan.of(branch, steps).withWarnings(warnings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dist-git checkout of " + branch, e);
    }
  }

  /**
   * The warning of a stable branch whose own {@code .packit.yaml} has other koji_build/bodhi_update
   * jobs than rawhide's (Packit reads them from rawhide only); none when the branch has no config.
   */
  private List<String> configDrift(String pkg, String branch, Path dir) {
    if (Rules.isDefaultBranch(branch)) {
      return List.of();
    }
    try {
      Optional<PackitConfig> here = Configs.readIn(dir, pkg);
      if (here.isEmpty()) {
        return List.of();
      }
      PackitConfig rawhide = Configs.fromDistGit(ctx, pkg, ctx.defaultBranch()).orElse(null);
      return AfterMerge.drift(branch, here.get(), rawhide).map(List::of).orElse(List.of());
    } catch (PackitException | UncheckedIOException e) {
      // A config the check cannot read must not stop the release; Packit would not read it either.
      LOG.info("cannot compare the config of {} {} with rawhide's: {}", pkg, branch, e.getMessage());
      return List.of();
    }
  }

  private static List<String> remoteSourceNames(SpecFile spec) {
    List<String> names = new ArrayList<>();
    for (Source s : spec.sources()) {
      if (URL_SOURCE.matcher(s.expandedLocation()).matches()) {
        names.add(TagVersions.fileNameOf(s.expandedLocation()));
      }
    }
    return names;
  }

  private String upstreamCommit(RepoId repo, String tag) {
    if (ctx.upstream() == null) {
      return "";
    }
    try {
      return ctx.upstream().tags(repo).filter(t -> t.name().equals(tag)).findFirst().map(t -> t.commitSha()).orElse("");
    } catch (PackitException e) {
      LOG.info("cannot look up the commit of tag {}: {}", tag, e.getMessage());
      return "";
    }
  }

  // ---------------------------------------------------------------- pull_from_upstream

  Plan planPullFromUpstream(PullFromUpstreamRequest request) {
    Optional<String> off = monitoringOff(request.packageName());
    if (off.isPresent()) {
      return new Plan(JobType.PULL_FROM_UPSTREAM, request.packageName(), request.version(),
          "new upstream version " + request.version() + " of " + request.packageName(),
          request.branches().stream().map(b -> BranchPlan.skipped(b, off.get())).toList());
    }
    PackitConfig config = request.config().repositoryName().isPresent() ? request.config()
        : request.config().toBuilder().repositoryName(request.packageName()).build();
    CommonConfig cfg = Configs.jobConfig(config, JobType.PULL_FROM_UPSTREAM, "");
    String tag = TagVersions.tagFor(cfg.upstreamTagTemplate(), request.version(), cfg.upstreamPackageName().orElse(request.packageName()));
    RepoId upstreamRepo = cfg.upstreamProjectUrl().flatMap(TagVersions::repoOfUrl)
        .orElse(new RepoId("", request.packageName(), null));
    Plan plan = planProposeDownstream(ProposeDownstreamRequest.builder(config, upstreamRepo, tag)
        .job(JobType.PULL_FROM_UPSTREAM).branches(request.branches()).resolvedBugs(request.resolvedBugs()).build());
    StringBuilder refs = new StringBuilder();
    if (request.anityaProjectId() > 0) {
      refs.append("Release monitoring project: https://release-monitoring.org/project/").append(request.anityaProjectId()).append('\n');
    }
    List<BranchPlan> branches = new ArrayList<>();
    for (BranchPlan bp : plan.branches()) {
      if (bp.skipReason().isPresent() || refs.length() == 0) {
        branches.add(bp);
        continue;
      }
      List<PlannedStep> steps = new ArrayList<>();
      for (PlannedStep step : bp.steps()) {
        if (step instanceof PlannedStep.PullRequest p) {
          steps.add(new PlannedStep.PullRequest(p.sourceBranch(), p.targetBranch(), p.title(), Texts.withRefs(p.body(), refs)));
        } else if (step instanceof PlannedStep.FastForward f && f.viaPullRequest()) {
          steps.add(new PlannedStep.FastForward(f.branch(), f.fromBranch(), true, f.title(), Texts.withRefs(f.body(), refs)));
        } else {
          steps.add(step);
        }
      }
      branches.add(BranchPlan.of(bp.branch(), steps).withWarnings(bp.warnings()));
    }
    String cause = "new upstream version " + request.version() + " of " + request.packageName()
        + (request.resolvedBugs().isEmpty() ? "" : " (" + String.join(", ", request.resolvedBugs()) + ")");
    return new Plan(plan.job(), plan.packageName(), plan.version(), cause, branches);
  }

  /** Why pull_from_upstream must not run for a package, read from monitoring.toml on rawhide; empty when it may. */
  private Optional<String> monitoringOff(String pkg) {
    if (!ctx.checkMonitoring()) {
      return Optional.empty();
    }
    RepoId repo = ctx.distGitRepo(pkg);
    String file = repo + "/" + MonitoringSettings.FILE;
    Optional<FileContent> content = ctx.distGit().file(repo, MonitoringSettings.FILE, ctx.defaultBranch());
    if (content != null && content.isPresent()) {
      MonitoringSettings s = MonitoringSettings.parse(content.get().text(), file + "@rawhide");
      return s.monitoring() ? Optional.empty() : Optional.of("release monitoring is off in " + file + " (monitoring = false)");
    }
    if (ctx.distGit().kind() == ForgeKind.FORGEJO) {
      // the-new-hotness: once dist-git is on Forgejo, a package without the file is not monitored
      return Optional.of("release monitoring is off: " + repo + " has no " + MonitoringSettings.FILE
          + " on rawhide (on Forgejo dist-git a missing file means off)");
    }
    if (ctx.monitoringFallback() != null) {
      Optional<MonitoringSettings> legacy = ctx.monitoringFallback().apply(pkg);
      if (legacy != null && legacy.isPresent() && !legacy.get().monitoring()) {
        return Optional.of("release monitoring is off for " + repo + " (dist-git's monitoring status)");
      }
    }
    return Optional.empty();
  }
}
