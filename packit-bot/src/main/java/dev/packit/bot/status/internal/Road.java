package dev.packit.bot.status.internal;

import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package's road, computed from its newest jobs: the upstream release that started it, and per
 * branch the pull request, the Koji build and the Bodhi update (each with its newest link and the
 * state of the newest job that makes it), the branch's latest job, and the failures.
 *
 * @param packageName the package
 * @param release the newest job that proposed or pulled a release, if any
 * @param branches per branch, rawhide first, then the highest-numbered
 * @param failures steps whose newest job failed
 * @param open jobs not finished (queued, running, retrying), newest first
 */
record Road(String packageName, Optional<JobRecord> release, List<BranchRoad> branches, List<Failure> failures,
    List<JobRecord> open) {

  /** The three steps after the release, in order, with the link name {@code BranchRecord} uses. */
  static final List<String> STEPS = List.of("pull request", "koji build", "bodhi update");

  /** One step on one branch. */
  record Step(String name, Optional<URI> link, String state, Optional<JobRecord> job) {}

  /** One branch's steps and its newest job. */
  record BranchRoad(String branch, List<Step> steps, JobRecord latest, String latestState) {}

  /** A failed step with its cause. */
  record Failure(String branch, String step, JobRecord job, String cause) {}

  /**
   * Which step a job kind makes, or empty for kinds off the road.
   *
   * @param kind a job kind
   * @return the step name
   */
  static Optional<String> stepOf(String kind) {
    return switch (kind) {
      case "propose_downstream", "pull_from_upstream" -> Optional.of("pull request");
      case "koji_build" -> Optional.of("koji build");
      case "bodhi_update" -> Optional.of("bodhi update");
      default -> Optional.empty();
    };
  }

  /**
   * Computes the road.
   *
   * @param packageName the package
   * @param newestFirst its jobs, newest queued first
   * @return the road
   */
  static Road of(String packageName, List<JobRecord> newestFirst) {
    Optional<JobRecord> release = newestFirst.stream()
        .filter(j -> stepOf(j.kind()).map("pull request"::equals).orElse(false)).findFirst();
    Set<String> names = new LinkedHashSet<>();
    newestFirst.forEach(j -> names.addAll(j.branches()));
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(BRANCH_ORDER);
    List<BranchRoad> branches = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String branch : sorted) {
      List<JobRecord> forBranch = newestFirst.stream().filter(j -> j.branches().contains(branch)).toList();
      List<Step> steps = new ArrayList<>();
      for (String step : STEPS) {
        Optional<URI> link = forBranch.stream()
            .flatMap(j -> j.branchResults().stream())
            .filter(b -> b.branch().equals(branch) && b.links().containsKey(step))
            .map(b -> b.links().get(step)).findFirst();
        Optional<JobRecord> job = forBranch.stream().filter(j -> stepOf(j.kind()).map(step::equals).orElse(false))
            .findFirst();
        String state = job.map(j -> stateOn(j, branch)).orElse("");
        steps.add(new Step(step, link, state, job));
        if (state.equals("failed")) {
          failures.add(new Failure(branch, step, job.get(), causeOn(job.get(), branch)));
        }
      }
      JobRecord latest = forBranch.get(0);
      branches.add(new BranchRoad(branch, steps, latest, stateOn(latest, branch)));
    }
    // Failed jobs off the road (other kinds, or no branch at all) still deserve a line.
    for (JobRecord j : newestFirst) {
      if (j.state() == JobState.FAILED && (j.branches().isEmpty() || stepOf(j.kind()).isEmpty())
          && failures.stream().noneMatch(f -> f.job().id().equals(j.id()))) {
        failures.add(new Failure(String.join(", ", j.branches()), j.kind(), j, j.detail()));
      }
    }
    List<JobRecord> open = newestFirst.stream().filter(j -> !j.state().finished()).toList();
    return new Road(packageName, release, List.copyOf(branches), List.copyOf(failures), open);
  }

  /**
   * A job's state on one branch: the branch's outcome once finished, else the job's state.
   *
   * @param j the job
   * @param branch the branch
   * @return lower-case state
   */
  static String stateOn(JobRecord j, String branch) {
    if (j.state().finished()) {
      for (BranchRecord b : j.branchResults()) {
        if (b.branch().equals(branch)) {
          return b.outcome().toLowerCase(Locale.ROOT);
        }
      }
    }
    return j.state().name().toLowerCase(Locale.ROOT);
  }

  private static String causeOn(JobRecord j, String branch) {
    for (BranchRecord b : j.branchResults()) {
      if (b.branch().equals(branch) && !b.detail().isEmpty()) {
        return b.detail();
      }
    }
    return j.detail();
  }

  private static final Pattern NUMBERED = Pattern.compile("([a-z]*)(\\d+)(.*)");

  // rawhide (or main) first, then the newest release first (f43 before f42 before epel10), then by name.
  static final Comparator<String> BRANCH_ORDER = Comparator
      .comparing((String b) -> !(b.equals("rawhide") || b.equals("main")))
      .thenComparing((String b) -> -number(b))
      .thenComparing(Comparator.naturalOrder());

  private static long number(String branch) {
    Matcher m = NUMBERED.matcher(branch);
    if (m.matches() && m.group(2).length() < 10) {
      return Long.parseLong(m.group(2));
    }
    return -1;
  }
}
