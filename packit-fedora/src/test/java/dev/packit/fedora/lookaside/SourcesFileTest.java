package dev.packit.fedora.lookaside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourcesFileTest {
  private static final String SHA = "4dc65c3a742ae067f2f9166ce07f124fcbdf4a5357f9c6f360526632b2a1d4c9e325eb59352137db371385e5655191dad604b2ea71027009c0f82fedb00e2ba7";
  private static final String SHA2 = "a".repeat(128);
  private static final String MD5 = "d41d8cd98f00b204e9800998ecf8427e";

  @Test
  void readsTheRealBsdFixtureAndWritesItBackByteForByte() throws Exception {
    Path fixture = Fixtures.file("lookaside/sources.bsd-sha512.packit-dg-ogr");
    String text = Files.readString(fixture);
    SourcesFile sources = SourcesFile.read(fixture);
    assertEquals(List.of(new SourceEntry("ogr-0.7.0.tar.gz", HashType.SHA512, SHA)), sources.entries());
    assertEquals(SourcesFile.Format.BSD, sources.format());
    assertEquals(text, sources.render());
    assertEquals(text, "SHA512 (ogr-0.7.0.tar.gz) = " + SHA + "\n");
  }

  @Test
  void readsTheOldMd5FormatAndKeepsItWhenUpdatingMd5Entries() throws Exception {
    Path fixture = Fixtures.file("lookaside/sources.old-md5.synth");
    SourcesFile sources = SourcesFile.read(fixture);
    assertEquals(List.of(new SourceEntry("example-1.0.tar.gz", HashType.MD5, MD5)), sources.entries());
    assertEquals(SourcesFile.Format.OLD_MD5, sources.format());
    assertEquals(Files.readString(fixture), sources.render());
    SourcesFile more = sources.withEntry(new SourceEntry("b.patch", HashType.MD5, "0".repeat(32)));
    assertEquals(MD5 + "  example-1.0.tar.gz\n" + "0".repeat(32) + "  b.patch\n", more.render());
  }

  @Test
  void corpusEveryFixtureRoundTrips() throws Exception {
    try (Stream<Path> files = Files.list(Fixtures.dir("lookaside"))) {
      List<Path> sources = files.filter(p -> p.getFileName().toString().startsWith("sources.")).toList();
      assertFalse(sources.isEmpty());
      for (Path p : sources) {
        SourcesFile s = SourcesFile.read(p);
        assertFalse(s.isEmpty(), p.toString());
        assertEquals(Files.readString(p), s.render(), p.toString());
        assertEquals(s, SourcesFile.parse(s.render(), "again"));
      }
    }
  }

  @Test
  void keepsCommentsBlankLinesCrlfAndMissingFinalNewline() {
    String text = "# managed by packit\r\n\r\nSHA512 (a.tar.gz) = " + SHA + "\r\n  # indented comment\nSHA512 (b.tar.gz) = " + SHA2;
    SourcesFile s = SourcesFile.parse(text, "sources");
    assertEquals(text, s.render());
    assertEquals(2, s.entries().size());
    SourcesFile added = s.withEntry(new SourceEntry("c.tar.gz", HashType.SHA512, SHA));
    assertEquals(text + "\nSHA512 (c.tar.gz) = " + SHA + "\n", added.render());
    SourcesFile replaced = s.withEntry(new SourceEntry("a.tar.gz", HashType.SHA512, SHA2));
    assertEquals(text.replace("(a.tar.gz) = " + SHA, "(a.tar.gz) = " + SHA2), replaced.render());
  }

  @Test
  void withEntriesRewritesLikeNewSourcesAndIsIdempotent() {
    SourcesFile s = SourcesFile.parse("# c\nSHA512 (old.tar.gz) = " + SHA + "\nSHA512 (keep.tar.gz) = " + SHA2 + "\n", "sources");
    List<SourceEntry> wanted = List.of(new SourceEntry("keep.tar.gz", HashType.SHA512, SHA2), new SourceEntry("new.tar.gz", HashType.SHA512, SHA));
    SourcesFile once = s.withEntries(wanted);
    assertEquals("# c\nSHA512 (keep.tar.gz) = " + SHA2 + "\nSHA512 (new.tar.gz) = " + SHA + "\n", once.render());
    assertSame(once, once.withEntries(wanted));
    assertSame(once, once.withEntry(wanted.get(1)));
    SourcesFile fromMd5 = SourcesFile.parse(MD5 + "  x.tar.gz\n", "s").withEntries(List.of(new SourceEntry("x.tar.gz", HashType.SHA512, SHA)));
    assertEquals("SHA512 (x.tar.gz) = " + SHA + "\n", fromMd5.render());
  }

  @Test
  void duplicateIdenticalEntriesAreListedOnceConflictingOnesAreRejected() {
    SourcesFile s = SourcesFile.parse("SHA512 (a) = " + SHA + "\nSHA512 (a) = " + SHA + "\n", "sources");
    assertEquals(1, s.entries().size());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SourcesFile.parse("SHA512 (a) = " + SHA + "\nSHA512 (a) = " + SHA2 + "\n", "sources"));
    assertEquals(2, e.location().line());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void mixingChecksumTypesIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SourcesFile.parse("SHA512 (a) = " + SHA + "\n" + MD5 + "  b\n", "pkg/sources"));
    assertEquals("pkg/sources:2:1: mixes checksum types: MD5 after SHA512 (all entries must use one type)", e.getMessage());
    SourcesFile s = SourcesFile.parse("SHA512 (a) = " + SHA + "\nSHA512 (b) = " + SHA2 + "\n", "s");
    assertThrows(IllegalArgumentException.class, () -> s.withEntry(new SourceEntry("c", HashType.MD5, MD5)));
  }

  @Test
  void malformedLinesAreReportedWithLineAndColumn() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SourcesFile.parse("# ok\nSHA512 (a.tar.gz) = " + SHA + "\nnot a sources line\n", "rpms/x/sources"));
    assertEquals(3, e.location().line());
    assertEquals(1, e.location().column());
    assertTrue(e.getMessage().startsWith("rpms/x/sources:3:1: malformed line"), e.getMessage());

    InvalidInputException shortHash = assertThrows(InvalidInputException.class,
        () -> SourcesFile.parse("SHA512 (a.tar.gz) = abc\n", "sources"));
    assertEquals("sources:1:21: not a SHA512 checksum: expected 128 hex digits", shortHash.getMessage());

    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> SourcesFile.parse("CRC32 (a.tar.gz) = abc\n", "sources"));
    assertTrue(unknown.getMessage().contains("unknown checksum type 'CRC32'"), unknown.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../../etc/passwd", "..", "/etc/passwd", "a/b.tar.gz", "..\\x", "x..tar.gz", "a\u0000b", ""})
  void maliciousNamesAreRejectedInBothFormats(String name) {
    InvalidInputException bsd = assertThrows(InvalidInputException.class,
        () -> SourcesFile.parse("SHA512 (ok.tar.gz) = " + SHA + "\nSHA512 (" + name + ") = " + SHA2 + "\n", "sources"));
    assertEquals(2, bsd.location().line());
    assertEquals(9, bsd.location().column());
    if (!name.isEmpty()) {
      InvalidInputException old = assertThrows(InvalidInputException.class,
          () -> SourcesFile.parse(MD5 + "  " + name + "\n", "sources"));
      assertEquals(1, old.location().line());
      assertEquals(35, old.location().column());
    }
    assertThrows(IllegalArgumentException.class, () -> new SourceEntry(name, HashType.SHA512, SHA));
  }

  @Test
  void maliciousFileOnDiskIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sources");
    Files.writeString(f, "SHA512 (../../.ssh/authorized_keys) = " + SHA + "\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SourcesFile.read(f));
    assertTrue(e.getMessage().startsWith(f + ":1:9: file name must not contain a path separator"), e.getMessage());
    Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
    assertThrows(InvalidInputException.class, () -> SourcesFile.read(f));
  }

  @Test
  void writeIsAtomicAndSkipsUnchangedFiles(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sources");
    SourcesFile s = SourcesFile.of(List.of(new SourceEntry("a.tar.gz", HashType.SHA512, SHA)));
    assertTrue(s.write(f));
    assertEquals("SHA512 (a.tar.gz) = " + SHA + "\n", Files.readString(f, StandardCharsets.UTF_8));
    assertFalse(s.write(f));
    assertEquals(s, SourcesFile.read(f));
    assertEquals(SourcesFile.empty(), SourcesFile.read(dir.resolve("missing")));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(f), left.toList(), "no temporary file left behind");
    }
  }
}
