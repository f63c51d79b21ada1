package dev.packit.cli;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.TagFilter;
import dev.packit.core.rpm.RpmVersion;
import dev.packit.core.spec.SpecFile;
import dev.packit.fedora.workflow.PrPolicy;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.WorkflowListener;
import dev.packit.forge.Forge;
import dev.packit.forge.Release;
import dev.packit.forge.RepoId;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code propose-downstream} and {@code pull-from-upstream}: an upstream release to one dist-git
 * pull request per branch.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("propose-downstream", "--dry-run", "--dist-git-branch", "rawhide", ".", "1.2.0");
 * }</pre>
 */
abstract class ReleaseJobCommand extends JobCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH_OR_URL",
      description = "A local path or a git URL of the repository with the Packit config (default: the current directory).")
  String pathOrUrl = ".";

  @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION",
      description = "The upstream version (default: the latest upstream release).")
  String version;

  @Option(names = "--dist-git-branch", split = ",", paramLabel = "BRANCH",
      description = "Comma separated dist-git branches or aliases to update (default: the job's dist_git_branches).")
  List<String> distGitBranches = new ArrayList<>();

  @Option(names = "--pr", negatable = true, description = "Open a pull request (--pr) or push to the branch directly (--no-pr); default: create_pr from the config.")
  Boolean pr;

  @Option(names = {"-b", "--resolve-bug"}, split = ",", paramLabel = "BUG",
      description = "A bug the update resolves, e.g. rhbz#2106196 (repeat or comma separate): a Resolves line in the changelog entry, commit message and pull request.")
  List<String> resolvedBugs = new ArrayList<>();

  @Option(names = {"-p", "--package"}, paramLabel = "NAME", description = "The package of a monorepo config.")
  String packageName = "";

  @Option(names = "--pr-policy", paramLabel = "POLICY",
      description = "When the bot's pull request has someone else's commits: UPDATE (default), KEEP_HUMAN_COMMITS or STOP.")
  PrPolicy prPolicy = PrPolicy.UPDATE;

  @Option(names = "--no-actions",
      description = "Do not run the config's actions (post-upstream-clone, changelog-entry, ...): plan as if it had none.")
  boolean noActions;

  /** @return {@code PROPOSE_DOWNSTREAM} or {@code PULL_FROM_UPSTREAM} */
  abstract JobType job();

  @Override
  Planned plan(WorkflowListener listener) {
    if (!dryRun) {
      // A refused token is found here, once, before anything is cloned, downloaded or uploaded.
      verbose("dist-git token belongs to " + Preflight.distGitLogin(services, user));
    }
    Checkout co = checkout(pathOrUrl);
    String dirName = co.dir().getFileName() == null ? "project" : co.dir().getFileName().toString();
    Services.Upstream up;
    PackitConfig config;
    if (job() == JobType.PROPOSE_DOWNSTREAM) {
      up = co.url().map(services::upstream).orElseGet(() -> new Services.Upstream(RepoId.of("upstream/" + dirName), Optional.empty()));
      config = packageConfig(co.dir(), up.repo().name());
    } else {
      // pull_from_upstream reads the config in dist-git; the upstream is upstream_project_url, if any.
      config = packageConfig(co.dir(), co.url().map(u -> Services.lastSegment(u)).orElse(dirName));
      Optional<String> project = layer(config, job(), packageName).upstreamProjectUrl();
      String pkg = downstreamName(config, packageName, dirName);
      up = project.map(u -> services.upstream(URI.create(u)))
          .orElseGet(() -> new Services.Upstream(RepoId.of("upstream/" + pkg), Optional.empty()));
    }
    if (pr != null) {
      config = withCreatePr(config, job(), pr);
    }
    if (noActions) {
      config = withoutActions(config);
    }
    CommonConfig cfg = layer(config, job(), packageName);
    services.actions = actionSettings(cfg);
    String template = cfg.upstreamTagTemplate();
    String tag = tag(template, TagFilter.of(cfg), co, up);
    String notes = up.forge().flatMap(f -> releaseNotes(f, up.repo(), tag)).orElse("");
    List<String> branches = branches(distGitBranches, config, job(), packageName);
    Preflight.branchesExist(services, user, downstreamName(config, packageName, up.repo().name()), branches);
    ReleaseWorkflow wf = services.workflow(up.forge(), work, listener, prPolicy);
    ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(config, up.repo(), tag).job(job())
        .packageName(packageName).releaseNotes(notes).branches(branches).resolvedBugs(resolvedBugs).build();
    return new Planned(wf, wf.planProposeDownstream(request));
  }

  /**
   * How the config's actions run: as Packit's CLI runs them, on the packager's machine with
   * Packit's variables, but in the bubblewrap sandbox when it works here. Without a working
   * bubblewrap they run unsandboxed: the packager runs their own project's config, as with Packit's
   * CLI (the workflow's warning says so once on stderr; a bot keeps refusing).
   */
  private dev.packit.fedora.workflow.ActionSettings actionSettings(CommonConfig cfg) {
    dev.packit.fedora.workflow.ActionSettings on = dev.packit.fedora.workflow.ActionSettings.on()
        .withSecretValues(user.secrets().stream().filter(v -> v != null && !v.isBlank()).map(dev.packit.core.Secret::of).toList());
    String bwrap = PackitCommand.environment(spec).getOrDefault("PACKIT_BWRAP", "");
    if (!bwrap.isBlank()) {
      on = on.withBubblewrap(java.nio.file.Path.of(bwrap.strip())); // bubblewrap outside PATH and /usr/bin
    }
    List<String> used = cfg.actions().keySet().stream().map(dev.packit.core.config.ActionName::yamlName).toList();
    if (used.isEmpty()) {
      return on;
    }
    Optional<String> problem = on.sandboxProblem();
    if (problem.isEmpty()) {
      verbose("actions " + String.join(", ", used) + " run in the bubblewrap sandbox");
      return on;
    }
    verbose("no sandbox for actions " + String.join(", ", used) + ": " + problem.get());
    return on.runWithoutSandboxExposingTheBotsSecrets();
  }

  /** The config with every layer's {@code actions} emptied, for {@code --no-actions}. */
  static PackitConfig withoutActions(PackitConfig config) {
    PackitConfig.Builder b = config.toBuilder();
    b.topLevel(config.topLevel().toBuilder().actions(java.util.Map.of()).build());
    config.packageLayers().forEach((name, layer) -> b.addPackage(name, layer.toBuilder().actions(java.util.Map.of()).build()));
    List<dev.packit.core.config.JobConfig> jobs = new ArrayList<>();
    for (dev.packit.core.config.JobConfig j : config.jobs()) {
      jobs.add(j.toBuilder().overrides(j.overrides().toBuilder().actions(java.util.Map.of()).build()).build());
    }
    b.jobs(jobs);
    return b.build();
  }

  private String tag(String template, TagFilter filter, Checkout co, Services.Upstream up) {
    String t = template == null || template.isBlank() ? "{version}" : template;
    if (version != null) {
      String wanted = t.contains("{version}") ? t.replace("{version}", version.strip()) : version.strip();
      return Preflight.tagFor(version, t, upstreamTags(co, up, wanted), up.repo().fullName());
    }
    if (up.forge().isPresent()) {
      Optional<Release> latest = up.forge().get().latestRelease(up.repo());
      if (latest.isPresent() && filter.accepts(latest.get().tagName())) {
        verbose("latest upstream release: " + latest.get().tagName());
        return latest.get().tagName();
      }
      latest.flatMap(r -> filter.rejection(r.tagName())).ifPresent(why -> verbose("latest upstream release skipped: " + why));
    }
    String best = null;
    String bestVersion = null;
    for (String candidate : co.tags()) {
      if (!filter.accepts(candidate)) {
        continue; // upstream_tag_include/exclude decide which tags count as releases
      }
      try {
        String v = SpecFile.rpmVersionOf(ReleaseWorkflow.versionFromTag(candidate, t));
        if (bestVersion == null || RpmVersion.rpmvercmp(v, bestVersion) > 0) {
          best = candidate;
          bestVersion = v;
        }
      } catch (PackitException e) {
        // not a release tag
      }
    }
    if (best == null) {
      throw new PackitClientException("no VERSION given and no upstream release found; name the version: packit "
          + spec.name() + " " + pathOrUrl + " VERSION");
    }
    verbose("latest release tag in the repository: " + best);
    return best;
  }

  /**
   * The upstream tags to check a typed version against: the checkout's for propose_downstream
   * (the dist-git checkout of pull_from_upstream has dist-git's tags), else the forge's; empty when
   * neither is known (then the version is not checked).
   */
  private List<String> upstreamTags(Checkout co, Services.Upstream up, String wanted) {
    if (job() == JobType.PROPOSE_DOWNSTREAM && co.tags().contains(wanted)) {
      return co.tags();
    }
    if (job() == JobType.PROPOSE_DOWNSTREAM && up.forge().isEmpty()) {
      // A local clone may lack tags it was not fetched with; without a forge its tags are all we know.
      return co.tags();
    }
    if (up.forge().isPresent()) {
      try {
        // The stream pages lazily: a tag on the first page (recent ones are) costs one request.
        if (up.forge().get().tags(up.repo()).anyMatch(tg -> tg.name().equals(wanted))) {
          return List.of(wanted);
        }
        return up.forge().get().tags(up.repo()).map(dev.packit.forge.Tag::name).toList();
      } catch (PackitException e) {
        verbose("cannot list the tags of " + up.repo().fullName() + ", VERSION not checked: " + e.getMessage());
      }
    }
    return List.of();
  }

  private Optional<String> releaseNotes(Forge forge, RepoId repo, String tag) {
    try {
      return forge.release(repo, tag).map(Release::body);
    } catch (PackitException e) {
      verbose("no release notes for " + tag + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  static CommonConfig layer(PackitConfig config, JobType type, String packageName) {
    for (JobView v : config.jobViews(type)) {
      if (packageName.isEmpty() || v.packageName().equals(packageName)) {
        return v.config();
      }
    }
    if (!packageName.isEmpty()) {
      return config.packageConfig(packageName).orElseThrow(() -> new PackitClientException("no package '" + packageName + "' in the config"));
    }
    return config.singlePackage();
  }
}
