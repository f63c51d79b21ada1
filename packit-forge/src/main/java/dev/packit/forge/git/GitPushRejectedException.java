package dev.packit.forge.git;

import java.util.List;

/**
 * The remote refused to update one or more refs (not a fast-forward, a hook said no, a lease did
 * not hold). {@link #changes()} tells which refs and why.
 *
 * <pre>{@code
 * try {
 *   repo.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide").build());
 * } catch (GitPushRejectedException e) {
 *   e.changes().forEach(c -> System.err.println(c.ref() + ": " + c.status()));
 * }
 * }</pre>
 */
public class GitPushRejectedException extends GitException {
  private static final long serialVersionUID = 1L;

  private final transient List<RefChange> changes;

  /**
   * Creates an exception.
   *
   * @param message which refs were rejected
   * @param changes every ref of the push with its status
   */
  public GitPushRejectedException(String message, List<RefChange> changes) {
    super("push", message, false, null);
    this.changes = List.copyOf(changes);
  }

  /** Returns every ref of the push with its status. */
  public List<RefChange> changes() {
    return changes == null ? List.of() : changes;
  }
}
