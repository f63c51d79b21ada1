package dev.packit.fedora.workflow;

import dev.packit.core.rpm.RpmVersion;
import dev.packit.core.spec.SpecFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The workflow's decisions as pure functions over facts the planners and executors gathered: no
 * I/O, so each is unit-tested in milliseconds ({@code RulesTest}).
 */
final class Rules {
  private Rules() {}

  /** A skip decision: its kind and the reason people read. */
  record Skip(BranchPlan.SkipKind kind, String reason) {
    static Skip rule(String reason) {
      return new Skip(BranchPlan.SkipKind.RULE, reason);
    }

    BranchPlan on(String branch) {
      return BranchPlan.skipped(branch, kind, reason);
    }
  }

  /** How a skip because the branch has the release already begins. */
  static final String ALREADY_AT_VERSION = "already at version ";

  /** The dist-git default branch and its other name: the branches {@code version_update_mask} does not hold back. */
  static boolean isDefaultBranch(String branch) {
    return branch.equals("rawhide") || branch.equals("main");
  }

  /**
   * Whether a branch at {@code current} takes the release {@code next} (both rpm versions): not when it
   * has it already, has a newer one, or {@code version_update_mask} keeps the masked part fixed on a
   * stable branch.
   */
  static Optional<Skip> versionSkip(String branch, String current, String next, Optional<String> mask) {
    int cmp = RpmVersion.rpmvercmp(next, current);
    if (cmp == 0) {
      return Optional.of(new Skip(BranchPlan.SkipKind.UP_TO_DATE, ALREADY_AT_VERSION + current));
    }
    if (cmp < 0) {
      return Optional.of(Skip.rule("downgrade: " + branch + " has " + current + ", newer than " + next));
    }
    return maskRefusal(branch, current, next, mask)
        .map(why -> Skip.rule("version_update_mask '" + mask.get() + "': " + why));
  }

  /** Why {@code version_update_mask} refuses {@code current -> next} on a branch; empty when it allows it. */
  static Optional<String> maskRefusal(String branch, String current, String next, Optional<String> mask) {
    if (mask.isEmpty() || isDefaultBranch(branch)) {
      return Optional.empty();
    }
    String a = TagVersions.maskOf(mask.get(), current);
    String b = TagVersions.maskOf(mask.get(), next);
    return a.equals(b) ? Optional.empty() : Optional.of(current + " and " + next + " differ in the masked part");
  }

  /** {@code allowed_committers} and friends: the configured list, or the defaults when none is configured. */
  static boolean allowed(List<String> configured, List<String> defaults, String who) {
    List<String> list = configured.isEmpty() ? defaults : configured;
    return who != null && !who.isEmpty() && list.contains(who);
  }

  /** The Koji target a plain build of a branch uses: the branch itself, {@code main} building as rawhide. */
  static String buildTarget(String branch) {
    return branch.equals("main") ? "rawhide" : branch;
  }

  /** The Koji target whose build tag a branch's side tags come from. */
  static String candidateTarget(String branch) {
    return isDefaultBranch(branch) ? "rawhide" : branch + "-candidate";
  }

  private static final Set<String> RETRIED_STATES = Set.of("FAILED", "CANCELED", "DELETED");

  /** Whether planning skips a build because Koji has that NVR in this state already. */
  static boolean kojiStateSkipsPlan(String state) {
    return state.equals("BUILDING") || state.equals("COMPLETE");
  }

  /** Whether applying a build skips it because Koji has that NVR in this state (a failed build may be tried again). */
  static boolean kojiStateSkipsSubmit(String state) {
    return !RETRIED_STATES.contains(state);
  }

  /** The skip of a build Koji already has, if this state skips. */
  static Optional<Skip> kojiBuildSkip(String nvr, String state) {
    return kojiStateSkipsPlan(state)
        ? Optional.of(Skip.rule(nvr + " is already " + state.toLowerCase(Locale.ROOT) + " in Koji")) : Optional.empty();
  }

