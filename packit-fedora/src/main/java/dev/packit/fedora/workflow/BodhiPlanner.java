package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.Redaction;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.forge.git.LocalRepository;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Plans bodhi_update: for a finished Koji build, and on request. */
final class BodhiPlanner {
  private final WorkflowContext ctx;
  private final KojiPlanner koji;

  BodhiPlanner(WorkflowContext ctx, KojiPlanner koji) {
    this.ctx = ctx;
    this.koji = koji;
  }

  private BodhiClient bodhi() {
    if (ctx.bodhi() == null) {
      // a workflow built without Bodhi gets a clear error, not a NullPointerException
      throw new PackitClientException("no Bodhi client configured: ReleaseWorkflow.Builder.bodhi(...)");
    }
    return ctx.bodhi();
  }

  Plan planBodhiUpdate(KojiBuildStateChange change, PackitConfig config, List<String> branches) {
    String nvr = change.nvr();
    String branch = change.branch().orElse(change.target().replaceFirst("-candidate$", ""));
    String cause = "Koji build " + nvr + " " + change.newState().name().toLowerCase(Locale.ROOT) + " (owner " + change.owner() + ")";
    CommonConfig cfg = Configs.jobConfig(config, JobType.BODHI_UPDATE, "");
    BranchPlan p;
    if (!change.newState().name().equals("COMPLETE")) {
      p = BranchPlan.skipped(branch, "build is " + change.newState().name().toLowerCase(Locale.ROOT) + ", not complete");
    } else if (change.scratch()) {
      p = BranchPlan.skipped(branch, "scratch builds get no update");
    } else if (!branches.contains(branch)) {
      p = BranchPlan.skipped(branch, "branch " + branch + " is not configured for bodhi_update");
    } else if (!Rules.allowed(cfg.allowedBuilders(), ctx.bot().defaultAllowed(), change.owner())) {
      p = BranchPlan.skipped(branch, "builder '" + change.owner() + "' is not in allowed_builders");
    } else {
      List<BodhiUpdate> existing = bodhi().allUpdates(UpdateQuery.builder().builds(List.of(nvr)).build());
      if (!existing.isEmpty()) {
        p = BranchPlan.skipped(branch, "update " + existing.get(0).alias() + " already contains " + nvr);
      } else {
        p = BranchPlan.of(branch, List.of(new PlannedStep.BodhiUpdate(nvr, bodhiRelease(branch), "enhancement",
            Texts.updateNotes(List.of(nvr)))));
      }
    }
    return new Plan(JobType.BODHI_UPDATE, change.name(), change.version(), cause, List.of(p));
  }

  Plan planBodhiUpdate(String packageName, List<String> branches, List<String> builds, String type, String notes) {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(notes, "notes");
    bodhi();
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

  /**
   * The build of a branch among given NVRs: the one whose release carries the branch's dist tag,
   * or the only one given for a single branch. Pure.
   */
  static Optional<String> buildFor(List<String> builds, String distTag, boolean singleBranch) {
    Optional<String> match = builds.stream().filter(b -> !distTag.isEmpty() && b.endsWith(distTag)).findFirst();
    if (match.isEmpty() && singleBranch && builds.size() == 1) {
      match = Optional.of(builds.get(0));
    }
    return match;
  }

  private BranchPlan planUpdateOn(String pkg, String branch, List<String> builds, boolean single, String type, String notes) {
    String nvr;
    if (builds.isEmpty()) {
      Path dir = ctx.workspace().folder("plan", pkg + "-" + branch);
      try (LocalRepository repo = ctx.workspace().cloneBranch(pkg, branch, dir)) {
        Path specPath = repo.directory().resolve(pkg + ".spec");
        if (!Files.isRegularFile(specPath)) {
          return BranchPlan.skipped(branch, "no " + pkg + ".spec on " + branch);
        }
        nvr = koji.nvrOf(specPath, branch);
      } finally {
        Workspace.deleteQuietly(dir);
      }
    } else {
      Optional<String> match = buildFor(builds, koji.distTag(branch), single);
      if (match.isEmpty()) {
        return BranchPlan.skipped(branch, "none of the given builds is for " + branch);
      }
      nvr = match.get();
    }
    if (ctx.koji() != null) {
      Optional<KojiBuild> built = ctx.koji().getBuild(nvr);
      if (built.isEmpty()) {
        return BranchPlan.skipped(branch, nvr + " is not in Koji");
      }
      String state = built.get().state().name();
      if (!state.equals("COMPLETE")) {
        return BranchPlan.skipped(branch, nvr + " is " + state.toLowerCase(Locale.ROOT) + " in Koji, not complete");
      }
    }
    List<BodhiUpdate> existing = bodhi().allUpdates(UpdateQuery.builder().builds(List.of(nvr)).build());
    if (!existing.isEmpty()) {
      return BranchPlan.skipped(branch, "update " + existing.get(0).alias() + " already contains " + nvr);
    }
    String text = notes.isBlank() ? Texts.updateNotes(List.of(nvr)) : notes;
    return BranchPlan.of(branch, List.of(new PlannedStep.BodhiUpdate(nvr, bodhiRelease(branch), type, text)));
  }

  private String bodhiRelease(String branch) {
    return bodhi().releases(BodhiClient.ACTIVE_STATES).stream()
        .filter(r -> r.branch().equals(branch)).map(r -> r.name()).findFirst()
        .orElse(branch.toUpperCase(Locale.ROOT));
  }
}
