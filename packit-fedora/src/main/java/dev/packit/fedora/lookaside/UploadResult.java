package dev.packit.fedora.lookaside;

import java.util.Objects;

/**
 * What an upload did.
 *
 * <pre>{@code
 * UploadResult r = lookaside.upload("hello", archive);
 * if (r.outcome() == UploadResult.Outcome.STORED) {
 *   log.info("uploaded {} ({} bytes)", r.filename(), r.size());
 * }
 * }</pre>
 *
 * @param filename the file name
 * @param hashType the checksum type used
 * @param hash the checksum
 * @param size the file size in bytes
 * @param outcome what happened
 */
public record UploadResult(String filename, HashType hashType, String hash, long size, Outcome outcome) {
  /**
   * What happened to one file.
   *
   * <pre>{@code
   * UploadResult r = lookaside.upload("hello", HashedFile.of(archive, HashType.SHA512));
   * if (r.outcome() == UploadResult.Outcome.STORED) {
   *   System.out.println("uploaded " + r.filename());   // else it was there already
   * }
   * }</pre>
   */
  public enum Outcome {
    /** The check answered {@code Available}: nothing was sent. */
    ALREADY_PRESENT,
    /** The upload answered {@code File <f> already exists} (another upload won the race). */
    ALREADY_EXISTS,
    /** The upload answered {@code File <f> size <n> SHA512 <hash> stored OK}. */
    STORED
  }

  /** Validates the components. */
  public UploadResult {
    Objects.requireNonNull(filename, "filename == null");
    Objects.requireNonNull(hashType, "hashType == null");
    Objects.requireNonNull(hash, "hash == null");
    Objects.requireNonNull(outcome, "outcome == null");
  }

  /** @return whether bytes were sent and stored by this call */
  public boolean uploaded() {
    return outcome == Outcome.STORED;
  }
}
