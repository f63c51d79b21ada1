package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.JobConfig;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.koji.KojiBuildTarget;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiSideTag;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plans side tags for a {@code sidetag_group}: koji_build builds into the group's side tag (created
 * on first use, by {@link KojiSteps}), and bodhi_update makes one update {@code from_tag} once every
 * package of the group has a complete build there.
 *
 * <p>No state is kept: a group's side tag is the bot's side tag on the branch's build tag whose
 * name ends in {@code -<group>} (Koji's {@code suffix}), so it is found again with
 * {@code listSideTags}.
 */
final class SideTagPlanner {
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");
  private final WorkflowContext ctx;

  SideTagPlanner(WorkflowContext ctx) {
    this.ctx = ctx;
  }

  static Optional<JobConfig> job(PackitConfig config, JobType type) {
    return config.jobViews(type).stream().map(JobView::job).findFirst();
  }

  private String baseTag(String branch) {
    String target = Rules.candidateTarget(branch);
    return ctx.koji().getBuildTarget(target).map(KojiBuildTarget::buildTagName)
        .orElseThrow(() -> new PackitClientException("Koji has no build target " + target));
  }

  static String checkGroup(String group) {
    if (!GROUP.matcher(group).matches()) {
      throw new PackitClientException("sidetag_group '" + group + "' cannot be a Koji side tag suffix (letters, digits, . _ + -)");
    }
    return group;
  }

  /** Whether a side tag name is the group's on a base tag: {@code <base>-side-<n>-<group>}. Pure. */
  static boolean isGroupTag(String name, String baseTag, String group) {
    String suffix = "-" + group;
    String prefix = baseTag + "-side-";
    return name.endsWith(suffix) && name.startsWith(prefix) && name.length() > prefix.length() + suffix.length()
        && name.substring(prefix.length(), name.length() - suffix.length()).matches("\\d+");
  }

  /** The group's side tag on a base tag, owned by the bot. */
  static Optional<String> find(KojiClient koji, String owner, String group, String baseTag) {
    checkGroup(group);
    return koji.listSideTags(baseTag, owner).stream().map(KojiSideTag::name)
        .filter(n -> isGroupTag(n, baseTag, group)).findFirst();
  }

  private Optional<String> find(String group, String baseTag) {
    return find(ctx.koji(), ctx.bot().login(), group, baseTag);
  }

  /** Packages with a build in the side tag, to their latest build. */
  private Map<String, KojiBuild> tagged(String sideTag) {
    Map<String, KojiBuild> out = new LinkedHashMap<>();
    for (KojiBuild b : ctx.koji().listTagged(sideTag, null, true)) {
      out.putIfAbsent(b.name(), b);
    }
    return out;
  }

  /** Turns a planned plain build into a build into the group's side tag, checking {@code dependencies}. */
  BranchPlan planBuild(BranchPlan plain, String group, List<String> dependencies) {
    if (plain.skipReason().isPresent() || plain.steps(PlannedStep.KojiBuild.class).isEmpty()) {
      return plain;
    }
    PlannedStep.KojiBuild k = plain.steps(PlannedStep.KojiBuild.class).get(0);
    if (k.scratch()) {
      return plain;
    }
    String base = baseTag(plain.branch());
    Optional<String> side = find(group, base);
    if (!dependencies.isEmpty()) {
      Set<String> missing = new LinkedHashSet<>(dependencies);
      side.ifPresent(t -> missing.removeAll(tagged(t).keySet()));
      if (!missing.isEmpty()) {
        return BranchPlan.skipped(plain.branch(), "missing dependencies in the side tag of group " + group + ": "
            + String.join(", ", missing) + (side.isEmpty() ? " (the group has no side tag on " + base + " yet)" : ""));
      }
    }
    return BranchPlan.of(plain.branch(), List.of(new PlannedStep.SideTagBuild(k.nvr(), k.source(), group, base, side.orElse(""))));
  }

  Plan planUpdate(String group, String branch, PackitConfig config, String pkg) {
    String cause = "builds in the side tag of group " + group + " on " + branch;
    Optional<JobConfig> job = job(config, JobType.BODHI_UPDATE).filter(j -> j.sidetagGroup().equals(Optional.of(group)));
    BranchPlan p;
    if (job.isEmpty()) {
      p = BranchPlan.skipped(branch, "no bodhi_update job of " + pkg + " has sidetag_group " + group);
    } else {
      p = planUpdate(group, branch, job.get().dependencies(), pkg);
    }
    return new Plan(JobType.BODHI_UPDATE, pkg, "", cause, List.of(p));
  }

  private BranchPlan planUpdate(String group, String branch, List<String> dependencies, String pkg) {
    if (ctx.bodhi() == null) {
      throw new PackitClientException("no Bodhi client configured: ReleaseWorkflow.Builder.bodhi(...)");
    }
    String base = baseTag(branch);
    Optional<String> side = find(group, base);
    if (side.isEmpty()) {
      return BranchPlan.skipped(branch, "group " + group + " has no side tag on " + base);
    }
    Set<String> required = new LinkedHashSet<>(dependencies);
    required.add(pkg);
    Map<String, KojiBuild> tagged = tagged(side.get());
    List<String> waiting = required.stream().filter(r -> !tagged.containsKey(r)).toList();
    if (!waiting.isEmpty()) {
      return BranchPlan.skipped(branch, "waiting for complete builds in " + side.get() + " of: " + String.join(", ", waiting));
    }
    List<String> nvrs = required.stream().map(r -> tagged.get(r).nvr()).toList();
    String alias = "";
    for (BodhiUpdate u : ctx.bodhi().allUpdates(UpdateQuery.builder().packages(List.copyOf(required)).build())) {
      // Bodhi keeps one update per side tag whatever its status (validate_from_tag refuses a second
      // one, even next to an obsolete or unpushed update), so that update is the one to edit
      if (!u.fromTag().equals(side.get())) {
        continue;
      }
      if (Set.copyOf(u.builds()).equals(Set.copyOf(nvrs))) {
        return BranchPlan.skipped(branch, "update " + u.alias() + " from " + side.get() + " already contains " + String.join(", ", nvrs));
      }
      // Side tag updates are edited until they are stable, as Packit does.
      alias = u.alias();
    }
    return BranchPlan.of(branch, List.of(new PlannedStep.SideTagUpdate(side.get(), nvrs, Texts.updateNotes(nvrs), alias)));
  }
}
