package dev.packit.fedora.koji;

import org.jspecify.annotations.Nullable;
/**
 * One entry of a {@code multiCall} answer: a value, or the fault of that call alone.
 *
 * <pre>{@code
 * for (KojiCallResult r : koji.multiCall(calls)) {
 *   if (r.isFault()) { log(r.fault().faultString()); } else { use(r.value()); }
 * }
 * }</pre>
 *
 * @param value the decoded result, {@code null} for faults (or a nil result)
 * @param fault the fault, {@code null} on success
 */
public record KojiCallResult(@Nullable Object value, @Nullable KojiFaultException fault) {
  /**
   * Whether this call failed.
   *
   * @return true for a fault
   */
  public boolean isFault() {
    return fault != null;
  }

  /**
   * Returns the value or throws the fault.
   *
   * @return the value
   * @throws KojiFaultException when this call failed
   */
  public Object orThrow() {
    if (fault != null) {
      throw fault;
    }
    return value;
  }
}
