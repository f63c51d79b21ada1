package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.RpmTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SpecFile#literal(String)} and literal {@link ChangelogRequest} items, judged by rpm itself:
 * generated hostile strings go into a spec, {@code rpmspec -q} must print them back as given and
 * must not run any of the macros, shell commands or Lua they contain.
 */
@Tag("integration")
class SpecLiteralRpmTest {
  private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
  private static final String SEP = "@@@@entry@@@@";

  private static final String BASE = "Name: lit\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\n"
      + "%description\nd\n";

  /** Pieces rpm gives a meaning to, glued at random. */
  private static List<String> pieces(Path canary) {
    String c = canary.toString();
    return List.of("%", "%%", "%%%", "%%%%", "{", "}", "(", ")", "[", "]", "?", "!", "\\", "#", "*", "-",
        ":", " ", "  ", "\t", "'", "\"", "$", "name", "version", "nil", "lua:", "if ", "if", "else",
        "endif", "include ", "description", "changelog", "define x 1", "global", "expand:", "{?", "{!?",
        "%{lua: io.open('" + c + "-lua','w')}", "%(touch " + c + "-sh)", "%%(touch " + c + "-sh2)",
        "%%{lua: io.open('" + c + "-lua2','w')}", "%?name", "%!?name", "%[1+1]", "%{name}", "%{?nil}",
        "\u0000", "\u001b[31m", "\u007f", "\r", "\n", "\u000b", "é", "日本", "🎉", "a", "b", "1", "x y");
  }

  private static String random(Random rnd, List<String> pieces, int max) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(max);
    for (int i = 0; i < n; i++) {
      sb.append(pieces.get(rnd.nextInt(pieces.size())));
    }
    return sb.toString();
  }

  /** What rpm must show for one unwrapped changelog item: the documented replacements, blanks collapsed. */
  private static String shownItem(String item) {
    String t = item.replaceAll("[\\x00-\\x08\\x0e-\\x1f\\x7f]", "\uFFFD").strip();
    t = String.join(" ", t.split("\\s+"));
    // rpm drops the trailing blanks of an entry
    return (t.startsWith("-") ? t : "- " + t).stripTrailing();
  }

  @Test
  void generatedChangelogItemsComeBackLiterallyAndRunNothing(@TempDir Path dir) throws IOException {
    Path canary = dir.resolve("canary");
    Random rnd = new Random(13);
    List<String> pieces = pieces(canary);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      items.add(random(rnd, pieces, 12));
    }
    SpecFile spec = SpecFile.parse(BASE + "%changelog\n");
    // Oldest first: each entry goes on top; the same date keeps rpm's order check happy.
    for (int i = items.size() - 1; i >= 0; i--) {
      spec = spec.withChangelogEntry(new ChangelogRequest("A <a@example.org>", WHEN, List.of(items.get(i)),
          "1-1", 10_000));
    }
    List<String> shown = changelogTexts(dir, spec);
    assertNoCanary(dir);
    assertEquals(items.size(), shown.size(), String.join("\n", shown));
    for (int i = 0; i < items.size(); i++) {
      assertEquals(shownItem(items.get(i)), shown.get(i), "item " + i + ": " + items.get(i));
    }
  }

  @Test
  void wrappedItemsNeverStartALineRpmWouldReadAsCommentOrDirective(@TempDir Path dir) throws IOException {
    Random rnd = new Random(42);
    List<String> words = List.of("#123", "%if", "%%if", "%include", "%description", "%endif", "#", "%",
        "*", "word", "%{lua:", "x}", "%(id)", "fix", "#comment");
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      StringBuilder sb = new StringBuilder("start");
      for (int w = 0; w < 3 + rnd.nextInt(15); w++) {
        sb.append(' ').append(words.get(rnd.nextInt(words.size())));
      }
      items.add(sb.toString());
    }
    SpecFile spec = SpecFile.parse(BASE + "%changelog\n");
    for (int i = items.size() - 1; i >= 0; i--) {
      spec = spec.withChangelogEntry(new ChangelogRequest("A <a@example.org>", WHEN, List.of(items.get(i)),
          "1-1", 20));
    }
    List<String> shown = changelogTexts(dir, spec);
    assertNoCanary(dir);
    assertEquals(items.size(), shown.size());
    int wrapped = 0;
    for (int i = 0; i < items.size(); i++) {
      wrapped += shown.get(i).contains("\n") ? 1 : 0;
      assertEquals("- " + items.get(i), shown.get(i).replace("\n  ", " "), "item " + i);
    }
    assertTrue(wrapped > items.size() / 2, "most items are wrapped: " + wrapped);
  }

  @Test
  void literalTagValuesComeBackLiterally(@TempDir Path dir) throws IOException {
    Path canary = dir.resolve("canary");
    Random rnd = new Random(7);
    List<String> pieces = pieces(canary);
    StringBuilder text = new StringBuilder(BASE);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // rpm trims tag values and refuses empty ones: literal text between two letters.
      String v = "S" + random(rnd, pieces, 10) + "E";
      values.add(v);
      text.append("%package p").append(i).append("\nSummary: ").append(SpecFile.literal(v))
          .append("\n%description p").append(i).append("\nd\n");
    }
    Path file = dir.resolve("lit.spec");
    SpecFile.parse(text.toString()).write(file);
    RpmTool.Result r = RpmTool.rpmspec(dir, "-q", "--qf", "%{SUMMARY}\n" + SEP + "\n", file.toString());
    assertEquals(0, r.exit(), r.stderr());
    assertNoCanary(dir);
    List<String> shown = List.of(r.stdout().split("\n" + SEP + "\n", -1));
    for (int i = 0; i < values.size(); i++) {
      String expected = values.get(i).replaceAll("[\\n\\r\\x0b\\f]", " ")
          .replaceAll("[\\x00-\\x08\\x0e-\\x1f\\x7f]", "\uFFFD");
      assertEquals(expected, shown.get(i + 1), "value " + i + ": " + values.get(i)); // 0 is the main package
    }
  }

  @Test
  void everyPercentIsDoubledWhateverTheirNumber() {
    assertEquals("%%{lua: x}", SpecFile.literal("%{lua: x}"));
    assertEquals("%%%%{lua: x}", SpecFile.literal("%%{lua: x}"));
    assertEquals("%%%%%%(id)", SpecFile.literal("%%%(id)"));
    assertEquals("%%?name 100%%", SpecFile.literal("%?name 100%"));
    assertEquals("a \uFFFD b c", SpecFile.literal("a \u0000 b\nc"));
    assertEquals("plain text", SpecFile.literal("plain text"));
  }

  private static List<String> changelogTexts(Path dir, SpecFile spec) {
    Path file = dir.resolve("lit.spec");
    spec.write(file);
    RpmTool.Result r = RpmTool.rpmspec(dir, "-q", "--srpm", "--qf", "[%{CHANGELOGTEXT}\n" + SEP + "\n]",
        file.toString());
    assertEquals(0, r.exit(), r.stderr() + "\n" + spec);
    assertFalse(r.stderr().contains("warning"), r.stderr());
    List<String> out = new ArrayList<>(List.of(r.stdout().split("\n" + SEP + "\n", -1)));
    out.remove(out.size() - 1);
    return out;
  }

  private static void assertNoCanary(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("canary")).toList();
      assertTrue(names.isEmpty(), "rpm ran upstream text: " + names);
    }
  }
}
