package dev.packit.fedora.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private scratch folder of one workflow instance, {@code <workDir>/runs/<id>/}, for clones and
 * partial downloads. A lock file {@code runs/<id>.lock} is held while the instance lives; the
 * operating system releases it when the process dies, even by SIGKILL. Each new run folder first
 * deletes the folders whose lock nobody holds: what crashed runs left behind.
 *
 * <pre>{@code
 * RunFolder run = RunFolder.create(workDir);
 * Path clone = run.dir().resolve("apply").resolve("hello-f43-1");
 * }</pre>
 */
final class RunFolder {
  private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);
  private static final Cleaner CLEANER = Cleaner.create();

  private final Path dir;

  private RunFolder(Path dir) {
    this.dir = dir;
  }

  /** @return the folder, existing and owned by this instance */
  Path dir() {
    return dir;
  }

  /**
   * Sweeps what dead runs left under {@code workDir/runs} and creates a locked run folder, released
   * and deleted when {@code owner} becomes unreachable (or with the process).
   *
   * @param workDir the workflow's work folder
   * @param owner the object whose lifetime the folder follows
   * @return the run folder
   */
  static RunFolder create(Path workDir, Object owner) {
    Path runs = workDir.resolve("runs");
    String id = UUID.randomUUID().toString();
    Path lockFile = runs.resolve(id + ".lock");
    Path dir = runs.resolve(id);
    FileChannel channel = null;
    try {
      Files.createDirectories(runs);
      // Lock before the folder exists: a folder without a lock file is always a dead run's.
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      sweep(runs, id);
      Files.createDirectories(dir);
      CLEANER.register(owner, new Release(channel, lock, lockFile, dir));
      return new RunFolder(dir);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot create a run folder under " + runs, e);
    }
  }

  private static void sweep(Path runs, String mine) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(runs)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(mine)) {
          continue;
        }
        if (name.endsWith(".lock")) {
          sweepLocked(p, runs.resolve(name.substring(0, name.length() - ".lock".length())));
        } else if (Files.isDirectory(p) && !Files.exists(runs.resolve(name + ".lock"))) {
          deleteTree(p);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot sweep {}: {}", runs, e.toString());
    }
  }

  private static void sweepLocked(Path lockFile, Path dir) {
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException alive) {
        return; // held by another workflow of this process
      }
      if (lock == null) {
        return; // held by a live process
      }
      try {
        deleteTree(dir);
        Files.deleteIfExists(lockFile);
        LOG.info("deleted {} left behind by a run that ended without cleaning up", dir);
      } finally {
        lock.release();
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot sweep {}: {}", dir, e.toString());
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing was locked or created that outlives the channel
      }
    }
  }

  /** Deletes the folder and frees the lock once the owning workflow is gone. */
  private static final class Release implements Runnable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path lockFile;
    private final Path dir;

    Release(FileChannel channel, FileLock lock, Path lockFile, Path dir) {
      this.channel = channel;
      this.lock = lock;
      this.lockFile = lockFile;
      this.dir = dir;
    }

    @Override
    public void run() {
      try {
        deleteTree(dir);
        Files.deleteIfExists(lockFile);
        lock.release();
      } catch (IOException | UncheckedIOException e) {
        LOG.debug("cannot delete {}: {}", dir, e.toString());
      } finally {
        closeQuietly(channel);
      }
    }
  }
}
