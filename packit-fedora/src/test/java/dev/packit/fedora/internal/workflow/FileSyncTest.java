package dev.packit.fedora.internal.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.config.FilesToSyncItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSyncTest {

  @Test
  void normalizeRefusesToClimbOut() {
    assertEquals("a/c", SafePaths.normalize("a/./b/../c"));
    assertEquals("", SafePaths.normalize("./"));
    assertNull(SafePaths.normalize("../x"));
    assertNull(SafePaths.normalize("a/../../x"));
    assertNull(SafePaths.normalize("/etc/passwd"));
    assertNull(SafePaths.normalize("a\\..\\..\\x"));
  }

  @Test
  void rsyncFilterRules() {
    RsyncFilters f = RsyncFilters.parse(List.of("protect sources", "- *.orig", "+ keep/**", "- /top.txt", "- build/"));
    assertFalse(f.transferred("x/y.orig", false));
    assertFalse(f.transferred("top.txt", false));
    assertTrue(f.transferred("sub/top.txt", false), "an anchored rule matches at the transfer root only");
    assertFalse(f.transferred("build", true));
    assertTrue(f.transferred("build", false), "a trailing / matches folders only");
    assertTrue(f.protectedFromDelete("sources", false));
    assertTrue(f.protectedFromDelete("x.orig", false), "an exclude also protects on the receiving side");
    assertFalse(f.protectedFromDelete("other", false));
    assertThrows(IllegalArgumentException.class, () -> RsyncFilters.parse(List.of("dir-merge .rsync-filter")));
    assertThrows(IllegalArgumentException.class, () -> RsyncFilters.parse(List.of("-,! x")));
  }

  @Test
  void globsCopyEveryMatchAndASingleFileCanBeRenamed(@TempDir Path tmp) throws Exception {
    Path up = Files.createDirectories(tmp.resolve("up"));
    Path dg = Files.createDirectories(tmp.resolve("dg"));
    Files.writeString(up.resolve("a.md"), "a");
    Files.writeString(up.resolve("b.md"), "b");
    Files.writeString(up.resolve("c.txt"), "c");
    Files.writeString(up.resolve("NEWS"), "news");
    List<String> notes = FileSync.sync(List.of(
        entry(new FilesToSyncItem(List.of("*.md", "missing.txt"), "docs/", false, false, List.of()), 0),
        entry(new FilesToSyncItem(List.of("NEWS"), "CHANGES", false, false, List.of()), 1)), up, dg, Set.of());
    assertEquals("a", Files.readString(dg.resolve("docs/a.md")));
    assertEquals("b", Files.readString(dg.resolve("docs/b.md")));
    assertFalse(Files.exists(dg.resolve("docs/c.txt")));
    assertEquals("news", Files.readString(dg.resolve("CHANGES")));
    assertEquals(List.of("files_to_sync[0]: missing.txt does not exist upstream, skipped"), notes);
  }

  @Test
  void aMissingParentNeedsMkpathAndNothingIsWrittenWhenALaterEntryFails(@TempDir Path tmp) throws Exception {
    Path up = Files.createDirectories(tmp.resolve("up"));
    Path dg = Files.createDirectories(tmp.resolve("dg"));
    Files.writeString(up.resolve("a"), "a");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FileSync.sync(List.of(
        entry(FilesToSyncItem.of("a"), 0),
        entry(new FilesToSyncItem(List.of("a"), "x/y/a", false, false, List.of()), 1)), up, dg, Set.of()));
    assertEquals("files_to_sync[1]", e.location().field());
    assertTrue(e.problem().contains("set mkpath: true"), e.problem());
    try (var list = Files.list(dg)) {
      assertEquals(0, list.count(), "the first entry was not written either");
    }
    FileSync.sync(List.of(entry(new FilesToSyncItem(List.of("a"), "x/y/a", true, false, List.of()), 0)), up, dg, Set.of());
    assertEquals("a", Files.readString(dg.resolve("x/y/a")));
  }

  @Test
  void everySpellingOfTheGitFolderIsRecognised() {
    for (String g : List.of(".git", ".GIT", ".Git", ".git.", ".git ", ".git. . ", "git~1", "GIT~1", ".g\u200cit", "\ufeff.git",
        ".git::$INDEX_ALLOCATION")) {
      assertTrue(SafePaths.isGitName(g), g);
    }
    for (String ok : List.of("git", ".gitignore", ".github", ".gitmodules", "x.git", "git~2", ".git2")) {
      assertFalse(SafePaths.isGitName(ok), ok);
    }
    assertEquals(".GIT", SafePaths.gitName("a/.GIT/hooks"));
    assertNull(SafePaths.gitName("a/.github/workflows"));
  }

  @Test
  void writesCheckEveryComponentWithoutFollowingLinks(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    // A link that appears after a plan was checked (by a process racing the write) is still refused.
    Files.createSymbolicLink(root.resolve("h"), elsewhere);
    dev.packit.core.PackitClientException e = assertThrows(dev.packit.core.PackitClientException.class,
        () -> SafePaths.writeFile(root, "h/pre-commit", "x".getBytes(), true));
    assertTrue(e.getMessage().contains("h is a symbolic link; links are not followed"), e.getMessage());
    assertThrows(dev.packit.core.PackitClientException.class, () -> SafePaths.mkdirs(root, "h/sub"));
    assertThrows(dev.packit.core.PackitClientException.class, () -> SafePaths.writeFile(root, ".GIT/config", "x".getBytes(), false));
    try (var list = Files.list(elsewhere)) {
      assertEquals(0, list.count(), "nothing was written through the link");
    }
    // A link at the last component is replaced, not written through.
    Files.writeString(elsewhere.resolve("target"), "keep");
    Files.createSymbolicLink(root.resolve("f"), elsewhere.resolve("target"));
    SafePaths.writeFile(root, "f", "new".getBytes(), false);
    assertFalse(Files.isSymbolicLink(root.resolve("f")));
    assertEquals("keep", Files.readString(elsewhere.resolve("target")));
  }

  @Test
  void plannedChangesMayNotReachGitOrPassThroughTheirOwnLinks() {
    dev.packit.fedora.workflow.PlannedStep.FileChange.Kind link = dev.packit.fedora.workflow.PlannedStep.FileChange.Kind.SYMLINK;
    dev.packit.fedora.workflow.PlannedStep.FileChange.Kind file = dev.packit.fedora.workflow.PlannedStep.FileChange.Kind.FILE;
    Map<List<dev.packit.fedora.workflow.PlannedStep.FileChange>, String> bad = new java.util.LinkedHashMap<>();
    bad.put(List.of(change("h", ".git/hooks", link)), "points into .git");
    bad.put(List.of(change("a/b", "../.GIT", link)), "points into .git");
    bad.put(List.of(change("sub/.Git/config", "x", file)), "'.Git' names the git folder");
    bad.put(List.of(change("h", "docs", link), change("h/x", "x", file)), "lies below the symbolic link h");
    bad.put(List.of(change("p", "../../etc/passwd", link)), "points outside the repository");
    for (Map.Entry<List<dev.packit.fedora.workflow.PlannedStep.FileChange>, String> c : bad.entrySet()) {
      dev.packit.core.PackitClientException e = assertThrows(dev.packit.core.PackitClientException.class, () -> WorkTree.check(c.getKey()));
      assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
    }
    WorkTree.check(List.of(change("latest", "docs/a.md", link), change("docs/a.md", "a", file), change(".gitignore", "x", file)));
  }

  private static dev.packit.fedora.workflow.PlannedStep.FileChange change(String path, String content,
      dev.packit.fedora.workflow.PlannedStep.FileChange.Kind kind) {
    return new dev.packit.fedora.workflow.PlannedStep.FileChange(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), "", kind);
  }

  private static FileSync.Entry entry(FilesToSyncItem item, int i) {
    return new FileSync.Entry(item, ".packit.yaml", "files_to_sync[" + i + "]");
  }
}