  /** What apply does with the bot's fork branch, from the PR policy and what is on that branch. */
  enum ForkBranchAction {
    /** No branch in the fork yet: commit on the target and push. */
    COMMIT_FRESH,
    /** Only the bot's commits there, or policy UPDATE: keep the branch if it has the planned content, else replace it. */
    REUSE_OR_REPLACE,
    /** Others' commits there and policy STOP: leave the branch, comment on the PR. */
    STOP,
    /** Others' commits there and policy KEEP_HUMAN_COMMITS: keep them on top of the bot's new commit. */
    KEEP_HUMAN_COMMITS
  }

  /**
   * The PR policy.
   *
   * @param policy the bot's policy
   * @param forkBranchExists whether the fork has the PR branch
   * @param othersCommits how many commits on it (after the base) are not the bot's
   */
  static ForkBranchAction forkBranch(PrPolicy policy, boolean forkBranchExists, int othersCommits) {
    if (!forkBranchExists) {
      return ForkBranchAction.COMMIT_FRESH;
    }
    if (othersCommits == 0 || policy == PrPolicy.UPDATE) {
      return ForkBranchAction.REUSE_OR_REPLACE;
    }
    return policy == PrPolicy.STOP ? ForkBranchAction.STOP : ForkBranchAction.KEEP_HUMAN_COMMITS;
  }

  /** What to do with the bot's open pull request of a branch. */
  enum PullRequestAction {
    /** None is open: open one. */
    OPEN,
    /** One is open with this title and body: leave it. */
    KEEP,
    /** One is open with another title or body: edit it. */
    EDIT
  }

  static PullRequestAction pullRequest(Optional<String[]> openTitleAndBody, String title, String body) {
    if (openTitleAndBody.isEmpty()) {
      return PullRequestAction.OPEN;
    }
    String[] open = openTitleAndBody.get();
    return open[0].equals(title) && open[1].equals(body) ? PullRequestAction.KEEP : PullRequestAction.EDIT;
  }

  /**
   * Why {@code ff} cannot be fast-forwarded to {@code from}'s new commit at planning time; empty when it can.
   *
   * @param ffHead the head of {@code ff}, empty when dist-git has no such branch
   * @param ancestor whether that head is an ancestor of the commit's base
   * @param hasSpec whether {@code ff} has the package's spec
   * @param current the version of {@code ff}'s spec (read only when a mask is set)
   * @param next the release's rpm version
   */
  static Optional<String> fastForwardRefusal(String from, String ff, Optional<String> ffHead, boolean ancestor, boolean hasSpec,
      String pkg, Optional<String> mask, java.util.function.Supplier<String> current, String next) {
    String prefix = "not fast-forwarded to " + from + ": ";
    if (ffHead.isEmpty()) {
      return Optional.of(prefix + "dist-git has no branch " + ff);
    }
    if (!ancestor) {
      return Optional.of(prefix + ff + " has diverged (it has commits " + from + " does not have); merge or reset it by hand");
    }
    if (!hasSpec) {
      return Optional.of(prefix + "no " + pkg + ".spec on " + ff);
    }
    if (mask.isPresent() && !isDefaultBranch(ff)) {
      String version;
      try {
        version = current.get();
      } catch (RuntimeException e) {
        return Optional.of(prefix + "cannot read the spec of " + ff + ": " + e.getMessage());
      }
      Optional<String> refused = maskRefusal(ff, version, next, mask);
      if (refused.isPresent()) {
        return Optional.of(prefix + "version_update_mask '" + mask.get() + "': " + refused.get());
      }
    }
    return Optional.empty();
  }

  /** What applying a fast-forward finds. */
  enum FastForwardState {
    /** The branch is gone since planning. */
    GONE,
    /** The branch already is at the commit. */
    THERE,
    /** The branch got commits of its own since planning. */
    DIVERGED,
    /** The branch can move to the commit. */
    BEHIND
  }

  static FastForwardState fastForwardState(Optional<String> ffHead, String newCommit, boolean ffHeadIsAncestor) {
    if (ffHead.isEmpty()) {
      return FastForwardState.GONE;
    }
    if (ffHead.get().equals(newCommit)) {
      return FastForwardState.THERE;
    }
    return ffHeadIsAncestor ? FastForwardState.BEHIND : FastForwardState.DIVERGED;
  }

  /** The rpm version of an upstream version (what the spec's Version gets). */
  static String rpmVersion(String version) {
    return SpecFile.rpmVersionOf(version);
  }
}
