package dev.packit.fedora.internal.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where downloaded archives are kept between runs, content-addressed per package.
 *
 * <pre>{@code
 * Path dir = ArchiveCache.folder(workDir.resolve("archives"), "hello", "https://example.org/hello-1.2.tar.gz");
 * // .../archives/3f1c...e9 (SHA-256 of the package name and the URL)
 * ArchiveCache.record(dir, sha512);                       // after a complete download
 * ArchiveCache.recorded(dir).equals(Optional.of(sha512)); // the bytes may be reused
 * }</pre>
 *
 * <p>Why: the folder used to be named by {@code String.hashCode} of the URL, which anyone can
 * collide ({@code "Aa"} and {@code "BB"} hash alike), so a run for another project could plant
 * bytes that a later real run of the victim uploaded. A SHA-256 over the package name and the exact
 * URL cannot be collided, so no other package's run (dry or real) reaches this package's entries.
 * The digest recorded next to the folder after a complete download makes bytes that got there any
 * other way (a crash mid-move, a hand edit) untrusted: they are fetched again.
 */
public final class ArchiveCache {
  private ArchiveCache() {}

  /**
   * The folder for one archive of one package.
   *
   * @param root the archive cache root
   * @param pkg the dist-git package name
   * @param url the exact Source URL (with any {@code #/name} fragment)
   * @return {@code root/<sha256 hex>}
   */
  public static Path folder(Path root, String pkg, String url) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      // Length-prefixed parts: no choice of package and URL can produce another pair's input.
      byte[] p = pkg.getBytes(StandardCharsets.UTF_8);
      md.update((p.length + ":").getBytes(StandardCharsets.US_ASCII));
      md.update(p);
      md.update(url.getBytes(StandardCharsets.UTF_8));
      return root.resolve(HexFormat.of().formatHex(md.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /**
   * The SHA-512 recorded after the last complete download into {@code folder}.
   *
   * @param folder from {@link #folder}
   * @return the digest, empty when none was recorded
   */
  public static Optional<String> recorded(Path folder) {
    Path f = digestFile(folder);
    try {
      return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.US_ASCII).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Records the SHA-512 of a complete download (atomically).
   *
   * @param folder from {@link #folder}
   * @param sha512 the hex digest
   * @throws IOException when writing fails
   */
  public static void record(Path folder, String sha512) throws IOException {
    Path f = digestFile(folder);
    Path tmp = Files.createTempFile(f.getParent(), ".digest", ".tmp");
    try {
      Files.writeString(tmp, sha512 + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Forgets a folder's digest (before its bytes are fetched again).
   *
   * @param folder from {@link #folder}
   * @throws IOException when deleting fails
   */
  public static void forget(Path folder) throws IOException {
    Files.deleteIfExists(digestFile(folder));
  }

  private static Path digestFile(Path folder) {
    return folder.resolveSibling(folder.getFileName() + ".sha512");
  }
}
