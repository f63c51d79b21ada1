package dev.packit.fedora.koji;

/**
 * Koji's task states ({@code koji.TASK_STATES}) with their numeric codes.
 *
 * <pre>{@code
 * KojiTaskState s = KojiTaskState.fromCode(2);   // CLOSED
 * boolean ok = s == KojiTaskState.CLOSED;
 * }</pre>
 */
public enum KojiTaskState {
  /** 0: waiting for a builder. */
  FREE(0),
  /** 1: running. */
  OPEN(1),
  /** 2: finished successfully. */
  CLOSED(2),
  /** 3: canceled. */
  CANCELED(3),
  /** 4: assigned to a builder, not started yet. */
  ASSIGNED(4),
  /** 5: failed. */
  FAILED(5);

  private final int code;

  KojiTaskState(int code) {
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
   * Whether the task is finished (closed, canceled or failed).
   *
   * @return true when finished
   */
  public boolean isFinal() {
    return this == CLOSED || this == CANCELED || this == FAILED;
  }

  /**
   * Returns the state for a numeric code.
   *
   * @param code Koji's code
   * @return the state
   * @throws IllegalArgumentException for an unknown code
   */
  public static KojiTaskState fromCode(int code) {
    for (KojiTaskState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown Koji task state " + code);
  }
}
