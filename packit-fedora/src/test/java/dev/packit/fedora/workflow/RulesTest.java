package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The workflow's decisions without git, HTTP or a sandbox: each case runs in microseconds. */
class RulesTest {

  @Test
  void prPolicyReusesUpdatesStopsOrKeepsHumanCommits() {
    // no fork branch yet: a fresh commit whatever the policy
    for (PrPolicy p : PrPolicy.values()) {
      assertEquals(Rules.ForkBranchAction.COMMIT_FRESH, Rules.forkBranch(p, false, 0), p.name());
    }
    // only the bot's commits on it: reused when it has the planned content, else replaced
    for (PrPolicy p : PrPolicy.values()) {
      assertEquals(Rules.ForkBranchAction.REUSE_OR_REPLACE, Rules.forkBranch(p, true, 0), p.name());
    }
    // a maintainer pushed to the bot's branch
    assertEquals(Rules.ForkBranchAction.REUSE_OR_REPLACE, Rules.forkBranch(PrPolicy.UPDATE, true, 2));
    assertEquals(Rules.ForkBranchAction.STOP, Rules.forkBranch(PrPolicy.STOP, true, 1));
    assertEquals(Rules.ForkBranchAction.KEEP_HUMAN_COMMITS, Rules.forkBranch(PrPolicy.KEEP_HUMAN_COMMITS, true, 1));
  }

  @Test
  void anOpenPullRequestIsKeptEditedOrOpened() {
    assertEquals(Rules.PullRequestAction.OPEN, Rules.pullRequest(Optional.empty(), "t", "b"));
    assertEquals(Rules.PullRequestAction.KEEP, Rules.pullRequest(Optional.of(new String[] {"t", "b"}), "t", "b"));
    assertEquals(Rules.PullRequestAction.EDIT, Rules.pullRequest(Optional.of(new String[] {"t", "old"}), "t", "b"));
    assertEquals(Rules.PullRequestAction.EDIT, Rules.pullRequest(Optional.of(new String[] {"old", "b"}), "t", "b"));
  }

  @Test
  void branchVersionSkipsAreTyped() {
    Rules.Skip same = Rules.versionSkip("f43", "1.1.0", "1.1.0", Optional.empty()).orElseThrow();
    assertEquals(BranchPlan.SkipKind.UP_TO_DATE, same.kind());
    assertEquals("already at version 1.1.0", same.reason());
    Rules.Skip down = Rules.versionSkip("f42", "2.0", "1.1", Optional.empty()).orElseThrow();
    assertEquals(BranchPlan.SkipKind.RULE, down.kind());
    assertEquals("downgrade: f42 has 2.0, newer than 1.1", down.reason());
    // rpm's order, not the text's: 1.10 is newer than 1.9
    assertEquals(Optional.empty(), Rules.versionSkip("f43", "1.9", "1.10", Optional.empty()));
    // a mask holds the major version on stable branches, never on rawhide
    Rules.Skip masked = Rules.versionSkip("f42", "1.9", "2.0", Optional.of("^\\d+")).orElseThrow();
    assertEquals("version_update_mask '^\\d+': 1.9 and 2.0 differ in the masked part", masked.reason());
    assertEquals(Optional.empty(), Rules.versionSkip("rawhide", "1.9", "2.0", Optional.of("^\\d+")));
    assertEquals(Optional.empty(), Rules.versionSkip("main", "1.9", "2.0", Optional.of("^\\d+")));
    assertEquals(Optional.empty(), Rules.versionSkip("f42", "1.9", "1.10", Optional.of("^\\d+")));
    assertEquals(BranchPlan.SkipKind.UP_TO_DATE, same.on("f43").skipKind());
  }

