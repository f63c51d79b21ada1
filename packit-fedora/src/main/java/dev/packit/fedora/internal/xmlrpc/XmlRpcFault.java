package dev.packit.fedora.internal.xmlrpc;

import java.util.Map;
import java.util.Objects;

/**
 * An XML-RPC fault: the {@code faultCode}/{@code faultString} struct.
 *
 * <pre>{@code
 * XmlRpcFault f = new XmlRpcFault(1000, "No such build target: f99-candidate");
 * }</pre>
 *
 * @param code the fault code
 * @param string the fault string
 */
public record XmlRpcFault(int code, String string) {
  /** Validates the string. */
  public XmlRpcFault {
    Objects.requireNonNull(string, "string == null");
  }

  /**
   * Reads a fault struct, as in a fault response or a multicall entry.
   *
   * @param v a decoded value
   * @return the fault, or {@code null} when {@code v} is not a fault struct
   */
  public static XmlRpcFault fromStruct(Object v) {
    if (!(v instanceof Map)) {
      return null;
    }
    Map<?, ?> m = (Map<?, ?>) v;
    Object code = m.get("faultCode");
    Object string = m.get("faultString");
    if (!(code instanceof Number) || !(string instanceof String)) {
      return null;
    }
    long c = ((Number) code).longValue();
    if (c < Integer.MIN_VALUE || c > Integer.MAX_VALUE) {
      return null;
    }
    return new XmlRpcFault((int) c, (String) string);
  }
}
