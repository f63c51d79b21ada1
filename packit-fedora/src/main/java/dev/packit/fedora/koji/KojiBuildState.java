package dev.packit.fedora.koji;

/**
 * Koji's build states ({@code koji.BUILD_STATES}) with their numeric codes.
 *
 * <pre>{@code
 * KojiBuildState s = KojiBuildState.fromCode(1);   // COMPLETE
 * boolean done = s.isFinal();
 * }</pre>
 */
public enum KojiBuildState {
  /** 0: the build is running. */
  BUILDING(0),
  /** 1: built and imported. */
  COMPLETE(1),
  /** 2: deleted. */
  DELETED(2),
  /** 3: failed. */
  FAILED(3),
  /** 4: canceled. */
  CANCELED(4);

  private final int code;

  KojiBuildState(int code) {
    this.code = code;
  }

  /**
   * Returns Koji's numeric code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Whether the build will not change state any more by itself.
   *
   * @return true for every state but {@link #BUILDING}
   */
  public boolean isFinal() {
    return this != BUILDING;
  }

  /**
   * Returns the state for a numeric code.
   *
   * @param code Koji's code
   * @return the state
   * @throws IllegalArgumentException for an unknown code
   */
  public static KojiBuildState fromCode(int code) {
    for (KojiBuildState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown Koji build state " + code);
  }
}
