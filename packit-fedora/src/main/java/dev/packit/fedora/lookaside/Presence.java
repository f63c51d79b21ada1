package dev.packit.fedora.lookaside;

/**
 * Whether the lookaside cache has a file, as upload.cgi's check answers.
 *
 * <pre>{@code
 * if (lookaside.check("hello", archive) == Presence.MISSING) { ... }
 * }</pre>
 */
public enum Presence {
  /** {@code Available}: stored under this name and checksum. */
  AVAILABLE,
  /** {@code Missing}: not stored (the name may exist with another checksum). */
  MISSING
}