  @Test
  void allowedListsFallBackToTheDefaultsAndNeverAllowNobody() {
    assertTrue(Rules.allowed(List.of(), List.of("packit", "bot"), "bot"));
    assertFalse(Rules.allowed(List.of(), List.of("packit", "bot"), "mallory"));
    assertTrue(Rules.allowed(List.of("jane"), List.of("packit"), "jane"));
    assertFalse(Rules.allowed(List.of("jane"), List.of("packit"), "packit"), "a configured list replaces the defaults");
    assertFalse(Rules.allowed(List.of(), List.of("packit"), ""));
    assertFalse(Rules.allowed(List.of(), List.of("packit"), null));
  }

  @Test
  void kojiStatesDecideWhatIsBuiltAgain() {
    assertTrue(Rules.kojiStateSkipsPlan("BUILDING"));
    assertTrue(Rules.kojiStateSkipsPlan("COMPLETE"));
    assertFalse(Rules.kojiStateSkipsPlan("FAILED"));
    assertFalse(Rules.kojiStateSkipsPlan("CANCELED"));
    assertEquals("hello-1-1.fc43 is already complete in Koji",
        Rules.kojiBuildSkip("hello-1-1.fc43", "COMPLETE").orElseThrow().reason());
    assertEquals(Optional.empty(), Rules.kojiBuildSkip("hello-1-1.fc43", "DELETED"));
    for (String retried : List.of("FAILED", "CANCELED", "DELETED")) {
      assertFalse(Rules.kojiStateSkipsSubmit(retried), retried);
    }
    assertTrue(Rules.kojiStateSkipsSubmit("BUILDING"));
    assertTrue(Rules.kojiStateSkipsSubmit("COMPLETE"));
    assertEquals("rawhide", Rules.buildTarget("main"));
    assertEquals("f43", Rules.buildTarget("f43"));
    assertEquals("rawhide", Rules.candidateTarget("main"));
    assertEquals("f43-candidate", Rules.candidateTarget("f43"));
  }

  @Test
  void fastForwardRefusalsNameTheReason() {
    AtomicInteger reads = new AtomicInteger();
    java.util.function.Supplier<String> spec = () -> {
      reads.incrementAndGet();
      return "1.0";
    };
    assertEquals("not fast-forwarded to rawhide: dist-git has no branch f43",
        Rules.fastForwardRefusal("rawhide", "f43", Optional.empty(), false, false, "hello", Optional.empty(), spec, "1.1").orElseThrow());
    assertEquals("not fast-forwarded to rawhide: f42 has diverged (it has commits rawhide does not have); merge or reset it by hand",
        Rules.fastForwardRefusal("rawhide", "f42", Optional.of("abc"), false, true, "hello", Optional.empty(), spec, "1.1").orElseThrow());
    assertEquals("not fast-forwarded to rawhide: no hello.spec on f42",
        Rules.fastForwardRefusal("rawhide", "f42", Optional.of("abc"), true, false, "hello", Optional.empty(), spec, "1.1").orElseThrow());
    assertEquals(Optional.empty(),
        Rules.fastForwardRefusal("rawhide", "f42", Optional.of("abc"), true, true, "hello", Optional.empty(), spec, "1.1"));
    assertEquals(0, reads.get(), "the spec is read only for a mask");
    assertEquals("not fast-forwarded to rawhide: version_update_mask '^\\d+': 1.0 and 2.0 differ in the masked part",
        Rules.fastForwardRefusal("rawhide", "f42", Optional.of("abc"), true, true, "hello", Optional.of("^\\d+"), spec, "2.0")
            .orElseThrow());
    assertEquals("not fast-forwarded to rawhide: cannot read the spec of f42: bad",
        Rules.fastForwardRefusal("rawhide", "f42", Optional.of("abc"), true, true, "hello", Optional.of("^\\d+"),
            () -> {
              throw new IllegalStateException("bad");
            }, "2.0").orElseThrow());
  }

