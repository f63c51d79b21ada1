package dev.packit.fedora.workflow;

import dev.packit.core.Redaction;
import dev.packit.fedora.internal.workflow.DistGitMirror;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitProgress;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a workflow's clones live: its run folder (created on first use, locked, swept by the next
 * workflow after a crash), dist-git clones and mirrors, git progress to the listener.
 */
final class Workspace {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
  private final Path workDir;
  private final URI gitBase;
  private final String namespace;
  private final GitCredentials credentials;
  private final Clock clock;
  private final Duration gitTimeout;
  private final WorkflowListener listener;
  // Clones and partial downloads live in a locked folder of this instance; a crashed process's
  // folder is swept by the next instance, so nothing half-written piles up in workDir.
  private volatile RunFolder runFolder;

  Workspace(Path workDir, URI gitBase, String namespace, GitCredentials credentials, Clock clock, Duration gitTimeout,
      WorkflowListener listener) {
    this.workDir = workDir;
    this.gitBase = gitBase;
    this.namespace = namespace;
    this.credentials = credentials;
    this.clock = clock;
    this.gitTimeout = gitTimeout;
    this.listener = listener;
  }

  Path workDir() {
    return workDir;
  }

  /** This process's run folder (swept after a crash by the next workflow on the same work folder). */
  Path scratch() {
    RunFolder f = runFolder;
    if (f == null) {
      synchronized (this) {
        f = runFolder;
        if (f == null) {
          f = RunFolder.create(workDir, this);
          runFolder = f;
        }
      }
    }
    return f.dir();
  }

  /** A fresh folder for one branch of one phase ({@code plan}, {@code apply}). */
  Path folder(String phase, String name) {
    return scratch().resolve(phase).resolve(name + "-" + UUID.randomUUID());
  }

  URI gitUri(String path) {
    return gitBase.resolve(path + ".git");
  }

  URI packageUri(String pkg) {
    return gitUri(namespace + "/" + pkg);
  }

  URI gitBase() {
    return gitBase;
  }

  /** A mirror of the package's dist-git for one plan or apply; the caller closes it. */
  DistGitMirror mirror(String pkg, List<String> branches, String phase) {
    return new DistGitMirror(packageUri(pkg), branches, credentials,
        scratch().resolve(phase).resolve(pkg + "-mirror-" + UUID.randomUUID()), clock, gitTimeout).progress(gitProgress());
  }

  LocalRepository cloneBranch(String pkg, String branch, Path dir) {
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir.getParent(), e);
    }
    return LocalRepository.cloneFrom(CloneRequest.builder(packageUri(pkg), dir)
        .branch(branch).singleBranch(true).credentials(credentials).timeout(gitTimeout).build(), clock);
  }

  /** Git fetch progress to the listener (whose failures are logged and ignored). */
  GitProgress gitProgress() {
    return (location, task, done, total) -> notifyListener(listener, () -> listener.gitProgress(location, task, done, total));
  }

  /** Calls the listener; its failure is logged and ignored. */
  static void notifyListener(WorkflowListener listener, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("workflow listener failed: {}", Redaction.text(String.valueOf(e)));
    }
  }

  static void deleteQuietly(Path dir) {
    dev.packit.fedora.internal.workflow.Trees.deleteQuietly(dir);
  }
}
