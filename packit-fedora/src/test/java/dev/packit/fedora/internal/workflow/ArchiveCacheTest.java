package dev.packit.fedora.internal.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveCacheTest {

  @Test
  void theFolderDependsOnPackageAndExactUrlAndNotOnStringHashCode() {
    Path root = Path.of("archives");
    assertEquals("https://x/Aa/h.tar.gz".hashCode(), "https://x/BB/h.tar.gz".hashCode());
    Path a = ArchiveCache.folder(root, "hello", "https://x/Aa/h.tar.gz");
    Path b = ArchiveCache.folder(root, "hello", "https://x/BB/h.tar.gz");
    Path c = ArchiveCache.folder(root, "hellx", "https://x/Aa/h.tar.gz");
    // Moving characters between the package name and the URL gives another key.
    Path d = ArchiveCache.folder(root, "hell", "ohttps://x/Aa/h.tar.gz");
    assertEquals(4, Stream.of(a, b, c, d).distinct().count());
    assertEquals(64, a.getFileName().toString().length());
    assertEquals(a, ArchiveCache.folder(root, "hello", "https://x/Aa/h.tar.gz"));
  }

  @Test
  void aDigestIsRecordedOnlyWhenAsked(@TempDir Path root) throws Exception {
    Path dir = Files.createDirectories(ArchiveCache.folder(root, "hello", "https://x/h.tar.gz"));
    assertEquals(Optional.empty(), ArchiveCache.recorded(dir));
    ArchiveCache.record(dir, "ab".repeat(64));
    assertEquals(Optional.of("ab".repeat(64)), ArchiveCache.recorded(dir));
    ArchiveCache.forget(dir);
    assertEquals(Optional.empty(), ArchiveCache.recorded(dir));
  }
}
