package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.Redaction;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.ConfigRegex;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobType;
import dev.packit.forge.ForgeKind;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.config.TagFilter;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.rpm.RpmVersion;
import dev.packit.core.spec.ChangelogRequest;
import dev.packit.core.spec.LineDiff;
import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.Source;
import dev.packit.core.spec.SpecFile;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiReleases;
import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.UpdateAlreadyExistsException;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.bodhi.UpdateRequest;
import dev.packit.fedora.internal.workflow.DistGitMirror;
import dev.packit.fedora.internal.workflow.ArchiveCache;
import dev.packit.fedora.internal.workflow.JobDeadline;
import dev.packit.fedora.internal.workflow.SafePaths;
import dev.packit.fedora.internal.workflow.SecureDownload;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.koji.KojiBuildRequest;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.Presence;
import dev.packit.fedora.lookaside.SourceEntry;
import dev.packit.fedora.lookaside.SourcesFile;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.forge.Forge;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release road from an upstream tag to Fedora updates: propose_downstream and
 * pull_from_upstream, koji_build and bodhi_update, each planned first and applied second.
 *
 * <pre>{@code
 * ReleaseWorkflow wf = ReleaseWorkflow.builder()
 *     .distGit(pagure, URI.create("https://src.fedoraproject.org/"))
 *     .lookaside(lookaside).koji(koji).bodhi(bodhi).downloads(http)
 *     .workDir(Path.of("/var/tmp/packit"))
 *     .build();
 * Plan plan = wf.planProposeDownstream(request);
 * System.out.println(plan.render());            // a dry run is just the plan
 * RunResult result = wf.apply(plan);
 * }</pre>
 *
 * <p><b>Idempotent and resumable.</b> Nothing is remembered between runs: uploads are checked by
 * hash, the bot's pull request is found by branch, target and author, the fork branch is compared
 * with the planned content before pushing, builds are found by NVR and updates by build. Running
 * a job again after it finished, or after a crash at any step, finishes what is left and creates
 * no duplicates.
 *
 * <p><b>Branches in parallel.</b> Each branch is planned and applied on the executor in its own
 * clone; one failing branch does not stop the others, and results are per branch. A branch no
 * executor thread has picked up yet runs in the calling thread, so jobs may call {@link #apply} (and
 * the planning methods) from the executor's own threads (one bounded pool, or virtual threads, for
 * jobs and branches) without deadlock.
 *
 * <p>Immutable and thread-safe: share one instance.
 */
