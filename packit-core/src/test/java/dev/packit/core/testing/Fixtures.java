package dev.packit.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared fixtures ({@code ../shared/fixtures}, beside the repository root).
 *
 * <pre>{@code
 * Path specs = Fixtures.dir("specs");   // skips the test when the folder is missing
 * }</pre>
 *
 * <p>When the folder is missing a test is skipped with a message naming it, unless
 * {@code -Dpackit.fixtures.required=true} or {@code PACKIT_FIXTURES_REQUIRED=true} is set (as
 * {@code .ci/run} does), in which case it fails.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Returns the repository root: {@code -Dpackit.repo.root}, else the nearest folder up with {@code mvnw}. */
  public static Path repoRoot() {
    String prop = System.getProperty("packit.repo.root");
    if (prop != null && !prop.isBlank() && Files.isRegularFile(Path.of(prop, "mvnw"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("packit-core"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the packit-java repository root from " + Path.of("").toAbsolutePath());
  }

  /** Returns {@code ../shared/fixtures} relative to the repository root, whether it exists or not. */
  public static Path root() {
    return repoRoot().resolveSibling("shared").resolve("fixtures").normalize();
  }

  /** Whether missing fixtures fail the test instead of skipping it. */
  public static boolean required() {
    return Boolean.getBoolean("packit.fixtures.required")
        || "true".equalsIgnoreCase(System.getenv("PACKIT_FIXTURES_REQUIRED"));
  }

  /**
   * Returns a fixture folder, skipping (or, when required, failing) the calling test when it is missing.
   *
   * @param relative a folder below {@code ../shared/fixtures}, e.g. {@code "specs"}
   * @return the existing folder
   */
  public static Path dir(String relative) {
    Path dir = root().resolve(relative);
    if (!Files.isDirectory(dir)) {
      String msg = "fixture folder " + dir + " is missing (needs ../shared/fixtures beside the repository)";
      if (required()) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    return dir;
  }

  /** Returns one fixture file, with the same skip/fail rule as {@link #dir(String)}. */
  public static Path file(String relative) {
    Path file = root().resolve(relative);
    if (!Files.isRegularFile(file)) {
      dir(Path.of(relative).getParent() == null ? "." : Path.of(relative).getParent().toString());
      fail("fixture file " + file + " is missing");
    }
    return file;
  }
}
