package dev.packit.fedora.workflow;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobTrigger;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.messaging.AnityaVersionUpdate;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.KojiTag;
import dev.packit.fedora.messaging.NewHotnessUpdate;
import dev.packit.fedora.messaging.PagurePullRequestEvent;
import dev.packit.forge.webhook.CommandType;
import dev.packit.forge.webhook.CommentCommand;
import dev.packit.forge.webhook.CommentCommandParser;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.ReleaseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Events in, jobs out: decides which configured jobs an event triggers and on which dist-git
 * branches, as Packit's service does (section 6 of its behaviour).
 *
 * <pre>{@code
 * JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(fedoraReleases), "rawhide");
 * ConfigSource where = dispatcher.configSource(event).orElseThrow();   // load the config there
 * for (Job job : dispatcher.dispatch(event, config)) {
 *   // plan and apply it with ReleaseWorkflow
 * }
 * }</pre>
 *
 * <table>
 * <caption>What triggers what</caption>
 * <tr><th>event</th><th>jobs</th><th>config from</th></tr>
 * <tr><td>forge release published (GitHub) / created (GitLab)</td><td>propose_downstream</td><td>the tag</td></tr>
 * <tr><td>upstream comment {@code /packit propose-downstream}</td><td>propose_downstream</td><td>latest release</td></tr>
 * <tr><td>the-new-hotness "new version" bug</td><td>pull_from_upstream</td><td>dist-git default branch</td></tr>
 * <tr><td>Anitya version update of a project mapped to a Fedora package</td><td>pull_from_upstream</td><td>dist-git default branch</td></tr>
 * <tr><td>dist-git PR comment {@code /packit pull-from-upstream}, {@code koji-build}, {@code create-update}</td><td>that job</td><td>dist-git default branch</td></tr>
 * <tr><td>dist-git push ({@code pagure.git.receive})</td><td>koji_build ({@code trigger: commit})</td><td>dist-git default branch</td></tr>
 * <tr><td>build tagged into a side tag of a {@code sidetag_group} ({@code buildsys.tag})</td><td>koji_build of the
 * dependents, bodhi_update from the side tag ({@code trigger: koji_build})</td><td>dist-git default branch of each package</td></tr>
 * <tr><td>Koji build state change</td><td>bodhi_update ({@code trigger: commit})</td><td>dist-git default branch</td></tr>
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
  private final DistroAliases aliases;
  private final String defaultBranch;

  /**
   * Creates a dispatcher.
   *
   * @param aliases resolves branch aliases such as {@code fedora-all}
   * @param defaultBranch the dist-git default branch ({@code rawhide} on Fedora)
   */
  public JobDispatcher(DistroAliases aliases, String defaultBranch) {
    this.aliases = Objects.requireNonNull(aliases, "aliases");
    this.defaultBranch = Objects.requireNonNull(defaultBranch, "defaultBranch");
  }

  /**
   * A job to run: its type, the package of the config, the dist-git branches and the event.
   *
   * <pre>{@code
   * for (JobDispatcher.Job job : dispatcher.dispatch(releaseEvent, config)) {
   *   System.out.println(job.type().yamlName() + " for " + job.packageName() + " on " + job.branches());
   * }
   * }</pre>
   *
   * @param type the job type
   * @param packageName the package (the config's single package or a monorepo entry)
   * @param view the job with its effective config
   * @param branches the dist-git branches, aliases resolved
   * @param event the event that triggered it
   */
  public record Job(JobType type, String packageName, JobView view, List<String> branches, Object event) {
    /** Validates the components. */
    public Job {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(packageName, "packageName");
      Objects.requireNonNull(view, "view");
      branches = List.copyOf(branches);
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * Where the config for an event must be read from.
   *
   * <pre>{@code
   * JobDispatcher.ConfigSource where = dispatcher.configSource(event).orElseThrow();
   * Forge forge = where.distGit() ? distGit : upstream;
   * Optional<FileContent> yaml = forge.file(RepoId.of(where.repository()), ".packit.yaml", where.ref());
   * }</pre>
   *
   * @param repository the repository, {@code namespace/name} on its forge
   * @param distGit whether it is a dist-git repository (else the upstream forge)
   * @param ref the git ref (tag, commit or branch)
   */
  public record ConfigSource(String repository, boolean distGit, String ref) {}

  /**
   * Tells where the {@code .packit.yaml} for an event lives.
   *
   * @param event a typed event
   * @return the source, or empty for events no job reacts to
   */
  public Optional<ConfigSource> configSource(Object event) {
    if (event instanceof ReleaseEvent r) {
      return Optional.of(new ConfigSource(r.repository().fullName(), false, r.commitSha().isEmpty() ? r.tag() : r.commitSha()));
    } else if (event instanceof CommentEvent c) {
      return Optional.of(new ConfigSource(c.repository().fullName(), false, "HEAD"));
    } else if (event instanceof DistGitPush p) {
      return Optional.of(new ConfigSource(p.fullName(), true, defaultBranch));
    } else if (event instanceof KojiBuildStateChange k) {
      return k.repositoryPath().map(path -> new ConfigSource(path, true, defaultBranch));
    } else if (event instanceof NewHotnessUpdate n) {
      return Optional.of(new ConfigSource("rpms/" + n.packageName(), true, defaultBranch));
    } else if (event instanceof AnityaVersionUpdate a) {
      return Optional.ofNullable(a.packages().get("Fedora")).map(pkg -> new ConfigSource("rpms/" + pkg, true, defaultBranch));
    } else if (event instanceof KojiTag t && t.sideTag()) {
      return Optional.of(new ConfigSource("rpms/" + t.name(), true, defaultBranch));
    } else if (event instanceof PagurePullRequestEvent pr) {
      return Optional.of(new ConfigSource(pr.project(), true, defaultBranch));
    }
    return Optional.empty();
  }

  /**
   * Returns the jobs an event triggers under a config.
   *
   * @param event a typed event (webhook event or fedora-messaging message)
   * @param config the config loaded from {@link #configSource(Object)}
   * @return the jobs, possibly empty
   */
  public List<Job> dispatch(Object event, PackitConfig config) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(config, "config");
    if (event instanceof ReleaseEvent r) {
      if (!r.isNewRelease() || r.draft()) {
        return List.of();
      }
      return jobs(config, JobType.PROPOSE_DOWNSTREAM, JobTrigger.RELEASE, event, null);
    } else if (event instanceof CommentEvent c) {
      if (!c.action().equals("created") && !c.action().equals("create")) {
        return List.of();
      }
      Optional<CommentCommand> cmd = c.command();
      if (cmd.isPresent() && cmd.get().valid() && cmd.get().type() == CommandType.PROPOSE_DOWNSTREAM) {
        return jobs(config, JobType.PROPOSE_DOWNSTREAM, null, event, null);
      }
      return List.of();
    } else if (event instanceof NewHotnessUpdate) {
      return jobs(config, JobType.PULL_FROM_UPSTREAM, null, event, null);
    } else if (event instanceof AnityaVersionUpdate a) {
      // Packit reacts to the-new-hotness only; an Anitya update of a Fedora-mapped project is
      // accepted too (for bots without the-new-hotness), and the workflow dedupes the two.
      if (!a.packages().containsKey("Fedora") || a.version().isEmpty()) {
        return List.of();
      }
      return jobs(config, JobType.PULL_FROM_UPSTREAM, null, event, null);
    } else if (event instanceof PagurePullRequestEvent pr) {
      Optional<CommentCommand> cmd = pr.comment() == null || !pr.action().equals("comment.added") ? Optional.empty()
          : CommentCommandParser.packit().parse(pr.comment()).filter(CommentCommand::valid);
      if (cmd.isEmpty()) {
        return List.of();
      }
      switch (cmd.get().type()) {
        case PULL_FROM_UPSTREAM:
          return jobs(config, JobType.PULL_FROM_UPSTREAM, null, event, null);
        case KOJI_BUILD:
          return jobs(config, JobType.KOJI_BUILD, null, event, pr.targetBranch());
        case CREATE_UPDATE:
          return jobs(config, JobType.BODHI_UPDATE, null, event, pr.targetBranch());
        default:
          return List.of();
      }
    } else if (event instanceof KojiTag t) {
      return sideTagJobs(t, config);
    } else if (event instanceof DistGitPush p) {
      return jobs(config, JobType.KOJI_BUILD, JobTrigger.COMMIT, event, p.branch());
    } else if (event instanceof KojiBuildStateChange k) {
      if (k.newState().name().equals("DELETED") || !k.taskMethod().equals("build")) {
        return List.of();
      }
      String branch = k.branch().orElse(k.target().replaceFirst("-candidate$", ""));
      return jobs(config, JobType.BODHI_UPDATE, JobTrigger.COMMIT, event, branch);
    }
    return List.of();
  }

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

  private List<Job> sideTagJobs(KojiTag t, PackitConfig config) {
    Optional<String> group = sideTagGroup(t.tag());
    if (!t.sideTag() || group.isEmpty()) {
      return List.of();
    }
    java.util.regex.Matcher m = SIDE_TAG.matcher(t.tag());
    m.matches();
    String prefix = m.group(1);
    List<Job> out = new ArrayList<>();
    for (JobType type : List.of(JobType.KOJI_BUILD, JobType.BODHI_UPDATE)) {
      for (Job job : jobs(config, type, JobTrigger.KOJI_BUILD, t, null)) {
        if (!job.view().job().sidetagGroup().equals(group)
            || type == JobType.KOJI_BUILD && job.packageName().equals(t.name())) {
          continue; // another group, or the tagged build itself
        }
        // rawhide's side tags are on fNN-build: a release Bodhi does not know by that branch is rawhide
        String branch = job.branches().contains(prefix) || aliases.release(prefix).isPresent() ? prefix : defaultBranch;
        if (job.branches().contains(branch)) {
          out.add(new Job(type, job.packageName(), job.view(), List.of(branch), t));
        }
      }
    }
    return out;
  }

  private List<Job> jobs(PackitConfig config, JobType type, JobTrigger trigger, Object event, String onlyBranch) {
    List<Job> out = new ArrayList<>();
    for (JobView view : config.jobViews(type)) {
      if (trigger != null && view.trigger() != trigger) {
        continue;
      }
      List<String> configured = view.config().distGitBranches().names();
      List<String> branches;
      if (type == JobType.BODHI_UPDATE && configured.isEmpty()) {
        branches = List.copyOf(aliases.branches(List.of("fedora-stable"), defaultBranch, true));
      } else if (configured.isEmpty()) {
        branches = List.of(defaultBranch);
      } else {
        branches = List.copyOf(aliases.branches(configured, defaultBranch, type == JobType.KOJI_BUILD));
      }
      if (onlyBranch != null) {
        String b = onlyBranch.toLowerCase(Locale.ROOT).equals("main") ? defaultBranch : onlyBranch;
        if (!branches.contains(b)) {
          continue;
        }
        branches = List.of(b);
      }
      out.add(new Job(type, view.packageName(), view, branches, event));
    }
    return out;
  }
}
