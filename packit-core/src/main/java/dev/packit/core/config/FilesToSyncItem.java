package dev.packit.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One {@code files_to_sync} entry: rsync {@code src...} to {@code dest}.
 *
 * <pre>{@code
 * FilesToSyncItem spec = FilesToSyncItem.of("hello.spec");          // the string form
 * FilesToSyncItem dir = new FilesToSyncItem(List.of("tests/"), "tests/", true, true, List.of("protect sources"));
 * }</pre>
 *
 * @param src source paths or globs (a trailing {@code /} copies the directory contents)
 * @param dest destination path in dist-git
 * @param mkpath create missing destination directories
 * @param delete delete files in dest that are not in src
 * @param filters rsync filter rules, e.g. {@code "protect sources"}
 */
public record FilesToSyncItem(List<String> src, String dest, boolean mkpath, boolean delete, List<String> filters) {
  /** Copies the lists. */
  public FilesToSyncItem {
    src = List.copyOf(src);
    Objects.requireNonNull(dest, "dest");
    filters = List.copyOf(filters);
  }

  /** The string form: the same path on both sides. */
  public static FilesToSyncItem of(String path) {
    return new FilesToSyncItem(List.of(path), path, false, false, List.of());
  }

  /** Whether this item can be written back as a plain string. */
  public boolean isSimple() {
    return src.size() == 1 && src.get(0).equals(dest) && !mkpath && !delete && filters.isEmpty();
  }
}
