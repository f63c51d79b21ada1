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

  private static FileSync.Entry entry(FilesToSyncItem item, int i) {
    return new FileSync.Entry(item, ".packit.yaml", "files_to_sync[" + i + "]");
  }
}
