package dev.packit.forge.git;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to clone and how.
 *
 * <pre>{@code
 * CloneRequest req = CloneRequest.builder(URI.create("https://src.fedoraproject.org/rpms/hello.git"), dir)
 *     .branch("rawhide").singleBranch(true).depth(1)
 *     .build();
 * }</pre>
 *
 * @param uri the remote ({@code https://}, {@code ssh://}, {@code file:} or a path)
 * @param directory where to clone to; must not exist or be empty
 * @param branch the branch to check out, empty for the remote's HEAD
 * @param singleBranch whether to fetch only {@code branch} (like {@code --single-branch})
 * @param depth history depth ({@code --depth}), 0 for the full history
 * @param noTags whether to skip tags (like {@code --no-tags})
 * @param credentials how to authenticate
 * @param timeout the connect/read timeout of the clone (and of the clone's later fetches and pushes)
 */
public record CloneRequest(URI uri, Path directory, String branch, boolean singleBranch, int depth, boolean noTags,
    GitCredentials credentials, Duration timeout) {
  /** Validates the components. */
  public CloneRequest {
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(branch, "branch == null");
    Objects.requireNonNull(credentials, "credentials == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (depth < 0) {
      throw new IllegalArgumentException("depth must be >= 0: " + depth);
    }
    if (singleBranch && branch.isEmpty()) {
      throw new IllegalArgumentException("singleBranch needs a branch");
    }
  }

  /**
   * Starts a request.
   *
   * @param uri the remote
   * @param directory the target folder
   * @return a builder
   */
  public static Builder builder(URI uri, Path directory) {
    return new Builder(uri, directory);
  }

  /** Builds a {@link CloneRequest}. */
  public static final class Builder {
    private final URI uri;
    private final Path directory;
    private String branch = "";
    private boolean singleBranch;
    private int depth;
    private boolean noTags;
    private GitCredentials credentials = GitCredentials.none();
    private Duration timeout = LocalRepository.DEFAULT_TRANSPORT_TIMEOUT;

    private Builder(URI uri, Path directory) {
      this.uri = uri;
      this.directory = directory;
    }

    /**
     * Sets the branch to check out.
     *
     * @param branch a branch name such as {@code rawhide}
     * @return this builder
     */
    public Builder branch(String branch) {
      this.branch = Objects.requireNonNull(branch, "branch == null");
      return this;
    }

    /**
     * Fetches only the chosen branch.
     *
     * @param singleBranch whether to
     * @return this builder
     */
    public Builder singleBranch(boolean singleBranch) {
      this.singleBranch = singleBranch;
      return this;
    }

    /**
     * Makes a shallow clone.
     *
     * @param depth commits of history to fetch, 0 for all
     * @return this builder
     */
    public Builder depth(int depth) {
      this.depth = depth;
      return this;
    }

    /**
     * Skips tags.
     *
     * @param noTags whether to
     * @return this builder
     */
    public Builder noTags(boolean noTags) {
      this.noTags = noTags;
      return this;
    }

    /**
     * Sets the credentials.
     *
     * @param credentials how to authenticate
     * @return this builder
     */
    public Builder credentials(GitCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /**
     * Sets the connect/read timeout (default {@link LocalRepository#DEFAULT_TRANSPORT_TIMEOUT}): a
     * server that accepts the connection and never answers fails the clone after this long.
     *
     * @param timeout a positive duration; JGit counts whole seconds
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** Builds the request. */
    public CloneRequest build() {
      return new CloneRequest(uri, directory, branch, singleBranch, depth, noTags, credentials, timeout);
    }
  }
}
