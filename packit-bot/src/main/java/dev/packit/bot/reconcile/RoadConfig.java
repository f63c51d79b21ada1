package dev.packit.bot.reconcile;

import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobTrigger;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.TagFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What should be, from a package's config: which branches each job covers (aliases resolved as
 * the dispatcher resolves them), who may trigger builds and updates, and how tags become versions.
 *
 * <pre>{@code
 * RoadConfig road = RoadConfig.of(watched, aliases, "packit");
 * road.kojiBuild(); // [rawhide, f43, f42]
 * }</pre>
 *
 * @param packageName the dist-git package
 * @param propose branches of the release-triggered propose_downstream job
 * @param kojiBuild branches of the commit-triggered koji_build job
 * @param bodhiUpdate branches of the bodhi_update job
 * @param allowedPrAuthors who may author a merged pull request that gets built ({@code allowed_pr_authors})
 * @param allowedCommitters who may push a spec change directly that gets built ({@code allowed_committers})
 * @param allowedBuilders whose builds get an update ({@code allowed_builders})
 * @param tagTemplate {@code upstream_tag_template}
 * @param tagFilter {@code upstream_tag_include} / {@code upstream_tag_exclude}
 */
public record RoadConfig(String packageName, List<String> propose, List<String> kojiBuild, List<String> bodhiUpdate,
    List<String> allowedPrAuthors, List<String> allowedCommitters, List<String> allowedBuilders, String tagTemplate,
    TagFilter tagFilter) {
  /** The dist-git default branch. */
  public static final String DEFAULT_BRANCH = "rawhide";

  /** Validates the components. */
  public RoadConfig {
    Objects.requireNonNull(packageName, "packageName");
    propose = List.copyOf(propose);
    kojiBuild = List.copyOf(kojiBuild);
    bodhiUpdate = List.copyOf(bodhiUpdate);
    allowedPrAuthors = List.copyOf(allowedPrAuthors);
    allowedCommitters = List.copyOf(allowedCommitters);
    allowedBuilders = List.copyOf(allowedBuilders);
    tagTemplate = tagTemplate == null || tagTemplate.isBlank() ? "{version}" : tagTemplate;
    Objects.requireNonNull(tagFilter, "tagFilter");
  }

  /**
   * Reads the road from a watched package's config. Defaults as the workflow has them: pull
   * requests and builds of {@code packit} and the bot count, direct pushes of nobody; a
   * bodhi_update job without branches covers {@code fedora-stable}.
   *
   * @param watched the package and its config
   * @param aliases resolves {@code fedora-all} and friends
   * @param botUser the bot's user
   * @return the road
   */
  public static RoadConfig of(WatchedPackage watched, DistroAliases aliases, String botUser) {
    PackitConfig config = watched.config();
    String pkg = watched.packageName();
    List<JobView> propose = views(config, JobType.PROPOSE_DOWNSTREAM, pkg);
    List<JobView> koji = views(config, JobType.KOJI_BUILD, pkg);
    List<JobView> bodhi = views(config, JobType.BODHI_UPDATE, pkg);
    CommonConfig base = !propose.isEmpty() ? propose.get(0).config() : packageConfig(config, pkg);
    CommonConfig kojiCfg = koji.isEmpty() ? base : koji.get(0).config();
    CommonConfig bodhiCfg = bodhi.isEmpty() ? base : bodhi.get(0).config();
    List<String> defaults = botUser == null || botUser.isBlank() || botUser.equals("packit")
        ? List.of("packit") : List.of("packit", botUser);
    return new RoadConfig(pkg,
        branches(propose, JobType.PROPOSE_DOWNSTREAM, aliases),
        branches(koji, JobType.KOJI_BUILD, aliases),
        branches(bodhi, JobType.BODHI_UPDATE, aliases),
        orDefault(kojiCfg.allowedPrAuthors(), defaults),
        kojiCfg.allowedCommitters(),
        orDefault(bodhiCfg.allowedBuilders(), defaults),
        base.upstreamTagTemplate(),
        TagFilter.of(base));
  }

  /** @return every branch any of the three jobs covers, in config order */
  public List<String> allBranches() {
    Set<String> out = new LinkedHashSet<>(propose);
    out.addAll(kojiBuild);
    out.addAll(bodhiUpdate);
    return List.copyOf(out);
  }

  /** The config's name for the package: the monorepo entry, or the single package's key. */
  static String configPackage(WatchedPackage watched) {
    PackitConfig config = watched.config();
    for (JobView v : config.jobViews()) {
      if (v.packageName().equals(watched.packageName())
          || v.config().downstreamPackageName().orElse("").equals(watched.packageName())) {
        return v.packageName();
      }
    }
    return config.packages().size() == 1 ? config.packages().keySet().iterator().next() : watched.packageName();
  }

  private static List<String> orDefault(List<String> configured, List<String> defaults) {
    return configured.isEmpty() ? defaults : configured;
  }

  private static CommonConfig packageConfig(PackitConfig config, String pkg) {
    return config.packageConfig(pkg).orElseGet(() -> config.packages().size() == 1
        ? config.packages().values().iterator().next() : CommonConfig.EMPTY);
  }

  /** The job's views for this package; a single-package config's views whatever its key. */
  private static List<JobView> views(PackitConfig config, JobType type, String pkg) {
    List<JobView> all = config.jobViews(type);
    List<JobView> mine = new ArrayList<>();
    for (JobView v : all) {
      if (v.packageName().equals(pkg) || v.config().downstreamPackageName().orElse("").equals(pkg)) {
        mine.add(v);
      }
    }
    if (mine.isEmpty() && config.packages().size() == 1) {
      mine.addAll(all);
    }
    if (type == JobType.PROPOSE_DOWNSTREAM || type == JobType.KOJI_BUILD) {
      // propose_downstream reacts to releases, koji_build to commits: other triggers are not this road
      JobTrigger wanted = type == JobType.PROPOSE_DOWNSTREAM ? JobTrigger.RELEASE : JobTrigger.COMMIT;
      mine.removeIf(v -> v.trigger() != wanted);
    }
    return mine;
  }

  // The dispatcher's resolution (JobDispatcher.jobs): an empty list means the default branch, or
  // fedora-stable for bodhi_update; koji_build adds rawhide's alias next to the default branch.
  private static List<String> branches(List<JobView> views, JobType type, DistroAliases aliases) {
    Set<String> out = new LinkedHashSet<>();
    for (JobView v : views) {
      List<String> configured = v.config().distGitBranches().names();
      if (type == JobType.BODHI_UPDATE && configured.isEmpty()) {
        out.addAll(aliases.branches(List.of(DistroAliases.DEFAULT), DEFAULT_BRANCH, true));
      } else if (configured.isEmpty()) {
        out.add(DEFAULT_BRANCH);
      } else {
        out.addAll(aliases.branches(configured, DEFAULT_BRANCH, type == JobType.KOJI_BUILD));
      }
    }
    return List.copyOf(out);
  }
}
