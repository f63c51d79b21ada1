package dev.packit.fedora.messaging;

import java.util.Objects;

/**
 * A Koji task changed state: {@code buildsys.task.state.change}. Fedora's hub plugin sends it only
 * for parent tasks of scratch builds.
 *
 * <pre>{@code
 * if (m instanceof KojiTaskStateChange t && "CLOSED".equals(t.newState())) {
 *   System.out.println("scratch build " + t.taskId() + " of " + t.srpm() + " finished");
 * }
 * }</pre>
 *
 * @param envelope the raw message
 * @param taskId task id
 * @param method task method, e.g. {@code build}
 * @param oldState state name before ({@code FREE}, {@code OPEN}, ...), empty when none
 * @param newState state name now ({@code OPEN}, {@code CLOSED}, {@code FAILED}, {@code CANCELED}, ...)
 * @param owner owner name, empty when absent
 * @param srpm source the task builds (last path component of the request's source)
 * @param target Koji target from the task request, empty when unknown
 * @param scratch whether the task request asked for a scratch build
 * @param instance Koji instance, empty when absent
 */
public record KojiTaskStateChange(
    MessageEnvelope envelope,
    long taskId,
    String method,
    String oldState,
    String newState,
    String owner,
    String srpm,
    String target,
    boolean scratch,
    String instance) implements FedoraMessage {

  /** Validates the components. */
  public KojiTaskStateChange {
    Objects.requireNonNull(envelope, "envelope == null");
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(oldState, "oldState == null");
    Objects.requireNonNull(newState, "newState == null");
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(srpm, "srpm == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(instance, "instance == null");
  }

  /**
   * Whether the task reached a final state.
   *
   * @return {@code true} for {@code CLOSED}, {@code FAILED} and {@code CANCELED}
   */
  public boolean finished() {
    return "CLOSED".equals(newState) || "FAILED".equals(newState) || "CANCELED".equals(newState);
  }
}
