package dev.packit.fedora.workflow;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What happens after the bot's pull request is merged (packit#2729), from the config's
 * {@code koji_build} and {@code bodhi_update} jobs, and whether a stable branch's own
 * {@code .packit.yaml} says something else about them than rawhide's (Packit reads those jobs
 * from the dist-git default branch only, so a stable branch's differences are silently ignored).
 * Pure: the branch names come from {@link DistroAliases} when the workflow has them.
 */
final class AfterMerge {
  /** The jobs Packit runs after a dist-git merge, and reads from rawhide only. */
  static final List<JobType> DOWNSTREAM_JOBS = List.of(JobType.KOJI_BUILD, JobType.BODHI_UPDATE);

  private AfterMerge() {}

  /**
   * The dist-git branches a koji_build or bodhi_update job runs on, as the dispatcher resolves them:
   * the configured names through the aliases; unconfigured, koji_build on rawhide and bodhi_update
   * on the stable releases ({@code fedora-stable}, known only with aliases).
   */
  static Set<String> branchesOf(JobView view, DistroAliases aliases) {
    List<String> configured = view.config().distGitBranches().names();
    if (aliases == null) {
      if (configured.isEmpty()) {
        return view.type() == JobType.KOJI_BUILD ? Set.of("rawhide") : Set.of();
      }
      return new LinkedHashSet<>(configured);
    }
    if (view.type() == JobType.BODHI_UPDATE && configured.isEmpty()) {
      return aliases.branches(List.of(DistroAliases.DEFAULT), "rawhide", true);
    }
    if (configured.isEmpty()) {
      return Set.of("rawhide");
    }
    return aliases.branches(configured, "rawhide", view.type() == JobType.KOJI_BUILD);
  }

  /**
   * The after-merge line of a branch, e.g. {@code After merge: Koji build for f43; Bodhi update for f43};
   * {@code After merge: nothing is built (no koji_build job for f43)} without a build job.
   *
   * @param config the package config
   * @param branches the branch and the ones fast-forwarded with it, in order
   * @param aliases resolves aliases, may be null
   */
  static String line(PackitConfig config, List<String> branches, DistroAliases aliases) {
    List<String> parts = new ArrayList<>();
    for (JobType type : DOWNSTREAM_JOBS) {
      for (String branch : branches) {
        for (JobView v : config.jobViews(type)) {
          if (branchesOf(v, aliases).contains(branch)) {
            String what = type == JobType.KOJI_BUILD ? "Koji build for " : "Bodhi update for ";
            String group = v.job().sidetagGroup().map(g -> " (side tag group " + g + ")").orElse("");
            String part = what + branch + group;
            if (!parts.contains(part)) {
              parts.add(part);
            }
          }
        }
      }
    }
    if (parts.isEmpty()) {
      return "After merge: nothing is built or released automatically (no koji_build or bodhi_update job for "
          + String.join(", ", branches) + ")";
    }
    return "After merge: " + String.join("; ", parts);
  }

  /**
   * The warning for a stable branch whose own config's koji_build/bodhi_update jobs differ from
   * rawhide's; empty when they agree or the branch is rawhide.
   *
   * @param branch the stable branch
   * @param branchConfig the config in the branch's dist-git
   * @param rawhideConfig the config on rawhide, null when rawhide has none
   */
  static java.util.Optional<String> drift(String branch, PackitConfig branchConfig, PackitConfig rawhideConfig) {
    if (Rules.isDefaultBranch(branch)) {
      return java.util.Optional.empty();
    }
    List<String> differ = new ArrayList<>();
    for (JobType type : DOWNSTREAM_JOBS) {
      List<String> here = fingerprints(branchConfig, type);
      List<String> there = rawhideConfig == null ? List.of() : fingerprints(rawhideConfig, type);
      if (!here.equals(there)) {
        differ.add(type.yamlName());
      }
    }
    if (differ.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("the " + String.join(" and ", differ) + " jobs in the .packit.yaml of " + branch
        + " differ from rawhide's; Packit reads them from rawhide only, so " + branch + "'s are ignored");
  }

  /** A job as far as running it goes (its position in the file does not matter). */
  private static List<String> fingerprints(PackitConfig config, JobType type) {
    List<String> out = new ArrayList<>();
    for (JobView v : config.jobViews(type)) {
      out.add(String.join("|", v.type().yamlName(), String.valueOf(v.trigger()), v.packageName(), String.valueOf(v.config()),
          String.valueOf(v.job().sidetagGroup()), String.valueOf(v.job().dependencies()), String.valueOf(v.job().dependents()),
          String.valueOf(v.job().manualTrigger())));
    }
    return out;
  }
}
