package dev.packit.forge.git;

import org.jspecify.annotations.Nullable;
import dev.packit.forge.internal.git.GitTimeouts;
import dev.packit.forge.internal.git.NoHooks;
import dev.packit.forge.internal.git.TransportConfigs;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.CheckoutCommand;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.CreateBranchCommand;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * A git working tree on disk, driven through JGit; no {@code git} binary needed.
 *
 * <pre>{@code
 * try (LocalRepository repo = LocalRepository.cloneFrom(
 *     CloneRequest.builder(URI.create("https://src.fedoraproject.org/rpms/hello.git"), dir)
 *         .branch("rawhide").singleBranch(true).depth(1).build())) {
 *   repo.checkoutNewBranch("1.2-rawhide", "HEAD");
 *   Files.writeString(repo.directory().resolve("sources"), "SHA512 (hello-1.2.tar.gz) = ...\n");
 *   repo.addAll();
 *   CommitInfo c = repo.commit("Update to 1.2", GitIdentity.of("Packit", "hello@packit.dev"));
 *   repo.push(PushRequest.builder("origin").refSpec("refs/heads/1.2-rawhide").force(true)
 *       .credentials(GitCredentials.token("packit", token)).build());
 * }
 * }</pre>
 *
 * <p>Commit times come from the injected {@link Clock} (the system clock unless one is given),
 * so tests get reproducible commit ids. Not thread-safe: use one instance per thread.
 * Credentials are never written into the repository's config. Git hooks never run (no
 * {@code pre-commit}, {@code commit-msg}, {@code post-commit} or {@code pre-push}): the files of a
 * bot's checkout come from strangers.
 */
public final class LocalRepository implements AutoCloseable {
  /** The connect/read timeout of clone, fetch and push unless set otherwise: JGit's own is none. */
  public static final Duration DEFAULT_TRANSPORT_TIMEOUT = Duration.ofSeconds(60);

  private final Git git;
  private final GitPlumbing plumbing;
  private final Clock clock;
  private volatile Duration transportTimeout = DEFAULT_TRANSPORT_TIMEOUT;
  private GitProgress progress;

  private LocalRepository(Git git, Clock clock) {
    this.git = git;
    this.plumbing = new GitPlumbing(git.getRepository());
    this.clock = clock;
  }

  /**
   * Opens an existing working tree (or bare repository).
   *
   * @param directory the working tree (or the {@code .git} / bare folder)
   * @return the repository
   * @throws GitException when there is no repository there
   */
  public static LocalRepository open(Path directory) {
    return open(directory, Clock.systemDefaultZone());
  }

  /**
   * Opens an existing repository, taking commit times from a clock.
   *
   * @param directory the working tree (or the {@code .git} / bare folder)
   * @param clock source of commit timestamps and their time zone
   * @return the repository
   * @throws GitException when there is no repository there
   */
  public static LocalRepository open(Path directory, Clock clock) {
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(clock, "clock == null");
    try {
      return new LocalRepository(Git.open(directory.toFile(), NoHooks.fs()), clock);
    } catch (IOException e) {
      throw new GitException("open", "no git repository at " + directory + ": " + e.getMessage(), false, e);
    }
  }

  /**
   * Creates a new, empty repository with a working tree.
   *
   * @param directory the folder; created when missing
   * @param initialBranch the branch {@code HEAD} points to, e.g. {@code main}
   * @param clock source of commit timestamps
   * @return the repository
   */
  public static LocalRepository init(Path directory, String initialBranch, Clock clock) {
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(clock, "clock == null");
    try {
      return new LocalRepository(Git.init().setFs(NoHooks.fs()).setDirectory(directory.toFile()).setInitialBranch(initialBranch).call(), clock);
    } catch (GitAPIException e) {
      throw failure("init", e);
    }
  }

  /**
   * Creates a new, empty bare repository (no working tree), e.g. a local mirror to fetch into.
   *
   * @param directory the folder; created when missing
   * @param clock source of commit timestamps
   * @return the repository
   */
  public static LocalRepository initBare(Path directory, Clock clock) {
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(clock, "clock == null");
    try {
      Git g = Git.init().setFs(NoHooks.fs()).setBare(true).setDirectory(directory.toFile()).call();
      noAutoGc(g.getRepository());
      return new LocalRepository(g, clock);
    } catch (GitAPIException e) {
      throw failure("init", e);
    } catch (IOException e) {
      throw new GitException("init", e.getMessage(), false, e);
    }
  }

