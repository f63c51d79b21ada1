package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.Redaction;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.FedoraInstance;
import dev.packit.fedora.FedoraServices;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.forge.Forge;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The release road from an upstream tag to Fedora updates: propose_downstream and
 * pull_from_upstream, koji_build and bodhi_update, each planned first and applied second.
 *
 * <pre>{@code
 * try (ReleaseWorkflow wf = ReleaseWorkflow.builder()
 *     .distGit(pagure, URI.create("https://src.fedoraproject.org/"))
 *     .lookaside(lookaside).koji(koji).bodhi(bodhi).downloads(http)
 *     .workDir(Path.of("/var/tmp/packit"))
 *     .build()) {
 *   Plan plan = wf.planProposeDownstream(request);
 *   System.out.println(plan.render());            // a dry run is just the plan
 *   RunResult result = wf.apply(plan);
 *   if (!result.retryableFailures().isEmpty()) { queue.retryLater(request); }   // a rerun finishes what is left
 * }
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
 * <p>Immutable and thread-safe: share one instance. Close it when done: that stops the thread pool
 * it made for itself (an executor passed to {@link Builder#executor} is the caller's to stop).
 *
 * <p>This class is the front door: each job family has its planner ({@code ProposePlanner},
 * {@code KojiPlanner}, {@code SideTagPlanner}, {@code BodhiPlanner}), each step kind its executor,
 * and the decisions are pure functions ({@code Rules}, {@code Texts}, {@code AfterMerge}), all
 * package-private and sharing one context built here.
 */
public final class ReleaseWorkflow implements AutoCloseable {

  /** The default time limit of one job: generous, it only stops a job that is stuck. */
  public static final java.time.Duration DEFAULT_JOB_TIMEOUT = java.time.Duration.ofMinutes(30);

  /**
   * Prefix of the reason of a branch that could not be planned: a failure, not a rule; {@link #apply} reports it FAILED.
   * Prefer {@link BranchPlan#planningFailed()} or {@link BranchResult#failure()}.
   */
  public static final String CANNOT_PLAN = BranchPlan.CANNOT_PLAN;

  private final WorkflowContext ctx;
  private final URI distGitGitBase;
  private final ExecutorService ownExecutor;
  private final ProposePlanner propose;
  private final KojiPlanner kojiPlanner;
  private final SideTagPlanner sideTags;
  private final BodhiPlanner bodhiPlanner;
  private final Applier applier;

  private ReleaseWorkflow(Builder b) {
    Objects.requireNonNull(b.distGit, "distGit forge is required");
    this.distGitGitBase = Objects.requireNonNull(b.distGitGitBase, "dist-git git base URI is required");
    Path workDir = Objects.requireNonNull(b.workDir, "workDir is required");
    this.ownExecutor = b.executor == null ? Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "packit-workflow");
      t.setDaemon(true);
      return t;
    }) : null;
    ExecutorService executor = b.executor == null ? ownExecutor : b.executor;
    Workspace workspace = new Workspace(workDir, distGitGitBase, b.namespace, b.gitCredentials, b.clock, b.gitTimeout, b.listener);
    Archives archives = new Archives(b.downloads, workDir, workspace, b.insecureDownloads, b.insecureHosts);
    this.ctx = new WorkflowContext(b.upstream, b.distGit, b.namespace, b.defaultBranch, b.gitCredentials,
        new BotIdentity(b.botUser, b.distGit, b.identity), b.checkMonitoring, b.monitoringFallback,
        b.lookaside, b.koji, b.bodhi, b.clock, executor, b.listener, b.prPolicy, b.releases, b.actions,
        b.gitTimeout, b.jobTimeout, workspace, archives);
    FastForwards fastForwards = new FastForwards(ctx);
    this.propose = new ProposePlanner(ctx, fastForwards);
    this.sideTags = new SideTagPlanner(ctx);
    this.kojiPlanner = new KojiPlanner(ctx, sideTags);
    this.bodhiPlanner = new BodhiPlanner(ctx, kojiPlanner);
    this.applier = new Applier(ctx, fastForwards);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Plans a job request from {@link JobDispatcher#dispatch(dev.packit.fedora.jobs.Trigger, PackitConfig)}:
   * each kind goes to its planning method below. Never throws for a request it cannot plan (a job
   * needing a Koji or Bodhi client this workflow lacks, a service failing): its branches are then
   * {@link BranchPlan#planningFailed()}.
   *
   * <pre>{@code
   * Plan plan = workflow.plan(JobRequest.fromJson(queued));
   * RunResult result = workflow.apply(plan);
   * }</pre>
   *
   * @param request the job request
   * @return the plan
   * @since 0.2.0
   */
  public Plan plan(dev.packit.fedora.jobs.JobRequest request) {
    return new RequestPlanner(this, ctx.distGit(), ctx.koji() != null, ctx.bodhi() != null).plan(request);
  }

  // ---------------------------------------------------------------- propose_downstream, pull_from_upstream

  /**
   * Plans propose_downstream (or pull_from_upstream): per branch, the spec edit, the archive
   * upload, the {@code sources} and {@code .gitignore} changes, the commit and the pull request
   * (whose body says what happens after merge); or why the branch is skipped. Downloads the release
   * archive (once) to hash it; changes nothing remote.
   *
   * @param request the release and the branches
   * @return the plan
   * @throws PackitClientException when the tag does not match {@code upstream_tag_template}
   */
  public Plan planProposeDownstream(ProposeDownstreamRequest request) {
    return propose.planProposeDownstream(request);
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
    return propose.planPullFromUpstream(request);
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
    return TagVersions.versionFromTag(tag, template);
  }

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
    return Configs.distGitConfig(ctx, pkg);
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
    return kojiPlanner.planKojiBuild(push, config, pullRequestAuthor);
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
    return kojiPlanner.planKojiBuild(packageName, branches, scratch);
  }

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
    return kojiPlanner.planSideTagBuild(pkg, branch, config);
  }

  // ---------------------------------------------------------------- bodhi_update

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

  /**
   * Plans bodhi_update for a Koji build that changed state: only COMPLETE, non-scratch builds of
   * an allowed builder on a configured branch that no update contains yet.
   *
   * @param change the {@code buildsys.build.state.change} message
   * @param config the package config from the dist-git default branch
   * @param branches the configured branches of the bodhi_update job, resolved from aliases
   * @return the plan, one branch
   * @throws PackitClientException when the workflow has no Bodhi client and the build would get an update
   */
  public Plan planBodhiUpdate(KojiBuildStateChange change, PackitConfig config, List<String> branches) {
    return bodhiPlanner.planBodhiUpdate(change, config, branches);
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
    return bodhiPlanner.planBodhiUpdate(packageName, branches, builds, type, notes);
  }

  // ---------------------------------------------------------------- apply

  /**
   * Carries out a plan: branches in parallel on the executor, steps in order within a branch. A
   * failing branch is reported (with a typed {@link BranchResult#failure()} that says whether a
   * retry can help) and does not stop the others.
   *
   * @param plan the plan
   * @return one result per branch, in plan order
   * @throws JobTimeoutException when the job's time limit passed; it carries every branch's result
   */
  public RunResult apply(Plan plan) {
    return applier.apply(plan);
  }

  /**
   * Stops the thread pool this workflow made for itself (none when the builder was given an
   * executor, which stays the caller's). Running jobs finish; new ones are run in the caller's thread.
   *
   * @since 0.2.0
   */
  @Override
  public void close() {
    if (ownExecutor != null) {
      ownExecutor.shutdown();
    }
  }

  /** This process's run folder (swept after a crash by the next workflow on the same work folder). */
  Path scratchDir() {
    return ctx.workspace().scratch();
  }

  @Override
  public String toString() {
    return "ReleaseWorkflow[distGit=" + Redaction.url(distGitGitBase) + ", namespace=" + ctx.namespace() + ", prPolicy="
        + ctx.prPolicy() + "]";
  }

  /** Builds a {@link ReleaseWorkflow}; dist-git and a work folder are required. */
  public static final class Builder {
    private Forge upstream;
    private Forge distGit;
    private URI distGitGitBase;
    private String namespace = FedoraInstance.production().namespace();
    private String defaultBranch = FedoraInstance.production().defaultBranch();
    // Anonymous unless set: planning only reads (clones over HTTPS); a push without credentials
    // fails at the server, naming the repository, instead of a NullPointerException in cloning.
    private GitCredentials gitCredentials = GitCredentials.none();
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
    private java.util.function.Supplier<DistroAliases> releases;
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
    public Builder aliases(@org.jspecify.annotations.Nullable DistroAliases aliases) {
      this.releases = aliases == null ? null : () -> aliases;
      return this;
    }

    /**
     * Like {@link #aliases(DistroAliases)}, read anew for each job, so a release list refreshed from
     * Bodhi ({@link FedoraServices#releases()}) is seen without rebuilding the workflow.
     *
     * @param releases the current aliases
     * @return this builder
     * @since 0.2.0
     */
    public Builder releases(java.util.function.Supplier<DistroAliases> releases) {
      this.releases = Objects.requireNonNull(releases, "releases == null");
      return this;
    }

    /**
     * Sets everything a Fedora instance gives in one call: the dist-git forge and git base,
     * namespace, default branch, git credentials, lookaside, Koji, Bodhi, the release list
     * refreshed from Bodhi, the clock and an archive download service on the shared client
     * options. Setters called afterwards override single parts.
     *
     * <pre>{@code
     * FedoraServices fedora = FedoraServices.builder(FedoraInstance.production()).build();
     * ReleaseWorkflow wf = ReleaseWorkflow.builder().fedora(fedora).workDir(dir).build();
     * }</pre>
     *
     * @param services the services bundle
     * @return this builder
     * @since 0.2.0
     */
    public Builder fedora(FedoraServices services) {
      Objects.requireNonNull(services, "services == null");
      FedoraInstance i = services.instance();
      distGit(services.distGit(), i.gitBase());
      this.namespace = i.namespace();
      this.defaultBranch = i.defaultBranch();
      this.gitCredentials = services.gitCredentials();
      this.lookaside = services.lookaside();
      this.koji = services.koji();
      this.bodhi = services.bodhi();
      this.releases = services.releases();
      this.clock = services.options().clock();
      this.downloads = services.downloads();
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
     * @param branch the dist-git default branch, where dist-git's {@code .packit.yaml} and
     *     {@code monitoring.toml} are read; {@code rawhide} by default
     * @return this builder
     * @since 0.2.0
     */
    public Builder defaultBranch(String branch) {
      this.defaultBranch = Objects.requireNonNull(branch, "branch == null");
      return this;
    }

    /**
     * @param credentials credentials for cloning and pushing dist-git repositories and forks;
     *     {@link GitCredentials#none()} (anonymous, enough to plan) by default
     * @return this builder
     */
    public Builder gitCredentials(GitCredentials credentials) {
      this.gitCredentials = Objects.requireNonNull(credentials,
          "ReleaseWorkflow.Builder.gitCredentials(null): use GitCredentials.none() for anonymous cloning");
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
     * @param executor where branches run; by default a fixed pool of 4 that {@link ReleaseWorkflow#close()} stops
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
      return new ReleaseWorkflow(this);
    }
  }
}
