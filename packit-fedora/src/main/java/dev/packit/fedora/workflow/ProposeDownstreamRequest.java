package dev.packit.fedora.workflow;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfig;
import dev.packit.forge.RepoId;
import java.util.List;
import java.util.Objects;

/**
 * Input of a propose_downstream (or pull_from_upstream) run: the package's config, the upstream
 * repository and release tag, and the dist-git branches to update.
 *
 * <pre>{@code
 * var request = ProposeDownstreamRequest.builder(config, RepoId.of("packit/hello"), "v1.2.0")
 *     .branches(List.of("rawhide", "f43", "f42"))
 *     .build();
 * }</pre>
 *
 * @param job {@code PROPOSE_DOWNSTREAM} or {@code PULL_FROM_UPSTREAM} (names the bot's PR branch)
 * @param config the package configuration (from upstream for propose_downstream, from dist-git for pull_from_upstream)
 * @param packageName the package in a monorepo config, or empty for the single package
 * @param upstream the upstream repository on the upstream forge
 * @param tag the release tag
 * @param releaseNotes the forge release's description (used with {@code copy_upstream_release_description}),
 *     may be empty, at most {@link #MAX_RELEASE_NOTES_CHARS} characters
 * @param branches the dist-git branches, already resolved from aliases
 * @param resolvedBugs bugs the release resolves, e.g. {@code rhbz#2106196}: one {@code Resolves:} line
 *     each in the changelog entry (unless a {@code changelog-entry} action writes it), the commit
 *     message and the pull request; {@code PACKIT_RESOLVED_BUGS} for actions
 */
public record ProposeDownstreamRequest(JobType job, PackitConfig config, String packageName, RepoId upstream,
    String tag, String releaseNotes, List<String> branches, List<String> resolvedBugs) {
  /**
   * The longest release notes accepted, in characters: GitHub caps a release's description at 125,000,
   * so no real release is refused; a forge or a fake that sends megabytes is (the notes go into the
   * changelog, the commit message and the pull request).
   */
  public static final int MAX_RELEASE_NOTES_CHARS = 128 * 1024;

  /** Validates the components. */
  public ProposeDownstreamRequest {
    Objects.requireNonNull(job, "job");
    if (job != JobType.PROPOSE_DOWNSTREAM && job != JobType.PULL_FROM_UPSTREAM) {
      throw new IllegalArgumentException("not a release job: " + job);
    }
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(tag, "tag");
    releaseNotes = releaseNotes == null ? "" : releaseNotes;
    if (releaseNotes.length() > MAX_RELEASE_NOTES_CHARS) {
      throw new InvalidInputException(InputLocation.of(upstream.fullName() + " release " + tag).field("release notes"),
          releaseNotes.length() + " characters, more than the limit of " + MAX_RELEASE_NOTES_CHARS
              + " (ProposeDownstreamRequest.MAX_RELEASE_NOTES_CHARS)");
    }
    branches = List.copyOf(branches);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("no dist-git branch to update");
    }
    resolvedBugs = List.copyOf(resolvedBugs);
    for (String bug : resolvedBugs) {
      if (bug.isBlank() || bug.chars().anyMatch(c -> Character.isWhitespace(c))) {
        throw new IllegalArgumentException("a resolved bug must be one word, e.g. rhbz#2106196: '" + bug + "'");
      }
    }
  }

  /**
   * A request that resolves no bug (the form before {@code resolvedBugs} existed).
   *
   * @param job the job
   * @param config the configuration
   * @param packageName the monorepo package, or empty
   * @param upstream the upstream repository
   * @param tag the release tag
   * @param releaseNotes the release description
   * @param branches the dist-git branches
   */
  public ProposeDownstreamRequest(JobType job, PackitConfig config, String packageName, RepoId upstream,
      String tag, String releaseNotes, List<String> branches) {
    this(job, config, packageName, upstream, tag, releaseNotes, branches, List.of());
  }

  /**
   * Starts a builder for a propose_downstream request.
   *
   * @param config the package configuration
   * @param upstream the upstream repository
   * @param tag the release tag
   * @return a builder
   */
  public static Builder builder(PackitConfig config, RepoId upstream, String tag) {
    return new Builder(config, upstream, tag);
  }

  /** Builds a {@link ProposeDownstreamRequest}. */
  public static final class Builder {
    private final PackitConfig config;
    private final RepoId upstream;
    private final String tag;
    private JobType job = JobType.PROPOSE_DOWNSTREAM;
    private String packageName = "";
    private String releaseNotes = "";
    private List<String> branches = List.of(dev.packit.fedora.FedoraInstance.production().defaultBranch());
    private List<String> resolvedBugs = List.of();

    Builder(PackitConfig config, RepoId upstream, String tag) {
      this.config = config;
      this.upstream = upstream;
      this.tag = tag;
    }

    /**
     * @param job {@code PROPOSE_DOWNSTREAM} (default) or {@code PULL_FROM_UPSTREAM}
     * @return this builder
     */
    public Builder job(JobType job) {
      this.job = job;
      return this;
    }

    /**
     * @param packageName the package of a monorepo config
     * @return this builder
     */
    public Builder packageName(String packageName) {
      this.packageName = packageName;
      return this;
    }

    /**
     * @param releaseNotes the upstream release description
     * @return this builder
     */
    public Builder releaseNotes(String releaseNotes) {
      this.releaseNotes = releaseNotes;
      return this;
    }

    /**
     * @param branches the dist-git branches (default {@code rawhide})
     * @return this builder
     */
    public Builder branches(List<String> branches) {
      this.branches = branches;
      return this;
    }

    /**
     * @param bugs bugs the release resolves, e.g. {@code rhbz#2106196} (Packit's {@code --resolve-bug})
     * @return this builder
     */
    public Builder resolvedBugs(List<String> bugs) {
      this.resolvedBugs = bugs;
      return this;
    }

    /** @return the request */
    public ProposeDownstreamRequest build() {
      return new ProposeDownstreamRequest(job, config, packageName, upstream, tag, releaseNotes, branches, resolvedBugs);
    }
  }
}