  /**
   * Makes a working tree of one branch whose objects are borrowed from another repository on this
   * machine, like {@code git clone --shared --single-branch}: nothing is copied or downloaded, so
   * many branches of one mirror cost one fetch. New commits are written into the new repository;
   * the source must outlive it. The remote {@code origin} is set to {@code origin} (the real
   * upstream, for later pushes and fetches), with {@code refs/remotes/origin/<branch>} and the
   * local branch at {@code commitId}, checked out.
   *
   * <pre>{@code
   * try (LocalRepository mirror = LocalRepository.initBare(dir.resolve("mirror"), clock)) {
   *   mirror.fetch(url.toString(), List.of("+refs/heads/f43:refs/heads/f43"), credentials);
   *   String head = mirror.plumbing().resolve("refs/heads/f43").orElseThrow();
   *   try (LocalRepository f43 = LocalRepository.cloneShared(mirror.gitDirectory(), "f43", head,
   *       dir.resolve("f43"), url, clock)) {
   *     // edit, commit, push as in any clone
   *   }
   * }
   * }</pre>
   *
   * @param sourceGitDir the source's git folder (its {@code objects} are borrowed)
   * @param branch the branch to create and check out
   * @param commitId where the branch points
   * @param directory the new working tree; must not exist yet or be empty
   * @param origin the URL of remote {@code origin}
   * @param clock source of commit timestamps
   * @return the working tree
   * @throws GitException when the commit is not in the source or the folder cannot be written; a
   *     half-written folder is removed
   */
  public static LocalRepository cloneShared(Path sourceGitDir, String branch, String commitId, Path directory,
      URI origin, Clock clock) {
    Objects.requireNonNull(sourceGitDir, "sourceGitDir == null");
    Objects.requireNonNull(branch, "branch == null");
    Objects.requireNonNull(commitId, "commitId == null");
    Objects.requireNonNull(origin, "origin == null");
    Objects.requireNonNull(clock, "clock == null");
    Path objects = sourceGitDir.toAbsolutePath().normalize().resolve("objects");
    if (!Files.isDirectory(objects)) {
      throw new GitException("clone", "no git objects in " + sourceGitDir, false, null);
    }
    boolean existed = Files.exists(directory);
    Git g = null;
    try {
      try (Git created = Git.init().setFs(NoHooks.fs()).setDirectory(directory.toFile()).setInitialBranch(branch).call()) {
        Path info = created.getRepository().getDirectory().toPath().resolve("objects").resolve("info");
        Files.createDirectories(info);
        // Read when the repository is opened, so it is written before the reopen below.
        Files.writeString(info.resolve("alternates"), objects + "\n", java.nio.charset.StandardCharsets.UTF_8);
      }
      g = Git.open(directory.toFile(), NoHooks.fs());
      Repository r = g.getRepository();
      ObjectId id = ObjectId.fromString(commitId);
      if (!r.getObjectDatabase().has(id)) {
        throw new GitException("clone", "commit " + commitId + " is not in " + sourceGitDir, false, null);
      }
      org.eclipse.jgit.lib.StoredConfig cfg = r.getConfig();
      cfg.setString("remote", "origin", "url", origin.toString());
      cfg.setString("remote", "origin", "fetch", "+refs/heads/" + branch + ":refs/remotes/origin/" + branch);
      cfg.setString("branch", branch, "remote", "origin");
      cfg.setString("branch", branch, "merge", Constants.R_HEADS + branch);
      cfg.setInt("gc", null, "auto", 0);
      cfg.save();
      setRef(r, Constants.R_REMOTES + "origin/" + branch, id);
      setRef(r, Constants.R_HEADS + branch, id);
      g.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(commitId).call();
      return new LocalRepository(g, clock);
    } catch (GitAPIException | IOException | IllegalArgumentException | GitException e) {
      if (g != null) {
        g.close();
      }
      if (!existed) {
        deleteQuietly(directory); // nothing half-written is left behind
      }
      if (e instanceof GitException ge) {
        throw ge;
      }
      throw new GitException("clone", "cannot make a shared clone of " + branch + ": " + e.getMessage(), false, e);
    }
  }

