package dev.packit.fedora.lookaside;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * A checksum type the lookaside cache and {@code sources} files know.
 *
 * <pre>{@code
 * HashType t = HashType.SHA512;
 * t.formField();     // "sha512sum", the upload.cgi field
 * t.pathSegment();   // "sha512", in download URLs
 * t.tag();           // "SHA512", in sources lines
 * }</pre>
 *
 * <p>Fedora stores {@link #SHA512}; {@link #MD5} exists for old {@code sources} files and old
 * lookaside paths (upload.cgi rejects md5 uploads).
 */
public enum HashType {
  /** SHA-512, what fedpkg writes today. */
  SHA512("SHA-512", 128),
  /** SHA-256, accepted in {@code sources} files written by other tools. */
  SHA256("SHA-256", 64),
  /** MD5, the old format ({@code <hash>  <file>}). */
  MD5("MD5", 32);

  private final String algorithm;
  private final int hexLength;

  HashType(String algorithm, int hexLength) {
    this.algorithm = algorithm;
    this.hexLength = hexLength;
  }

  /** @return the lower-case name used in URLs, e.g. {@code sha512} */
  public String pathSegment() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the upload.cgi form field carrying this checksum, e.g. {@code sha512sum} */
  public String formField() {
    return pathSegment() + "sum";
  }

  /** @return the upper-case tag of BSD-style {@code sources} lines, e.g. {@code SHA512} */
  public String tag() {
    return name();
  }

  /** @return the number of hex digits of a digest of this type */
  public int hexLength() {
    return hexLength;
  }

  /** @return a new {@link MessageDigest} for this type */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /**
   * Finds a type by its tag or path name, ignoring case ({@code SHA512}, {@code sha512}).
   *
   * @param name the tag
   * @return the type, empty when unknown
   */
  public static Optional<HashType> fromTag(String name) {
    for (HashType t : values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code hex} looks like a digest of this type: the right length, hex digits only.
   *
   * @param hex the candidate, either case
   * @return true when well-formed
   */
  public boolean isWellFormed(String hex) {
    if (hex == null || hex.length() != hexLength) {
      return false;
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
