package dev.packit.fedora.internal.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing the workflow's scratch folders (clones, mirrors, upstream copies).
 *
 * <pre>{@code
 * Trees.deleteQuietly(runFolder.resolve("plan").resolve("hello-mirror-1"));
 * }</pre>
 */
public final class Trees {
  private static final Logger LOG = LoggerFactory.getLogger(Trees.class);

  private Trees() {}

  /**
   * Deletes a folder and everything in it, best effort: what cannot be deleted is logged at debug
   * and left for the run folder's sweep; the caller's own result or error matters more.
   *
   * @param dir the folder; nothing happens when it does not exist
   */
  public static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot delete {}: {}", dir, e.toString());
    }
  }
}
