package dev.packit.core.internal.spec;

import dev.packit.core.spec.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The raw (unexpanded) structure of a spec: logical lines, sections, tags, macro definitions,
 * conditionals and build conditions, found the way rpm finds them, without evaluating anything.
 * Never throws on content.
 */
public final class SpecStructure {
  static final String[] SECTION_NAMES = {
    "package", "description", "prep", "build", "install", "check", "clean", "files", "changelog",
    "pre", "post", "preun", "postun", "pretrans", "posttrans", "preuntrans", "postuntrans",
    "verifyscript", "sepolicy", "trigger", "triggerin", "triggerun", "triggerpostun", "triggerprein",
    "filetriggerin", "filetrigger", "filetriggerun", "filetriggerpostun", "transfiletriggerin",
    "transfiletrigger", "transfiletriggerun", "transfiletriggerpostun", "end", "patchlist",
    "sourcelist", "generate_buildrequires", "conf"
  };

  /** A tag as written. Offsets are absolute positions in the text. */
  public record RawTag(int line, String name, String qualifier, String value, int valueStart,
      int valueEnd, int section) {}

  /** A %global/%define/%undefine. */
  public record RawDef(String keyword, String name, String opts, String body, int line, int endLine,
      int bodyStart, int bodyEnd) {}

  /** A conditional line. */
  public record RawCond(String keyword, String expr, int line) {}

  /** A %bcond line. */
  public record RawBcond(String keyword, String name, String defaultExpr, int line) {}

  /** A line of %sourcelist/%patchlist. */
  public record RawListEntry(boolean patch, String location, int line) {}

  final SpecText text;
  final int[] joinEnd;
  final List<Section> sections = new ArrayList<>();
  final int[] sectionOfLine;
  final List<RawTag> tags = new ArrayList<>();
  final List<RawDef> defs = new ArrayList<>();
  final List<RawCond> conds = new ArrayList<>();
  final List<RawBcond> bconds = new ArrayList<>();
  final List<RawListEntry> listEntries = new ArrayList<>();

  private SpecStructure(SpecText text) {
    this.text = text;
    int n = text.lineCount();
    this.joinEnd = new int[n];
    this.sectionOfLine = new int[n];
    parse();
  }

  public static SpecStructure parse(SpecText text) {
    return new SpecStructure(text);
  }

  public SpecText text() {
    return text;
  }

  public List<Section> sections() {
    return sections;
  }

  public List<RawTag> tags() {
    return tags;
  }

  public List<RawDef> defs() {
    return defs;
  }

  public List<RawCond> conds() {
    return conds;
  }

  public List<RawBcond> bconds() {
    return bconds;
  }

  public List<RawListEntry> listEntries() {
    return listEntries;
  }

  /** Last physical line (0-based) of the logical line starting at {@code i}; -1 for continuation lines. */
  public int joinEnd(int i) {
    return joinEnd[i];
  }

  public int sectionOfLine(int i) {
    return sectionOfLine[i];
  }

  /** Joined text of the logical line starting at {@code i}. */
  public String logical(int i) {
    return logical(text, i, joinEnd[i]);
  }

  /** Joined text of physical lines {@code i..e}. */
  static String logical(SpecText text, int i, int e) {
    if (e <= i) {
      return text.line(i);
    }
    StringBuilder sb = new StringBuilder();
    for (int k = i; k <= e; k++) {
      if (k > i) {
        sb.append('\n');
      }
      sb.append(text.text(), text.start(k), text.end(k));
    }
    return sb.toString();
  }

