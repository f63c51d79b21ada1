package dev.packit.forge.git;

/**
 * Progress of a git fetch, as git prints it ("Receiving objects: 40% (400/1000)"): set on a
 * {@link LocalRepository} with {@link LocalRepository#progress(GitProgress)}, called from the
 * fetching thread.
 *
 * <pre>{@code
 * repo.progress((location, task, done, total) -> System.err.printf("%s: %s %d/%d%n", location, task, done, total));
 * repo.fetch("origin", GitCredentials.none());
 * }</pre>
 */
@FunctionalInterface
public interface GitProgress {
  /**
   * The fetch advanced.
   *
   * @param location the remote's URL (user info removed) or name
   * @param task git's task, e.g. {@code Receiving objects}
   * @param done units done so far in this task
   * @param total units of the task, 0 when unknown
   */
  void update(String location, String task, long done, long total);
}
