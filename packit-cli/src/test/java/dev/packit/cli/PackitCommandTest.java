package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PackitCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new PackitCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void versionNamesTheBuild() {
    Run r = run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("packit-java " + PackitVersion.current()), r.out());
    assertTrue(PackitVersion.current().matches("\\d+\\.\\d+\\.\\d+.*"), PackitVersion.current());
  }

  @Test
  void helpListsSubcommands() {
    Run r = run("--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("demo"), r.out());
  }

  @Test
  void unknownOptionIsAUsageError() {
    Run r = run("--no-such-option");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }

  @Test
  void demoRunsOnTheSandbox() {
    Run r = run("demo");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Sandbox running at http://127.0.0.1:"), r.out());
  }
}
