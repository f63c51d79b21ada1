package dev.packit.fedora.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.config.JobType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job will do, per dist-git branch, before anything is changed. Print it for a dry run,
 * serialize it for review, then hand it to {@link ReleaseWorkflow#apply(Plan)}.
 *
 * <pre>{@code
 * Plan plan = workflow.planProposeDownstream(request);
 * System.out.println(plan.render());      // the dry run
 * RunResult result = workflow.apply(plan);
 * }</pre>
 *
 * @param job the job type
 * @param packageName the dist-git package
 * @param version the upstream version the job is about, empty when not applicable
 * @param cause what triggered the job, for people (e.g. {@code release 1.2.0 of https://github.com/o/r})
 * @param branches one plan per branch, in configuration order
 */
public record Plan(JobType job, String packageName, String version, String cause, List<BranchPlan> branches) {
  /** Validates the components. */
  public Plan {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cause, "cause");
    branches = List.copyOf(branches);
  }

  /**
   * Returns the plan of one branch.
   *
   * @param branch the dist-git branch
   * @return its plan, or empty when the job does not touch it
   */
  public Optional<BranchPlan> branch(String branch) {
    return branches.stream().filter(b -> b.branch().equals(branch)).findFirst();
  }

  /** @return whether no branch has any work */
  public boolean isEmpty() {
    return branches.stream().allMatch(b -> b.steps().isEmpty());
  }

  /**
   * Renders the plan for people: per branch the steps, diffs and skip reasons.
   *
   * @return the rendered plan
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan: ").append(job.yamlName()).append(" for ").append(packageName);
    if (!version.isEmpty()) {
      sb.append(' ').append(version);
    }
    sb.append(" (").append(cause).append(")\n");
    for (BranchPlan b : branches) {
      sb.append("  ").append(b.branch()).append(": ");
      if (b.skipReason().isPresent()) {
        sb.append("skip, ").append(b.skip()).append('\n');
        b.actions().forEach(a -> sb.append("    * action ").append(a).append('\n'));
        continue;
      }
      sb.append(b.steps().size()).append(b.steps().size() == 1 ? " step\n" : " steps\n");
      b.warnings().forEach(w -> sb.append("    ! warning: ").append(w).append('\n'));
      b.actions().forEach(a -> sb.append("    * action ").append(a).append('\n'));
      for (PlannedStep step : b.steps()) {
        sb.append("    - ").append(step.describe()).append('\n');
        if (step instanceof PlannedStep.Commit c) {
          for (PlannedStep.FileChange f : c.files()) {
            f.diff().lines().forEach(l -> sb.append("        ").append(l).append('\n'));
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * Serializes the plan as JSON (file contents are given as diffs, not in full). A skipped branch
   * has {@code skip} (the reason) and {@code skipKind} ({@code rule}, {@code up_to_date},
   * {@code tag_filtered} or {@code planning_failed}, as {@link BranchPlan#skipKind()}).
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("job", job.yamlName()).put("package", packageName).put("version", version).put("cause", cause);
    ArrayNode arr = root.putArray("branches");
    for (BranchPlan b : branches) {
      ObjectNode bn = arr.addObject().put("branch", b.branch());
      b.skipReason().ifPresent(r -> bn.put("skip", r)
          .put("skipKind", b.skipKind().name().toLowerCase(java.util.Locale.ROOT)));
      if (!b.warnings().isEmpty()) {
        ArrayNode warnings = bn.putArray("warnings");
        b.warnings().forEach(warnings::add);
      }
      if (!b.actions().isEmpty()) {
        ArrayNode actions = bn.putArray("actions");
        b.actions().forEach(actions::add);
      }
      ArrayNode steps = bn.putArray("steps");
      for (PlannedStep s : b.steps()) {
        ObjectNode sn = steps.addObject().put("kind", s.getClass().getSimpleName()).put("description", s.describe());
        if (s instanceof PlannedStep.Commit c) {
          ArrayNode files = sn.putArray("files");
          for (PlannedStep.FileChange f : c.files()) {
            files.addObject().put("path", f.path()).put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("diff", f.diff()).put("bytes", f.content().length);
          }
        } else if (s instanceof PlannedStep.Upload u) {
          sn.put("file", u.fileName()).put("size", u.size()).put("sha512", u.sha512());
        }
      }
    }
    try {
      return new String(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a plan", e);
    }
  }
}
