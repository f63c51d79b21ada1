package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code packit demo --dist-git forgejo [--upstream forgejo]}: the release road with Fedora's dist-git on Forgejo. */
@Tag("integration")
class DemoOnForgejoTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new PackitCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void theWholeRoadWithDistGitAndUpstreamOnForgejo() {
    String[] r = run("demo", "--quiet-plan", "--dist-git", "forgejo", "--upstream", "forgejo");
    assertEquals("0", r[0], r[2] + r[1]);
    String out = r[1];
    assertTrue(out.contains("(Forgejo) released v1.1.0; dist-git rpms/hello (Forgejo)"), out);
    assertTrue(out.contains("1. Forgejo says: release v1.1.0 published"), out);
    assertTrue(Pattern.compile("merged #\\d+ \\(from packit/hello, maintainers may edit: true\\)").matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^rawhide\\s+http://127\\.0\\.0\\.1:\\d+/distgit/rpms/hello/pulls/\\d+\\s+hello-1\\.1\\.0-1\\.fc44\\s+COMPLETE\\s+-$")
        .matcher(out).find(), out);
    for (String branch : new String[] {"f43", "f42"}) {
      assertTrue(Pattern.compile("(?m)^" + branch + "\\s+http://127\\.0\\.0\\.1:\\d+/distgit/rpms/hello/pulls/\\d+\\s+hello-1\\.1\\.0-1\\.fc"
          + branch.substring(1) + "\\s+COMPLETE\\s+FEDORA-\\d{4}-[0-9a-f]{10}$").matcher(out).find(), out);
    }
  }

  @Test
  void anUnknownBackendIsAUsageErrorNamingTheChoices() {
    String[] r = run("demo", "--dist-git", "gitlab");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("pagure") && r[2].contains("forgejo"), r[2]);
  }
}
