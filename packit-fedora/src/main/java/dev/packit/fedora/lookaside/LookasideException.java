package dev.packit.fedora.lookaside;

import dev.packit.core.PackitServiceException;
import java.util.Objects;

/**
 * The lookaside cache refused a request, answered something unexpected, or served a file whose
 * checksum is wrong. {@link #reason()} says which, for code that reacts to it.
 *
 * <pre>{@code
 * try {
 *   lookaside.upload("hello", archive);
 * } catch (LookasideException e) {
 *   switch (e.reason()) {
 *     case NOT_PACKAGER -> log.error("ask to be added to the packager group");
 *     case MODULE_NOT_FOUND -> log.error("no dist-git repository rpms/hello");
 *     default -> throw e;
 *   }
 * }
 * }</pre>
 */
public class LookasideException extends PackitServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * What went wrong, from upload.cgi's answers (statuses and texts) and from downloads.
   *
   * <pre>{@code
   * catch (LookasideException e) {
   *   if (e.reason() == LookasideException.Reason.CHECKSUM_MISMATCH) {
   *     // the cache served other bytes than the sources file promises: do not use them
   *   }
   * }
   * }</pre>
   */
  public enum Reason {
    /** 400 {@code Required field "..." is not present.} or {@code No file given for upload.} */
    MISSING_FIELD,
    /** 400 {@code Multiple values given for "...". Aborting.} */
    DUPLICATE_FIELD,
    /** 400 {@code Required checksum is not present} */
    CHECKSUM_MISSING,
    /** 400 {@code SHA512 check failed. Received <x> instead of <y>.}: the bytes sent do not match the checksum */
    CHECKSUM_MISMATCH,
    /** 400 {@code Invalid value sent for mtime "...". Aborting.} */
    INVALID_MTIME,
    /** Another 400 answer. */
    BAD_REQUEST,
    /** 401 from the web server: no or invalid credentials (Kerberos ticket expired?). */
    UNAUTHORIZED,
    /** 403: the user is not in the {@code packager} group. */
    NOT_PACKAGER,
    /** 404 {@code Module "rpms/<name>" does not exist!}: no dist-git repository of that name. */
    MODULE_NOT_FOUND,
    /** 406 {@code Uploads with md5 are no longer allowed.} */
    MD5_REFUSED,
    /** 500: the script failed; the body is the exception text. Retryable. */
    SERVER_ERROR,
    /** Another status, or a 200 answer that is none of the known texts. */
    UNEXPECTED_ANSWER,
    /** A download's checksum does not match the {@code sources} entry; nothing was kept. */
    CORRUPT_DOWNLOAD
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param details service, status, URL and body of the exchange
   * @param reason what went wrong
   */
  public LookasideException(PackitServiceException.Builder details, Reason reason) {
    super(details);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** @return what went wrong */
  public Reason reason() {
    return reason;
  }
}
