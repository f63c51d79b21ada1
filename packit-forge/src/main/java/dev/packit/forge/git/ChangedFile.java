package dev.packit.forge.git;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * A file that differs between two commits.
 *
 * <pre>{@code
 * repo.changedFiles("HEAD~1", "HEAD").stream().map(ChangedFile::path).toList();  // [hello.spec, sources]
 * }</pre>
 *
 * @param change what happened to the file
 * @param oldPath the path before ({@code /dev/null} for an added file)
 * @param newPath the path after ({@code /dev/null} for a deleted file)
 */
public record ChangedFile(Change change, @Nullable String oldPath, @Nullable String newPath) {
  /**
   * The kinds of change.
   *
   * <pre>{@code
   * boolean specTouched = repo.changedFiles("HEAD~1", "HEAD").stream()
   *     .anyMatch(f -> f.change() != ChangedFile.Change.DELETED && f.path().endsWith(".spec"));
   * }</pre>
   */
  public enum Change {
    /** The file is new. */
    ADDED,
    /** The file's content or mode changed. */
    MODIFIED,
    /** The file was removed. */
    DELETED,
    /** The file was moved (only reported with rename detection). */
    RENAMED,
    /** The file was copied (only reported with rename detection). */
    COPIED
  }

  /** Validates the components. */
  public ChangedFile {
    Objects.requireNonNull(change, "change == null");
    Objects.requireNonNull(oldPath, "oldPath == null");
    Objects.requireNonNull(newPath, "newPath == null");
  }

  /** Returns the path that exists after the change, or the deleted path. */
  public String path() {
    return change == Change.DELETED ? oldPath : newPath;
  }
}