  @Test
  void fastForwardStatesAtApply() {
    assertEquals(Rules.FastForwardState.GONE, Rules.fastForwardState(Optional.empty(), "new", false));
    assertEquals(Rules.FastForwardState.THERE, Rules.fastForwardState(Optional.of("new"), "new", false));
    assertEquals(Rules.FastForwardState.BEHIND, Rules.fastForwardState(Optional.of("old"), "new", true));
    assertEquals(Rules.FastForwardState.DIVERGED, Rules.fastForwardState(Optional.of("other"), "new", false));
  }

  @Test
  void theBotIdentityIsAskedOnceAndTheConfiguredUserWins() {
    AtomicInteger asked = new AtomicInteger();
    assertEquals("bot", BotIdentity.resolve("bot", () -> {
      asked.incrementAndGet();
      return "forge-user";
    }));
    assertEquals(0, asked.get(), "a configured user needs no forge call");
    assertEquals("forge-user", BotIdentity.resolve("", () -> "forge-user"));
    assertEquals("forge-user", BotIdentity.resolve(null, () -> "forge-user"));
    GitIdentity me = GitIdentity.of("Packit", "hello@packit.dev");
    BotIdentity bot = new BotIdentity("", null, me);
    assertEquals(List.of("packit"), bot.defaultAllowed(), "an unknown bot user adds no empty name to the allowed list");
    assertEquals(List.of("packit", "bot"), new BotIdentity("bot", null, me).defaultAllowed());
    CommitInfo mine = new CommitInfo("a".repeat(40), List.of(), me, Instant.EPOCH, me, Instant.EPOCH, "Update", "Update");
    CommitInfo theirs = new CommitInfo("b".repeat(40), List.of(), GitIdentity.of("Jane", "jane@example.org"), Instant.EPOCH,
        me, Instant.EPOCH, "Fix", "Fix");
    assertTrue(bot.authored(mine));
    assertFalse(bot.authored(theirs), "the author decides, not the committer");
  }

  @Test
  void sideTagNamesOfAGroup() {
    assertTrue(SideTagPlanner.isGroupTag("f43-build-side-12-kde", "f43-build", "kde"));
    assertFalse(SideTagPlanner.isGroupTag("f43-build-side-x-kde", "f43-build", "kde"));
    assertFalse(SideTagPlanner.isGroupTag("f43-build-side-12-gnome", "f43-build", "kde"));
    assertFalse(SideTagPlanner.isGroupTag("f42-build-side-12-kde", "f43-build", "kde"));
    assertFalse(SideTagPlanner.isGroupTag("f43-build-side--kde", "f43-build", "kde"));
    assertThrows(dev.packit.core.PackitClientException.class, () -> SideTagPlanner.checkGroup("a/b"));
  }

  @Test
  void bodhiBuildsAreMatchedToBranchesByDistTag() {
    List<String> builds = List.of("hello-1-1.fc43", "hello-1-1.fc42");
    assertEquals(Optional.of("hello-1-1.fc42"), BodhiPlanner.buildFor(builds, ".fc42", false));
    assertEquals(Optional.empty(), BodhiPlanner.buildFor(builds, ".fc41", false));
    assertEquals(Optional.of("hello-1-1"), BodhiPlanner.buildFor(List.of("hello-1-1"), "", true), "the only build of one branch");
    assertEquals(Optional.empty(), BodhiPlanner.buildFor(List.of("hello-1-1"), "", false));
  }

  @Test
  void tagsVersionsAndNames() {
    assertEquals("v1.2", TagVersions.tagFor("v{version}", "1.2", "hello"));
    assertEquals("hello-1.2", TagVersions.tagFor("{upstream_package_name}-{version}", "1.2", "hello"));
    assertEquals("1.2", TagVersions.tagFor("", "1.2", "hello"));
    assertEquals("o/r", TagVersions.repoOfUrl("https://github.com/o/r.git/").orElseThrow().fullName());
    assertEquals(Optional.empty(), TagVersions.repoOfUrl("https://github.com/"));
    assertEquals("0123456789", TagVersions.shortSha("0123456789abcdef"));
    assertEquals("1", TagVersions.maskOf("^\\d+", "1.2.3"));
  }
}
