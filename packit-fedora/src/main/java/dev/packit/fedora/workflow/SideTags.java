package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.JobConfig;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.SavedUpdates;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.bodhi.UpdateRequest;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.koji.KojiBuildRequest;
import dev.packit.fedora.koji.KojiBuildTarget;
import dev.packit.fedora.koji.KojiSideTag;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Side tags for a {@code sidetag_group}: koji_build builds into the group's side tag (created on
 * first use), and bodhi_update makes one update {@code from_tag} once every package of the group
 * has a complete build there.
 *
 * <p>No state is kept: a group's side tag is the bot's side tag on the branch's build tag whose
 * name ends in {@code -<group>} (Koji's {@code suffix}), so it is found again with
 * {@code listSideTags}.
 */
final class SideTags {
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");
  private final ReleaseWorkflow wf;

  SideTags(ReleaseWorkflow wf) {
    this.wf = wf;
  }

  static Optional<JobConfig> job(PackitConfig config, JobType type) {
    return config.jobViews(type).stream().map(JobView::job).findFirst();
  }

  /** The Koji target a branch builds with (main is rawhide). */
  static String target(String branch) {
    return branch.equals("rawhide") || branch.equals("main") ? "rawhide" : branch + "-candidate";
  }

  String baseTag(String branch) {
    String target = target(branch);
    return wf.koji.getBuildTarget(target).map(KojiBuildTarget::buildTagName)
        .orElseThrow(() -> new PackitClientException("Koji has no build target " + target));
  }

  String me() {
    return wf.botUser.isEmpty() ? "packit" : wf.botUser;
  }

  static String checkGroup(String group) {
    if (!GROUP.matcher(group).matches()) {
      throw new PackitClientException("sidetag_group '" + group + "' cannot be a Koji side tag suffix (letters, digits, . _ + -)");
    }
    return group;
  }

  Optional<String> find(String group, String baseTag) {
    String suffix = "-" + checkGroup(group);
    return wf.koji.listSideTags(baseTag, me()).stream().map(KojiSideTag::name)
        .filter(n -> n.endsWith(suffix) && n.startsWith(baseTag + "-side-")
            && n.substring((baseTag + "-side-").length(), n.length() - suffix.length()).matches("\\d+"))
        .findFirst();
  }

  /** Packages with a build in the side tag, to their latest build. */
  Map<String, KojiBuild> tagged(String sideTag) {
    Map<String, KojiBuild> out = new LinkedHashMap<>();
    for (KojiBuild b : wf.koji.listTagged(sideTag, null, true)) {
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
    for (BodhiUpdate u : wf.bodhi.allUpdates(UpdateQuery.builder().packages(List.copyOf(required)).build())) {
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
    String notes = "Automatic update for " + String.join(", ", nvrs) + ".";
    return BranchPlan.of(branch, List.of(new PlannedStep.SideTagUpdate(side.get(), nvrs, notes, alias)));
  }

  /** Runs a side-tag build: find or create the side tag, skip an NVR already built or building. */
  String applyBuild(PlannedStep.SideTagBuild s) {
    Optional<KojiBuild> existing = wf.koji.getBuild(s.nvr());
    if (existing.isPresent()) {
      String state = existing.get().state().name();
      if (!state.equals("FAILED") && !state.equals("CANCELED") && !state.equals("DELETED")) {
        return s.nvr() + " already " + state.toLowerCase(Locale.ROOT);
      }
    }
    String note = "";
    String side = s.sideTag().isEmpty() ? "" : s.sideTag();
    if (side.isEmpty() || wf.koji.listSideTags(s.baseTag(), me()).stream().noneMatch(t -> t.name().equals(s.sideTag()))) {
      Optional<String> found = find(s.group(), s.baseTag());
      if (found.isPresent()) {
        side = found.get();
      } else {
        side = wf.koji.createSideTag(s.baseTag(), checkGroup(s.group())).name();
        note = "created side tag " + side + ", ";
      }
    }
    long task = wf.koji.build(KojiBuildRequest.of(s.source(), side));
    return note + "submitted Koji task " + task + " for " + s.nvr() + " into " + side;
  }

  /** Creates or edits the side tag's update; returns the alias and a note. */
  String[] applyUpdate(PlannedStep.SideTagUpdate u) {
    UpdateRequest req = UpdateRequest.builder().builds(u.nvrs()).fromTag(u.sideTag()).notes(u.notes()).type("enhancement").build();
    SavedUpdates saved = u.editAlias().isEmpty() ? wf.bodhi.createUpdate(req) : wf.bodhi.editUpdate(u.editAlias(), req);
    String alias = saved.first().alias();
    return new String[] {alias, (u.editAlias().isEmpty() ? "created update " : "edited update ") + alias + " from " + u.sideTag()};
  }
}
