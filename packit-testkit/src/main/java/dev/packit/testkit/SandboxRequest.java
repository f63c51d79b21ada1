package dev.packit.testkit;

import java.util.Objects;

/**
 * One HTTP request served by a {@link FedoraSandbox}, as seen by a request listener: once when it
 * arrives (before the service reads the body) and once when the service has answered.
 *
 * <pre>{@code
 * sandbox.onRequest(r -> {
 *   if (r.arriving() && r.path().endsWith("/git-receive-pack")) {
 *     System.out.println("push #" + r.number());
 *   }
 * });
 * }</pre>
 *
 * @param number the request's number, counting from 1 in arrival order since the sandbox started
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param status 0 while the request is arriving, else the response status (or -1 when the service
 *     failed without answering)
 */
public record SandboxRequest(long number, String method, String path, int status) {
  /** Validates the components. */
  public SandboxRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
  }

  /** @return whether this is the arrival of the request, before the service handles it */
  public boolean arriving() {
    return status == 0;
  }
}
