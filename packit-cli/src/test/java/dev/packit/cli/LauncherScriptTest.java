package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 9: {@code ./packit} can be put on PATH as a symbolic link, and build output (such
 * as generated sources under target/) does not make it rebuild. Runs the script as a process with
 * {@code PACKIT_NO_BUILD=1}, so it never starts Maven from a test.
 */
@Tag("integration")
class LauncherScriptTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private record Result(int exit, String out) {}

  private static Result launch(Path script, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PACKIT_NO_BUILD", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher timed out");
    return new Result(p.exitValue(), out);
  }

  @Test
  void worksThroughASymlinkAndIgnoresBuildOutput(@TempDir Path tmp) throws Exception {
    Path script = ROOT.resolve("packit");
    Path jar = ROOT.resolve("packit-cli/target/packit.jar");
    Assumptions.assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash")), "no launcher script or bash");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("packit"), script);
    // A link to the link, relative: resolved step by step.
    Path link2 = Files.createSymbolicLink(tmp.resolve("p"), Path.of("bin/packit"));
    Result r = launch(link2, "--version");
    if (r.exit() == 3) {
      // The jar is missing or stale in this checkout: the message still shows the repository was found.
      assertTrue(r.out().contains("under " + ROOT + " (PACKIT_NO_BUILD is set)"), r.out());
      Assumptions.abort("packit.jar is missing or stale; build it (-pl packit-cli -am package) to run the rest");
    }
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().startsWith("packit-java "), r.out());
    assertEquals(0, launch(link, "--version").exit());

    // Generated sources newer than the jar (what `mvnw install` leaves) do not make it stale.
    Path generated = ROOT.resolve("packit-core/target/generated-sources/launcher-test/Gen.java");
    Files.createDirectories(generated.getParent());
    try {
      Files.writeString(generated, "class Gen {}\n");
      Files.setLastModifiedTime(generated, FileTime.from(Instant.now().plusSeconds(60)));
      Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
      Result after = launch(link, "--version");
      assertEquals(0, after.exit(), after.out());
    } finally {
      Files.deleteIfExists(generated);
      Files.deleteIfExists(generated.getParent());
    }
  }
}
