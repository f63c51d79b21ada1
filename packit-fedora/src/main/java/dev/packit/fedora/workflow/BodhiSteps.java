package dev.packit.fedora.workflow;

import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.SavedUpdates;
import dev.packit.fedora.bodhi.UpdateAlreadyExistsException;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.bodhi.UpdateRequest;
import java.util.List;

/** Carries out {@link PlannedStep.BodhiUpdate} and {@link PlannedStep.SideTagUpdate}: an update that has the build already is kept. */
final class BodhiSteps {
  private final WorkflowContext ctx;

  BodhiSteps(WorkflowContext ctx) {
    this.ctx = ctx;
  }

  StepResult update(PlannedStep.BodhiUpdate u) {
    List<BodhiUpdate> existing = ctx.bodhi().allUpdates(UpdateQuery.builder().builds(List.of(u.nvr())).build());
    if (!existing.isEmpty()) {
      String alias = existing.get(0).alias();
      return StepResult.note("update " + alias + " already contains " + u.nvr()).withBuild(u.nvr()).withUpdate(alias);
    }
    try {
      BodhiUpdate created = ctx.bodhi().createUpdate(UpdateRequest.builder().builds(List.of(u.nvr()))
          .notes(u.notes()).type(u.type()).build()).first();
      return StepResult.note("created update " + created.alias()).withBuild(u.nvr()).withUpdate(created.alias());
    } catch (UpdateAlreadyExistsException e) {
      return StepResult.note("an update for " + u.nvr() + " already exists").withBuild(u.nvr())
          .withUpdate(e.existingAlias().orElse(""));
    }
  }

  /** Creates or edits the side tag's update. */
  StepResult sideTagUpdate(PlannedStep.SideTagUpdate u) {
    UpdateRequest req = UpdateRequest.builder().builds(u.nvrs()).fromTag(u.sideTag()).notes(u.notes()).type("enhancement").build();
    SavedUpdates saved = u.editAlias().isEmpty() ? ctx.bodhi().createUpdate(req) : ctx.bodhi().editUpdate(u.editAlias(), req);
    String alias = saved.first().alias();
    return StepResult.note((u.editAlias().isEmpty() ? "created update " : "edited update ") + alias + " from " + u.sideTag())
        .withBuild(String.join(" ", u.nvrs())).withUpdate(alias);
  }
}
