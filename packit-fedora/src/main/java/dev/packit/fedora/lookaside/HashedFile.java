package dev.packit.fedora.lookaside;

import dev.packit.core.PackitClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A local archive with its size, modification time and checksums, computed in one streaming pass.
 *
 * <pre>{@code
 * HashedFile f = HashedFile.of(Path.of("hello-1.0.tar.gz"), HashType.SHA512);
 * f.digest(HashType.SHA512);        // hex
 * f.toEntry(HashType.SHA512);       // the sources line
 * lookaside.upload("hello", f);     // reuses the checksum, reads the file once more to send it
 * }</pre>
 *
 * <p>Hash a file once and pass this value to the check, the upload and the {@code sources}
 * entry. Memory use does not depend on the file size: the file is read through one fixed buffer
 * and all requested digests are updated from it.
 *
 * @param path the file
 * @param size size in bytes when it was hashed
 * @param mtimeEpochSeconds modification time (seconds since the epoch) when it was hashed
 * @param digests hex digests by type
 */
public record HashedFile(Path path, long size, long mtimeEpochSeconds, Map<HashType, String> digests) {
  static final int BUFFER = 1 << 20;

  /** Validates and copies the components. */
  public HashedFile {
    Objects.requireNonNull(path, "path == null");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0");
    }
    digests = Map.copyOf(digests);
    if (digests.isEmpty()) {
      throw new IllegalArgumentException("no digest");
    }
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    SourceEntry.nameProblem(name).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
  }

  /**
   * Hashes a file in one pass.
   *
   * @param path the file
   * @param first a checksum type to compute
   * @param more further types, computed in the same pass
   * @return the hashed file
   * @throws PackitClientException when the file cannot be read or its name is unsafe
   */
  public static HashedFile of(Path path, HashType first, HashType... more) {
    return of(path, EnumSet.of(first, more));
  }

  /**
   * Hashes a file in one pass.
   *
   * @param path the file
   * @param types the checksum types to compute, not empty
   * @return the hashed file
   * @throws PackitClientException when the file cannot be read or its name is unsafe
   */
  public static HashedFile of(Path path, Set<HashType> types) {
    if (types.isEmpty()) {
      throw new IllegalArgumentException("no checksum type requested");
    }
    try {
      BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
      if (!before.isRegularFile()) {
        throw new PackitClientException("not a regular file: " + path);
      }
      Map<HashType, String> digests;
      long read;
      try (InputStream in = Files.newInputStream(path)) {
        Map<HashType, MessageDigest> mds = new EnumMap<>(HashType.class);
        for (HashType t : types) {
          mds.put(t, t.newDigest());
        }
        byte[] buf = new byte[BUFFER];
        read = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
          for (MessageDigest md : mds.values()) {
            md.update(buf, 0, n);
          }
          read += n;
        }
        digests = new EnumMap<>(HashType.class);
        for (Map.Entry<HashType, MessageDigest> e : mds.entrySet()) {
          digests.put(e.getKey(), HexFormat.of().formatHex(e.getValue().digest()));
        }
      }
      BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
      if (after.size() != read || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
        throw new PackitClientException(path + " changed while it was being hashed");
      }
      return new HashedFile(path, read, before.lastModifiedTime().toInstant().getEpochSecond(), digests);
    } catch (IOException e) {
      throw new PackitClientException("cannot hash " + path + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new PackitClientException("cannot use " + path + " as a source archive: " + e.getMessage(), e);
    }
  }

  /** @return the file name, as listed in {@code sources} and on the lookaside */
  public String filename() {
    return path.getFileName().toString();
  }

  /**
   * Returns a digest.
   *
   * @param type the checksum type
   * @return the hex digest
   * @throws IllegalStateException when that type was not computed
   */
  public String digest(HashType type) {
    String d = digests.get(type);
    if (d == null) {
      throw new IllegalStateException(type.tag() + " was not computed for " + path + " (have " + digests.keySet() + ")");
    }
    return d;
  }

  /** @return whether a digest of that type was computed */
  public boolean has(HashType type) {
    return digests.containsKey(type);
  }

  /**
   * Returns this file's {@code sources} entry.
   *
   * @param type the checksum type to list
   * @return the entry
   */
  public SourceEntry toEntry(HashType type) {
    return new SourceEntry(filename(), type, digest(type));
  }

  /**
   * Throws when the file on disk no longer has the size and modification time it had when hashed.
   *
   * @throws PackitClientException when the file changed or cannot be read
   */
  public void requireUnchanged() {
    try {
      BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
      if (now.size() != size || now.lastModifiedTime().toInstant().getEpochSecond() != mtimeEpochSeconds) {
        throw new PackitClientException(path + " changed after it was hashed; hash it again");
      }
    } catch (IOException e) {
      throw new PackitClientException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
