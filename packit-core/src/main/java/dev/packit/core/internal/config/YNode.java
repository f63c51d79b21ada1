package dev.packit.core.internal.config;

import java.util.List;

/** A YAML node after alias and merge-key expansion, with its 1-based position. */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {
  /** 1-based line. */
  int line();

  /** 1-based column. */
  int column();

  /** What a YAML scalar resolved to (YAML 1.1, as PyYAML's safe_load does). */
  enum Kind { NULL, BOOL, INT, FLOAT, STR, TIMESTAMP }

  /** One key of a mapping. */
  record Entry(String key, int line, int column, YNode value) {}

  /** A mapping with unique keys in document order (the last duplicate wins, as in PyYAML). */
  record YMap(List<Entry> entries, int line, int column) implements YNode {
    /** Returns the entry for a key, or null. */
    public Entry get(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      return null;
    }
  }

  /** A sequence. */
  record YSeq(List<YNode> items, int line, int column) implements YNode {}

  /** A scalar; {@code value} is String, Boolean, Long, Double or null. */
  record YScalar(Kind kind, Object value, String text, int line, int column) implements YNode {}

  /** A short type name for error messages. */
  static String describe(YNode n) {
    if (n instanceof YMap) {
      return "a mapping";
    }
    if (n instanceof YSeq) {
      return "a list";
    }
    YScalar s = (YScalar) n;
    switch (s.kind()) {
      case NULL: return "null";
      case BOOL: return "a boolean (" + s.text() + ")";
      case INT: return "an integer (" + s.text() + ")";
      case FLOAT: return "a number (" + s.text() + ")";
      case TIMESTAMP: return "a date (" + s.text() + ")";
      default: {
        String t = s.text().length() > 40 ? s.text().substring(0, 37) + "..." : s.text();
        return "a string ('" + t.replace("\n", "\\n") + "')";
      }
    }
  }
}