public final class ReleaseWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseWorkflow.class);
  /** The dist-git default branch, where dist-git's config is read from. */
  static final String DEFAULT_BRANCH = "rawhide";
  /** The default time limit of one job: generous, it only stops a job that is stuck. */
  public static final java.time.Duration DEFAULT_JOB_TIMEOUT = java.time.Duration.ofMinutes(30);
  private static final Pattern URL_SOURCE = Pattern.compile("(?i)^(https?|ftp)://.+");

  private final Forge upstream;
  final Forge distGit;
  private final URI distGitGitBase;
  final String namespace;
  final GitCredentials gitCredentials;
  final GitIdentity identity;
  final String botUser;
  private final boolean checkMonitoring;
  private final java.util.function.Function<String, Optional<dev.packit.fedora.distgit.MonitoringSettings>> monitoringFallback;
  private final LookasideClient lookaside;
  final KojiClient koji;
  final BodhiClient bodhi;
  private final HttpService downloads;
  final Path workDir;
  private final Clock clock;
  private final ExecutorService executor;
  private final WorkflowListener listener;
  private final PrPolicy prPolicy;
  final DistroAliases aliases;
  private final FastForwards fastForwards;
  private final SideTags sideTags;
  private final ActionSettings actions;
  private final boolean insecureDownloads;
  private final java.util.Set<String> insecureHosts;
  private final java.time.Duration gitTimeout;
  private final java.time.Duration jobTimeout;
  private final Map<String, Object> archiveLocks = new ConcurrentHashMap<>();
  // Archives are hashed once per workflow and reused by every branch's plan and upload.
  private final Map<Path, HashedFile> hashes = new ConcurrentHashMap<>();
  // Clones and partial downloads live in a locked folder of this instance; a crashed process's
  // folder is swept by the next instance, so nothing half-written piles up in workDir.
  private volatile RunFolder runFolder;

  private ReleaseWorkflow(Builder b) {
    this.upstream = b.upstream;
    this.distGit = Objects.requireNonNull(b.distGit, "distGit forge is required");
    this.distGitGitBase = Objects.requireNonNull(b.distGitGitBase, "dist-git git base URI is required");
    this.namespace = b.namespace;
    this.gitCredentials = b.gitCredentials;
    this.identity = b.identity;
    this.botUser = b.botUser;
    this.checkMonitoring = b.checkMonitoring;
    this.monitoringFallback = b.monitoringFallback;
    this.lookaside = b.lookaside;
    this.koji = b.koji;
    this.bodhi = b.bodhi;
    this.downloads = b.downloads;
    this.workDir = Objects.requireNonNull(b.workDir, "workDir is required");
    this.clock = b.clock;
    this.executor = b.executor;
    this.listener = b.listener;
    this.prPolicy = b.prPolicy;
    this.aliases = b.aliases;
    this.fastForwards = new FastForwards(this);
    this.sideTags = new SideTags(this);
    this.actions = b.actions;
    this.insecureDownloads = b.insecureDownloads;
    this.insecureHosts = java.util.Set.copyOf(b.insecureHosts);
    this.gitTimeout = b.gitTimeout;
    this.jobTimeout = b.jobTimeout;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- propose_downstream

  /**
   * Plans propose_downstream (or pull_from_upstream): per branch, the spec edit, the archive
   * upload, the {@code sources} and {@code .gitignore} changes, the commit and the pull request;
   * or why the branch is skipped. Downloads the release archive (once) to hash it; changes nothing
   * remote.
   *
   * @param request the release and the branches
   * @return the plan
   * @throws PackitClientException when the tag does not match {@code upstream_tag_template}
   */
  public Plan planProposeDownstream(ProposeDownstreamRequest request) {
    CommonConfig cfg = jobConfig(request.config(), request.job(), request.packageName());
    String pkg = cfg.downstreamPackageName()
        .orElseGet(() -> request.config().repositoryName().orElse(request.upstream().name()));
    // upstream_tag_include/exclude first, as Packit's checker does: a filtered tag costs nothing.
    Optional<String> filtered = TagFilter.of(cfg).rejection(request.tag());
    if (filtered.isPresent()) {
      return new Plan(request.job(), pkg, "", "release " + request.tag() + " of " + request.upstream().fullName(),
          request.branches().stream().map(b -> BranchPlan.tagFiltered(b, filtered.get())).toList());
    }
    String version = versionFromTag(request.tag(), cfg.upstreamTagTemplate());
    String upstreamSha = upstreamCommit(request.upstream(), request.tag());
    JobDeadline deadline = JobDeadline.start(clock, jobTimeout);
    dev.packit.fedora.internal.workflow.SecretScan secrets = secretScan();
    ReleaseSync sync = new ReleaseSync(upstream, scratch(), clock, actions, request, cfg, pkg, version, upstreamSha, secrets.values());
    sync.gitTimeout(gitTimeout);
    sync.progress(gitProgress());
    List<BranchPlan> branches = new ArrayList<>();
    // One fetch of every branch; each branch plans in a working tree borrowing its objects.
    DistGitMirror mirror = mirror(pkg, request.branches(), "plan");
    try {
      deadline.run("checking out upstream tag " + request.tag(), () -> {
        sync.checkoutUpstream();
        return null;
      });
      // Branches are planned in parallel on the executor, like apply (each in a tree of the mirror);
      // the results are taken in order below.
      Map<String, FutureTask<BranchPlan>> planned = new LinkedHashMap<>();
      for (String branch : request.branches()) {
        FutureTask<BranchPlan> task = new FutureTask<>(() -> deadline.run("planning branch " + branch,
            () -> planBranch(request, cfg, pkg, version, upstreamSha, branch, sync, mirror)));
        planned.put(branch, task);
        if (request.branches().size() > 1) {
          try {
            executor.execute(task);
          } catch (RejectedExecutionException rejected) {
            // await runs it in this thread
          }
        }
      }
      List<BranchPlan> refused = new ArrayList<>();
      for (String branch : request.branches()) {
        try {
          BranchPlan bp = fastForwards.plan(await(planned.get(branch)), cfg, pkg, version, request.branches(), refused, mirror);
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
    String cause = "release " + request.tag() + " of " + request.upstream().fullName();
    return new Plan(request.job(), pkg, version, cause, branches);
  }

  /**
   * The task's result, running it in this thread if no executor thread has started it (so a caller
   * on the executor's own threads never waits for work queued behind itself); its exception as
   * thrown by the task.
   */
  private static <T> T await(FutureTask<T> task) {
    try {
      task.run();
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new PackitClientException("interrupted while planning");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private BranchPlan planBranch(ProposeDownstreamRequest request, CommonConfig cfg, String pkg, String version,
      String upstreamSha, String branch, ReleaseSync sync, DistGitMirror mirror) {
    Path dir = scratch().resolve("plan").resolve(pkg + "-" + branch + "-" + UUID.randomUUID());
    try (LocalRepository repo = mirror.checkout(branch, dir, () -> cloneBranch(pkg, branch, dir));
        ReleaseSync.Branch synced = sync.branch(branch, dir)) {
      // The plan says what each action changed, also when the branch ends up skipped.
      return planBranchIn(request, cfg, pkg, version, upstreamSha, branch, dir, repo, synced).withActions(synced.report());
    } finally {
      deleteQuietly(dir);
    }
  }

  private BranchPlan planBranchIn(ProposeDownstreamRequest request, CommonConfig cfg, String pkg, String version,
      String upstreamSha, String branch, Path dir, LocalRepository repo, ReleaseSync.Branch synced) {
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
      String rpmVersion = SpecFile.rpmVersionOf(version);
      int cmp = RpmVersion.rpmvercmp(rpmVersion, current.version());
      if (cmp == 0) {
        return BranchPlan.skipped(branch, ALREADY_AT_VERSION + current.version());
      }
      if (cmp < 0) {
        return BranchPlan.skipped(branch, "downgrade: " + branch + " has " + current.version() + ", newer than " + rpmVersion);
      }
      Optional<String> mask = cfg.versionUpdateMask();
      if (mask.isPresent() && !branch.equals("rawhide") && !branch.equals("main")) {
        String a = maskOf(mask.get(), current.version());
        String b = maskOf(mask.get(), rpmVersion);
        if (!a.equals(b)) {
          return BranchPlan.skipped(branch, "version_update_mask '" + mask.get() + "': " + current.version()
              + " and " + rpmVersion + " differ in the masked part");
        }
      }

      synced.preSync(current.version());
      Optional<String> actionMessage = synced.commitMessage();
      // files_to_sync, and the spec from upstream (or dist-git's) with the new version, release and entry.
      List<String> warnings = new ArrayList<>();
      SpecFile edited = synced.updateFiles(spec, s -> {
        SpecFile e = s.withUpstreamVersion(version).withReleaseReset();
        // Sources the version edit cannot make follow (hard-coded, packver-style, shell-computed)
        e.editWarnings(s).forEach(w -> warnings.add(pkg + ".spec " + w.render()));
        if (!e.hasAutochangelog() && !spec.hasAutochangelog()) {
          // Packit adds the bugs to its own entry only; an action's entry is the action's.
          List<String> items = synced.changelogEntry(current.version()).orElseGet(() -> {
            List<String> own = new ArrayList<>(changelogItems(cfg, request, version));
            request.resolvedBugs().forEach(bug -> own.add("Resolves: " + bug));
            return own;
          });
          ChangelogRequest entry = new ChangelogRequest(identity.name() + " <" + identity.email() + ">",
              ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC), items, null, 80);
          e = e.withChangelogEntry(entry);
        }
        return e;
      });

      List<PlannedStep> steps = new ArrayList<>();

      // Archives: the remote sources of the edited spec, downloaded once and hashed once.
      List<String> oldNames = remoteSourceNames(spec);
      List<HashedFile> archives = new ArrayList<>();
      for (Source s : edited.sources()) {
        if (!s.live() || !URL_SOURCE.matcher(s.expandedLocation()).matches()) {
          continue;
        }
        HashedFile archive = download(pkg, s.expandedLocation());
        archives.add(archive);
        if (cfg.uploadSources()) {
          steps.add(new PlannedStep.Upload(archive.filename(), archive.size(), archive.digest(HashType.SHA512), archive.path()));
        }
      }
      Path sourcesPath = dir.resolve("sources");
      SafePaths.requireNotALink(dir, "sources", "dist-git's");
      SafePaths.requireNotALink(dir, ".gitignore", "dist-git's");
      SourcesFile oldSources = Files.isRegularFile(sourcesPath) ? SourcesFile.read(sourcesPath) : SourcesFile.empty();
      List<SourceEntry> entries = new ArrayList<>();
      List<String> newNames = archives.stream().map(HashedFile::filename).toList();
      for (SourceEntry e : oldSources.entries()) {
        if (!oldNames.contains(e.filename()) && !newNames.contains(e.filename())) {
          entries.add(e);
        }
      }
      archives.forEach(a -> entries.add(a.toEntry(HashType.SHA512)));
      byte[] oldSourcesBytes = Files.isRegularFile(sourcesPath) ? Files.readAllBytes(sourcesPath) : new byte[0];
      byte[] newSourcesBytes = SourcesFile.of(entries).render().getBytes(StandardCharsets.UTF_8);
      if (!Arrays.equals(oldSourcesBytes, newSourcesBytes)) {
        SafePaths.writeFile(dir, "sources", newSourcesBytes, false);
      }
      Path gitignore = dir.resolve(".gitignore");
      byte[] oldIgnore = Files.isRegularFile(gitignore) ? Files.readAllBytes(gitignore) : new byte[0];
      String ignoreText = new String(oldIgnore, StandardCharsets.UTF_8);
      StringBuilder newIgnore = new StringBuilder(ignoreText);
      for (String name : newNames) {
        if (ignoreText.lines().noneMatch(l -> l.equals("/" + name) || l.equals(name))) {
          if (newIgnore.length() > 0 && newIgnore.charAt(newIgnore.length() - 1) != '\n') {
            newIgnore.append('\n');
          }
          newIgnore.append('/').append(name).append('\n');
        }
      }
      if (!newIgnore.toString().equals(ignoreText)) {
        SafePaths.writeFile(dir, ".gitignore", newIgnore.toString().getBytes(StandardCharsets.UTF_8), false);
      }
      synced.postModifications();
      List<PlannedStep.FileChange> files = synced.changes(List.of(pkg + ".spec", "sources", ".gitignore"));
      if (files.isEmpty()) {
        return BranchPlan.skipped(branch, "nothing to change in dist-git");
      }

      String jobName = request.job().yamlName();
      String prBranch = branch + "-update-" + jobName;
      StringBuilder bugLines = new StringBuilder();
      request.resolvedBugs().forEach(bug -> bugLines.append("- Resolves: ").append(bug).append('\n'));
      if (bugLines.length() > 0) {
        bugLines.append('\n');
      }
      String message = actionMessage.orElse("Update to " + version + " upstream release\n\n"
          + bugLines
          + "Upstream tag: " + request.tag() + "\n"
          + (upstreamSha.isEmpty() ? "" : "Upstream commit: " + upstreamSha + "\n")
          + "\nCommit authored by packit-java automation (https://packit.dev/)\n");
      boolean createPr = cfg.createPr();
      steps.add(new PlannedStep.Commit(createPr ? prBranch : branch, base, message, files));
      if (createPr) {
        String title = "Update " + branch + " to upstream release " + version;
        StringBuilder resolves = new StringBuilder();
        request.resolvedBugs().forEach(bug -> resolves.append("Resolves: ").append(bugLink(bug)).append('\n'));
        String body = "Upstream tag: " + request.tag() + "\n"
            + (upstreamSha.isEmpty() ? "" : "Upstream commit: " + upstreamSha + "\n")
            + resolves
            + "\n---\n\nThis pull request was opened by packit-java for " + request.upstream().fullName()
            + ". To change it, push to the `" + prBranch + "` branch of the fork; see the PR policy of the bot.\n";
        steps.add(new PlannedStep.PullRequest(prBranch, branch, title, body));
      } else {
        steps.add(new PlannedStep.DirectPush(branch));
      }
      return BranchPlan.of(branch, steps).withWarnings(warnings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dist-git checkout of " + branch, e);
    }
  }

  private static final java.util.regex.Pattern RHBZ = java.util.regex.Pattern.compile("rhbz#(\\d+)");

  /** {@code rhbz#N} as a Markdown link to Red Hat Bugzilla, like Packit's pull requests; other forms as given. */
  static String bugLink(String bug) {
    java.util.regex.Matcher m = RHBZ.matcher(bug);
    return m.matches() ? "[" + bug + "](https://bugzilla.redhat.com/show_bug.cgi?id=" + m.group(1) + ")" : bug;
  }

  private static List<String> changelogItems(CommonConfig cfg, ProposeDownstreamRequest request, String version) {
    if (cfg.copyUpstreamReleaseDescription() && !request.releaseNotes().isBlank()) {
      List<String> lines = new ArrayList<>();
      for (String line : request.releaseNotes().strip().split("\\R")) {
        String l = line.strip();
        if (!l.isEmpty()) {
          // Literal text: the changelog entry escapes it for rpm (SpecFile.literal).
          lines.add(l.replaceFirst("^[*-]\\s*", ""));
        }
      }
      if (!lines.isEmpty()) {
        return lines;
      }
    }
    return List.of("Update to version " + version);
  }

  static String maskOf(String mask, String version) {
    // RE2/J: a mask from config runs in linear time, whatever the tag (issue 13 row 6).
    return ConfigRegex.compile("version_update_mask", mask).firstMatch(version).orElse("");
  }

  private static List<String> remoteSourceNames(SpecFile spec) {
    List<String> names = new ArrayList<>();
    for (Source s : spec.sources()) {
      if (URL_SOURCE.matcher(s.expandedLocation()).matches()) {
        names.add(fileNameOf(s.expandedLocation()));
      }
    }
    return names;
  }

  /** rpm's rule: the name after the last '/', where a {@code #/name} fragment overrides the path. */
  static String fileNameOf(String url) {
    String u = url;
    int hash = u.lastIndexOf("#/");
    if (hash >= 0) {
      return u.substring(hash + 2);
    }
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    return u.substring(u.lastIndexOf('/') + 1);
  }

  private HashedFile download(String pkg, String url) {
    if (downloads == null) {
      throw new PackitClientException("no HTTP service configured for archive downloads");
    }
    String name = fileNameOf(url);
    if (SourceEntry.nameProblem(name).isPresent()) {
      throw new PackitClientException("refusing archive name from " + Redaction.url(url) + ": " + SourceEntry.nameProblem(name).get());
    }
    // Content-addressed per package (SHA-256 of package and URL): no other package's run reaches it.
    Path dir = ArchiveCache.folder(workDir.resolve("archives"), pkg, url);
    Path target = dir.resolve(name);
    synchronized (archiveLocks.computeIfAbsent(target.toString(), k -> new Object())) {
      try {
        if (Files.isRegularFile(target)) {
          HashedFile cached = hashOnce(target);
          if (ArchiveCache.recorded(dir).equals(Optional.of(cached.digest(HashType.SHA512)))) {
            return cached;
          }
          hashes.remove(target); // bytes this cache did not download whole: fetch them again
        }
        ArchiveCache.forget(dir);
        Files.createDirectories(dir);
        Path parts = Files.createDirectories(scratch().resolve("downloads"));
        String fetchUrl = url.contains("#/") ? url.substring(0, url.lastIndexOf("#/")) : url;
        // HTTPS only unless allowed; every redirect hop is checked.
        new SecureDownload(downloads, insecureDownloads, insecureHosts).fetch(URI.create(fetchUrl), target, parts);
        HashedFile fresh = hashOnce(target);
        ArchiveCache.record(dir, fresh.digest(HashType.SHA512));
        return fresh;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot download " + Redaction.url(url), e);
      }
    }
  }

  /** Hashes an archive unless it was hashed before and has not changed on disk since. */
  private HashedFile hashOnce(Path file) {
    HashedFile known = hashes.get(file);
    if (known != null) {
      try {
        known.requireUnchanged();
        return known;
      } catch (PackitClientException changed) {
        hashes.remove(file, known);
      }
    }
    HashedFile fresh = HashedFile.of(file, HashType.SHA512);
    hashes.put(file, fresh);
    return fresh;
  }

  private String upstreamCommit(RepoId repo, String tag) {
    if (upstream == null) {
      return "";
    }
    try {
      return upstream.tags(repo).filter(t -> t.name().equals(tag)).findFirst().map(t -> t.commitSha()).orElse("");
    } catch (PackitException e) {
      LOG.info("cannot look up the commit of tag {}: {}", tag, e.getMessage());
      return "";
    }
  }

  /**
   * Extracts the version from a tag with {@code upstream_tag_template} (e.g. {@code v{version}}).
   *
   * @param tag the tag
   * @param template the template
   * @return the version
   * @throws PackitClientException when the tag does not match, or when the version it gives is not a
   *     valid literal rpm Version (no {@code %}: no macro may travel from an upstream into a spec)
   */
  public static String versionFromTag(String tag, String template) {
    String t = template == null || template.isBlank() ? "{version}" : template;
    StringBuilder regex = new StringBuilder("^");
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(t);
    int last = 0;
    boolean hasVersion = false;
    while (m.find()) {
      regex.append(ConfigRegex.quote(t.substring(last, m.start())));
      if (m.group(1).equals("version")) {
        regex.append("(?P<version>.+?)");
        hasVersion = true;
      } else {
        regex.append(".+?");
      }
      last = m.end();
    }
    regex.append(ConfigRegex.quote(t.substring(last))).append('$');
    // RE2/J: several placeholders against a long hostile tag would backtrack polynomially.
    Optional<String> v = hasVersion ? ConfigRegex.compile("upstream_tag_template", regex.toString()).wholeMatchGroup(tag, "version")
        : Optional.empty();
    if (v.isEmpty()) {
      throw new PackitClientException("tag '" + tag + "' does not match upstream_tag_template '" + t + "'");
    }
    // The trust boundary for tags: checked before anything is cloned, written or run with the version.
    String version = v.get();
    String rpmVersion = SpecFile.rpmVersionOf(version);
    Optional<String> problem = RpmVersion.versionProblem(rpmVersion);
    if (problem.isPresent()) {
      throw new PackitClientException("tag '" + tag + "' gives version '" + rpmVersion
          + "', which is not a valid rpm Version: it " + problem.get());
    }
    return version;
  }

  private static CommonConfig jobConfig(PackitConfig config, JobType type, String packageName) {
    List<JobView> views = config.jobViews(type);
    for (JobView v : views) {
      if (packageName.isEmpty() || v.packageName().equals(packageName)) {
        return v.config();
      }
    }
    if (!packageName.isEmpty()) {
      return config.packageConfig(packageName)
          .orElseThrow(() -> new PackitClientException("no package '" + packageName + "' in the config"));
    }
    return config.singlePackage();
  }

  // ---------------------------------------------------------------- pull_from_upstream

  /**
   * Reads the package's config from dist-git, where pull_from_upstream, koji_build and
   * bodhi_update take it from: the first of {@code .packit.yaml}, {@code .packit.yml},
   * {@code packit.yaml}, {@code packit.yml} on the default branch ({@code rawhide}).
   *
   * @param pkg the dist-git package
   * @return the config, with the package as repository name
   * @throws PackitClientException when dist-git has no config for the package
   */
  public PackitConfig distGitConfig(String pkg) {
    RepoId repo = distGitRepo(pkg);
    for (String name : PackitConfigLoader.CONFIG_FILE_NAMES) {
      Optional<dev.packit.forge.FileContent> f = distGit.file(repo, name, DEFAULT_BRANCH);
      if (f.isPresent()) {
        return PackitConfigLoader.builder().repositoryName(pkg).build().load(f.get().bytes(), repo.path() + "/" + name);
      }
    }
    throw new PackitClientException("no .packit.yaml on the " + DEFAULT_BRANCH + " branch of dist-git " + repo.path());
  }

  /**
   * Plans pull_from_upstream for a new upstream version (the-new-hotness or Anitya): the same
   * per-branch work as propose_downstream on the dist-git spec (version, release, changelog, the
   * archive from the spec's {@code Source} URLs with the new version, {@code sources},
   * {@code .gitignore}), committed on {@code <branch>-update-pull_from_upstream}; the commit and
   * the pull request name the resolved bugs. The upstream tag is {@code upstream_tag_template}
   * with the version; its commit is looked up when {@code upstream_project_url} is set.
   *
   * @param request the package, version, dist-git config and branches
   * @return the plan
   */
  public Plan planPullFromUpstream(PullFromUpstreamRequest request) {
    Optional<String> off = monitoringOff(request.packageName());
    if (off.isPresent()) {
      return new Plan(JobType.PULL_FROM_UPSTREAM, request.packageName(), request.version(),
          "new upstream version " + request.version() + " of " + request.packageName(),
          request.branches().stream().map(b -> BranchPlan.skipped(b, off.get())).toList());
    }
    PackitConfig config = request.config().repositoryName().isPresent() ? request.config()
        : request.config().toBuilder().repositoryName(request.packageName()).build();
    CommonConfig cfg = jobConfig(config, JobType.PULL_FROM_UPSTREAM, "");
    String template = cfg.upstreamTagTemplate() == null || cfg.upstreamTagTemplate().isBlank() ? "{version}" : cfg.upstreamTagTemplate();
    String tag = template.replace("{version}", request.version())
        .replace("{upstream_package_name}", cfg.upstreamPackageName().orElse(request.packageName()));
    RepoId upstreamRepo = cfg.upstreamProjectUrl().flatMap(ReleaseWorkflow::repoOfUrl)
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
          steps.add(new PlannedStep.PullRequest(p.sourceBranch(), p.targetBranch(), p.title(), withRefs(p.body(), refs)));
        } else if (step instanceof PlannedStep.FastForward f && f.viaPullRequest()) {
          steps.add(new PlannedStep.FastForward(f.branch(), f.fromBranch(), true, f.title(), withRefs(f.body(), refs)));
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
    if (!checkMonitoring) {
      return Optional.empty();
    }
    RepoId repo = distGitRepo(pkg);
    String file = repo + "/" + dev.packit.fedora.distgit.MonitoringSettings.FILE;
    Optional<dev.packit.forge.FileContent> content = distGit.file(repo, dev.packit.fedora.distgit.MonitoringSettings.FILE, "rawhide");
    if (content != null && content.isPresent()) {
      dev.packit.fedora.distgit.MonitoringSettings s = dev.packit.fedora.distgit.MonitoringSettings.parse(content.get().text(), file + "@rawhide");
      return s.monitoring() ? Optional.empty() : Optional.of("release monitoring is off in " + file + " (monitoring = false)");
    }
    if (distGit.kind() == ForgeKind.FORGEJO) {
      // the-new-hotness: once dist-git is on Forgejo, a package without the file is not monitored
      return Optional.of("release monitoring is off: " + repo + " has no " + dev.packit.fedora.distgit.MonitoringSettings.FILE
          + " on rawhide (on Forgejo dist-git a missing file means off)");
    }
    if (monitoringFallback != null) {
      Optional<dev.packit.fedora.distgit.MonitoringSettings> legacy = monitoringFallback.apply(pkg);
      if (legacy != null && legacy.isPresent() && !legacy.get().monitoring()) {
        return Optional.of("release monitoring is off for " + repo + " (dist-git's monitoring status)");
      }
    }
    return Optional.empty();
  }

  /** Adds the release-monitoring line where Packit has it: after the upstream lines, before the bugs. */
  private static String withRefs(String body, CharSequence refs) {
    int bugs = body.indexOf("Resolves: ");
    int cut = bugs >= 0 ? bugs : body.indexOf("\n---\n");
    return cut < 0 ? body + "\n" + refs : body.substring(0, cut) + refs + body.substring(cut);
  }

  /** {@code https://github.com/owner/name(.git)} to {@code owner/name}. */
  static Optional<RepoId> repoOfUrl(String url) {
    try {
      String path = URI.create(url.strip()).getPath();
      if (path == null) {
        return Optional.empty();
      }
      path = path.replaceAll("/+$", "").replaceAll("\\.git$", "");
      String[] parts = path.replaceAll("^/+", "").split("/");
      if (parts.length < 2) {
        return Optional.empty();
      }
      return Optional.of(new RepoId(parts[parts.length - 2], parts[parts.length - 1], null));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- koji_build

  /**
   * Plans koji_build for a dist-git push: builds only when the push changed the spec, the
   * committer (or the merged PR's author) is allowed and the NVR is not built or building yet.
   *
   * @param push the {@code pagure.git.receive} message
   * @param config the package config from the dist-git default branch
   * @param pullRequestAuthor the author of the merged PR when the push merged one, else empty
   * @return the plan, one branch
   */
  public Plan planKojiBuild(DistGitPush push, PackitConfig config, String pullRequestAuthor) {
    String pkg = push.repository();
    String branch = push.branch();
    String cause = "push of " + shortSha(push.endCommit()) + " to " + push.fullName() + " " + branch + " by " + push.agent();
    CommonConfig cfg = jobConfig(config, JobType.KOJI_BUILD, "");
    BranchPlan p;
    if (!push.specChanged()) {
      p = BranchPlan.skipped(branch, "the push did not change the spec file");
    } else if (push.pullRequest().isPresent() && !allowed(cfg.allowedPrAuthors(), List.of("packit", botUser), pullRequestAuthor)) {
      p = BranchPlan.skipped(branch, "pull request author '" + pullRequestAuthor + "' is not in allowed_pr_authors");
    } else if (push.pullRequest().isEmpty() && !allowed(cfg.allowedCommitters(), List.of(), push.agent())) {
      p = BranchPlan.skipped(branch, "committer '" + push.agent() + "' is not in allowed_committers");
    } else {
      p = planBuildAt(pkg, branch, push.endCommit(), cfg.scratch());
      Optional<dev.packit.core.config.JobConfig> job = SideTags.job(config, JobType.KOJI_BUILD);
      if (job.isPresent() && job.get().sidetagGroup().isPresent()) {
        p = sideTags.planBuild(p, job.get().sidetagGroup().get(), job.get().dependencies());
      }
    }
    return new Plan(JobType.KOJI_BUILD, pkg, "", cause, List.of(p));
  }

  /**
   * Plans a Koji build of the head of each dist-git branch, on request (what {@code packit build
   * in-koji} does): no committer checks, since the caller asked for it; a branch whose NVR is
   * already building or built is skipped.
   *
   * @param packageName the dist-git package
   * @param branches the dist-git branches
   * @param scratch whether to plan scratch builds
   * @return the plan, one entry per branch
   */
  public Plan planKojiBuild(String packageName, List<String> branches, boolean scratch) {
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

  /** Prefix of the reason of a branch that could not be planned: a failure, not a rule; {@link #apply} reports it FAILED. */
  public static final String CANNOT_PLAN = "cannot plan: ";

  /** How a skip because the branch has the release already begins. */
  static final String ALREADY_AT_VERSION = "already at version ";

  /**
   * Plans koji_build of a branch's head into the side tag of the package's {@code sidetag_group}:
   * what a {@code dependents} package does when a build of its group lands in the side tag
   * ({@link JobDispatcher#sideTagPackages}). Skips as {@link #planKojiBuild(DistGitPush, PackitConfig, String)} does.
   *
   * @param pkg the dist-git package
   * @param branch the dist-git branch
   * @param config the package config from dist-git (its koji_build job has the group)
   * @return the plan, one branch
   */
  public Plan planSideTagBuild(String pkg, String branch, PackitConfig config) {
    Optional<dev.packit.core.config.JobConfig> job = SideTags.job(config, JobType.KOJI_BUILD);
    BranchPlan p;
    if (job.isEmpty() || job.get().sidetagGroup().isEmpty()) {
      p = BranchPlan.skipped(branch, "the koji_build job of " + pkg + " has no sidetag_group");
    } else {
      String head = distGit.branch(distGitRepo(pkg), branch).map(dev.packit.forge.Branch::commitSha)
          .orElseThrow(() -> new PackitClientException("dist-git " + pkg + " has no branch " + branch));
      p = sideTags.planBuild(planBuildAt(pkg, branch, head, false), job.get().sidetagGroup().get(), job.get().dependencies());
    }
    return new Plan(JobType.KOJI_BUILD, pkg, "", "side tag build of " + pkg + " " + branch, List.of(p));
  }

  /**
   * Plans the bodhi_update of a {@code sidetag_group} on a branch: one update {@code from_tag} the
   * group's side tag with the latest build of the package and of its {@code dependencies}, once all
   * of them have a complete build there (else skipped, waiting). An update of that side tag with the
   * same builds skips; one with older builds is edited.
   *
   * @param group the {@code sidetag_group}
   * @param branch the dist-git branch
   * @param config the package config from dist-git (its bodhi_update job has the group)
   * @param pkg the package
   * @return the plan, one branch
   */
  public Plan planSideTagUpdate(String group, String branch, PackitConfig config, String pkg) {
    return sideTags.planUpdate(group, branch, config, pkg);
  }

  private BranchPlan planBuildAt(String pkg, String branch, String commit, boolean scratch) {
    Path dir = scratch().resolve("plan").resolve(pkg + "-" + branch + "-" + UUID.randomUUID());
    try (LocalRepository repo = cloneBranch(pkg, branch, dir)) {
      if (commit.isEmpty()) {
        commit = repo.head().orElseThrow(() -> new PackitClientException("dist-git branch " + branch + " is empty"));
      } else {
        repo.checkout(commit);
      }
      Path specPath = dir.resolve(pkg + ".spec");
      if (!Files.isRegularFile(specPath)) {
        return BranchPlan.skipped(branch, "no " + pkg + ".spec at " + shortSha(commit));
      }
      String nvr = nvrOf(specPath, branch);
      if (!scratch && koji != null) {
        Optional<KojiBuild> existing = koji.getBuild(nvr);
        if (existing.isPresent()) {
          String state = existing.get().state().name();
          if (state.equals("BUILDING") || state.equals("COMPLETE")) {
            return BranchPlan.skipped(branch, nvr + " is already " + state.toLowerCase(Locale.ROOT) + " in Koji");
          }
        }
      }
      // Koji fetches the source itself: never hand it (or the plan) the bot's git credentials.
      String source = "git+" + withoutUserInfo(kojiCloneUri(pkg)) + "#" + commit;
      String target = branch.equals("main") ? "rawhide" : branch;
      return BranchPlan.of(branch, List.of(new PlannedStep.KojiBuild(nvr, source, target, scratch)));
    } finally {
      deleteQuietly(dir);
    }
  }

  private String nvrOf(Path specPath, String branch) {
    Nevr nevr = SpecFile.read(specPath).nevr(dev.packit.core.spec.SpecOptions.builder()
        .define("dist " + distTag(branch)).build());
    return nevr.name() + "-" + nevr.version() + "-" + nevr.release();
  }

  /** The dist tag rpm gives a branch: {@code .fc42} for f42, {@code .el10} for epel10, rawhide's from Bodhi when known. */
  private String distTag(String branch) {
    try {
      return BodhiReleases.distTag(branch, bodhi);
    } catch (PackitException ex) {
      LOG.info("cannot ask Bodhi for the dist tag of {}: {}", branch, ex.getMessage());
      return "";
    }
  }

  // ---------------------------------------------------------------- bodhi_update

  /**
   * Plans bodhi_update for a Koji build that changed state: only COMPLETE, non-scratch builds of
   * an allowed builder on a configured branch that no update contains yet.
   *
   * @param change the {@code buildsys.build.state.change} message
   * @param config the package config from the dist-git default branch
   * @param branches the configured branches of the bodhi_update job, resolved from aliases
   * @return the plan, one branch
   */
  public Plan planBodhiUpdate(KojiBuildStateChange change, PackitConfig config, List<String> branches) {
    String nvr = change.nvr();
    String branch = change.branch().orElse(change.target().replaceFirst("-candidate$", ""));
    String cause = "Koji build " + nvr + " " + change.newState().name().toLowerCase(Locale.ROOT) + " (owner " + change.owner() + ")";
    CommonConfig cfg = jobConfig(config, JobType.BODHI_UPDATE, "");
    BranchPlan p;
    if (!change.newState().name().equals("COMPLETE")) {
      p = BranchPlan.skipped(branch, "build is " + change.newState().name().toLowerCase(Locale.ROOT) + ", not complete");
    } else if (change.scratch()) {
      p = BranchPlan.skipped(branch, "scratch builds get no update");
    } else if (!branches.contains(branch)) {
      p = BranchPlan.skipped(branch, "branch " + branch + " is not configured for bodhi_update");
    } else if (!allowed(cfg.allowedBuilders(), List.of("packit", botUser), change.owner())) {
      p = BranchPlan.skipped(branch, "builder '" + change.owner() + "' is not in allowed_builders");
    } else {
      List<BodhiUpdate> existing = bodhi.allUpdates(UpdateQuery.builder().builds(List.of(nvr)).build());
      if (!existing.isEmpty()) {
        p = BranchPlan.skipped(branch, "update " + existing.get(0).alias() + " already contains " + nvr);
      } else {
        String release = bodhiRelease(branch);
        String notes = "Automatic update for " + nvr + ".";
        p = BranchPlan.of(branch, List.of(new PlannedStep.BodhiUpdate(nvr, release, "enhancement", notes)));
      }
    }
    return new Plan(JobType.BODHI_UPDATE, change.name(), change.version(), cause, List.of(p));
  }

  /**
   * Plans Bodhi updates on request (what {@code packit create-update} does): per branch, the given
   * build whose release carries the branch's dist tag (or the only given build for a single
   * branch), else the NVR of the branch head's spec. A branch is skipped when Koji has not
   * completed that build, or an update already contains it.
   *
   * @param packageName the dist-git package
   * @param branches the dist-git branches
   * @param builds NVRs to use, empty to take each branch head's NVR
   * @param type the update type ({@code enhancement}, {@code bugfix}, {@code security}, {@code newpackage})
   * @param notes the update notes, empty for a default text
   * @return the plan, one entry per branch
   */
  public Plan planBodhiUpdate(String packageName, List<String> branches, List<String> builds, String type, String notes) {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(notes, "notes");
    if (bodhi == null) {
      throw new PackitClientException("no Bodhi client configured");
    }
    List<BranchPlan> plans = new ArrayList<>();
    for (String branch : branches) {
      try {
        plans.add(planUpdateOn(packageName, branch, builds, branches.size() == 1, type, notes));
      } catch (PackitException | UncheckedIOException e) {
        plans.add(BranchPlan.unplannable(branch, Redaction.text(e.getMessage())));
      }
    }
    return new Plan(JobType.BODHI_UPDATE, packageName, "", "update of the latest builds, on request", plans);
  }

  private BranchPlan planUpdateOn(String pkg, String branch, List<String> builds, boolean single, String type, String notes) {
    String nvr;
    if (builds.isEmpty()) {
      Path dir = scratch().resolve("plan").resolve(pkg + "-" + branch + "-" + UUID.randomUUID());
      try (LocalRepository repo = cloneBranch(pkg, branch, dir)) {
        Path specPath = repo.directory().resolve(pkg + ".spec");
        if (!Files.isRegularFile(specPath)) {
          return BranchPlan.skipped(branch, "no " + pkg + ".spec on " + branch);
        }
        nvr = nvrOf(specPath, branch);
      } finally {
        deleteQuietly(dir);
      }
    } else {
      String dist = distTag(branch);
      Optional<String> match = builds.stream().filter(b -> !dist.isEmpty() && b.endsWith(dist)).findFirst();
      if (match.isEmpty() && single && builds.size() == 1) {
        match = Optional.of(builds.get(0));
      }
      if (match.isEmpty()) {
        return BranchPlan.skipped(branch, "none of the given builds is for " + branch);
      }
      nvr = match.get();
    }
    if (koji != null) {
      Optional<KojiBuild> built = koji.getBuild(nvr);
      if (built.isEmpty()) {
        return BranchPlan.skipped(branch, nvr + " is not in Koji");
      }
      String state = built.get().state().name();
      if (!state.equals("COMPLETE")) {
        return BranchPlan.skipped(branch, nvr + " is " + state.toLowerCase(Locale.ROOT) + " in Koji, not complete");
      }
    }
    List<BodhiUpdate> existing = bodhi.allUpdates(UpdateQuery.builder().builds(List.of(nvr)).build());
    if (!existing.isEmpty()) {
      return BranchPlan.skipped(branch, "update " + existing.get(0).alias() + " already contains " + nvr);
    }
    String text = notes.isBlank() ? "Automatic update for " + nvr + "." : notes;
    return BranchPlan.of(branch, List.of(new PlannedStep.BodhiUpdate(nvr, bodhiRelease(branch), type, text)));
  }

  private String bodhiRelease(String branch) {
    return bodhi.releases(BodhiClient.ACTIVE_STATES).stream()
        .filter(r -> r.branch().equals(branch)).map(r -> r.name()).findFirst()
        .orElse(branch.toUpperCase(Locale.ROOT));
  }

  private static boolean allowed(List<String> configured, List<String> defaults, String who) {
    List<String> list = configured.isEmpty() ? defaults : configured;
    return who != null && list.contains(who);
  }

  // ---------------------------------------------------------------- apply

  /**
   * Carries out a plan: branches in parallel on the executor, steps in order within a branch. A
   * failing branch is reported and does not stop the others.
   *
   * @param plan the plan
   * @return one result per branch, in plan order
   */
  public RunResult apply(Plan plan) {
    List<String> committing = plan.branches().stream()
        .filter(bp -> bp.skipReason().isEmpty() && bp.steps().stream().anyMatch(st -> st instanceof PlannedStep.Commit))
        .map(BranchPlan::branch).toList();
    try (ApplyContext context = new ApplyContext(mirror(plan.packageName(), committing, "apply"))) {
      RunResult result = apply(plan, context);
      JobTimeoutException late = context.timedOut.get();
      if (late != null) {
        // Every branch is reported (the ones cut short FAILED); the job as a whole failed.
        throw new JobTimeoutException(late.step(), late.limit(), result, late.getCause());
      }
      return result;
    }
  }

  /** What the branches of one apply share: the dist-git mirror and the bot's fork. */
  private final class ApplyContext implements AutoCloseable {
    final DistGitMirror mirror;
    /** Archives (SHA-512) this run uploaded or found in the lookaside cache: other branches need not ask. */
    final java.util.Set<String> inLookaside = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The job's time limit, started when apply starts. */
    final JobDeadline deadline = JobDeadline.start(clock, jobTimeout);
    /** The first step the time limit stopped, if any. */
    final java.util.concurrent.atomic.AtomicReference<JobTimeoutException> timedOut = new java.util.concurrent.atomic.AtomicReference<>();
    private Repository fork;

    ApplyContext(DistGitMirror mirror) {
      this.mirror = mirror;
    }

    /** The bot's fork, looked up (or created) once per apply. */
    synchronized Repository fork(String pkg) {
      if (fork == null) {
        fork = distGit.forkOrCreate(distGitRepo(pkg));
      }
      return fork;
    }

    @Override
    public void close() {
      mirror.close();
    }
  }

  private RunResult apply(Plan plan, ApplyContext context) {
    Map<String, FutureTask<BranchResult>> tasks = new LinkedHashMap<>();
    for (BranchPlan bp : plan.branches()) {
      FutureTask<BranchResult> task = new FutureTask<>(() -> applyBranch(plan, bp, context));
      tasks.put(bp.branch(), task);
      if (plan.branches().size() > 1) {
        try {
          executor.execute(task);
        } catch (RejectedExecutionException rejected) {
          // the caller runs it below
        }
      }
    }
    List<BranchResult> results = new ArrayList<>();
    for (Map.Entry<String, FutureTask<BranchResult>> e : tasks.entrySet()) {
      BranchResult r;
      try {
        // A branch no pool thread has started yet runs here, in the caller's thread (FutureTask runs
        // once): apply() called from the executor's own threads, e.g. 200 jobs on one bounded pool,
        // never waits for work queued behind itself.
        e.getValue().run();
        r = e.getValue().get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        r = new BranchResult(e.getKey(), BranchOutcome.FAILED, "interrupted", "", "", "");
      } catch (ExecutionException ex) {
        r = new BranchResult(e.getKey(), BranchOutcome.FAILED, Redaction.text(String.valueOf(ex.getCause())), "", "", "");
      }
      results.add(r);
    }
    return new RunResult(plan, results);
  }

  private BranchResult applyBranch(Plan plan, BranchPlan bp, ApplyContext context) {
    BranchResult result;
    if (bp.skipReason().isPresent()) {
      // A branch that could not even be planned (a service down, a missing branch) failed: a bot that
      // retries failed branches must retry it, which it would not do for a skip.
      BranchOutcome outcome = bp.planningFailed() ? BranchOutcome.FAILED : BranchOutcome.SKIPPED;
      result = new BranchResult(bp.branch(), outcome, bp.skip(), "", "", "");
    } else {
      try {
        result = new BranchApplier(plan, bp, context).run();
      } catch (JobTimeoutException e) {
        context.timedOut.compareAndSet(null, e);
        LOG.warn("{} {}: {}", plan.packageName(), bp.branch(), e.getMessage());
        result = new BranchResult(bp.branch(), BranchOutcome.FAILED, Redaction.text("JobTimeoutException: " + e.getMessage()), "", "", "");
      } catch (RuntimeException e) {
        LOG.warn("{} {}: {}", plan.packageName(), bp.branch(), Redaction.text(e.getMessage()));
        result = new BranchResult(bp.branch(), BranchOutcome.FAILED, Redaction.text(e.getClass().getSimpleName() + ": " + e.getMessage()), "", "", "");
      }
    }
    BranchResult done = result;
    notifyListener(() -> listener.branchFinished(done));
    return done;
  }

  private final class BranchApplier {
    private final Plan plan;
    private final BranchPlan bp;
    private final Path dir;
    private LocalRepository repo;
    private String pr = "";
    private String build = "";
    private String update = "";
    private final List<String> notes = new ArrayList<>();
    private boolean stopped;

    private final ApplyContext context;

    BranchApplier(Plan plan, BranchPlan bp, ApplyContext context) {
      this.plan = plan;
      this.bp = bp;
      this.context = context;
      this.dir = scratch().resolve("apply").resolve(plan.packageName() + "-" + bp.branch() + "-" + UUID.randomUUID());
    }

    BranchResult run() {
      try {
        // Every file of the plan is checked before the first step, so a bad plan fails before an upload.
        bp.steps(PlannedStep.Commit.class).forEach(c -> dev.packit.fedora.internal.workflow.WorkTree.check(c.files()));
        secretScan().require(bp);
        for (PlannedStep step : bp.steps()) {
          if (stopped) {
            break;
          }
          notifyListener(() -> listener.stepStarted(bp.branch(), step));
          String note = context.deadline.run(stepName(step) + " on branch " + bp.branch(), () -> runStep(step));
          notes.add(note);
          notifyListener(() -> listener.stepFinished(bp.branch(), step, note));
        }
        return new BranchResult(bp.branch(), stopped ? BranchOutcome.SKIPPED : BranchOutcome.DONE,
            String.join("; ", notes), pr, build, update);
      } finally {
        if (repo != null) {
          repo.close();
        }
        deleteQuietly(dir);
      }
    }

    private static String stepName(PlannedStep step) {
      return step.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private String runStep(PlannedStep step) {
      if (step instanceof PlannedStep.Upload u) {
        return upload(u);
      } else if (step instanceof PlannedStep.Commit c) {
        return commit(c);
      } else if (step instanceof PlannedStep.PullRequest p) {
        return pullRequest(p);
      } else if (step instanceof PlannedStep.DirectPush d) {
        return directPush(d);
      } else if (step instanceof PlannedStep.FastForward f) {
        // A plan that resumes fast-forwards has no commit step: the key branch is checked out for it.
        return fastForwards.apply(f, plan, bp.branch(), repo != null ? repo : repo(bp.branch()), commitStep);
      } else if (step instanceof PlannedStep.SideTagBuild k) {
        build = k.nvr();
        return sideTags.applyBuild(k);
      } else if (step instanceof PlannedStep.SideTagUpdate u) {
        String[] done = sideTags.applyUpdate(u);
        update = done[0];
        build = String.join(" ", u.nvrs());
        return done[1];
      } else if (step instanceof PlannedStep.KojiBuild k) {
        return kojiBuild(k);
      } else if (step instanceof PlannedStep.BodhiUpdate u) {
        return bodhiUpdate(u);
      }
      throw new IllegalStateException("unknown step " + step);
    }

    private String upload(PlannedStep.Upload u) {
      // Hashed again, never from a cache: only the bytes the plan names are uploaded.
      HashedFile file = HashedFile.of(u.localFile(), HashType.SHA512);
      if (!file.digest(HashType.SHA512).equals(u.sha512())) {
        hashes.remove(u.localFile()); // the next plan hashes it again and fetches it again
        throw new PackitClientException("archive " + u.fileName() + " at " + u.localFile() + " has SHA512 "
            + file.digest(HashType.SHA512) + ", not the " + u.sha512() + " of the plan; nothing uploaded");
      }
      // Branches share archives: one check-then-upload at a time per file, so two branches never
      // both find it missing and upload it twice.
      synchronized (archiveLocks.computeIfAbsent(plan.packageName() + "/" + u.sha512(), k -> new Object())) {
        if (context.inLookaside.contains(u.sha512())) {
          return u.fileName() + " already in the lookaside cache (seen by another branch of this run)";
        }
        if (lookaside.check(plan.packageName(), file) == Presence.AVAILABLE) {
          context.inLookaside.add(u.sha512());
          return u.fileName() + " already in the lookaside cache";
        }
        lookaside.send(plan.packageName(), file); // just checked: upload() would check again
        context.inLookaside.add(u.sha512());
      }
      notifyListener(() -> listener.bytesUploaded(u.fileName(), u.size(), u.size()));
      return "uploaded " + u.fileName();
    }

    private LocalRepository repo(String targetBranch) {
      if (repo == null) {
        repo = context.mirror.checkout(targetBranch, dir, () -> cloneBranch(plan.packageName(), targetBranch, dir));
      }
      return repo;
    }

    private PlannedStep.Commit commitStep;
    private boolean forkUpToDate;

    private String commit(PlannedStep.Commit c) {
      commitStep = c;
      String target = bp.branch();
      boolean viaFork = !c.branch().equals(target);
      Repository fork = null;
      if (viaFork) {
        fork = context.fork(plan.packageName());
        // Into the mirror before the working tree is made, so the tree sees the fork's objects.
        context.mirror.prefetchFork(fork.cloneUrl(), target);
      }
      LocalRepository r = repo(target);
      if (viaFork) {
        r.setRemote("fork", fork.cloneUrl());
        // Every head: asking for a branch the fork does not have yet is an error.
        context.mirror.fetchForkInto(fork.cloneUrl(), r);
        Optional<String> forkHead = r.plumbing().resolve("refs/remotes/fork/" + c.branch());
        if (forkHead.isPresent()) {
          String head = forkHead.get();
          // Commits on the PR branch that the target does not have; the maintainers' are the others'.
          List<CommitInfo> onBranch = r.plumbing().commitsBetween(c.baseCommit(), head);
          List<CommitInfo> human = onBranch.stream().filter(ci -> !isBot(ci)).toList();
          if (human.isEmpty() || prPolicy == PrPolicy.UPDATE) {
            r.checkout(head);
            if (sameContent(c)) {
              forkUpToDate = true;
              return "fork branch " + c.branch() + " already has this change";
            }
          } else if (prPolicy == PrPolicy.STOP) {
            stopped = true;
            commentOnce(c.branch(), "packit-java did not update this pull request to " + plan.version()
                + ": its branch has " + human.size() + " commit(s) by others ("
                + human.stream().map(ci -> shortSha(ci.id())).reduce((a, b) -> a + ", " + b).orElse("")
                + ") and the bot's PR policy is STOP. Update it by hand, or close it to let the bot open a new one.");
            return "stopped: the pull request branch has " + human.size() + " commit(s) by others";
          } else if (HumanCommits.botCommitIsCurrent(r, onBranch, c.baseCommit(), this::isBot, () -> sameContent(c))) {
            forkUpToDate = true;
            return "fork branch " + c.branch() + " already has this change, with " + human.size() + " commit(s) by others on top";
          } else {
            return rebuildKeepingHumanCommits(c, head, human);
          }
        }
      }
      return commitFresh(c);
    }

    private String commitFresh(PlannedStep.Commit c) {
      repo.checkoutNewBranch(c.branch(), c.baseCommit());
      writeFiles(c);
      repo.addAll();
      CommitInfo info = repo.commit(c.message(), identity);
      return "committed " + shortSha(info.id());
    }

    /** KEEP_HUMAN_COMMITS: the bot's new commit on the target, the maintainers' commits replayed on top. */
    private String rebuildKeepingHumanCommits(PlannedStep.Commit c, String forkHead, List<CommitInfo> human) {
      String note = commitFresh(c);
      Optional<CommitInfo> conflict = HumanCommits.replay(repo, human, identity);
      if (conflict.isPresent()) {
        // Leave the PR branch as the maintainer left it: nothing is pushed.
        repo.checkoutNewBranch(c.branch(), forkHead);
        stopped = true;
        CommitInfo bad = conflict.get();
        commentOnce(c.branch(), "packit-java did not update this pull request to " + plan.version()
            + ": commit " + shortSha(bad.id()) + " (\"" + bad.shortMessage() + "\" by " + bad.author().name()
            + ") does not apply on top of the new release change. Rebase the branch by hand, or close the pull"
            + " request to let the bot open a new one.");
        return "stopped: commit " + shortSha(bad.id()) + " by " + bad.author().name() + " conflicts with the new change";
      }
      return note + ", replayed " + human.size() + " commit(s) by others on top";
    }

    private boolean isBot(CommitInfo ci) {
      return ci.author().email().equals(identity.email());
    }

    private boolean sameContent(PlannedStep.Commit c) {
      return dev.packit.fedora.internal.workflow.WorkTree.matches(dir, c.files());
    }

    private void writeFiles(PlannedStep.Commit c) {
      // Checks every path and link first; never writes through a link.
      dev.packit.fedora.internal.workflow.WorkTree.write(dir, c.files());
    }

    private String pullRequest(PlannedStep.PullRequest p) {
      RepoId repoId = distGitRepo(plan.packageName());
      String pushNote;
      if (forkUpToDate) {
        pushNote = "nothing to push";
      } else {
        repo.push(PushRequest.builder("fork").refSpec("refs/heads/" + p.sourceBranch() + ":refs/heads/" + p.sourceBranch())
            .force(true).credentials(gitCredentials).build());
        pushNote = "pushed " + p.sourceBranch();
      }
      String me = botUser.isEmpty() ? distGit.currentUser().login() : botUser;
      Optional<PullRequest> open = distGit.findOpenPullRequest(repoId, p.sourceBranch(), p.targetBranch(), me);
      PullRequest result;
      if (open.isPresent()) {
        PullRequest existing = open.get();
        boolean same = existing.title().equals(p.title()) && existing.body().equals(p.body());
        result = same ? existing : distGit.updatePullRequest(repoId, existing.number(), p.title(), p.body());
        pr = String.valueOf(result.webUrl());
        // A rerun that changed nothing must not claim an update.
        return pushNote + (same && !forkUpToDate ? ", pull request #" + result.number() + " has the new commit"
            : same ? ", pull request #" + result.number() + " is up to date" : ", updated pull request #" + result.number());
      }
      // The forge's fork, not a Pagure path: on Forgejo the fork is <user>/<pkg>.
      RepoId forkId = context.fork(plan.packageName()).id();
      result = distGit.createPullRequest(repoId, new PullRequestSpec(p.title(), p.body(), forkId, p.sourceBranch(), p.targetBranch()));
      pr = String.valueOf(result.webUrl());
      return pushNote + ", opened pull request #" + result.number();
    }

    /** Comments on the bot's open PR unless the bot already said exactly this there (reruns stay quiet). */
    private void commentOnce(String sourceBranch, String text) {
      RepoId repoId = distGitRepo(plan.packageName());
      String me = botUser.isEmpty() ? distGit.currentUser().login() : botUser;
      distGit.findOpenPullRequest(repoId, sourceBranch, bp.branch(), me).ifPresent(open -> {
        pr = String.valueOf(open.webUrl());
        boolean said;
        try {
          said = distGit.comments(repoId, open.number()).stream()
              .anyMatch(cm -> cm.body().equals(text) && (cm.author().isEmpty() || cm.author().equals(me)));
        } catch (UnsupportedOperationException e) {
          said = false;
        }
        if (!said) {
          distGit.comment(repoId, open.number(), text);
        }
      });
    }

    private String directPush(PlannedStep.DirectPush d) {
      repo.push(PushRequest.builder("origin").refSpec("refs/heads/" + commitStep.branch() + ":refs/heads/" + d.branch())
          .credentials(gitCredentials).build());
      return "pushed to " + d.branch();
    }

    private String kojiBuild(PlannedStep.KojiBuild k) {
      build = k.nvr();
      if (!k.scratch()) {
        Optional<KojiBuild> existing = koji.getBuild(k.nvr());
        if (existing.isPresent() && !existing.get().state().name().equals("FAILED")
            && !existing.get().state().name().equals("CANCELED") && !existing.get().state().name().equals("DELETED")) {
          return k.nvr() + " already " + existing.get().state().name().toLowerCase(Locale.ROOT);
        }
      }
      KojiBuildRequest req = k.scratch()
          ? KojiBuildRequest.builder().source(k.source()).target(k.target()).scratch(true).build()
          : KojiBuildRequest.of(k.source(), k.target());
      long task = koji.build(req);
      return "submitted Koji task " + task + " for " + k.nvr();
    }

    private String bodhiUpdate(PlannedStep.BodhiUpdate u) {
      build = u.nvr();
      List<BodhiUpdate> existing = bodhi.allUpdates(UpdateQuery.builder().builds(List.of(u.nvr())).build());
      if (!existing.isEmpty()) {
        update = existing.get(0).alias();
        return "update " + update + " already contains " + u.nvr();
      }
      try {
        BodhiUpdate created = bodhi.createUpdate(UpdateRequest.builder().builds(List.of(u.nvr()))
            .notes(u.notes()).type(u.type()).build()).first();
        update = created.alias();
        return "created update " + update;
      } catch (UpdateAlreadyExistsException e) {
        update = e.existingAlias().orElse("");
        return "an update for " + u.nvr() + " already exists";
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** This instance's scratch folder, created (and the folders of dead runs swept) on first use. */
  /** This process's run folder (swept after a crash by the next workflow on the same work folder). */
  Path scratchDir() {
    return scratch();
  }

  /** Every secret value this workflow knows, which no plan may publish. */
  private dev.packit.fedora.internal.workflow.SecretScan secretScan() {
    Map<String, String> known = new LinkedHashMap<>();
    if (gitCredentials instanceof GitCredentials.Https h) {
      known.put("the git credentials", h.password().reveal());
    } else if (gitCredentials instanceof GitCredentials.SshKey k && k.passphrase() != null) {
      known.put("the SSH key passphrase", k.passphrase().reveal());
    }
    for (int i = 0; i < actions.secretValues().size(); i++) {
      known.put("ActionSettings.secretValues[" + i + "]", actions.secretValues().get(i).reveal());
    }
    known.putAll(dev.packit.fedora.internal.workflow.SecretScan.secretNamed(actions.environment(), "ActionSettings.environment", false));
    known.putAll(dev.packit.fedora.internal.workflow.SecretScan.secretNamed(System.getenv(), "this JVM's environment", true));
    return dev.packit.fedora.internal.workflow.SecretScan.of(known);
  }

  private Path scratch() {
    RunFolder f = runFolder;
    if (f == null) {
      synchronized (this) {
        f = runFolder;
        if (f == null) {
          f = RunFolder.create(workDir, this);
          runFolder = f;
        }
      }
    }
    return f.dir();
  }

  RepoId distGitRepo(String pkg) {
    return new RepoId(namespace, pkg, null);
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
    try {
      r = distGit.repository(distGitRepo(pkg));
    } catch (dev.packit.core.PackitServiceException e) {
      // the build must not fail on a lookup the configured clone base can stand in for
      LOG.warn("cannot ask {} for the clone URL of {}: {}; Koji builds from {}", distGit, distGitRepo(pkg), e.getMessage(),
          gitUri(namespace + "/" + pkg));
      r = Optional.empty();
    }
    URI clone = r == null ? null : r.map(Repository::cloneUrl).orElse(null);
    boolean http = clone != null && clone.getScheme() != null && clone.getScheme().toLowerCase(Locale.ROOT).startsWith("http");
    return http ? clone : gitUri(namespace + "/" + pkg);
  }

  URI gitUri(String path) {
    return distGitGitBase.resolve(path + ".git");
  }

  /** A mirror of the package's dist-git for one plan or apply; the caller closes it. */
  DistGitMirror mirror(String pkg, List<String> branches, String phase) {
    return new DistGitMirror(gitUri(namespace + "/" + pkg), branches, gitCredentials,
        scratch().resolve(phase).resolve(pkg + "-mirror-" + UUID.randomUUID()), clock, gitTimeout).progress(gitProgress());
  }

  /** Git fetch progress to the listener (whose failures are logged and ignored). */
  dev.packit.forge.git.GitProgress gitProgress() {
    return (location, task, done, total) -> notifyListener(() -> listener.gitProgress(location, task, done, total));
  }

  LocalRepository cloneBranch(String pkg, String branch, Path dir) {
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir.getParent(), e);
    }
    return LocalRepository.cloneFrom(CloneRequest.builder(gitUri(namespace + "/" + pkg), dir)
        .branch(branch).singleBranch(true).credentials(gitCredentials).timeout(gitTimeout).build(), clock);
  }

  private void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("workflow listener failed: {}", Redaction.text(String.valueOf(e)));
    }
  }

  static String shortSha(String sha) {
    return sha.length() > 10 ? sha.substring(0, 10) : sha;
  }

  static void deleteQuietly(Path dir) {
    dev.packit.fedora.internal.workflow.Trees.deleteQuietly(dir);
  }

  @Override
  public String toString() {
    return "ReleaseWorkflow[distGit=" + Redaction.url(distGitGitBase) + ", namespace=" + namespace + ", prPolicy=" + prPolicy + "]";
  }

  /** Builds a {@link ReleaseWorkflow}; dist-git and a work folder are required. */
  public static final class Builder {
    private Forge upstream;
    private Forge distGit;
    private URI distGitGitBase;
    private String namespace = "rpms";
    private GitCredentials gitCredentials;
    private GitIdentity identity = GitIdentity.of("Packit", "hello@packit.dev");
    private String botUser = "";
    private boolean checkMonitoring = true;
    private java.util.function.Function<String, Optional<dev.packit.fedora.distgit.MonitoringSettings>> monitoringFallback;
    private LookasideClient lookaside;
    private KojiClient koji;
    private BodhiClient bodhi;
    private HttpService downloads;
    private Path workDir;
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;
    private WorkflowListener listener = WorkflowListener.NONE;
    private PrPolicy prPolicy = PrPolicy.UPDATE;
    private DistroAliases aliases;
    private ActionSettings actions = ActionSettings.off();
    private boolean insecureDownloads;
    private java.util.Set<String> insecureHosts = java.util.Set.of();
    private java.time.Duration gitTimeout = LocalRepository.DEFAULT_TRANSPORT_TIMEOUT;
    private java.time.Duration jobTimeout = DEFAULT_JOB_TIMEOUT;

    Builder() {}

    /**
     * @param aliases resolves aliases in {@code fast_forward_merge_into} (e.g. {@code fedora-branched});
     *     without it only plain branch names are understood there
     * @return this builder
     */
    public Builder aliases(DistroAliases aliases) {
      this.aliases = aliases;
      return this;
    }

    /**
     * Whether and how the config's {@code actions} run. Off by default: a propose_downstream or
     * pull_from_upstream job whose config has actions it would run fails at planning, naming them.
     *
     * @param settings e.g. {@code ActionSettings.on().withTimeout(Duration.ofMinutes(5))}
     * @return this builder
     */
    public Builder actions(ActionSettings settings) {
      this.actions = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Allows archive downloads over plain HTTP from every host. Off by default: only HTTPS, and a
     * redirect from HTTPS to HTTP is refused either way.
     *
     * @param allow whether plain HTTP is allowed
     * @return this builder
     */
    public Builder allowInsecureDownloads(boolean allow) {
      this.insecureDownloads = allow;
      return this;
    }

    /**
     * Allows archive downloads over plain HTTP from these hosts only (e.g. a mirror on a trusted network).
     *
     * @param hosts host names or addresses, compared ignoring case
     * @return this builder
     */
    public Builder allowInsecureDownloadHosts(java.util.Collection<String> hosts) {
      this.insecureHosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
      return this;
    }

    /**
     * @param forge the upstream forge, used to find the tag's commit (optional)
     * @return this builder
     */
    public Builder upstream(Forge forge) {
      this.upstream = forge;
      return this;
    }

    /**
     * @param forge the dist-git forge (Pagure) for forks and pull requests
     * @param gitBase where dist-git repositories are cloned from, e.g. {@code https://src.fedoraproject.org/}
     * @return this builder
     */
    public Builder distGit(Forge forge, URI gitBase) {
      this.distGit = forge;
      this.distGitGitBase = gitBase.toString().endsWith("/") ? gitBase : URI.create(gitBase + "/");
      return this;
    }

    /**
     * @param namespace the dist-git namespace, {@code rpms} by default
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * @param credentials credentials for cloning and pushing dist-git repositories and forks
     * @return this builder
     */
    public Builder gitCredentials(GitCredentials credentials) {
      this.gitCredentials = credentials;
      return this;
    }

    /**
     * @param identity author and committer of the bot's commits
     * @return this builder
     */
    public Builder identity(GitIdentity identity) {
      this.identity = identity;
      return this;
    }

    /**
     * @param user the bot's dist-git user name (fork owner, PR author); asked from the forge when unset
     * @return this builder
     */
    public Builder botUser(String user) {
      this.botUser = user;
      return this;
    }

    /**
     * Whether pull_from_upstream first reads {@code monitoring.toml} from dist-git's rawhide
     * branch and does nothing when monitoring is off there (on by default). A package without the
     * file: off on Forgejo dist-git (as the-new-hotness treats it), on Pagure the
     * {@link #monitoringFallback fallback} decides, or nothing stops the job.
     *
     * @param check false to skip the check
     * @return this builder
     */
    public Builder checkMonitoring(boolean check) {
      this.checkMonitoring = check;
      return this;
    }

    /**
     * What decides monitoring for a package without {@code monitoring.toml} while dist-git is on
     * Pagure, e.g. Pagure's legacy endpoint:
     *
     * <pre>{@code
     * builder.monitoringFallback(pkg -> MonitoringSettings.legacyPagure(http, URI.create("https://src.fedoraproject.org/"), "rpms", pkg));
     * }</pre>
     *
     * @param fallback package name to settings, empty when it cannot tell
     * @return this builder
     */
    public Builder monitoringFallback(java.util.function.Function<String, Optional<dev.packit.fedora.distgit.MonitoringSettings>> fallback) {
      this.monitoringFallback = Objects.requireNonNull(fallback, "fallback == null");
      return this;
    }

    /**
     * @param client the lookaside cache
     * @return this builder
     */
    public Builder lookaside(LookasideClient client) {
      this.lookaside = client;
      return this;
    }

    /**
     * @param client the Koji hub
     * @return this builder
     */
    public Builder koji(KojiClient client) {
      this.koji = client;
      return this;
    }

    /**
     * @param client Bodhi
     * @return this builder
     */
    public Builder bodhi(BodhiClient client) {
      this.bodhi = client;
      return this;
    }

    /**
     * @param http the HTTP service archives are downloaded with
     * @return this builder
     */
    public Builder downloads(HttpService http) {
      this.downloads = http;
      return this;
    }

    /**
     * @param dir a folder for clones and downloaded archives
     * @return this builder
     */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /**
     * Sets the connect/read timeout of every git clone, fetch and push (default 60 s): a git server
     * that accepts the connection and never answers fails the operation with a
     * {@link dev.packit.forge.git.GitTimeoutException} naming the host and repository.
     *
     * @param timeout a positive duration (whole seconds)
     * @return this builder
     */
    public Builder gitTimeout(java.time.Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("gitTimeout must be positive: " + timeout);
      }
      this.gitTimeout = timeout;
      return this;
    }

    /**
     * Sets the time limit of one job (default {@link ReleaseWorkflow#DEFAULT_JOB_TIMEOUT}): each planning call and
     * each {@code apply}, measured on the workflow's clock, checked before every step; a step still
     * running when the limit passes is interrupted. The job then fails with a
     * {@link JobTimeoutException} naming the step; what it left is resumed by running it again.
     *
     * @param limit a positive duration
     * @return this builder
     */
    public Builder jobTimeout(java.time.Duration limit) {
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("jobTimeout must be positive: " + limit);
      }
      this.jobTimeout = limit;
      return this;
    }

    /**
     * @param clock the clock for changelog dates and commit times
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param executor where branches run; a fixed pool of 4 by default
     * @return this builder
     */
    public Builder executor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /**
     * @param listener progress listener
     * @return this builder
     */
    public Builder listener(WorkflowListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @param policy what to do when the bot's PR has commits by others
     * @return this builder
     */
    public Builder prPolicy(PrPolicy policy) {
      this.prPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** @return the workflow */
    public ReleaseWorkflow build() {
      if (executor == null) {
        executor = Executors.newFixedThreadPool(4, r -> {
          Thread t = new Thread(r, "packit-workflow");
          t.setDaemon(true);
          return t;
        });
      }
      return new ReleaseWorkflow(this);
    }
  }
}
