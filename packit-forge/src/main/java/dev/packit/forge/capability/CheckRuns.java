package dev.packit.forge.capability;

import dev.packit.forge.RepoId;
import dev.packit.forge.github.CheckRun;
import dev.packit.forge.github.CheckRunSpec;
import java.util.stream.Stream;

/**
 * Check runs: GitHub only, and only with GitHub App credentials.
 *
 * <pre>{@code
 * forge.capability(CheckRuns.class).ifPresent(c -> c.checkRuns(repo, sha).forEach(System.out::println));
 * }</pre>
 *
 * @since 0.2.0
 */
public interface CheckRuns {
  /**
   * Creates a check run.
   *
   * @param repo the repository
   * @param spec the check run
   * @return the created run
   */
  CheckRun createCheckRun(RepoId repo, CheckRunSpec spec);

  /**
   * Lists the check runs of a commit, lazily over all pages.
   *
   * @param repo the repository
   * @param sha the commit
   * @return the runs
   */
  Stream<CheckRun> checkRuns(RepoId repo, String sha);
}
