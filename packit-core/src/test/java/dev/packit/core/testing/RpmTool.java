package dev.packit.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's {@code rpm} tools ({@code rpmspec}, {@code rpm}, {@code rpmdev-vercmp}'s logic through
 * {@code python3 -c 'import rpm'}) from tests, so that rpm itself is the judge.
 *
 * <pre>{@code
 * RpmTool.Result r = RpmTool.rpmspec(dir, "-q", "--srpm", "--qf", "%{VERSION}", spec.toString());
 * assertEquals(0, r.exit(), r.stderr());
 * }</pre>
 *
 * <p>When a tool is missing the test is skipped with a message naming it, unless {@code PACKIT_CI=true}
 * (as {@code .ci/run} sets, after installing {@code rpm} and {@code python3-rpm}), in which case it fails.
 */
public final class RpmTool {
  private RpmTool() {}

  /** What a tool printed and how it exited. */
  public record Result(int exit, String stdout, String stderr) {}

  /** Whether a missing tool fails the test instead of skipping it. */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("PACKIT_CI"));
  }

  /** Skips (or under {@code PACKIT_CI=true} fails) the calling test when {@code /usr/bin/<tool>} is missing. */
  public static Path require(String tool) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String msg = tool + " is not installed (Debian package: " + packageOf(tool) + "); .ci/run installs it";
    if (required()) {
      fail(msg + " (PACKIT_CI=true requires it)");
    }
    Assumptions.abort(msg);
    return null;
  }

  private static String packageOf(String tool) {
    return switch (tool) {
      case "bwrap" -> "bubblewrap";
      case "python3" -> "python3-rpm";
      default -> "rpm";
    };
  }

  /** Runs {@code rpmspec} with the given arguments in {@code workDir} (60 s limit). */
  public static Result rpmspec(Path workDir, String... args) {
    return run(workDir, require("rpmspec"), args);
  }

  /**
   * Runs Debian's {@code /usr/bin/python3} (which has {@code python3-rpm}) with {@code -c script}; the
   * module {@code rpm} is imported first. Skips or fails like {@link #require(String)} when the module is
   * missing.
   */
  public static Result python(Path workDir, String script) {
    Path py = require("python3");
    Result probe = run(workDir, py, "-c", "import rpm");
    if (probe.exit() != 0) {
      String msg = "python3-rpm is not installed (Debian package python3-rpm); .ci/run installs it";
      if (required()) {
        fail(msg + " (PACKIT_CI=true requires it)");
      }
      Assumptions.abort(msg);
    }
    return run(workDir, py, "-c", "import rpm\n" + script);
  }

  /** Runs a program with a clean locale and a 60 s limit; the process is killed when the limit passes. */
  public static Result run(Path workDir, Path program, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(program.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().put("LC_ALL", "C.UTF-8");
    try {
      Path out = Files.createTempFile("rpmtool", ".out");
      Path err = Files.createTempFile("rpmtool", ".err");
      try {
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          fail(program + " did not finish within 60 s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + cmd, e);
    }
  }
}
