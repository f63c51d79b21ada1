package dev.packit.fedora.workflow;

import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.koji.KojiBuildRequest;
import java.util.Locale;
import java.util.Optional;

/** Carries out {@link PlannedStep.KojiBuild} and {@link PlannedStep.SideTagBuild}: an NVR already built or building is not submitted again. */
final class KojiSteps {
  private final WorkflowContext ctx;

  KojiSteps(WorkflowContext ctx) {
    this.ctx = ctx;
  }

  StepResult build(PlannedStep.KojiBuild k) {
    if (!k.scratch()) {
      Optional<String> state = ctx.koji().getBuild(k.nvr()).map(b -> b.state().name());
      if (state.isPresent() && Rules.kojiStateSkipsSubmit(state.get())) {
        return StepResult.note(k.nvr() + " already " + state.get().toLowerCase(Locale.ROOT)).withBuild(k.nvr());
      }
    }
    KojiBuildRequest req = k.scratch()
        ? KojiBuildRequest.builder().source(k.source()).target(k.target()).scratch(true).build()
        : KojiBuildRequest.of(k.source(), k.target());
    long task = ctx.koji().build(req);
    return StepResult.note("submitted Koji task " + task + " for " + k.nvr()).withBuild(k.nvr());
  }

  /** Finds or creates the side tag, then builds into it. */
  StepResult sideTagBuild(PlannedStep.SideTagBuild s) {
    Optional<KojiBuild> existing = ctx.koji().getBuild(s.nvr());
    if (existing.isPresent() && Rules.kojiStateSkipsSubmit(existing.get().state().name())) {
      return StepResult.note(s.nvr() + " already " + existing.get().state().name().toLowerCase(Locale.ROOT)).withBuild(s.nvr());
    }
    String owner = ctx.bot().login();
    String note = "";
    String side = s.sideTag();
    if (side.isEmpty() || ctx.koji().listSideTags(s.baseTag(), owner).stream().noneMatch(t -> t.name().equals(s.sideTag()))) {
      Optional<String> found = SideTagPlanner.find(ctx.koji(), owner, s.group(), s.baseTag());
      if (found.isPresent()) {
        side = found.get();
      } else {
        side = ctx.koji().createSideTag(s.baseTag(), SideTagPlanner.checkGroup(s.group())).name();
        note = "created side tag " + side + ", ";
      }
    }
    long task = ctx.koji().build(KojiBuildRequest.of(s.source(), side));
    return StepResult.note(note + "submitted Koji task " + task + " for " + s.nvr() + " into " + side).withBuild(s.nvr());
  }
}
