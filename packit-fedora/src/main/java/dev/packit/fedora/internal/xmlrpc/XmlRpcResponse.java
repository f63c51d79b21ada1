package dev.packit.fedora.internal.xmlrpc;

import java.util.Objects;

/**
 * A decoded XML-RPC response: either a value (possibly {@code null}) or a fault.
 *
 * <pre>{@code
 * XmlRpcResponse r = codec.decodeResponse(body, "koji getBuild");
 * if (r.isFault()) { throw ... r.fault().code() ... } else { use(r.value()); }
 * }</pre>
 *
 * @param value the result when not a fault
 * @param fault the fault, or {@code null}
 */
public record XmlRpcResponse(Object value, XmlRpcFault fault) {
  /** Checks that a fault carries no value. */
  public XmlRpcResponse {
    if (fault != null && value != null) {
      throw new IllegalArgumentException("a fault response carries no value");
    }
  }

  /**
   * Returns a successful response.
   *
   * @param value the result
   * @return the response
   */
  public static XmlRpcResponse of(Object value) {
    return new XmlRpcResponse(value, null);
  }

  /**
   * Returns a fault response.
   *
   * @param fault the fault
   * @return the response
   */
  public static XmlRpcResponse fault(XmlRpcFault fault) {
    return new XmlRpcResponse(null, Objects.requireNonNull(fault, "fault == null"));
  }

  /**
   * Whether this is a fault.
   *
   * @return true for a fault
   */
  public boolean isFault() {
    return fault != null;
  }
}
