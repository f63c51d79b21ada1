package dev.packit.fedora.distgit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.SourceEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NewSources#list}: the workflow's sources/.gitignore bookkeeping, without uploads. */
class NewSourcesListTest {
  private static SourceEntry entry(String name, char hex) {
    return new SourceEntry(name, HashType.SHA512, String.valueOf(hex).repeat(128));
  }

  @Test
  void thePreviousArchiveGoesOthersStayTheNewOneIsListedAndIgnored(@TempDir Path dir) throws Exception {
    SourceEntry old = entry("hello-1.0.tar.gz", 'a');
    SourceEntry patch = entry("extra-data.tar.gz", 'b');
    Files.writeString(dir.resolve("sources"), old.toBsdLine() + "\n" + patch.toBsdLine() + "\n");
    Files.writeString(dir.resolve(".gitignore"), "/hello-1.0.tar.gz\n/extra-data.tar.gz");
    SourceEntry next = entry("hello-1.1.tar.gz", 'c');

    assertEquals(List.of("sources", ".gitignore"), NewSources.list(dir, List.of(next), List.of("hello-1.0.tar.gz")));
    assertEquals(patch.toBsdLine() + "\n" + next.toBsdLine() + "\n", Files.readString(dir.resolve("sources")));
    // the old name stays ignored (a checkout may still hold it); a missing final newline is added first
    assertEquals("/hello-1.0.tar.gz\n/extra-data.tar.gz\n/hello-1.1.tar.gz\n", Files.readString(dir.resolve(".gitignore")));
    // running again changes nothing
    assertEquals(List.of(), NewSources.list(dir, List.of(next), List.of("hello-1.0.tar.gz")));
  }

  @Test
  void aPackageWithoutRemoteSourcesGetsNoSourcesFile(@TempDir Path dir) {
    assertEquals(List.of(), NewSources.list(dir, List.of(), List.of()));
    assertFalse(Files.exists(dir.resolve("sources")));
    assertFalse(Files.exists(dir.resolve(".gitignore")));
  }

  @Test
  void anAlreadyIgnoredNameIsNotAddedTwice(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".gitignore"), "hello-1.1.tar.gz\r\n", StandardCharsets.UTF_8);
    assertEquals(List.of("sources"), NewSources.list(dir, List.of(entry("hello-1.1.tar.gz", 'c')), List.of()));
  }
}
