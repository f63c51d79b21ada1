package dev.packit.fedora.lookaside;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One archive listed in a {@code sources} file: its file name and checksum.
 *
 * <pre>{@code
 * SourceEntry e = new SourceEntry("hello-1.0.tar.gz", HashType.SHA512, "4dc6...e2ba7");
 * e.toBsdLine();   // "SHA512 (hello-1.0.tar.gz) = 4dc6...e2ba7"
 * }</pre>
 *
 * <p>The file name is a plain name, never a path: names that are empty, absolute, contain
 * {@code /}, {@code \}, {@code ..}, control characters (NUL included), spaces or {@code )} are
 * refused, because the name becomes a file in the package checkout and a path on the lookaside.
 * The hash is stored in lower case.
 *
 * @param filename the archive's file name
 * @param hashType the checksum type
 * @param hash the checksum, hex
 */
public record SourceEntry(String filename, HashType hashType, String hash) {
  /** Validates the name and the checksum. */
  public SourceEntry {
    Objects.requireNonNull(filename, "filename == null");
    Objects.requireNonNull(hashType, "hashType == null");
    Objects.requireNonNull(hash, "hash == null");
    Optional<String> bad = nameProblem(filename);
    if (bad.isPresent()) {
      throw new IllegalArgumentException(bad.get());
    }
    if (!hashType.isWellFormed(hash)) {
      throw new IllegalArgumentException("not a " + hashType.tag() + " checksum (" + hashType.hexLength()
          + " hex digits expected) for " + filename);
    }
    hash = hash.toLowerCase(Locale.ROOT);
  }

  /**
   * Tells what is wrong with a file name for a {@code sources} entry, if anything.
   *
   * @param name the candidate name
   * @return the problem, empty when the name is acceptable
   */
  public static Optional<String> nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("file name is empty");
    }
    String shown = printable(name);
    if (name.startsWith("/")) {
      return Optional.of("file name must not be absolute: " + shown);
    }
    if (name.contains("/") || name.contains("\\")) {
      return Optional.of("file name must not contain a path separator: " + shown);
    }
    if (name.contains("..")) {
      return Optional.of("file name must not contain '..': " + shown);
    }
    if (name.equals(".")) {
      return Optional.of("file name must not be '.'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("file name must not contain control characters: " + shown);
      }
      if (c == ' ' || c == ')') {
        // fedpkg's sources format cannot express these (its regex stops at the first space or ')').
        return Optional.of("file name must not contain a space or ')': " + shown);
      }
    }
    return Optional.empty();
  }

  private static String printable(String name) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < name.length() && i < 200; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(name.length() > 200 ? "...\"" : "\"").toString();
  }

  /** @return the BSD-style line fedpkg writes, without a newline: {@code SHA512 (name) = hash} */
  public String toBsdLine() {
    return hashType.tag() + " (" + filename + ") = " + hash;
  }

  /**
   * Returns the old-format line {@code <md5>  <name>}, without a newline.
   *
   * @return the line
   * @throws IllegalStateException when the entry is not MD5 (the old format only holds MD5)
   */
  public String toOldLine() {
    if (hashType != HashType.MD5) {
      throw new IllegalStateException("the old sources format holds MD5 only, not " + hashType.tag());
    }
    return hash + "  " + filename;
  }
}