  private void parse() {
    int n = text.lineCount();
    String all = text.text();
    int sectionIdx = 0;
    String sectionName = "package";
    int sectionStart = 0;
    String sectionArgs = "";
    int sectionHeader = 0;
    int i = 0;
    while (i < n) {
      int end = computeJoin(i, n);
      joinEnd[i] = end;
      for (int k = i + 1; k <= end; k++) {
        joinEnd[k] = -1;
      }
      int st = text.start(i);
      int en = text.end(i);
      // first non-blank character
      int p = st;
      while (p < en && MacroEngine.isBlank(all.charAt(p))) {
        p++;
      }
      if (p < en) {
        char c = all.charAt(p);
        if (c == '%') {
          String kw = keyword(all, p + 1, en);
          if (p == st) {
            String sec = sectionKeyword(kw);
            if (sec != null) {
              // close the previous section
              sections.add(new Section(sectionName, sectionArgs, sectionHeader, i));
              for (int k = sectionStart; k < i; k++) {
                sectionOfLine[k] = sectionIdx;
              }
              sectionIdx++;
              sectionName = sec;
              sectionArgs = all.substring(Math.min(en, p + 1 + kw.length()), en).strip();
              sectionHeader = i + 1;
              sectionStart = i;
            }
          }
          classifyPercent(kw, i, end, p, en);
        } else if (sectionName.equals("package") && isTagStart(c)) {
          tagLine(i, p, en, sectionIdx);
        } else if (sectionName.equals("sourcelist") || sectionName.equals("patchlist")) {
          if (c != '#' && i + 1 != sectionHeader) {
            listEntries.add(new RawListEntry(sectionName.equals("patchlist"),
                all.substring(p, en).strip(), i));
          }
        }
      }
      i = end + 1;
    }
    sections.add(new Section(sectionName, sectionArgs, sectionHeader, n));
    for (int k = sectionStart; k < n; k++) {
      sectionOfLine[k] = sectionIdx;
    }
  }

  private static boolean isTagStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static String keyword(String s, int from, int to) {
    int j = from;
    while (j < to && MacroEngine.isNameChar(s.charAt(j))) {
      j++;
    }
    if (j < to && !MacroEngine.isBlank(s.charAt(j)) && s.charAt(j) != '(') {
      // "%foo{" or "%foo:" is not a bare keyword line
      return j == from ? "" : s.substring(from, j) + "\u0000";
    }
    return s.substring(from, j);
  }

  private static String sectionKeyword(String kw) {
    if (kw.isEmpty() || kw.indexOf('\u0000') >= 0) {
      return null;
    }
    for (String s : SECTION_NAMES) {
      if (s.equalsIgnoreCase(kw)) {
        return s;
      }
    }
    return null;
  }

