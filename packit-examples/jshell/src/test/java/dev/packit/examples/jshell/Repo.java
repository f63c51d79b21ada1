package dev.packit.examples.jshell;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the repository, the shaded {@code packit.jar} and the JDK's {@code jshell} are. */
final class Repo {
  private Repo() {}

  static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("PACKIT_CI"));
  }

  /** Skips the test, or fails it under {@code PACKIT_CI=true}, where nothing may be missing. */
  static void require(boolean present, String message) {
    if (present) {
      return;
    }
    if (ci()) {
      fail(message + " (PACKIT_CI=true requires it)");
    }
    Assumptions.abort(message);
  }

  static Path root() {
    String prop = System.getProperty("packit.repo.root");
    Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("").toAbsolutePath();
    for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("packit-cli"))) {
        return d;
      }
    }
    throw new IllegalStateException("cannot find the repository root above " + dir);
  }

  /** The shaded jar, skipping (failing in CI) when it has not been built. */
  static Path jar() {
    Path jar = root().resolve("packit-cli/target/packit.jar");
    require(Files.isRegularFile(jar), jar + " is missing: build it with "
        + "./mvnw -B -q -DskipTests -pl packit-cli -am package (the reactor builds it before this module)");
    return jar;
  }

  /** The {@code jshell} of the JDK running the tests. */
  static Path jshell() {
    Path home = Path.of(System.getProperty("java.home"));
    Path tool = home.resolve("bin/jshell");
    require(Files.isExecutable(tool), "no jshell in " + home + " (a JRE, not a JDK?)");
    return tool;
  }
}
