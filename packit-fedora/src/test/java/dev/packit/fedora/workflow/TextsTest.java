package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the bot writes, and what it says happens after merge, without a sandbox. */
class TextsTest {

  @Test
  void commitMessageNamesTagCommitAndBugs() {
    assertEquals("Update to 1.1 upstream release\n\n- Resolves: rhbz#1\n\nUpstream tag: v1.1\nUpstream commit: abc\n"
        + "\nCommit authored by packit-java automation (https://packit.dev/)\n",
        Texts.commitMessage("1.1", "v1.1", "abc", List.of("rhbz#1")));
    assertEquals("Update to 1.1 upstream release\n\nUpstream tag: v1.1\n"
        + "\nCommit authored by packit-java automation (https://packit.dev/)\n", Texts.commitMessage("1.1", "v1.1", "", List.of()));
  }

  @Test
  void pullRequestTitleAndBody() {
    assertEquals("Update f43 to upstream release 1.1", Texts.prTitle("f43", "1.1"));
    assertEquals("f43-update-propose_downstream", Texts.prBranch("f43", "propose_downstream"));
    String body = Texts.prBody("v1.1", "abc", List.of("rhbz#7", "GH#2"), "o/hello", "f43-update-propose_downstream",
        "After merge: Koji build for f43", List.of("the koji_build jobs differ"));
    assertEquals("Upstream tag: v1.1\nUpstream commit: abc\n"
        + "Resolves: [rhbz#7](https://bugzilla.redhat.com/show_bug.cgi?id=7)\nResolves: GH#2\n"
        + "\nAfter merge: Koji build for f43\n"
        + "\n**Warning:** the koji_build jobs differ\n"
        + "\n---\n\nThis pull request was opened by packit-java for o/hello. To change it, push to the "
        + "`f43-update-propose_downstream` branch of the fork; see the PR policy of the bot.\n", body);
    // the release-monitoring line goes before the bugs, or before the footer without bugs
    assertTrue(Texts.withRefs(body, "Release monitoring project: X\n").contains("abc\nRelease monitoring project: X\nResolves: "));
    String noBugs = Texts.prBody("v1", "", List.of(), "o/r", "b", "", List.of());
    assertTrue(Texts.withRefs(noBugs, "R\n").startsWith("Upstream tag: v1\nR\n\n---\n"), Texts.withRefs(noBugs, "R\n"));
  }

  @Test
  void changelogItemsFromReleaseNotesOrTheDefault() {
    assertEquals(List.of("Update to version 1.1", "Resolves: rhbz#1"), Texts.changelogItems(false, "* notes", "1.1", List.of("rhbz#1")));
    assertEquals(List.of("Fixed a", "Added b"), Texts.changelogItems(true, "* Fixed a\n\n- Added b\n", "1.1", List.of()));
    assertEquals(List.of("Update to version 1.1"), Texts.changelogItems(true, "  \n", "1.1", List.of()));
    assertEquals("Automatic update for a-1-1.fc43, b-1-1.fc43.", Texts.updateNotes(List.of("a-1-1.fc43", "b-1-1.fc43")));
  }

  @Test
  void policyComments() {
    assertEquals("packit-java did not update this pull request to 1.1: its branch has 2 commit(s) by others (aaa, bbb) and the bot's"
        + " PR policy is STOP. Update it by hand, or close it to let the bot open a new one.",
        Texts.stopComment("1.1", List.of("aaa", "bbb")));
    assertTrue(Texts.conflictComment("1.1", "aaa", "Fix", "Jane").contains("commit aaa (\"Fix\" by Jane) does not apply"));
  }

  private static PackitConfig config(String jobs) {
    return PackitConfigLoader.defaults().load("downstream_package_name: hello\njobs:\n" + jobs, "dist-git/.packit.yaml");
  }

  @Test
  void afterMergeLineComesFromTheKojiAndBodhiJobsOfTheBranch() {
    PackitConfig c = config("  - job: koji_build\n    trigger: commit\n    dist_git_branches: [rawhide, f43]\n"
        + "  - job: bodhi_update\n    trigger: commit\n    dist_git_branches: [f43]\n");
    assertEquals("After merge: Koji build for f43; Bodhi update for f43", AfterMerge.line(c, List.of("f43"), null));
    assertEquals("After merge: Koji build for rawhide", AfterMerge.line(c, List.of("rawhide"), null));
    // a fast-forwarded branch is merged with the same PR commit: its jobs count too
    assertEquals("After merge: Koji build for rawhide; Koji build for f43; Bodhi update for f43",
        AfterMerge.line(c, List.of("rawhide", "f43"), null));
    assertEquals("After merge: nothing is built or released automatically (no koji_build or bodhi_update job for f42)",
        AfterMerge.line(c, List.of("f42"), null));
    PackitConfig group = config("  - job: koji_build\n    trigger: commit\n    sidetag_group: kde\n    dist_git_branches: [f43]\n");
    assertEquals("After merge: Koji build for f43 (side tag group kde)", AfterMerge.line(group, List.of("f43"), null));
  }

  @Test
  void afterMergeResolvesAliasesLikeTheDispatcher() {
    DistroAliases aliases = DistroAliases.from(List.of(
        new FedoraRelease("F44", "Fedora 44", "44", "FEDORA", "pending", "rawhide", "f44", "f44-updates-candidate"),
        new FedoraRelease("F43", "Fedora 43", "43", "FEDORA", "current", "f43", "f43", "f43-updates-candidate"),
        new FedoraRelease("F42", "Fedora 42", "42", "FEDORA", "current", "f42", "f42", "f42-updates-candidate")));
    PackitConfig c = config("  - job: koji_build\n    trigger: commit\n    dist_git_branches: [fedora-all]\n"
        + "  - job: bodhi_update\n    trigger: commit\n");
    // bodhi_update without branches: fedora-stable, as the dispatcher resolves it
    assertEquals("After merge: Koji build for f42; Bodhi update for f42", AfterMerge.line(c, List.of("f42"), aliases));
    assertEquals("After merge: Koji build for rawhide", AfterMerge.line(c, List.of("rawhide"), aliases));
  }

  @Test
  void aStableBranchConfigThatDiffersFromRawhidesIsAWarning() {
    PackitConfig rawhide = config("  - job: koji_build\n    trigger: commit\n    dist_git_branches: [rawhide, f43]\n");
    PackitConfig same = config("  - job: koji_build\n    trigger: commit\n    dist_git_branches: [rawhide, f43]\n");
    PackitConfig other = config("  - job: koji_build\n    trigger: commit\n    dist_git_branches: [f43]\n"
        + "  - job: bodhi_update\n    trigger: commit\n    dist_git_branches: [f43]\n");
    assertEquals(Optional.empty(), AfterMerge.drift("f43", same, rawhide));
    assertEquals(Optional.empty(), AfterMerge.drift("rawhide", other, rawhide), "rawhide's own config is the one Packit reads");
    assertEquals("the koji_build and bodhi_update jobs in the .packit.yaml of f43 differ from rawhide's; Packit reads them"
        + " from rawhide only, so f43's are ignored", AfterMerge.drift("f43", other, rawhide).orElseThrow());
    PackitConfig onlyPropose = config("  - job: propose_downstream\n    trigger: release\n");
    assertEquals(Optional.empty(), AfterMerge.drift("f43", onlyPropose, config("  - job: pull_from_upstream\n    trigger: release\n")),
        "other jobs do not matter");
    assertTrue(AfterMerge.drift("f43", rawhide, null).isPresent(), "rawhide without a config runs none of them");
  }
}