  static void setRef(Repository r, String name, ObjectId id) throws IOException {
    org.eclipse.jgit.lib.RefUpdate u = r.updateRef(name);
    u.setNewObjectId(id);
    u.setForceUpdate(true);
    u.disableRefLog();
    org.eclipse.jgit.lib.RefUpdate.Result res = u.update();
    switch (res) {
      case NEW:
      case FORCED:
      case FAST_FORWARD:
      case NO_CHANGE:
        return;
      default:
        throw new IOException("ref update " + name + ": " + res);
    }
  }

  private static void noAutoGc(Repository r) throws IOException {
    // A background gc in a short-lived folder races its deletion (and logs gc.log.lock errors).
    r.getConfig().setInt("gc", null, "auto", 0);
    r.getConfig().save();
  }

  /**
   * Clones a repository.
   *
   * @param request what to clone and how
   * @return the new working tree, with the remote named {@code origin}
   * @throws GitException when the clone fails; a half-written target folder is removed
   */
  public static LocalRepository cloneFrom(CloneRequest request) {
    return cloneFrom(request, Clock.systemDefaultZone());
  }

  /**
   * Clones a repository, taking later commit times from a clock.
   *
   * @param request what to clone and how
   * @param clock source of commit timestamps
   * @return the new working tree
   */
  public static LocalRepository cloneFrom(CloneRequest request, Clock clock) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(clock, "clock == null");
    Path dir = request.directory();
    boolean existed = Files.exists(dir);
    return new LocalRepository(withRetries("clone", () -> {
      try {
        return cloneOnce(request, dir);
      } catch (GitException e) {
        if (!existed) {
          deleteQuietly(dir); // nothing half-written is left behind
        }
        throw e;
      }
    }), clock).transportTimeout(request.timeout());
  }

  private static Git cloneOnce(CloneRequest request, Path dir) {
    CloneCommand clone = Git.cloneRepository()
        .setFs(NoHooks.fs())
        .setURI(request.uri().toString())
        .setDirectory(dir.toFile())
        .setCloneAllBranches(!request.singleBranch());
    if (!request.branch().isEmpty()) {
      String ref = Constants.R_HEADS + request.branch();
      clone.setBranch(ref);
      if (request.singleBranch()) {
        clone.setBranchesToClone(List.of(ref));
      }
    }
    if (request.depth() > 0) {
      clone.setDepth(request.depth());
    }
    if (request.noTags()) {
      clone.setNoTags();
    }
    return withCredentials("clone", clone, request.credentials(), request.uri().toString(), request.timeout(), CloneCommand::call);
  }

  /** Transport failures worth another try: resets, 5xx, 429, bodies cut short; not refused credentials. */
  private static final int TRANSPORT_ATTEMPTS = 4;

  /**
   * Runs a clone, fetch or push again (a fresh command each time) when talking to the remote
   * failed in a way that may pass. All three are safe to repeat: a push that reached the remote
   * before its answer was lost finds the ref up to date.
   */
  private static <R> R withRetries(String op, java.util.function.Supplier<R> attempt) {
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (GitPushRejectedException | GitTimeoutException e) {
        throw e; // refused, or silent for a whole timeout: asking again does not help
      } catch (GitException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        boolean auth = m.contains("not authorized") || m.contains("authentication") || m.contains("forbidden");
        if (!e.transport() || auth || i >= TRANSPORT_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(100L * i);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * The object and ref level of this repository: resolving revisions, moving and listing raw
   * refs, walking history between commits and diffing trees.
   *
   * <pre>{@code
   * String head = repo.plumbing().resolve("origin/rawhide").orElseThrow();
   * boolean ff = repo.plumbing().isAncestor(head, "HEAD");
   * }</pre>
   *
   * @return the plumbing view, valid until this repository is closed
   * @since 0.1.0
   */
  public GitPlumbing plumbing() {
    return plumbing;
  }

  /** Returns the working tree folder (the repository folder for a bare repository). */
  public Path directory() {
    Repository r = git.getRepository();
    return (r.isBare() ? r.getDirectory() : r.getWorkTree()).toPath();
  }

  /**
   * Returns the commit {@code HEAD} points to.
   *
   * @return the 40-hex id, or empty in a repository without commits
   */
  public Optional<String> head() {
    return plumbing.resolve(Constants.HEAD);
  }

  /**
   * Returns the checked-out branch.
   *
   * @return the short branch name, or empty when {@code HEAD} is detached
   */
  public Optional<String> currentBranch() {
    try {
      Ref head = git.getRepository().exactRef(Constants.HEAD);
      if (head == null || !head.isSymbolic()) {
        return Optional.empty();
      }
      return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
    } catch (IOException e) {
      throw new GitException("rev-parse", e.getMessage(), false, e);
    }
  }

  /** Returns the local branch names, sorted. */
  public List<String> branches() {
    try {
      List<String> out = new ArrayList<>();
      for (Ref r : git.branchList().call()) {
        out.add(Repository.shortenRefName(r.getName()));
      }
      out.sort(null);
      return out;
    } catch (GitAPIException e) {
      throw failure("branch", e);
    }
  }

  /**
   * Adds (or replaces) a remote.
   *
   * @param name the remote name, e.g. {@code fork}
   * @param uri its URL
   */
  public void setRemote(String name, URI uri) {
    try {
      if (git.getRepository().getRemoteNames().contains(name)) {
        git.remoteSetUrl().setRemoteName(name).setRemoteUri(new URIish(uri.toString())).call();
      } else {
        git.remoteAdd().setName(name).setUri(new URIish(uri.toString())).call();
      }
    } catch (GitAPIException e) {
      throw failure("remote", e);
    } catch (URISyntaxException e) {
      throw new GitException("remote", "bad remote URL: " + e.getMessage(), false, e);
    }
  }

  /**
   * Returns a remote's URL.
   *
   * @param name the remote name
   * @return its first URL, or empty when no such remote exists
   */
  public Optional<URI> remoteUri(String name) {
    try {
      RemoteConfig rc = new RemoteConfig(git.getRepository().getConfig(), name);
      return rc.getURIs().isEmpty() ? Optional.empty() : Optional.of(URI.create(rc.getURIs().get(0).toString()));
    } catch (URISyntaxException e) {
      throw new GitException("remote", "bad remote URL: " + e.getMessage(), false, e);
    }
  }

  /**
   * Fetches a remote's configured refspecs.
   *
   * @param remote the remote name or URL
   * @param credentials how to authenticate
   * @return the tracking refs that moved
   */
  public List<RefChange> fetch(String remote, GitCredentials credentials) {
    return fetch(remote, List.of(), credentials);
  }

  /**
   * Fetches given refspecs from a remote.
   *
   * @param remote the remote name or URL
   * @param refSpecs e.g. {@code +refs/heads/f41:refs/remotes/origin/f41}; empty for the configured ones
   * @param credentials how to authenticate
   * @return the tracking refs that moved
   */
  public List<RefChange> fetch(String remote, List<String> refSpecs, GitCredentials credentials) {
    FetchResult result = withRetries("fetch", () -> {
      FetchCommand fetch = git.fetch().setRemote(remote);
      if (progress != null) {
        fetch.setProgressMonitor(new ProgressAdapter(progress, remoteLocation(remote)));
      }
      if (!refSpecs.isEmpty()) {
        fetch.setRefSpecs(refSpecs.toArray(String[]::new));
      }
      return withCredentials("fetch", fetch, credentials, remoteLocation(remote), transportTimeout, FetchCommand::call);
    });
    List<RefChange> out = new ArrayList<>();
    for (TrackingRefUpdate u : result.getTrackingRefUpdates()) {
      out.add(new RefChange(u.getLocalName(), u.getOldObjectId().name(), u.getNewObjectId().name(), u.getResult().name()));
    }
    return out;
  }

  /**
   * Checks out a branch, a remote branch (creating a local tracking branch of the same name) or a
   * commit (detached).
   *
   * @param revision a branch name, {@code origin/<branch>} name or commit
   * @throws GitException when it does not exist or local changes would be overwritten
   */
  public void checkout(String revision) {
    try {
      Repository r = git.getRepository();
      CheckoutCommand co = git.checkout();
      if (r.exactRef(Constants.R_HEADS + revision) != null) {
        co.setName(revision);
      } else if (r.exactRef(Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + revision) != null) {
        co.setName(revision).setCreateBranch(true).setStartPoint(Constants.DEFAULT_REMOTE_NAME + "/" + revision)
            .setUpstreamMode(CreateBranchCommand.SetupUpstreamMode.TRACK);
      } else {
        String id = plumbing.resolve(revision).orElseThrow(
            () -> new GitException("checkout", "no branch, tag or commit named '" + revision + "'", false, null));
        co.setName(id);
      }
      co.call();
    } catch (GitAPIException e) {
      throw failure("checkout", e);
    } catch (IOException e) {
      throw new GitException("checkout", e.getMessage(), false, e);
    }
  }

  /**
   * Creates a branch without checking it out.
   *
   * @param name the new branch
   * @param startPoint where it starts, e.g. {@code HEAD} or {@code origin/rawhide}
   * @throws GitException when it exists already or the start point does not resolve
   */
  public void createBranch(String name, String startPoint) {
    try {
      git.branchCreate().setName(name).setStartPoint(startPoint).call();
    } catch (GitAPIException e) {
      throw failure("branch", e);
    }
  }

  /**
   * Creates a branch (or resets an existing one) at a start point and checks it out, like
   * {@code git checkout -B}.
   *
   * @param name the branch
   * @param startPoint where it starts
   */
  public void checkoutNewBranch(String name, String startPoint) {
    try {
      boolean exists = git.getRepository().exactRef(Constants.R_HEADS + name) != null;
      String start = plumbing.resolve(startPoint).orElseThrow(
          () -> new GitException("checkout", "start point '" + startPoint + "' does not resolve", false, null));
      if (exists) {
        git.checkout().setName(name).call();
        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(start).call();
      } else {
        git.checkout().setName(name).setCreateBranch(true).setStartPoint(start).call();
      }
    } catch (GitAPIException e) {
      throw failure("checkout", e);
    } catch (IOException e) {
      throw new GitException("checkout", e.getMessage(), false, e);
    }
  }

  /**
   * Stages files, like {@code git add}.
   *
   * @param paths paths relative to the working tree, {@code /}-separated
   */
  public void add(String... paths) {
    try {
      org.eclipse.jgit.api.AddCommand add = git.add();
      for (String p : paths) {
        add.addFilepattern(p);
      }
      add.call();
    } catch (GitAPIException e) {
      throw failure("add", e);
    }
  }

  /** Stages every change in the working tree, deletions included, like {@code git add -A}. */
  public void addAll() {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
    } catch (GitAPIException e) {
      throw failure("add", e);
    }
  }

  /** Whether the working tree and index match {@code HEAD} (untracked files count as changes). */
  public boolean isClean() {
    try {
      Status s = git.status().call();
      return s.isClean();
    } catch (GitAPIException e) {
      throw failure("status", e);
    }
  }

  /**
   * Commits the staged changes with one identity as author and committer.
   *
   * @param message the commit message
   * @param identity author and committer
   * @return the new commit
   * @throws GitException when nothing is staged
   */
  public CommitInfo commit(String message, GitIdentity identity) {
    return commit(message, identity, identity);
  }

  /**
   * Commits the staged changes.
   *
   * @param message the commit message
   * @param author who wrote the change
   * @param committer who commits it (e.g. the bot)
   * @return the new commit
   * @throws GitException when nothing is staged
   */
  public CommitInfo commit(String message, GitIdentity author, GitIdentity committer) {
    Objects.requireNonNull(message, "message == null");
    try {
      Status status = git.status().call();
      boolean staged = !status.getAdded().isEmpty() || !status.getChanged().isEmpty() || !status.getRemoved().isEmpty();
      if (!staged && head().isPresent()) {
        throw new GitException("commit", "nothing to commit: no staged changes", false, null);
      }
      Instant now = clock.instant();
      RevCommit c = git.commit()
          .setMessage(message)
          .setAuthor(new PersonIdent(author.name(), author.email(), now, clock.getZone()))
          .setCommitter(new PersonIdent(committer.name(), committer.email(), now, clock.getZone()))
          .setSign(Boolean.FALSE) // a user's commit.gpgsign must not make a bot's commit fail
          .setNoVerify(true) // never pre-commit/commit-msg hooks (the FS finds none either)
          .setAllowEmpty(true)
          .call();
      return info(c);
    } catch (GitAPIException e) {
      throw failure("commit", e);
    }
  }

  /**
   * Pushes refs to a remote.
   *
   * @param request what to push where
   * @return every pushed ref with its status
   * @throws GitPushRejectedException when the remote refused a ref
   * @throws GitException when the remote cannot be reached or refuses the credentials
   */
  public List<RefChange> push(PushRequest request) {
    Objects.requireNonNull(request, "request == null");
    Iterable<PushResult> results = withRetries("push", () -> {
      PushCommand push = git.push().setRemote(request.remote()).setForce(request.force());
      request.refSpecs().forEach(push::add);
      if (request.pushTags()) {
        push.setPushTags();
      }
      if (!request.expectedRemoteRef().isEmpty()) {
        push.setRefLeaseSpecs(new RefLeaseSpec(request.expectedRemoteRef(), request.expectedRemoteId()));
      }
      return withCredentials("push", push, request.credentials(), remoteLocation(request.remote()), transportTimeout,
          PushCommand::call);
    });
    List<RefChange> out = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (PushResult result : results) {
      for (RemoteRefUpdate u : result.getRemoteUpdates()) {
        String oldId = u.getExpectedOldObjectId() != null ? u.getExpectedOldObjectId().name()
            : trackedOld(result, u);
        out.add(new RefChange(u.getRemoteName(), oldId, u.getNewObjectId().name(), u.getStatus().name()));
        switch (u.getStatus()) {
          case OK:
          case UP_TO_DATE:
            break;
          default:
            rejected.add(u.getRemoteName() + " (" + u.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                + (u.getMessage() == null ? "" : ": " + u.getMessage()) + ")");
        }
      }
    }
    if (!rejected.isEmpty()) {
      throw new GitPushRejectedException("push to " + request.remote() + " rejected: " + String.join(", ", rejected), out);
    }
    return out;
  }

  private static String trackedOld(PushResult result, RemoteRefUpdate u) {
    Ref adv = result.getAdvertisedRef(u.getRemoteName());
    return adv == null || adv.getObjectId() == null ? ObjectId.zeroId().name() : adv.getObjectId().name();
  }

  /**
   * Reads history from {@code HEAD}, newest first.
   *
   * @param path limit to commits touching this path ({@code /}-separated), empty for all
   * @param max the most commits to return
   * @return the commits
   */
  public List<CommitInfo> log(String path, int max) {
    return log(Constants.HEAD, path, max);
  }

  /**
   * Reads history from a revision, newest first.
   *
   * @param revision where to start, e.g. {@code origin/rawhide}
   * @param path limit to commits touching this path, empty for all
   * @param max the most commits to return
   * @return the commits
   */
  public List<CommitInfo> log(String revision, String path, int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    String start = plumbing.resolve(revision).orElseThrow(
        () -> new GitException("log", "revision '" + revision + "' does not resolve", false, null));
    try {
      LogCommand log = git.log().add(ObjectId.fromString(start)).setMaxCount(max);
      if (!path.isEmpty()) {
        log.addPath(path);
      }
      List<CommitInfo> out = new ArrayList<>();
      for (RevCommit c : log.call()) {
        out.add(info(c));
      }
      return out;
    } catch (GitAPIException e) {
      throw failure("log", e);
    } catch (IOException e) {
      throw new GitException("log", e.getMessage(), false, e);
    }
  }

  /**
   * Applies the change of one commit on top of {@code HEAD}, like {@code git cherry-pick}: a new
   * commit with the original author and message, committed by {@code committer}. The merge is
   * computed in memory, so a conflict leaves the working tree, index and branch untouched.
   *
   * <pre>{@code
   * Optional<CommitInfo> picked = repo.cherryPick(maintainerCommit, bot);
   * if (picked.isEmpty()) { ... }   // conflict: nothing changed
   * }</pre>
   *
   * @param revision the commit to replay (not a merge commit)
   * @param committer who commits the copy
   * @return the new commit, or empty when the change conflicts with {@code HEAD}
   * @throws GitException when the revision does not resolve, is a merge commit or HEAD is unborn
   */
  public Optional<CommitInfo> cherryPick(String revision, GitIdentity committer) {
    Repository r = git.getRepository();
    try (RevWalk walk = new RevWalk(r); org.eclipse.jgit.lib.ObjectInserter ins = r.newObjectInserter()) {
      RevCommit src = walk.parseCommit(ObjectId.fromString(resolveOrThrow("cherry-pick", revision)));
      if (src.getParentCount() != 1) {
        throw new GitException("cherry-pick", "commit " + src.name() + " has " + src.getParentCount()
            + " parents; only single-parent commits can be replayed", false, null);
      }
      RevCommit head = walk.parseCommit(ObjectId.fromString(resolveOrThrow("cherry-pick", Constants.HEAD)));
      RevCommit parent = walk.parseCommit(src.getParent(0));
      org.eclipse.jgit.merge.ThreeWayMerger merger = org.eclipse.jgit.merge.MergeStrategy.RECURSIVE.newMerger(r, true);
      merger.setBase(parent.getTree());
      if (!merger.merge(head, src)) {
        return Optional.empty();
      }
      org.eclipse.jgit.lib.CommitBuilder cb = new org.eclipse.jgit.lib.CommitBuilder();
      cb.setTreeId(merger.getResultTreeId());
      cb.setParentId(head);
      cb.setAuthor(src.getAuthorIdent());
      cb.setCommitter(new PersonIdent(committer.name(), committer.email(), clock.instant(), clock.getZone()));
      cb.setMessage(src.getFullMessage());
      ObjectId id = ins.insert(cb);
      ins.flush();
      org.eclipse.jgit.lib.RefUpdate u = r.updateRef(Constants.HEAD);
      u.setNewObjectId(id);
      u.setExpectedOldObjectId(head);
      u.setRefLogMessage("cherry-pick: " + src.getShortMessage(), false);
      org.eclipse.jgit.lib.RefUpdate.Result res = u.update();
      if (res != org.eclipse.jgit.lib.RefUpdate.Result.FAST_FORWARD && res != org.eclipse.jgit.lib.RefUpdate.Result.FORCED) {
        throw new GitException("cherry-pick", "cannot move HEAD: " + res, false, null);
      }
      git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
      return Optional.of(info(walk.parseCommit(id)));
    } catch (GitAPIException e) {
      throw failure("cherry-pick", e);
    } catch (IOException e) {
      throw new GitException("cherry-pick", e.getMessage(), false, e);
    }
  }

  /**
   * Lists the tags, sorted.
   *
   * @return short tag names
   */
  public List<String> tags() {
    try {
      List<String> out = new ArrayList<>();
      for (Ref r : git.tagList().call()) {
        out.add(Repository.shortenRefName(r.getName()));
      }
      out.sort(null);
      return out;
    } catch (GitAPIException e) {
      throw failure("tag", e);
    }
  }

  /**
   * Creates an annotated tag at {@code HEAD}.
   *
   * @param name the tag name
   * @param message the tag message
   * @param tagger who tags
   */
  public void tag(String name, String message, GitIdentity tagger) {
    try {
      git.tag().setName(name).setMessage(message).setAnnotated(true).setSigned(false)
          .setTagger(new PersonIdent(tagger.name(), tagger.email(), clock.instant(), clock.getZone())).call();
    } catch (GitAPIException e) {
      throw failure("tag", e);
    }
  }

  /**
   * Sets the connect/read timeout of this repository's fetches and pushes (a clone starts with its
   * request's): a remote that accepts the connection and never answers fails the operation with a
   * {@link GitTimeoutException} naming the host and repository, instead of hanging.
   *
   * @param timeout at least one second (JGit counts whole seconds)
   * @return this repository
   */
  public LocalRepository transportTimeout(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout == null").isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("transport timeout must be positive: " + timeout);
    }
    this.transportTimeout = timeout;
    return this;
  }

  /** @return the connect/read timeout of fetches and pushes */
  public Duration transportTimeout() {
    return transportTimeout;
  }

  /**
   * Reports the progress of this repository's fetches (git's "Receiving objects", "Resolving
   * deltas"...) to a listener, e.g. a command line's progress line.
   *
   * @param listener the listener, or null for none (the default)
   * @return this repository
   */
  public LocalRepository progress(@Nullable GitProgress listener) {
    this.progress = listener;
    return this;
  }

  /** JGit's monitor to a {@link GitProgress}: the task's running count; the URL without user info. */
  private static final class ProgressAdapter implements org.eclipse.jgit.lib.ProgressMonitor {
    private final GitProgress target;
    private final String location;
    private String task = "";
    private long total;
    private long done;

    ProgressAdapter(GitProgress target, String location) {
      this.target = target;
      this.location = dev.packit.core.Redaction.url(location);
    }

    @Override
    public void start(int totalTasks) {
      // tasks are reported one by one
    }

    @Override
    public void beginTask(String title, int totalWork) {
      task = title == null ? "" : title;
      total = totalWork == UNKNOWN ? 0 : totalWork;
      done = 0;
      report();
    }

    @Override
    public void update(int completed) {
      done += completed;
      report();
    }

    @Override
    public void endTask() {
      if (total > 0 && done < total) {
        done = total;
      }
      report();
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void showDuration(boolean enabled) {
      // the listener keeps its own time
    }

    private void report() {
      try {
        target.update(location, task, done, total);
      } catch (RuntimeException e) {
        // progress is advisory: a failing listener never fails the fetch
      }
    }
  }

  /** A remote's URL, for timeout errors: the configured URL of a named remote, else the argument. */
  private String remoteLocation(String remote) {
    try {
      return remoteUri(remote).map(URI::toString).orElse(remote);
    } catch (RuntimeException e) {
      return remote;
    }
  }

  /** Releases the repository's files and caches. */
  @Override
  public void close() {
    git.close(); // Git owns the repository it opened and closes it too
  }

  @Override
  public String toString() {
    return "LocalRepository[" + directory() + "]";
  }

  private String resolveOrThrow(String op, String revision) {
    return plumbing.resolveOrThrow(op, revision);
  }

  static CommitInfo info(RevCommit c) {
    List<String> parents = new ArrayList<>();
    for (RevCommit p : c.getParents()) {
      parents.add(p.name());
    }
    PersonIdent a = c.getAuthorIdent();
    PersonIdent m = c.getCommitterIdent();
    return new CommitInfo(c.name(), parents, identity(a), a.getWhenAsInstant(), identity(m), m.getWhenAsInstant(),
        c.getShortMessage(), c.getFullMessage());
  }

  private static GitIdentity identity(PersonIdent p) {
    String name = p.getName().isBlank() ? "unknown" : p.getName();
    return new GitIdentity(name, p.getEmailAddress() == null ? "" : p.getEmailAddress());
  }

  @FunctionalInterface
  private interface Call<C, R> {
    R call(C command) throws GitAPIException;
  }

  private static <C extends TransportCommand<C, ?>, R> R withCredentials(String op, C command,
      GitCredentials credentials, String remote, Duration timeout, Call<C, R> call) {
    Path sshHome = null;
    SshdSessionFactory ssh = null;
    try {
      if (credentials instanceof GitCredentials.SshKey) {
        sshHome = Files.createTempDirectory("packit-ssh-");
      }
      ssh = TransportConfigs.apply(command, credentials, sshHome);
      GitTimeouts.apply(command, timeout);
      return call.call(command);
    } catch (GitAPIException e) {
      throw GitTimeouts.timeoutOf(op, remote, timeout, e).map(GitException.class::cast).orElseGet(() -> failure(op, e));
    } catch (IOException e) {
      throw new GitException(op, "cannot prepare the SSH client: " + e.getMessage(), false, e);
    } finally {
      if (ssh != null) {
        ssh.close();
      }
      if (sshHome != null) {
        deleteQuietly(sshHome);
      }
    }
  }

  private static GitException failure(String op, GitAPIException e) {
    return new GitException(op, String.valueOf(e.getMessage()), e instanceof TransportException, e);
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // Best effort: the caller's error matters more than leftover temporary files.
    }
  }
}
