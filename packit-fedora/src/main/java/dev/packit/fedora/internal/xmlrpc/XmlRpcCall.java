package dev.packit.fedora.internal.xmlrpc;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A decoded or to-be-encoded XML-RPC method call.
 *
 * <pre>{@code
 * XmlRpcCall call = codec.decodeCall(exchange.getRequestBody(), "POST /kojihub");
 * if (call.methodName().equals("getBuild")) { ... call.params().get(0) ... }
 * }</pre>
 *
 * @param methodName the method
 * @param params positional parameters (may hold {@code null})
 */
public record XmlRpcCall(String methodName, List<Object> params) {
  /** Validates and freezes the parameters. */
  public XmlRpcCall {
    Objects.requireNonNull(methodName, "methodName == null");
    params = Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }
}
