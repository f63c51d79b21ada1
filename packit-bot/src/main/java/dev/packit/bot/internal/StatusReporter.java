package dev.packit.bot.internal;

import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.Forge;
import dev.packit.forge.RepoId;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the upstream project what the bot did: a commit status on the released commit
 * ({@code packit-java/propose_downstream}: pending, then success or failure with the first pull
 * request as link) and, for jobs asked for in a comment, a reply on that issue or pull request.
 * A failing report is logged and never fails the job.
 *
 * <pre>{@code
 * StatusReporter reporter = new StatusReporter("packit-java");
 * reporter.status(github, RepoId.of("upstream/hello"), sha, "propose_downstream", CommitState.PENDING, "proposing v1.2.0", null);
 * }</pre>
 */
public final class StatusReporter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
  // GitHub refuses commit status descriptions longer than 140 characters.
  private static final int MAX_DESCRIPTION = 140;

  private final String contextPrefix;

  /**
   * Creates a reporter.
   *
   * @param contextPrefix the status context prefix, e.g. {@code packit-java}
   */
  public StatusReporter(String contextPrefix) {
    this.contextPrefix = contextPrefix;
  }

  /**
   * Sets a commit status.
   *
   * @param forge the upstream forge
   * @param repo the repository
   * @param sha the commit
   * @param jobType the job type (the status context's suffix)
   * @param state the state
   * @param description a short text, cut to 140 characters
   * @param link the details page, or null
   */
  public void status(Forge forge, RepoId repo, String sha, String jobType, CommitState state, String description, URI link) {
    if (sha == null || sha.isEmpty()) {
      return;
    }
    String d = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION - 3) + "..." : description;
    CommitStatusSpec spec = CommitStatusSpec.of(state, contextPrefix + "/" + jobType, d);
    if (link != null) {
      spec = spec.withTargetUrl(link);
    }
    try {
      forge.setCommitStatus(repo, sha, spec);
    } catch (RuntimeException e) {
      LOG.warn(Kv.line("event", "report.status_failed", "repo", repo, "sha", sha, "error", e.toString()));
    }
  }

  /**
   * Comments on an issue or pull request.
   *
   * @param forge the forge
   * @param repo the repository
   * @param number the issue or pull request
   * @param body the text (Markdown)
   */
  public void comment(Forge forge, RepoId repo, long number, String body) {
    if (number <= 0) {
      return;
    }
    try {
      forge.comment(repo, number, body);
    } catch (RuntimeException e) {
      LOG.warn(Kv.line("event", "report.comment_failed", "repo", repo, "number", number, "error", e.toString()));
    }
  }
}
