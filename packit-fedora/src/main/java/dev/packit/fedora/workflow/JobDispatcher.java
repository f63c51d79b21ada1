package dev.packit.fedora.workflow;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobTrigger;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.jobs.ConfigLocation;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.DispatchResult;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.jobs.JobSkip;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.messaging.AnityaVersionUpdate;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.ForgejoEvent;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.KojiTag;
import dev.packit.fedora.messaging.NewHotnessUpdate;
import dev.packit.fedora.messaging.PagurePullRequestEvent;
import dev.packit.forge.webhook.CommandType;
import dev.packit.forge.webhook.CommentCommand;
import dev.packit.forge.webhook.CommentCommandParser;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.ReleaseEvent;
import dev.packit.forge.webhook.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Triggers in, job requests out: decides which configured jobs a webhook, a fedora-messaging
 * message or a comment command starts, on which dist-git branches, as Packit's service does
 * (section 6 of its behaviour), and says why when it starts none.
 *
 * <pre>{@code
 * JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(fedoraReleases), ConfigResolver.fedora());
 * Trigger trigger = Trigger.of(message);
 * ConfigLocation where = dispatcher.resolver().locate(trigger).orElseThrow();   // load the config there
 * DispatchResult result = dispatcher.dispatch(trigger, where.read(distGit).orElseThrow());
 * for (JobRequest request : result.requests()) {
 *   RunResult done = workflow.apply(workflow.plan(request));
 * }
 * }</pre>
 *
 * <table>
 * <caption>What triggers what</caption>
 * <tr><th>trigger</th><th>request</th><th>config from</th></tr>
 * <tr><td>forge release published (GitHub) / created (GitLab)</td><td>{@link JobRequest.ProposeDownstream}</td><td>the tag</td></tr>
 * <tr><td>upstream comment {@code /packit propose-downstream} ({@link Trigger.Command}, with the latest release)</td><td>{@link JobRequest.ProposeDownstream}</td><td>the release's tag</td></tr>
 * <tr><td>the-new-hotness "new version" bug</td><td>{@link JobRequest.PullFromUpstream}</td><td>dist-git default branch</td></tr>
 * <tr><td>Anitya version update of a project mapped to a Fedora package</td><td>{@link JobRequest.PullFromUpstream}</td><td>dist-git default branch</td></tr>
 * <tr><td>dist-git PR comment {@code /packit pull-from-upstream}, {@code koji-build}, {@code create-update}</td><td>{@link JobRequest.PullFromUpstream},
 * {@link JobRequest.KojiBuildOnRequest}, {@link JobRequest.BodhiUpdateOnRequest}</td><td>dist-git default branch</td></tr>
 * <tr><td>dist-git push ({@code pagure.git.receive}, or {@code forgejo.push} to a package)</td><td>{@link JobRequest.KojiBuildOnPush}
 * ({@code trigger: commit})</td><td>dist-git default branch</td></tr>
 * <tr><td>build tagged into a side tag of a {@code sidetag_group} ({@code buildsys.tag})</td><td>{@link JobRequest.SideTagBuild} of the
 * dependents, {@link JobRequest.SideTagUpdate} ({@code trigger: koji_build})</td><td>dist-git default branch of each package</td></tr>
 * <tr><td>Koji build state change</td><td>{@link JobRequest.BodhiUpdateOnBuild} ({@code trigger: commit})</td><td>dist-git default branch</td></tr>
 * </table>
 *
 * <p>Only new comments command ({@code created} on GitHub, {@code create} on GitLab,
 * {@code comment.added} on Pagure): an edited or deleted comment does not run its command again.
 * The dispatcher does not know who wrote a comment may command a bot: check that before
 * dispatching, as Packit does, with {@code Forge.hasWriteAccess} on the upstream repository or
 * the dist-git package (the sample bot's {@code CommandPolicy}).
 *
 * <p>Immutable and thread-safe.
 */
public final class JobDispatcher {
  private final Supplier<DistroAliases> releases;
  private final ConfigResolver resolver;
  private final String defaultBranch;

  /**
   * Creates a dispatcher with Fedora's dist-git namespace ({@code rpms}).
   *
   * @param aliases resolves branch aliases such as {@code fedora-all}
   * @param defaultBranch the dist-git default branch ({@code rawhide} on Fedora)
   */
  public JobDispatcher(DistroAliases aliases, String defaultBranch) {
    this(aliases, new ConfigResolver(ConfigResolver.FEDORA_NAMESPACE, Objects.requireNonNull(defaultBranch, "defaultBranch")));
  }

  /**
   * Creates a dispatcher.
   *
   * @param aliases resolves branch aliases such as {@code fedora-all}
   * @param resolver the dist-git namespace and default branch, where configs live
   * @since 0.2.0
   */
  public JobDispatcher(DistroAliases aliases, ConfigResolver resolver) {
    this(constant(Objects.requireNonNull(aliases, "aliases")), resolver);
  }

  /**
   * Creates a dispatcher that reads the release list anew for each trigger, so a release branched
   * or retired while the process runs is seen without a restart.
   *
   * <pre>{@code
   * JobDispatcher dispatcher = new JobDispatcher(services.releases(), ConfigResolver.of(services.instance()));
   * }</pre>
   *
   * @param releases the current aliases, e.g. {@link dev.packit.fedora.FedoraServices#releases()}
   *     (refreshed from Bodhi); called once per dispatch
   * @param resolver the dist-git namespace and default branch, where configs live
   * @since 0.2.0
   */
  public JobDispatcher(Supplier<DistroAliases> releases, ConfigResolver resolver) {
    this.releases = Objects.requireNonNull(releases, "releases");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.defaultBranch = resolver.defaultBranch();
  }

  private static Supplier<DistroAliases> constant(DistroAliases aliases) {
    return () -> aliases;
  }

  private DistroAliases aliases() {
    return Objects.requireNonNull(releases.get(), "the release supplier returned null");
  }

  /**
   * Where configs live for this dispatcher's triggers.
   *
   * @return the resolver
   * @since 0.2.0
   */
  public ConfigResolver resolver() {
    return resolver;
  }

  // ---------------------------------------------------------------- the typed road

  /**
   * Returns the job requests a trigger starts under a config, and why it starts no other job.
   *
   * @param trigger the trigger
   * @param config the config read where {@link ConfigResolver#locate(Trigger)} says; the requests
   *     carry this text
   * @return the requests (possibly none) and the skips
   * @throws dev.packit.core.config.InvalidConfigException when the config text is invalid
   * @since 0.2.0
   */
  public DispatchResult dispatch(Trigger trigger, ConfigText config) {
    Objects.requireNonNull(config, "config");
    return dispatch(trigger, config.load(), config);
  }

  /**
   * Returns the job requests a trigger starts under a loaded config; the requests carry the config
   * written back as YAML ({@link PackitConfig#toYaml()}).
   *
   * @param trigger the trigger
   * @param config the config read where {@link ConfigResolver#locate(Trigger)} says
   * @return the requests (possibly none) and the skips
   * @since 0.2.0
   */
  public DispatchResult dispatch(Trigger trigger, PackitConfig config) {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(config, "config");
    String source = resolver.locate(trigger).map(l -> l.repository() + "@" + l.ref()).orElse("config");
    return dispatch(trigger, config, ConfigText.of(config, source + " (as dispatched)"));
  }

  private DispatchResult dispatch(Trigger trigger, PackitConfig config, ConfigText text) {
    Objects.requireNonNull(trigger, "trigger");
    Routing routing = route(trigger, config);
    List<JobRequest> requests = new ArrayList<>();
    List<JobSkip> skips = new ArrayList<>(routing.skips);
    for (Routed r : routing.routed) {
      try {
        // two jobs of one type (say koji_build on commit and on koji_build) both answer a comment
        // command: one request, not two identical builds
        toRequest(trigger, routing.message, r, config, text, skips).filter(q -> !requests.contains(q)).ifPresent(requests::add);
      } catch (IllegalArgumentException e) {
        // the event lacks a field the request needs (a blank version, tag or NVR): no job, said why
        skips.add(new JobSkip(JobSkip.Reason.NOT_APPLICABLE, r.type.yamlName() + " for " + r.packageName() + ": " + e.getMessage()));
      }
    }
    return new DispatchResult(requests, skips);
  }

  /** The one place that looks inside a trigger: its kind, state and command decide the jobs. */
  private Routing route(Trigger trigger, PackitConfig config) {
    if (trigger instanceof Trigger.Command c) {
      return commentJobs(c.comment(), config);
    } else if (trigger instanceof Trigger.Webhook w) {
      WebhookEvent event = w.event();
      if (event instanceof ReleaseEvent r) {
        if (!r.isNewRelease() || r.draft()) {
          return Routing.skip(JobSkip.Reason.IGNORED_ACTION, "release " + r.tag() + " " + r.action() + (r.draft() ? " (draft)" : ""));
        }
        return jobs(config, JobType.PROPOSE_DOWNSTREAM, JobTrigger.RELEASE, null, null);
      } else if (event instanceof CommentEvent c) {
        return commentJobs(c, config);
      }
      return Routing.skip(JobSkip.Reason.NOT_A_JOB_EVENT, "no job reacts to " + trigger.describe());
    }
    FedoraMessage message = ((Trigger.Message) trigger).message();
    if (message instanceof ForgejoEvent f) {
      Optional<DistGitPush> push = resolver.distGitPush(f);
      if (push.isEmpty()) {
        return Routing.skip(JobSkip.Reason.NOT_A_JOB_EVENT, "no job reacts to " + trigger.describe()
            + " (only a branch push to " + resolver.namespace() + "/ starts one)");
      }
      message = push.get();
    }
    Routing routing = route(message, config, trigger);
    return new Routing(routing.routed, routing.skips, message);
  }

  private Routing route(FedoraMessage message, PackitConfig config, Trigger trigger) {
    if (message instanceof NewHotnessUpdate) {
      return jobs(config, JobType.PULL_FROM_UPSTREAM, null, null, message);
    } else if (message instanceof AnityaVersionUpdate a) {
      // Packit reacts to the-new-hotness only; an Anitya update of a Fedora-mapped project is
      // accepted too (for bots without the-new-hotness), and the workflow dedupes the two.
      if (!a.packages().containsKey("Fedora") || a.version().isEmpty()) {
        return Routing.skip(JobSkip.Reason.NOT_APPLICABLE, "Anitya project " + a.projectName()
            + (a.version().isEmpty() ? " has no new version" : " is mapped to no Fedora package"));
      }
      return jobs(config, JobType.PULL_FROM_UPSTREAM, null, null, message);
    } else if (message instanceof PagurePullRequestEvent pr) {
      if (!pr.action().equals("comment.added")) {
        return Routing.skip(JobSkip.Reason.IGNORED_ACTION, "dist-git pull request " + pr.project() + "#" + pr.id() + " " + pr.action());
      }
      Optional<CommentCommand> cmd = pr.comment() == null ? Optional.empty()
          : CommentCommandParser.packit().parse(pr.comment()).filter(CommentCommand::valid);
      if (cmd.isEmpty()) {
        return Routing.skip(JobSkip.Reason.NO_COMMAND, "no valid /packit command in the comment on " + pr.project() + "#" + pr.id());
      }
      switch (cmd.get().type()) {
        case PULL_FROM_UPSTREAM:
          return jobs(config, JobType.PULL_FROM_UPSTREAM, null, null, message).with(cmd.get());
        case KOJI_BUILD:
          return jobs(config, JobType.KOJI_BUILD, null, pr.targetBranch(), message).with(cmd.get());
        case CREATE_UPDATE:
          return jobs(config, JobType.BODHI_UPDATE, null, pr.targetBranch(), message).with(cmd.get());
        default:
          return Routing.skip(JobSkip.Reason.NO_COMMAND, "/packit " + cmd.get().name() + " runs no job on a dist-git pull request");
      }
    } else if (message instanceof KojiTag t) {
      return sideTagRouting(t, config);
    } else if (message instanceof DistGitPush p) {
      return jobs(config, JobType.KOJI_BUILD, JobTrigger.COMMIT, p.branch(), message);
    } else if (message instanceof KojiBuildStateChange k) {
      if (k.newState().name().equals("DELETED") || !k.taskMethod().equals("build")) {
        return Routing.skip(JobSkip.Reason.IGNORED_ACTION, "Koji build " + k.nvr() + " "
            + k.newState().name().toLowerCase(Locale.ROOT) + " (task method " + k.taskMethod() + ")");
      }
      String branch = k.branch().orElse(k.target().replaceFirst("-candidate$", ""));
      return jobs(config, JobType.BODHI_UPDATE, JobTrigger.COMMIT, branch, message);
    }
    return Routing.skip(JobSkip.Reason.NOT_A_JOB_EVENT, "no job reacts to " + trigger.describe());
  }

  private Routing commentJobs(CommentEvent c, PackitConfig config) {
    if (!c.action().equals("created") && !c.action().equals("create")) {
      return Routing.skip(JobSkip.Reason.IGNORED_ACTION, "comment " + c.action() + " on " + c.repository().fullName() + "#" + c.number());
    }
    Optional<CommentCommand> cmd = c.command();
    if (cmd.isEmpty() || !cmd.get().valid()) {
      return Routing.skip(JobSkip.Reason.NO_COMMAND, cmd.isEmpty() ? "no /packit command in the comment"
          : "invalid command: " + cmd.get().problem());
    }
    if (cmd.get().type() != CommandType.PROPOSE_DOWNSTREAM) {
      return Routing.skip(JobSkip.Reason.NO_COMMAND, "/packit " + cmd.get().name() + " runs no job upstream");
    }
    return jobs(config, JobType.PROPOSE_DOWNSTREAM, null, null, null);
  }

  /** A routed job as a request: what the trigger said, in the fields the planner needs. */
  private Optional<JobRequest> toRequest(Trigger trigger, FedoraMessage message, Routed r, PackitConfig loaded, ConfigText config,
      List<JobSkip> skips) {
    if (trigger instanceof Trigger.Webhook w && w.event() instanceof ReleaseEvent e) {
      return Optional.of(new JobRequest.ProposeDownstream(r.packageName(), r.branches, config,
          e.forge().name().toLowerCase(Locale.ROOT), e.repository().fullName(), e.tag(), e.commitSha(), e.body(), 0));
    } else if (trigger instanceof Trigger.Command c) {
      return Optional.of(new JobRequest.ProposeDownstream(r.packageName(), r.branches, config,
          c.comment().forge().name().toLowerCase(Locale.ROOT), c.comment().repository().fullName(), c.releaseTag(), "",
          c.releaseNotes(), c.comment().number()));
    } else if (trigger instanceof Trigger.Webhook w && w.event() instanceof CommentEvent c) {
      skips.add(new JobSkip(JobSkip.Reason.NOT_APPLICABLE, "/packit propose-downstream on " + c.repository().fullName()
          + "#" + c.number() + " proposes the latest release, which only the forge knows: dispatch"
          + " Trigger.command(event, forge.latestRelease(repo)) instead"));
      return Optional.empty();
    } else if (message instanceof NewHotnessUpdate n) {
      PullFromUpstreamRequest p = PullFromUpstreamRequest.from(n, loaded, r.branches);
      return Optional.of(new JobRequest.PullFromUpstream(p.packageName(), r.branches, config, p.version(), p.resolvedBugs(),
          p.anityaProjectId()));
    } else if (message instanceof AnityaVersionUpdate a) {
      PullFromUpstreamRequest p = PullFromUpstreamRequest.from(a, loaded, r.branches);
      return Optional.of(new JobRequest.PullFromUpstream(p.packageName(), r.branches, config, p.version(), p.resolvedBugs(),
          p.anityaProjectId()));
    } else if (message instanceof PagurePullRequestEvent pr) {
      String pkg = resolver.packageOf(pr.project()).orElse(r.packageName());
      CommentCommand cmd = r.command;
      if (r.type == JobType.PULL_FROM_UPSTREAM) {
        List<String> bugs = cmd.option("--resolve-bug").map(b -> List.of(b.split(","))).orElse(List.of()).stream()
            .map(String::strip).filter(b -> !b.isEmpty()).toList();
        return Optional.of(new JobRequest.PullFromUpstream(pkg, r.branches, config, cmd.option("--version").orElse(""), bugs, 0));
      } else if (r.type == JobType.KOJI_BUILD) {
        return Optional.of(new JobRequest.KojiBuildOnRequest(pkg, r.branches, config, false, pr.agent()));
      }
      return Optional.of(new JobRequest.BodhiUpdateOnRequest(pkg, r.branches, config, List.of(), "enhancement", "", pr.agent()));
    } else if (message instanceof DistGitPush p) {
      return Optional.of(new JobRequest.KojiBuildOnPush(p.repository(), r.branches, config, p.fullName(), p.branch(),
          p.oldCommit(), p.endCommit(), p.agent(), p.pullRequest().orElse(0), "", p.changedFiles(), p.messageId()));
    } else if (message instanceof KojiBuildStateChange k) {
      return Optional.of(new JobRequest.BodhiUpdateOnBuild(k.name(), r.branches, config, k.buildId(),
          k.taskId() == null ? 0 : k.taskId(), k.name(), k.version(), k.release(), k.epoch() == null ? "" : k.epoch(),
          k.owner(), k.newState().name(), k.scmUrl(), k.target(), k.scratch(), k.instance(), k.messageId()));
    } else if (message instanceof KojiTag t) {
      String group = sideTagGroup(t.tag()).orElseThrow();
      return Optional.of(r.type == JobType.KOJI_BUILD
          ? new JobRequest.SideTagBuild(r.packageName(), r.branches, config, t.tag(), group, t.nvr())
          : new JobRequest.SideTagUpdate(r.packageName(), r.branches, config, t.tag(), group, t.nvr()));
    }
    throw new IllegalStateException("routed a job for an unexpected trigger: " + trigger.describe());
  }

  // ---------------------------------------------------------------- side tags

  /**
   * The packages whose configs to dispatch a side-tag build event with: the tagged package (for
   * its side-tag bodhi_update) and the {@code dependents} of its koji_build job of that group.
   *
   * @param tagged the {@code buildsys.tag} message
   * @param taggedConfig the config of the tagged package
   * @return package names, the tagged one first; empty when it is no side tag of a group
   */
  public List<String> sideTagPackages(KojiTag tagged, PackitConfig taggedConfig) {
    Optional<String> group = sideTagGroup(tagged.tag());
    if (!tagged.sideTag() || group.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of(tagged.name()));
    for (JobView view : taggedConfig.jobViews(JobType.KOJI_BUILD)) {
      if (view.job().sidetagGroup().equals(group)) {
        view.job().dependents().stream().filter(d -> !out.contains(d)).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * The {@code sidetag_group} a side tag made by {@code ReleaseWorkflow} belongs to: its name suffix,
   * {@code <base>-side-<id>-<group>}.
   *
   * @param sideTag the side tag name
   * @return the group, or empty for other tags
   */
  public static Optional<String> sideTagGroup(String sideTag) {
    java.util.regex.Matcher m = SIDE_TAG.matcher(sideTag);
    return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
  }

  private static final java.util.regex.Pattern SIDE_TAG = java.util.regex.Pattern.compile("(.+?)-build-side-\\d+-(.+)");

  private Routing sideTagRouting(KojiTag t, PackitConfig config) {
    Optional<String> group = sideTagGroup(t.tag());
    if (!t.sideTag() || group.isEmpty()) {
      return Routing.skip(JobSkip.Reason.NOT_APPLICABLE, "tag " + t.tag() + " is no side tag of a sidetag_group");
    }
    java.util.regex.Matcher m = SIDE_TAG.matcher(t.tag());
    m.matches();
    String prefix = m.group(1);
    List<Routed> out = new ArrayList<>();
    for (JobType type : List.of(JobType.KOJI_BUILD, JobType.BODHI_UPDATE)) {
      for (Routed job : jobs(config, type, JobTrigger.KOJI_BUILD, null, null).routed) {
        if (!job.view.job().sidetagGroup().equals(group)
            || type == JobType.KOJI_BUILD && job.packageName().equals(t.name())) {
          continue; // another group, or the tagged build itself
        }
        // rawhide's side tags are on fNN-build: a release Bodhi does not know by that branch is rawhide
        String branch = job.branches.contains(prefix) || aliases().release(prefix).isPresent() ? prefix : defaultBranch;
        if (job.branches.contains(branch)) {
          out.add(new Routed(type, job.view, List.of(branch), null));
        }
      }
    }
    if (out.isEmpty()) {
      return Routing.skip(JobSkip.Reason.NOT_CONFIGURED, "no koji_build or bodhi_update job of sidetag_group " + group.get()
          + " (trigger koji_build) for " + t.nvr() + " in " + t.tag());
    }
    return new Routing(out, List.of(), null);
  }

  // ---------------------------------------------------------------- matching jobs

  /** A job the trigger starts: its type, config view and branches; the command when a comment asked. */
  private record Routed(JobType type, JobView view, List<String> branches, CommentCommand command) {
    String packageName() {
      return view.packageName();
    }
  }

  /** The routed jobs and skips of a trigger; the message after a Forgejo relay became a push. */
  private record Routing(List<Routed> routed, List<JobSkip> skips, FedoraMessage message) {
    static Routing skip(JobSkip.Reason reason, String detail) {
      return new Routing(List.of(), List.of(new JobSkip(reason, detail)), null);
    }

    Routing with(CommentCommand command) {
      return new Routing(routed.stream().map(r -> new Routed(r.type, r.view, r.branches, command)).toList(), skips, message);
    }
  }

  private Routing jobs(PackitConfig config, JobType type, JobTrigger trigger, String onlyBranch, FedoraMessage message) {
    List<Routed> out = new ArrayList<>();
    boolean anyJob = false;
    String only = onlyBranch == null ? null : onlyBranch.toLowerCase(Locale.ROOT).equals("main") ? defaultBranch : onlyBranch;
    for (JobView view : config.jobViews(type)) {
      if (trigger != null && view.trigger() != trigger) {
        continue;
      }
      anyJob = true;
      List<String> configured = view.config().distGitBranches().names();
      List<String> branches;
      if (type == JobType.BODHI_UPDATE && configured.isEmpty()) {
        branches = List.copyOf(aliases().branches(List.of("fedora-stable"), defaultBranch, true));
      } else if (configured.isEmpty()) {
        branches = List.of(defaultBranch);
      } else {
        branches = List.copyOf(aliases().branches(configured, defaultBranch, type == JobType.KOJI_BUILD));
      }
      if (only != null) {
        if (!branches.contains(only)) {
          continue;
        }
        branches = List.of(only);
      }
      out.add(new Routed(type, view, branches, null));
    }
    if (out.isEmpty()) {
      String job = type.yamlName() + (trigger == null ? "" : " job with trigger " + trigger.name().toLowerCase(Locale.ROOT));
      return anyJob
          ? Routing.skip(JobSkip.Reason.BRANCH_NOT_CONFIGURED, "no " + job + " on branch " + only)
          : Routing.skip(JobSkip.Reason.NOT_CONFIGURED, "no " + (trigger == null ? job + " job" : job) + " in the config");
    }
    return new Routing(out, List.of(), message);
  }
}
