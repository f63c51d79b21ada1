package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * What to open: a pull request from a branch of a fork (or of the target repository itself) into a
 * branch of the target repository.
 *
 * <pre>{@code
 * PullRequestSpec spec = PullRequestSpec.builder()
 *     .title("Update to 1.2.0")
 *     .body("Upstream release 1.2.0")
 *     .source(fork.id(), "update-1.2.0")
 *     .targetBranch("rawhide")
 *     .build();
 * PullRequest pr = forge.createPullRequest(RepoId.of("rpms/hello"), spec);
 * }</pre>
 *
 * @param title the title
 * @param body the description; empty for none
 * @param sourceRepo the repository holding the source branch (a fork), or null for a branch of the target
 * @param sourceBranch the branch with the changes
 * @param targetBranch the branch to merge into
 */
public record PullRequestSpec(String title, String body, @Nullable RepoId sourceRepo, String sourceBranch, String targetBranch) {

  /** Validates the parts. */
  public PullRequestSpec {
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(sourceBranch, "sourceBranch == null");
    Objects.requireNonNull(targetBranch, "targetBranch == null");
    if (title.isBlank()) {
      throw new IllegalArgumentException("title is blank");
    }
    body = body == null ? "" : body;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PullRequestSpec}. */
  public static final class Builder {
    private String title;
    private String body = "";
    private RepoId sourceRepo;
    private String sourceBranch;
    private String targetBranch;

    private Builder() {}

    /** Sets the title. @param title the title @return this */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Sets the description. @param body Markdown text @return this */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /**
     * Sets the source: a branch of a fork.
     *
     * @param repo the fork ({@link Repository#id()} of the fork), or null for the target itself
     * @param branch the branch with the changes
     * @return this
     */
    public Builder source(@Nullable RepoId repo, String branch) {
      this.sourceRepo = repo;
      this.sourceBranch = branch;
      return this;
    }

    /** Sets the source branch in the target repository. @param branch the branch @return this */
    public Builder sourceBranch(String branch) {
      this.sourceBranch = branch;
      return this;
    }

    /** Sets the branch to merge into. @param branch the branch @return this */
    public Builder targetBranch(String branch) {
      this.targetBranch = branch;
      return this;
    }

    /** Builds the spec. @return the spec */
    public PullRequestSpec build() {
      return new PullRequestSpec(title, body, sourceRepo, sourceBranch, targetBranch);
    }
  }
}
