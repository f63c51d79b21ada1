package dev.packit.bot.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the scratch folders of the workflows a bot built when the bot stops. A workflow keeps
 * its clones and partial downloads in {@code <workDir>/runs/<id>/}, locked by {@code runs/<id>.lock}
 * while it lives, and deletes it only once it is garbage (or a later run sweeps it): a bot that
 * stops, however it stops, must not leave them behind. A run folder whose lock this JVM holds is
 * this process's (the JDK throws {@link OverlappingFileLockException} for it); one whose lock nobody
 * holds is a dead run's; both go. One locked by another live process stays.
 *
 * <pre>{@code
 * TempFolders temp = new TempFolders(List.of(workDir.resolve("github"), workDir.resolve("dist-git")));
 * temp.clean();   // after the queue has stopped
 * }</pre>
 */
public final class TempFolders {
  private static final Logger LOG = LoggerFactory.getLogger(TempFolders.class);
  private final List<Path> workDirs;

  /**
   * @param workDirs the work folders of the workflows the bot built (and owns)
   */
  public TempFolders(List<Path> workDirs) {
    this.workDirs = List.copyOf(workDirs);
  }

  /** Deletes the run folders of this process and of dead ones; logs what it cannot delete. */
  public void clean() {
    for (Path workDir : workDirs) {
      Path runs = workDir.resolve("runs");
      if (!Files.isDirectory(runs)) {
        continue;
      }
      try (Stream<Path> list = Files.list(runs)) {
        for (Path lock : list.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) {
          String name = lock.getFileName().toString();
          Path dir = runs.resolve(name.substring(0, name.length() - ".lock".length()));
          if (ownOrDead(lock)) {
            deleteTree(dir);
            Files.deleteIfExists(lock);
          }
        }
      } catch (IOException e) {
        LOG.warn(Kv.line("event", "bot.temp_cleanup_failed", "dir", runs, "error", e.toString()));
      }
    }
  }

  private static boolean ownOrDead(Path lockFile) {
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        return false; // another live process
      }
      lock.release();
      return true; // nobody holds it
    } catch (OverlappingFileLockException e) {
      return true; // this JVM holds it: one of our workflows
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
