package dev.packit.fedora.messaging;

/**
 * Koji build states as numbered in {@code koji.BUILD_STATES}.
 *
 * <pre>{@code
 * KojiBuildState s = KojiBuildState.of(1);   // COMPLETE
 * s.isFinal();                               // true
 * }</pre>
 */
public enum KojiBuildState {
  /** 0: the build is running. */
  BUILDING,
  /** 1: the build finished successfully. */
  COMPLETE,
  /** 2: the build was deleted. */
  DELETED,
  /** 3: the build failed. */
  FAILED,
  /** 4: the build was canceled. */
  CANCELED;

  /**
   * Returns the state with Koji's number.
   *
   * @param code 0 to 4
   * @return the state
   * @throws IllegalArgumentException for another number
   */
  public static KojiBuildState of(int code) {
    KojiBuildState[] all = values();
    if (code < 0 || code >= all.length) {
      throw new IllegalArgumentException("unknown Koji build state " + code + " (expected 0..4)");
    }
    return all[code];
  }

  /**
   * Returns Koji's number for this state.
   *
   * @return 0 to 4
   */
  public int code() {
    return ordinal();
  }

  /**
   * Whether the build can no longer change state.
   *
   * @return {@code false} only for {@link #BUILDING}
   */
  public boolean isFinal() {
    return this != BUILDING;
  }
}
