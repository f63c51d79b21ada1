package dev.packit.bot.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/status-page.md's java block compiles against packit-bot and Jetty. The docs test
 * (DocSnippetsTest) compiles against packit.jar, which has neither, so the block is marked
 * not-tested there and compiled here instead.
 */
class StatusPageDocTest {
  @Test
  void theDocsJavaBlockCompiles() throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("packit.repo.root", ".."));
    String page = Files.readString(root.resolve("docs/status-page.md"));
    Matcher m = Pattern.compile("(?s)```java\n(.*?)```").matcher(page);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertEquals(1, blocks.size(), "docs/status-page.md's java blocks");
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : blocks.get(0).split("\n")) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    String src = imports + "public class Snippet {\n  static void run() throws Exception {\n" + body + "  }\n}\n";
    // javac as a process: the tests compile as a patch of module dev.packit.bot, which does not read java.compiler.
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    Path dir = Files.createTempDirectory("status-page-doc");
    try {
      Files.writeString(dir.resolve("Snippet.java"), src);
      Process p = new ProcessBuilder(javac.toString(), "--release", "17", "-proc:none", "-d", dir.resolve("out").toString(),
          "-classpath", System.getProperty("java.class.path"), dir.resolve("Snippet.java").toString())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "javac did not finish");
      assertEquals(0, p.exitValue(), "docs/status-page.md's java block does not compile:\n" + output + "\n" + src);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    assertTrue(Files.isRegularFile(root.resolve("docs/images/status-page.png")), "the screenshot is committed");
  }
}
