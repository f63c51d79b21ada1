package dev.packit.examples.jshell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of an exported package opens its Javadoc with a usage example
 * ({@code <pre>{@code ...}</pre>}). A ratchet: the number still missing may only go down; the
 * list is printed.
 */
class JavadocExamplesTest {
  /**
   * Public types (top-level and nested, builders aside) of exported packages whose Javadoc has no
   * example yet. None may lack one.
   */
  static final int MAX_MISSING = 0;

  private static final Pattern EXPORTS = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;");
  private static final Pattern DOC_START = Pattern.compile("(?m)^[ \\t]*/\\*\\*");
  private static final Pattern TYPE = Pattern.compile(
      "(?m)^([ \\t]*)public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

  private static int checked;

  static List<String> missing() throws IOException {
    checked = 0;
    Path root = Repo.root();
    List<String> missing = new ArrayList<>();
    List<Path> modules;
    try (Stream<Path> s = Files.walk(root, 6)) {
      modules = s.filter(p -> p.endsWith(Path.of("src/main/java/module-info.java")) && !p.toString().contains("/target/")).toList();
    }
    for (Path moduleInfo : modules) {
      Path src = moduleInfo.getParent();
      Matcher m = EXPORTS.matcher(Files.readString(moduleInfo));
      while (m.find()) {
        Path dir = src.resolve(m.group(1).replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList()) {
            String text = Files.readString(f);
            String file = f.getFileName().toString().replace(".java", "");
            Matcher t = TYPE.matcher(text);
            while (t.find()) {
              checked++;
              String name = t.group(2);
              boolean nested = !t.group(1).isEmpty();
              if (nested && name.equals("Builder")) {
                continue; // a builder's example is its enclosing type's
              }
              String before = text.substring(0, t.start());
              int close = before.lastIndexOf("*/");
              int open = -1;
              // the comment's own opening line (a "/**" inside it, as in "https://***", is not one)
              Matcher o = DOC_START.matcher(before);
              while (o.find() && o.start() < Math.max(close, 0)) {
                open = o.start();
              }
              // the comment must be the type's own: only annotations between it and the declaration
              String between = close >= 0 ? before.substring(close + 2).replaceAll("@\\w+(\\([^)]*\\))?", "").strip() : "x";
              String doc = open >= 0 && close > open && between.isEmpty() ? before.substring(open, close) : "";
              if (!doc.contains("<pre>{@code")) {
                missing.add(m.group(1) + "." + (nested ? file + "." : "") + name);
              }
            }
          }
        }
      }
    }
    return missing;
  }

  @Test
  void publicTypesOpenWithAUsageExample() throws IOException {
    List<String> missing = missing();
    assertTrue(checked > 150, "only " + checked + " public types found: is the source scan broken?");
    System.out.println("public types without a usage example in their Javadoc: " + missing.size());
    new TreeSet<>(missing).forEach(t -> System.out.println("  " + t));
    assertTrue(missing.size() <= MAX_MISSING, missing.size() + " public types lack a <pre>{@code ...} example (at most "
        + MAX_MISSING + "): " + missing);
  }
}
