package dev.packit.fedora.lookaside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashedFileTest {
  @Test
  void computesBothDigestsInOnePassMatchingTheJdk(@TempDir Path dir) throws Exception {
    byte[] data = new byte[3 * HashedFile.BUFFER + 12345];
    new Random(42).nextBytes(data);
    Path f = dir.resolve("x-1.0.tar.gz");
    Files.write(f, data);
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_565_870_000_000L));
    HashedFile h = HashedFile.of(f, HashType.SHA512, HashType.MD5);
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data)), h.digest(HashType.SHA512));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)), h.digest(HashType.MD5));
    assertEquals(data.length, h.size());
    assertEquals(1_565_870_000L, h.mtimeEpochSeconds());
    assertEquals("x-1.0.tar.gz", h.filename());
    assertEquals(new SourceEntry("x-1.0.tar.gz", HashType.MD5, h.digest(HashType.MD5)), h.toEntry(HashType.MD5));
  }

  @Test
  void knownVectorsAndMissingDigest(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("empty.txt");
    Files.writeString(f, "", StandardCharsets.UTF_8);
    HashedFile h = HashedFile.of(f, HashType.MD5);
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", h.digest(HashType.MD5));
    assertFalse(h.has(HashType.SHA512));
    assertThrows(IllegalStateException.class, () -> h.digest(HashType.SHA512));
  }

  @Test
  void detectsChangesAfterHashingAndRefusesBadInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.tar.gz");
    Files.writeString(f, "one");
    HashedFile h = HashedFile.of(f, HashType.SHA512);
    h.requireUnchanged();
    Files.writeString(f, "longer content");
    PackitClientException e = assertThrows(PackitClientException.class, h::requireUnchanged);
    assertTrue(e.getMessage().contains("changed after it was hashed"), e.getMessage());
    assertThrows(PackitClientException.class, () -> HashedFile.of(dir, HashType.SHA512));
    assertThrows(PackitClientException.class, () -> HashedFile.of(dir.resolve("nope"), HashType.SHA512));
    Path spaced = Files.writeString(dir.resolve("with space.tar.gz"), "x");
    assertThrows(PackitClientException.class, () -> HashedFile.of(spaced, HashType.SHA512));
  }
}
