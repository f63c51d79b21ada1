package dev.packit.forge;

/**
 * The state of a pull request (GitLab: merge request).
 *
 * <pre>{@code
 * forge.pullRequests(repo, PrState.OPEN).forEach(System.out::println);
 * }</pre>
 */
public enum PrState {
  /** Open, waiting for review or merge. */
  OPEN,
  /** Closed without being merged. */
  CLOSED,
  /** Merged. */
  MERGED,
  /** Any state (only as a filter). */
  ALL
}
