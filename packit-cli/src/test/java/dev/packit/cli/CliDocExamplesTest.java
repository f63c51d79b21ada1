package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code $ ./packit} line between the {@code cli-examples} markers of docs/cli.md
 * against a sandbox, in order, with the user config {@code packit sandbox} writes, and checks each
 * exit code ({@code # exit N}, else 0).
 */
class CliDocExamplesTest {
  private static final Pattern EXIT = Pattern.compile("#\\s*exit\\s+(\\d+)");

  @Test
  void theExamplesInDocsCliMdRunAsDocumented(@TempDir Path tmp) throws Exception {
    Path doc = Path.of("..", "docs", "cli.md");
    String text = Files.readString(doc);
    int begin = text.indexOf("<!-- cli-examples: begin -->");
    int end = text.indexOf("<!-- cli-examples: end -->");
    assertTrue(begin >= 0 && end > begin, "docs/cli.md has no cli-examples block");
    List<String> lines = text.substring(begin, end).lines().filter(l -> l.startsWith("$ ./packit ")).toList();
    assertTrue(lines.size() >= 8, "too few examples: " + lines);
    try (CliSandbox s = new CliSandbox(tmp)) {
      // Koji's clock runs, as with `packit sandbox`: build-in-koji waits for its task by default.
      Thread clock = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(300);
            s.sandbox.koji().advance(Duration.ofMinutes(20));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      clock.setDaemon(true);
      clock.start();
      String base = s.base().replaceFirst("/$", "");
      int prsBefore = -1;
      for (String line : lines) {
        String command = line.substring("$ ./packit ".length());
        int expected = 0;
        int hash = command.indexOf(" #");
        if (hash >= 0) {
          Matcher m = EXIT.matcher(command.substring(hash));
          if (m.find()) {
            expected = Integer.parseInt(m.group(1));
          }
          command = command.substring(0, hash);
        }
        List<String> args = new ArrayList<>();
        for (String a : command.strip().split("\\s+")) {
          args.add(a.replace("$SANDBOX", base));
        }
        CliSandbox.Run r = s.run(args.toArray(String[]::new));
        assertEquals(expected, r.exit(), line + "\n" + r.all());
        if (line.contains("# again")) {
          assertEquals(prsBefore, s.pullRequests(), "the rerun opened pull requests: " + r.all());
        }
        prsBefore = s.pullRequests();
        s.sandbox.koji().advance(Duration.ofHours(1));
      }
      assertEquals(2, s.pullRequests());
      assertEquals(1, s.sandbox.koji().builds().size());
      assertEquals(1, s.sandbox.bodhi().updates().size());
      clock.interrupt();
    }
  }
}
