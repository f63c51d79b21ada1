package dev.packit.examples.jshell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced code blocks of a Markdown page, with the HTML-comment directives written just above each. */
final class Markdown {
  private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^`\\s]*)?.*$");
  private static final Pattern DIRECTIVE = Pattern.compile("^\\s*<!--\\s*([a-z-]+)\\s*:?(.*?)-->\\s*$");

  /**
   * One fenced block.
   *
   * @param page the page, relative to the repository root
   * @param line the line of the opening fence (1-based)
   * @param lang the info string's first word, lower case; empty when none
   * @param code the block's content
   * @param directives {@code <!-- name: value -->} comments directly above the block
   * @param linesAfterPrevious lines between the previous block's closing fence and this opening one
   */
  record Block(String page, int line, String lang, String code, Map<String, String> directives,
      int linesAfterPrevious) {
    String where() {
      return page + ":" + line;
    }

    Optional<String> directive(String name) {
      return Optional.ofNullable(directives.get(name));
    }
  }

  private Markdown() {}

  static List<Block> blocks(Path root, Path page) throws IOException {
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    String name = root.relativize(page).toString();
    List<Block> blocks = new ArrayList<>();
    int lastClose = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String fence = open.group(2);
      String indent = open.group(1);
      String lang = open.group(3) == null ? "" : open.group(3).toLowerCase();
      StringBuilder code = new StringBuilder();
      int j = i + 1;
      for (; j < lines.size(); j++) {
        String l = lines.get(j);
        if (l.strip().startsWith(fence) && l.strip().chars().allMatch(c -> c == fence.charAt(0))) {
          break;
        }
        code.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading()).append('\n');
      }
      if (j == lines.size()) {
        throw new AssertionError(name + ":" + (i + 1) + ": code block is never closed");
      }
      Map<String, String> directives = new LinkedHashMap<>();
      for (int k = i - 1; k >= 0; k--) {
        String l = lines.get(k);
        if (l.isBlank()) {
          continue;
        }
        Matcher d = DIRECTIVE.matcher(l);
        if (!d.matches()) {
          break;
        }
        directives.put(d.group(1), d.group(2).strip());
      }
      blocks.add(new Block(name, i + 1, lang, code.toString(), directives, i - lastClose));
      lastClose = j + 1;
      i = j;
    }
    return blocks;
  }
}
