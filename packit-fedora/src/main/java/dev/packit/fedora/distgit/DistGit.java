package dev.packit.fedora.distgit;

import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.forge.Forge;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * A dist-git instance: package repositories ({@code rpms/<name>}) with their branches, the user's
 * forks, the lookaside cache and the Pagure API for pull requests.
 *
 * <pre>{@code
 * DistGit distGit = DistGit.builder()
 *     .layout(DistGitLayout.fedora())
 *     .lookaside(LookasideClient.builder().authentication(LookasideAuth.negotiateFromTicketCache()).build())
 *     .forge(Pagure.builder().instance(Pagure.SRC_FEDORAPROJECT_ORG).credentials(ForgeCredentials.token(token)).build())
 *     .user("jdoe")                                        // owner of forks/jdoe/rpms/<name>
 *     .gitCredentials(GitCredentials.token("jdoe", pushToken))
 *     .identity(GitIdentity.of("Jane Doe", "jdoe@fedoraproject.org"))
 *     .build();
 * try (DistGitCheckout hello = distGit.clone("hello", "rawhide", Path.of("work/hello"))) {
 *   hello.newSources(List.of(Path.of("hello-2.0.tar.gz")));
 *   hello.commit("Update to 2.0");
 *   hello.proposeUpdate("update-2.0", "Update to 2.0", "Upstream release 2.0");   // fork + PR
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; the checkouts it returns are not.
 */
public final class DistGit {
  private final DistGitLayout layout;
  private final LookasideClient lookaside;
  private final Forge forge;
  private final String user;
  private final GitCredentials credentials;
  private final GitIdentity identity;
  private final Clock clock;

  private DistGit(Builder b) {
    this.layout = b.layout;
    this.lookaside = b.lookaside;
    this.forge = b.forge;
    this.user = b.user;
    this.credentials = b.credentials;
    this.identity = b.identity;
    this.clock = b.clock;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the URL layout */
  public DistGitLayout layout() {
    return layout;
  }

  /**
   * Clones a package repository with one branch checked out.
   *
   * @param pkg the package name
   * @param branch the branch, such as {@code rawhide} or {@code f43}
   * @param dir an empty or missing folder
   * @return the checkout; close it when done
   */
  public DistGitCheckout clone(String pkg, String branch, Path dir) {
    LocalRepository repo = LocalRepository.cloneFrom(CloneRequest.builder(layout.packageUri(pkg), dir)
        .branch(branch).credentials(credentials).build(), clock);
    return new DistGitCheckout(this, pkg, repo);
  }

  /**
   * Opens an existing checkout of a package.
   *
   * @param pkg the package name
   * @param dir the working tree
   * @return the checkout; close it when done
   */
  public DistGitCheckout open(String pkg, Path dir) {
    return new DistGitCheckout(this, pkg, LocalRepository.open(dir, clock));
  }

  LookasideClient lookaside() {
    if (lookaside == null) {
      throw new IllegalStateException("no lookaside client configured: DistGit.builder().lookaside(...)");
    }
    return lookaside;
  }

  Forge forge() {
    if (forge == null) {
      throw new IllegalStateException("no forge configured for pull requests: DistGit.builder().forge(...)");
    }
    return forge;
  }

  String user() {
    if (user != null) {
      return user;
    }
    return forge().currentUser().login();
  }

  GitCredentials credentials() {
    return credentials;
  }

  GitIdentity identity() {
    if (identity == null) {
      throw new IllegalStateException("no commit identity configured: DistGit.builder().identity(...)");
    }
    return identity;
  }

  @Override
  public String toString() {
    return "DistGit[" + layout.gitBase() + ", user=" + user + "]";
  }

  /** Builds a {@link DistGit}; Fedora's layout and anonymous git access unless told otherwise. */
  public static final class Builder {
    private DistGitLayout layout = DistGitLayout.fedora();
    private LookasideClient lookaside;
    private Forge forge;
    private String user;
    private GitCredentials credentials = GitCredentials.none();
    private GitIdentity identity;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * @param layout where repositories and forks live
     * @return this builder
     */
    public Builder layout(DistGitLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout == null");
      return this;
    }

    /**
     * @param lookaside the lookaside cache client, for new-sources and downloads
     * @return this builder
     */
    public Builder lookaside(LookasideClient lookaside) {
      this.lookaside = Objects.requireNonNull(lookaside, "lookaside == null");
      return this;
    }

    /**
     * @param forge the dist-git forge API (Pagure), for forks and pull requests
     * @return this builder
     */
    public Builder forge(Forge forge) {
      this.forge = Objects.requireNonNull(forge, "forge == null");
      return this;
    }

    /**
     * @param user the fork owner; by default the forge's current user
     * @return this builder
     */
    public Builder user(String user) {
      this.user = DistGitLayout.checkName(user);
      return this;
    }

    /**
     * @param credentials for clone, fetch and push
     * @return this builder
     */
    public Builder gitCredentials(GitCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /**
     * @param identity author and committer of commits
     * @return this builder
     */
    public Builder identity(GitIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity == null");
      return this;
    }

    /**
     * @param clock commit times
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** @return the instance */
    public DistGit build() {
      return new DistGit(this);
    }
  }
}
