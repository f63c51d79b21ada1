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
  void demoRunsTheWholeReleaseRoadOnTheSandbox() {
    Run r = run("demo", "--quiet-plan");
    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    assertTrue(out.contains("packit-java demo on the in-process sandbox at http://127.0.0.1:"), out);
    assertTrue(out.contains("-> job propose_downstream on rawhide, f43, f42"), out);
    // The final table: a PR per branch, a completed build per branch, an update on the stable branches only.
    assertTrue(java.util.regex.Pattern.compile(
        "(?m)^rawhide\\s+http://127\\.0\\.0\\.1:\\d+/pagure/rpms/hello/pull-request/\\d+\\s+hello-1\\.1\\.0-1\\.fc44\\s+COMPLETE\\s+-$")
        .matcher(out).find(), out);
    for (String branch : new String[] {"f43", "f42"}) {
      assertTrue(java.util.regex.Pattern.compile("(?m)^" + branch
          + "\\s+http://127\\.0\\.0\\.1:\\d+/pagure/rpms/hello/pull-request/\\d+\\s+hello-1\\.1\\.0-1\\.fc"
          + branch.substring(1) + "\\s+COMPLETE\\s+FEDORA-\\d{4}-[0-9a-f]{10}$").matcher(out).find(), out);
    }
  }
}
