package dev.packit.bot.reconcile;

import dev.packit.core.PackitException;
import dev.packit.core.rpm.RpmVersion;
import dev.packit.core.spec.SpecFile;
import dev.packit.fedora.koji.KojiBuildState;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reconciliation rules, pure functions of what should be ({@link RoadConfig}) and what is
 * ({@link PackageState}): no I/O, so they are unit-tested in milliseconds.
 *
 * <pre>{@code
 * Optional<UpstreamRelease> latest = ReconcileRules.latestRelease(List.of("v1.0.0", "v1.1.0"), "v{version}", TagFilter.NONE);
 * List<Verdict> verdicts = ReconcileRules.decide(road, state, Set.of());
 * }</pre>
 *
 * <p>Per branch, in road order: <b>propose_downstream</b> when the branch's spec Version is older
 * than the latest release and the bot has no open pull request naming that version;
 * <b>koji_build</b> when Koji has no build of the branch head's NVR (multi-commit pushes are judged
 * by the head, not by the push's last commit) and the newest spec change came from an allowed pull
 * request author or committer, as the event path requires; <b>bodhi_update</b> when the head's NVR
 * is built (COMPLETE, by an allowed builder) and in no update. A branch with nothing missing gets
 * one {@link ReconcileKind#NONE} verdict. A job of the same kind for the branch that is queued or
 * running ({@code busy}) turns its verdict into NONE: the event path has it.
 */
public final class ReconcileRules {
  private ReconcileRules() {}

  /**
   * A queued or running job, as the history knows it.
   *
   * <pre>{@code
   * new ReconcileRules.Busy(ReconcileKind.KOJI_BUILD, "f43", "job-17");
   * }</pre>
   *
   * @param kind the job kind
   * @param branch the branch
   * @param jobId the job
   */
  public record Busy(ReconcileKind kind, String branch, String jobId) {}

  /**
   * The release propose_downstream would take: among the tags that pass {@code upstream_tag_include}
   * / {@code upstream_tag_exclude} and give a valid version through {@code upstream_tag_template}
   * ({@link ReleaseWorkflow#versionFromTag}), the one with the highest rpm version. Tags that do
   * not fit are ignored, as the event path ignores their releases.
   *
   * @param tags the upstream release tags
   * @param template {@code upstream_tag_template}
   * @param filter the tag filter
   * @return the latest release, empty when no tag fits
   */
  public static Optional<UpstreamRelease> latestRelease(Collection<String> tags, String template,
      dev.packit.core.config.TagFilter filter) {
    UpstreamRelease best = null;
    for (String tag : tags) {
      if (filter.rejection(tag).isPresent()) {
        continue;
      }
      String version;
      try {
        version = ReleaseWorkflow.versionFromTag(tag, template);
      } catch (PackitException notARelease) {
        continue;
      }
      if (best == null || RpmVersion.rpmvercmp(SpecFile.rpmVersionOf(version), SpecFile.rpmVersionOf(best.version())) > 0) {
        best = new UpstreamRelease(tag, version);
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Decides, per observed branch, what is missing.
   *
   * @param road what should be
   * @param state what is
   * @param busy jobs queued or running for this package
   * @return the verdicts, every missing job, or one NONE per branch
   */
  public static List<Verdict> decide(RoadConfig road, PackageState state, Collection<Busy> busy) {
    List<Verdict> out = new ArrayList<>();
    for (BranchState b : state.branches()) {
      List<Verdict> missing = new ArrayList<>();
      List<String> fine = new ArrayList<>();
      if (road.propose().contains(b.branch())) {
        add(proposeDownstream(b, state.release()), missing, fine);
      }
      if (road.kojiBuild().contains(b.branch())) {
        add(kojiBuild(road, b), missing, fine);
      }
      if (road.bodhiUpdate().contains(b.branch())) {
        add(bodhiUpdate(road, b), missing, fine);
      }
      List<Verdict> acting = new ArrayList<>();
      for (Verdict v : missing) {
        Optional<Busy> running = busy.stream().filter(j -> j.kind() == v.kind() && j.branch().equals(v.branch())).findFirst();
        if (running.isPresent()) {
          fine.add(v.kind().yamlName() + " job " + running.get().jobId() + " is queued or running");
        } else {
          acting.add(v);
        }
      }
      if (acting.isEmpty()) {
        out.add(Verdict.none(b.branch(), fine.isEmpty() ? "no job configured for " + b.branch() : String.join("; ", fine)));
      } else {
        out.addAll(acting);
      }
    }
    return out;
  }

  private static void add(Verdict v, List<Verdict> missing, List<String> fine) {
    if (v.missing()) {
      missing.add(v);
    } else {
      fine.add(v.reason());
    }
  }

  /**
   * propose_downstream: missing when the branch is behind the release and the bot has no open
   * pull request for that version (an open one for an older version does not count: the job
   * updates it).
   *
   * @param b the branch
   * @param release the latest release
   * @return the verdict
   */
  public static Verdict proposeDownstream(BranchState b, Optional<UpstreamRelease> release) {
    if (release.isEmpty()) {
      return Verdict.none(b.branch(), "no upstream release passes the config");
    }
    UpstreamRelease r = release.get();
    if (b.specVersion().isEmpty()) {
      return Verdict.none(b.branch(), "no spec file on " + b.branch());
    }
    String want = SpecFile.rpmVersionOf(r.version());
    int cmp = RpmVersion.rpmvercmp(want, b.specVersion().get());
    if (cmp == 0) {
      return Verdict.none(b.branch(), "at upstream release " + r.version());
    }
    if (cmp < 0) {
      return Verdict.none(b.branch(), b.branch() + " has " + b.specVersion().get() + ", newer than upstream's " + r.version());
    }
    Optional<BotPullRequest> pr = b.openBotPullRequests().stream().filter(p -> p.proposes(r.version())).findFirst();
    if (pr.isPresent()) {
      return Verdict.none(b.branch(), "pull request #" + pr.get().number() + " proposes " + r.version() + ", waiting for review");
    }
    return new Verdict(b.branch(), ReconcileKind.PROPOSE_DOWNSTREAM, r.tag(), b.branch() + " has " + b.specVersion().get()
        + ", upstream released " + r.version() + " (" + r.tag() + ") and the bot has no open pull request for it");
  }

  /**
   * koji_build: missing when Koji has no build of the head's NVR and the newest spec change was
   * merged from an allowed author's pull request or pushed by an allowed committer. A failed or
   * canceled build is left to people: retrying it on every interval could loop.
   *
   * @param road the config
   * @param b the branch
   * @return the verdict
   */
  public static Verdict kojiBuild(RoadConfig road, BranchState b) {
    if (b.nvr().isEmpty()) {
      return Verdict.none(b.branch(), "no spec file on " + b.branch());
    }
    String nvr = b.nvr().get();
    if (b.build().isPresent()) {
      KojiBuildState s = b.build().get();
      return switch (s) {
        case BUILDING, COMPLETE -> Verdict.none(b.branch(), nvr + " is " + s.name().toLowerCase(Locale.ROOT) + " in Koji");
        default -> Verdict.none(b.branch(), nvr + " is " + s.name().toLowerCase(Locale.ROOT)
            + " in Koji; reconciliation does not retry it (a person can: /packit koji-build)");
      };
    }
    if (b.lastSpecCommit().isEmpty()) {
      return Verdict.none(b.branch(), "no commit changed the spec of " + nvr + " that reconciliation can see");
    }
    SpecCommit c = b.lastSpecCommit().get();
    Optional<String> refusal = buildRefusal(road, c);
    if (refusal.isPresent()) {
      return Verdict.none(b.branch(), refusal.get() + ": no build of " + nvr + ", as on the event path");
    }
    return new Verdict(b.branch(), ReconcileKind.KOJI_BUILD, nvr, "spec change " + c.shortSha() + " merged on "
        + b.branch() + ", Koji has no build of " + nvr);
  }

  /**
   * Why a spec change must not be built, as {@code ReleaseWorkflow.planKojiBuild} decides for a
   * push: a merged pull request's author must be in {@code allowed_pr_authors}; a direct push's
   * author in {@code allowed_committers}, matched by email or by {@code <user>@fedoraproject.org}
   * (git knows emails, the config names users).
   *
   * @param road the config
   * @param c the spec change
   * @return the refusal, empty when it may be built
   */
  public static Optional<String> buildRefusal(RoadConfig road, SpecCommit c) {
    if (c.pullRequestAuthor().isPresent()) {
      String author = c.pullRequestAuthor().get();
      return road.allowedPrAuthors().contains(author) ? Optional.empty()
          : Optional.of("spec change " + c.shortSha() + " came with a pull request by '" + author
              + "', who is not in allowed_pr_authors");
    }
    String email = c.authorEmail().toLowerCase(Locale.ROOT);
    for (String who : road.allowedCommitters()) {
      String w = who.toLowerCase(Locale.ROOT);
      if (w.equals(email) || (w + "@fedoraproject.org").equals(email)) {
        return Optional.empty();
      }
    }
    return Optional.of("spec change " + c.shortSha() + " was pushed by <" + c.authorEmail()
        + ">, who is not in allowed_committers");
  }

  /**
   * bodhi_update: missing when the head's NVR is built (COMPLETE, by an allowed builder) and no
   * Bodhi update contains it.
   *
   * @param road the config
   * @param b the branch
   * @return the verdict
   */
  public static Verdict bodhiUpdate(RoadConfig road, BranchState b) {
    if (b.nvr().isEmpty()) {
      return Verdict.none(b.branch(), "no spec file on " + b.branch());
    }
    String nvr = b.nvr().get();
    if (b.build().isEmpty() || b.build().get() != KojiBuildState.COMPLETE) {
      return Verdict.none(b.branch(), "no complete build of " + nvr + " to update yet");
    }
    if (b.updateAlias().isPresent()) {
      return Verdict.none(b.branch(), nvr + " is in update " + b.updateAlias().get());
    }
    if (!road.allowedBuilders().contains(b.buildOwner())) {
      return Verdict.none(b.branch(), nvr + " was built by '" + b.buildOwner() + "', who is not in allowed_builders");
    }
    return new Verdict(b.branch(), ReconcileKind.BODHI_UPDATE, nvr, nvr + " is built and in no Bodhi update");
  }

  /**
   * The job id reconciliation gives the job for a verdict: the same missing item always gets the
   * same id, so the history tells whether it was enqueued before.
   *
   * @param packageName the package
   * @param v a missing verdict
   * @return the id, e.g. {@code reconcile:koji_build:hello:f43:hello-1.1.0-1.fc43}
   */
  public static String jobId(String packageName, Verdict v) {
    return "reconcile:" + v.kind().yamlName() + ":" + packageName + ":" + v.branch() + ":" + v.target();
  }
}
