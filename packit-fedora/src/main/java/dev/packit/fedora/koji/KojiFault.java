package dev.packit.fedora.koji;

/**
 * Koji's fault codes ({@code koji/__init__.py}) with their parent relationships.
 *
 * <pre>{@code
 * KojiFault f = KojiFault.fromCode(1007);   // AUTH_EXPIRED
 * f.isA(KojiFault.AUTH_ERROR);              // true: AuthExpired is an AuthError
 * }</pre>
 */
public enum KojiFault {
  /** Code 1: a non-Koji Python exception on the hub. */
  PYTHON_EXCEPTION(1, null),
  /** 1000: the catch-all, also for unknown codes. */
  GENERIC_ERROR(1000, null),
  /** 1001. */
  LOCK_ERROR(1001, GENERIC_ERROR),
  /** 1002: invalid session or bad credentials. */
  AUTH_ERROR(1002, GENERIC_ERROR),
  /** 1003. */
  TAG_ERROR(1003, GENERIC_ERROR),
  /** 1004: not permitted, also "you must be logged in for this operation". */
  ACTION_NOT_ALLOWED(1004, GENERIC_ERROR),
  /** 1005. */
  BUILD_ERROR(1005, GENERIC_ERROR),
  /** 1006. */
  AUTH_LOCK_ERROR(1006, AUTH_ERROR),
  /** 1007: the session expired; log in again with {@code renew}. */
  AUTH_EXPIRED(1007, AUTH_ERROR),
  /** 1008: a callnum older than the last one. */
  SEQUENCE_ERROR(1008, AUTH_ERROR),
  /** 1009: the same callnum again after the call committed: the earlier attempt probably succeeded. */
  RETRY_ERROR(1009, AUTH_ERROR),
  /** 1010. */
  PRE_BUILD_ERROR(1010, BUILD_ERROR),
  /** 1011. */
  POST_BUILD_ERROR(1011, BUILD_ERROR),
  /** 1012. */
  BUILDROOT_ERROR(1012, BUILD_ERROR),
  /** 1013. */
  FUNCTION_DEPRECATED(1013, GENERIC_ERROR),
  /** 1014: database outage or maintenance; retryable. */
  SERVER_OFFLINE(1014, GENERIC_ERROR),
  /** 1015. */
  LIVE_CD_ERROR(1015, GENERIC_ERROR),
  /** 1016. */
  PLUGIN_ERROR(1016, GENERIC_ERROR),
  /** 1017. */
  CALLBACK_ERROR(1017, PLUGIN_ERROR),
  /** 1018. */
  APPLIANCE_ERROR(1018, GENERIC_ERROR),
  /** 1019: bad arguments. */
  PARAMETER_ERROR(1019, GENERIC_ERROR),
  /** 1020. */
  IMPORT_ERROR(1020, GENERIC_ERROR),
  /** 1021. */
  CONFIGURATION_ERROR(1021, GENERIC_ERROR),
  /** 1022. */
  LIVE_MEDIA_ERROR(1022, GENERIC_ERROR),
  /** 1023: GSSAPI login failed. */
  GSSAPI_AUTH_ERROR(1023, AUTH_ERROR),
  /** 1024. */
  NAME_VALIDATION_ERROR(1024, GENERIC_ERROR);

  private final int code;
  private final KojiFault parent;

  KojiFault(int code, KojiFault parent) {
    this.code = code;
    this.parent = parent;
  }

  /**
   * Returns the numeric fault code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Whether this fault is {@code other} or one of its children.
   *
   * @param other the fault family
   * @return true when this fault belongs to the family
   */
  public boolean isA(KojiFault other) {
    for (KojiFault f = this; f != null; f = f.parent) {
      if (f == other) {
        return true;
      }
    }
    return false;
  }

  /**
   * Maps a fault code; unknown codes are {@link #GENERIC_ERROR}.
   *
   * @param code the faultCode
   * @return the fault
   */
  public static KojiFault fromCode(int code) {
    for (KojiFault f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    return GENERIC_ERROR;
  }
}