  private void classifyPercent(String kw, int line, int endLine, int p, int en) {
    String all = text.text();
    switch (kw) {
      case "global":
      case "define":
      case "undefine": {
        int b = p + 1 + kw.length();
        int ns = b;
        while (ns < en && MacroEngine.isBlank(all.charAt(ns))) {
          ns++;
        }
        int ne = ns;
        while (ne < en && MacroEngine.isNameChar(all.charAt(ne))) {
          ne++;
        }
        String name = all.substring(ns, ne);
        String opts = null;
        int bs = ne;
        if (ne < en && all.charAt(ne) == '(') {
          int close = all.indexOf(')', ne);
          if (close > 0 && close < en) {
            opts = all.substring(ne + 1, close);
            bs = close + 1;
          }
        }
        while (bs < en && MacroEngine.isBlank(all.charAt(bs))) {
          bs++;
        }
        int be = text.end(endLine);
        int trimEnd = be;
        while (trimEnd > bs && Character.isWhitespace(all.charAt(trimEnd - 1))) {
          trimEnd--;
        }
        String body = kw.equals("undefine") ? "" : all.substring(bs, Math.max(bs, trimEnd))
            .replace("\r\n", "\n");
        defs.add(new RawDef(kw, name, opts, body, line, endLine, bs, Math.max(bs, trimEnd)));
        return;
      }
      case "if":
      case "elif":
      case "ifarch":
      case "ifnarch":
      case "ifos":
      case "ifnos":
      case "elifarch":
      case "elifos":
      case "else":
      case "endif": {
        String expr = all.substring(Math.min(en, p + 1 + kw.length()), en).strip();
        if (endLine > line) {
          expr = logical(line).substring(0).strip();
          expr = expr.substring(Math.min(expr.length(), 1 + kw.length())).strip();
        }
        conds.add(new RawCond(kw, expr, line));
        return;
      }
      case "bcond":
      case "bcond_with":
      case "bcond_without": {
        String rest = all.substring(Math.min(en, p + 1 + kw.length()), en).strip();
        int sp = 0;
        while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) {
          sp++;
        }
        bconds.add(new RawBcond(kw, rest.substring(0, sp), rest.substring(sp).strip(), line));
        return;
      }
      default:
    }
  }

  private void tagLine(int line, int p, int en, int sectionIdx) {
    String all = text.text();
    if (p != text.start(line)) {
      return; // rpm wants tags at the start of the line
    }
    int j = p;
    while (j < en && MacroEngine.isNameChar(all.charAt(j))) {
      j++;
    }
    String name = all.substring(p, j);
    String qual = "";
    if (j < en && all.charAt(j) == '(') {
      int close = all.indexOf(')', j);
      if (close < 0 || close >= en) {
        return;
      }
      qual = all.substring(j + 1, close);
      j = close + 1;
    }
    while (j < en && MacroEngine.isBlank(all.charAt(j))) {
      j++;
    }
    if (j >= en || all.charAt(j) != ':') {
      return;
    }
    j++;
    while (j < en && MacroEngine.isBlank(all.charAt(j))) {
      j++;
    }
    int ve = en;
    while (ve > j && Character.isWhitespace(all.charAt(ve - 1))) {
      ve--;
    }
    tags.add(new RawTag(line, name, qual, all.substring(j, ve), j, ve, sectionIdx));
  }

  private int computeJoin(int i, int n) {
    return computeJoin(text, i, n);
  }

  /** rpm's line joining: continue while %{ or %( is open or a backslash escapes the newline. */
  static int computeJoin(SpecText text, int i, int n) {
    String all = text.text();
    int st = text.start(i);
    int en = text.end(i);
    // fast path: no % and no backslash on the line
    boolean interesting = false;
    for (int k = st; k < en; k++) {
      char c = all.charAt(k);
      if (c == '%' || c == '\\') {
        interesting = true;
        break;
      }
    }
    if (!interesting) {
      return i;
    }
    int bc = 0;
    int pc = 0;
    int line = i;
    while (true) {
      boolean nc = false;
      for (int k = st; k < en; k++) {
        char c = all.charAt(k);
        switch (c) {
          case '\\':
            if (k + 1 == en) {
              nc = true;
            } else {
              k++;
            }
            break;
          case '%':
            if (k + 1 < en) {
              char nx = all.charAt(k + 1);
              if (nx == '{') {
                bc++;
                k++;
              } else if (nx == '(') {
                pc++;
                k++;
              } else if (nx == '%') {
                k++;
              }
            }
            break;
          case '{':
            if (bc > 0) {
              bc++;
            }
            break;
          case '}':
            if (bc > 0) {
              bc--;
            }
            break;
          case '(':
            if (pc > 0) {
              pc++;
            }
            break;
          case ')':
            if (pc > 0) {
              pc--;
            }
            break;
          default:
        }
      }
      if (bc == 0 && pc == 0 && !nc) {
        return line;
      }
      if (line + 1 >= n) {
        // unbalanced to the end of the file: keep the line on its own
        return nc && bc == 0 && pc == 0 ? line : (line == i ? i : fallback(text, i));
      }
      line++;
      st = text.start(line);
      en = text.end(line);
    }
  }

  /** When braces never close, rpm would swallow the file; keep only backslash continuations. */
  private static int fallback(SpecText text, int i) {
    int line = i;
    while (line + 1 < text.lineCount()) {
      int en = text.end(line);
      if (en > text.start(line) && text.charAt(en - 1) == '\\') {
        line++;
      } else {
        break;
      }
    }
    return line;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
