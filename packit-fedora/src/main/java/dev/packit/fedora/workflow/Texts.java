package dev.packit.fedora.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the bot writes for people: commit messages, pull request titles and bodies, changelog entries, comments. Pure. */
final class Texts {
  private static final Pattern RHBZ = Pattern.compile("rhbz#(\\d+)");

  private Texts() {}

  /** The bot's branch in its fork for a target branch and job, e.g. {@code f43-update-propose_downstream}. */
  static String prBranch(String branch, String jobName) {
    return branch + "-update-" + jobName;
  }

  /** The commit message of a release (Packit's form), unless a {@code commit-message} action gave one. */
  static String commitMessage(String version, String tag, String upstreamSha, List<String> bugs) {
    StringBuilder bugLines = new StringBuilder();
    bugs.forEach(bug -> bugLines.append("- Resolves: ").append(bug).append('\n'));
    if (bugLines.length() > 0) {
      bugLines.append('\n');
    }
    return "Update to " + version + " upstream release\n\n"
        + bugLines
        + "Upstream tag: " + tag + "\n"
        + (upstreamSha.isEmpty() ? "" : "Upstream commit: " + upstreamSha + "\n")
        + "\nCommit authored by packit-java automation (https://packit.dev/)\n";
  }

  static String prTitle(String branch, String version) {
    return "Update " + branch + " to upstream release " + version;
  }

  /**
   * The pull request body: the upstream tag and commit, the bugs, what happens after merge and any
   * warnings, then who opened it.
   *
   * @param afterMerge e.g. {@code After merge: Koji build for f43; Bodhi update for f43}, empty for none
   * @param warnings lines shown as warnings for the maintainer
   */
  static String prBody(String tag, String upstreamSha, List<String> bugs, String upstreamName, String prBranch,
      String afterMerge, List<String> warnings) {
    StringBuilder resolves = new StringBuilder();
    bugs.forEach(bug -> resolves.append("Resolves: ").append(bugLink(bug)).append('\n'));
    StringBuilder merge = new StringBuilder();
    if (!afterMerge.isEmpty()) {
      merge.append('\n').append(afterMerge).append('\n');
    }
    warnings.forEach(w -> merge.append("\n**Warning:** ").append(w).append('\n'));
    return "Upstream tag: " + tag + "\n"
        + (upstreamSha.isEmpty() ? "" : "Upstream commit: " + upstreamSha + "\n")
        + resolves
        + merge
        + "\n---\n\nThis pull request was opened by packit-java for " + upstreamName
        + ". To change it, push to the `" + prBranch + "` branch of the fork; see the PR policy of the bot.\n";
  }

  /** {@code rhbz#N} as a Markdown link to Red Hat Bugzilla, like Packit's pull requests; other forms as given. */
  static String bugLink(String bug) {
    Matcher m = RHBZ.matcher(bug);
    return m.matches() ? "[" + bug + "](https://bugzilla.redhat.com/show_bug.cgi?id=" + m.group(1) + ")" : bug;
  }

  /** Adds the release-monitoring line where Packit has it: after the upstream lines, before the bugs. */
  static String withRefs(String body, CharSequence refs) {
    int bugs = body.indexOf("Resolves: ");
    int cut = bugs >= 0 ? bugs : body.indexOf("\n---\n");
    return cut < 0 ? body + "\n" + refs : body.substring(0, cut) + refs + body.substring(cut);
  }

  /**
   * The changelog entry's items: the release notes when {@code copy_upstream_release_description}
   * is on and they have text (list markers dropped), else {@code Update to version X}; the
   * resolved bugs appended. Literal text: the changelog entry escapes it for rpm.
   */
  static List<String> changelogItems(boolean copyReleaseDescription, String releaseNotes, String version, List<String> bugs) {
    List<String> items = new ArrayList<>();
    if (copyReleaseDescription && !releaseNotes.isBlank()) {
      for (String line : releaseNotes.strip().split("\\R")) {
        String l = line.strip();
        if (!l.isEmpty()) {
          items.add(l.replaceFirst("^[*-]\\s*", ""));
        }
      }
    }
    if (items.isEmpty()) {
      items.add("Update to version " + version);
    }
    bugs.forEach(bug -> items.add("Resolves: " + bug));
    return items;
  }

  /** Bodhi update notes for builds without notes of their own. */
  static String updateNotes(List<String> nvrs) {
    return "Automatic update for " + String.join(", ", nvrs) + ".";
  }

  static String stopComment(String version, List<String> othersShortShas) {
    return "packit-java did not update this pull request to " + version
        + ": its branch has " + othersShortShas.size() + " commit(s) by others (" + String.join(", ", othersShortShas)
        + ") and the bot's PR policy is STOP. Update it by hand, or close it to let the bot open a new one.";
  }

  static String conflictComment(String version, String shortSha, String subject, String author) {
    return "packit-java did not update this pull request to " + version
        + ": commit " + shortSha + " (\"" + subject + "\" by " + author
        + ") does not apply on top of the new release change. Rebase the branch by hand, or close the pull"
        + " request to let the bot open a new one.";
  }
}
