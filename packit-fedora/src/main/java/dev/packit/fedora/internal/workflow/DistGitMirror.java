package dev.packit.fedora.internal.workflow;

import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitException;
import dev.packit.forge.git.GitTimeoutException;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local bare mirror of a dist-git package for one plan or apply: every branch the job needs is
 * fetched in one request, and each branch gets a working tree that borrows the mirror's objects
 * ({@link LocalRepository#cloneShared}). Ten branches then cost one clone instead of ten, and the
 * fork is fetched once instead of once per branch.
 *
 * <pre>{@code
 * try (DistGitMirror mirror = new DistGitMirror(uri, List.of("rawhide", "f43"), creds, dir, clock)) {
 *   try (LocalRepository f43 = mirror.checkout("f43", work.resolve("f43"), () -> cloneAlone("f43"))) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe: branches are checked out from several threads; fetches into the mirror happen
 * under its lock. When a fetch for all branches fails (one of them missing, a fault), the mirror
 * gives up and each branch takes its own clone, so one bad branch never fails the others.
 */
public final class DistGitMirror implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DistGitMirror.class);

  private final URI origin;
  private final Set<String> wanted;
  private final GitCredentials credentials;
  private final Path dir;
  private final Clock clock;
  private final Duration timeout;
  private final Set<String> fetched = new HashSet<>();
  private final Set<URI> forks = new HashSet<>();
  private LocalRepository repo;
  private boolean broken;
  private GitTimeoutException silent;
  private boolean closed;
  private dev.packit.forge.git.GitProgress progress;

  /**
   * @param origin the package's dist-git URL
   * @param branches the branches the job needs, fetched together on first use
   * @param credentials for fetches
   * @param dir where the mirror goes; deleted on close
   * @param clock commit times
   */
  public DistGitMirror(URI origin, Collection<String> branches, GitCredentials credentials, Path dir, Clock clock) {
    this(origin, branches, credentials, dir, clock, LocalRepository.DEFAULT_TRANSPORT_TIMEOUT);
  }

  /**
   * @param origin the package's dist-git URL
   * @param branches the branches the job needs, fetched together on first use
   * @param credentials for fetches
   * @param dir where the mirror goes; deleted on close
   * @param clock commit times
   * @param timeout the connect/read timeout of the mirror's fetches and of its working trees' pushes
   */
  public DistGitMirror(URI origin, Collection<String> branches, GitCredentials credentials, Path dir, Clock clock,
      Duration timeout) {
    this.timeout = timeout;
    this.origin = origin;
    this.wanted = new LinkedHashSet<>(branches);
    this.credentials = credentials;
    this.dir = dir;
    this.clock = clock;
  }

  /**
   * A working tree of {@code branch} at its current dist-git head, or {@code alone}'s own clone
   * when the mirror cannot serve it.
   *
   * @param branch the dist-git branch
   * @param workDir where the working tree goes
   * @param alone a separate clone of the branch into {@code workDir}
   * @return the working tree, with remote {@code origin} and the branch checked out
   */
  public LocalRepository checkout(String branch, Path workDir, Supplier<LocalRepository> alone) {
    String head;
    Path gitDir;
    synchronized (this) {
      head = headOf(branch);
      gitDir = head == null ? null : repo.plumbing().gitDirectory();
    }
    if (head == null) {
      return alone.get();
    }
    try {
      Files.createDirectories(workDir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + workDir.getParent(), e);
    }
    return LocalRepository.cloneShared(gitDir, branch, head, workDir, origin, clock).transportTimeout(timeout);
  }

  /**
   * Fetches every branch of the fork into the mirror ({@code refs/remotes/fork/*}), once per
   * mirror; call it before {@link #checkout} so the working tree sees the fetched objects from
   * the start. Does nothing when the mirror cannot serve.
   *
   * @param fork the fork's clone URL
   * @param branch the dist-git branch about to be checked out (fetched first if nothing is yet)
   */
  public synchronized void prefetchFork(URI fork, String branch) {
    if (headOf(branch) != null) {
      fetchFork(fork);
    }
  }

  /** Under the lock, with the mirror in use: the fork's heads, once per fork. */
  private void fetchFork(URI fork) {
    if (forks.add(fork)) {
      try {
        repo.fetch(fork.toString(), List.of("+refs/heads/*:refs/remotes/fork/*"), credentials);
      } catch (GitException e) {
        forks.remove(fork);
        throw e;
      }
    }
  }

  /**
   * Gives {@code into} the fork's branches as {@code refs/remotes/fork/*}: copied from the mirror
   * when {@code into} borrows its objects, else fetched into it.
   *
   * @param fork the fork's clone URL
   * @param into a working tree made by {@link #checkout}
   */
  public void fetchForkInto(URI fork, LocalRepository into) {
    SortedMap<String, String> refs = null;
    synchronized (this) {
      if (!broken && repo != null && !closed && borrowsFromMirror(into)) {
        fetchFork(fork);
        refs = repo.plumbing().refs("refs/remotes/fork/");
      }
    }
    if (refs == null) {
      into.fetch("fork", List.of("+refs/heads/*:refs/remotes/fork/*"), credentials);
      return;
    }
    for (Map.Entry<String, String> r : refs.entrySet()) {
      into.plumbing().updateRef(r.getKey(), r.getValue());
    }
  }

  /** Working trees made by this mirror borrow its objects; fallback clones do not. */
  private boolean borrowsFromMirror(LocalRepository r) {
    Path alternates = r.plumbing().gitDirectory().resolve("objects").resolve("info").resolve("alternates");
    try {
      return Files.isRegularFile(alternates) && Files.readString(alternates).strip()
          .equals(repo.plumbing().gitDirectory().toAbsolutePath().normalize().resolve("objects").toString());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * @param listener where the mirror's fetches report their progress, or null
   * @return this mirror
   */
  public DistGitMirror progress(dev.packit.forge.git.GitProgress listener) {
    this.progress = listener;
    return this;
  }

  /** The mirror's head of a branch, fetching on first use; null when the mirror cannot serve it. */
  private String headOf(String branch) {
    if (silent != null) {
      throw silent;
    }
    if (broken || closed) {
      return null;
    }
    try {
      if (repo == null) {
        repo = LocalRepository.initBare(dir, clock).transportTimeout(timeout).progress(progress);
      }
      if (!fetched.contains(branch)) {
        List<String> toFetch = new ArrayList<>();
        if (fetched.isEmpty()) {
          wanted.add(branch);
          toFetch.addAll(wanted);
        } else {
          toFetch.add(branch); // a branch the job did not announce
        }
        List<String> specs = toFetch.stream().map(b -> "+refs/heads/" + b + ":refs/heads/" + b).toList();
        repo.fetch(origin.toString(), specs, credentials);
        fetched.addAll(toFetch);
      }
      return repo.plumbing().resolve("refs/heads/" + branch).orElse(null);
    } catch (GitTimeoutException e) {
      // A silent server would stall each branch's own clone (and the next fetch) again: every
      // branch fails now with this error, naming host and repository.
      silent = e;
      throw e;
    } catch (GitException | UncheckedIOException e) {
      // One missing branch fails a fetch of all of them: each branch clones on its own instead.
      LOG.debug("dist-git mirror of {} not usable, branches clone on their own: {}", origin, e.getMessage());
      broken = true;
      return null;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (repo != null) {
      repo.close();
    }
    Trees.deleteQuietly(dir);
  }
}
