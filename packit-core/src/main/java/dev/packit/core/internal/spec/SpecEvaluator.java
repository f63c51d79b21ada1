package dev.packit.core.internal.spec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks a spec the way rpm's parser does: joins lines, evaluates conditionals, expands live lines
 * (running %define/%global side effects), finds tags on the expanded text and defines the tag
 * macros ({@code %name}, {@code %version}, ...).
 */
public final class SpecEvaluator {
  private static final Set<String> MACRO_TAGS = Set.of("name", "version", "release", "epoch",
      "summary", "license", "distribution", "disturl", "vendor", "group", "packager", "url", "vcs",
      "bugurl", "modularitylabel");

  /** What the evaluation found. Maps are keyed by 0-based physical line. */
  public static final class Result {
    public String name;
    public String epoch;
    public String version;
    public String release;
    public final BitSet live = new BitSet();
    public final Map<Integer, String> tagValues = new HashMap<>();
    public final Map<Integer, Boolean> condTaken = new HashMap<>();
    public final Map<Integer, Integer> condDepth = new HashMap<>();
    public final Map<Integer, Boolean> bcondEnabled = new HashMap<>();
    public final List<String> problems = new ArrayList<>();
    public MacroEngine engine;
    public boolean failed;
  }

  private static final class Frame {
    final boolean parentLive;
    boolean taken;

    Frame(boolean parentLive, boolean taken) {
      this.parentLive = parentLive;
      this.taken = taken;
    }
  }

  /** Options the evaluation needs (a view of the public SpecOptions). */
  public record Env(List<String> defines, String arch, String os, MacroEngine.Shell shell,
      int autoreleaseCommits, dev.packit.core.spec.SpecLimits limits, String origin) {
    /** With the default limits, for an unnamed spec. */
    public Env(List<String> defines, String arch, String os, MacroEngine.Shell shell, int autoreleaseCommits) {
      this(defines, arch, os, shell, autoreleaseCommits, dev.packit.core.spec.SpecLimits.defaults(), "<spec>");
    }
  }

  private SpecEvaluator() {}

  /** Creates an engine with rpm's defaults, the autorelease/autochangelog macros and the defines. */
  public static MacroEngine newEngine(Env env) {
    MacroEngine m = new MacroEngine(env.shell(), SystemMacros.defaults(env.arch(), env.os()));
    m.limits(env.limits().maxMacroDepth(), env.limits().maxExpansionChars(), env.limits().maxTotalExpansion(),
        env.origin());
    String base = env.autoreleaseCommits() > 0
        ? "%[%{?-b*}%{!?-b:1} + " + (env.autoreleaseCommits() - 1) + "]"
        : "%{?-b*}%{!?-b:1}";
    m.define("autorelease", "e:s:pb:n",
        "%{?-p:0.}" + base + "%{?-e:.%{-e*}}%{?-s:.%{-s*}}%{!?-n:%{?dist}}",
        MacroEngine.LEVEL_DEFAULT);
    m.define("autochangelog", null, "", MacroEngine.LEVEL_DEFAULT);
    for (String d : env.defines()) {
      m.defineFromText(d, MacroEngine.LEVEL_CMDLINE);
    }
    return m;
  }

  /**
   * Evaluates the spec.
   *
   * @param st the structure
   * @param env the options
   * @param nevrOnly stop after the main preamble (enough for name/epoch/version/release)
   * @return the result
   */
  public static Result evaluate(SpecStructure st, Env env, boolean nevrOnly) {
    return evaluate(st.text(), () -> st, env, nevrOnly);
  }

  /**
   * Evaluates the text; the structure is only asked for (and so only built) in full mode.
   *
   * @param text the text
   * @param structure supplies the structure (for %bcond bookkeeping)
   * @param env the options
   * @param nevrOnly stop after the main preamble
   * @return the result
   */
  public static Result evaluate(SpecText text, java.util.function.Supplier<SpecStructure> structure,
      Env env, boolean nevrOnly) {
    Result r = new Result();
    MacroEngine engine = newEngine(env);
    r.engine = engine;
    String all = text.text();
    int n = text.lineCount();
    ArrayList<Frame> stack = new ArrayList<>();
    boolean live = true;
    int section = 0; // 0 main preamble, 1 sub-package preamble, 2 other
    int i = 0;
    while (i < n) {
      engine.line(i + 1);
      int end = SpecStructure.computeJoin(text, i, n);
      int s0 = text.start(i);
      int e0 = text.end(i);
      int p = s0;
      while (p < e0 && MacroEngine.isBlank(all.charAt(p))) {
        p++;
      }
      String cond = p < e0 && all.charAt(p) == '%' ? condKeyword(all, p + 1, e0) : null;
      if (cond != null) {
        int before = engine.problems().size();
        String expr = end > i ? SpecStructure.logical(text, i, end).strip() : all.substring(p, e0);
        expr = expr.substring(Math.min(expr.length(), 1 + cond.length()));
        switch (cond) {
          case "if":
          case "ifarch":
          case "ifnarch":
          case "ifos":
          case "ifnos": {
            boolean c = live && test(engine, env, cond, expr);
            stack.add(new Frame(live, c));
            r.condTaken.put(i, c);
            r.condDepth.put(i, stack.size());
            if (live) {
              r.live.set(i, end + 1);
            }
            live = c;
            break;
          }
          case "elif":
          case "elifarch":
          case "elifos": {
            if (stack.isEmpty()) {
              r.problems.add("line " + (i + 1) + ": %" + cond + " without %if");
              break;
            }
            Frame f = stack.get(stack.size() - 1);
            boolean c = false;
            if (f.parentLive && !f.taken) {
              c = test(engine, env, cond.equals("elif") ? "if" : "if" + cond.substring(4), expr);
            }
            f.taken |= c;
            r.condTaken.put(i, c);
            r.condDepth.put(i, stack.size());
            if (f.parentLive) {
              r.live.set(i, end + 1);
            }
            live = c;
            break;
          }
          case "else": {
            if (stack.isEmpty()) {
              r.problems.add("line " + (i + 1) + ": %else without %if");
              break;
            }
            Frame f = stack.get(stack.size() - 1);
            boolean c = f.parentLive && !f.taken;
            f.taken = true;
            r.condTaken.put(i, c);
            r.condDepth.put(i, stack.size());
            if (f.parentLive) {
              r.live.set(i, end + 1);
            }
            live = c;
            break;
          }
          default: { // endif
            if (stack.isEmpty()) {
              r.problems.add("line " + (i + 1) + ": %endif without %if");
              break;
            }
            Frame f = stack.remove(stack.size() - 1);
            live = f.parentLive;
            r.condTaken.put(i, live);
            r.condDepth.put(i, stack.size() + 1);
            if (live) {
              r.live.set(i, end + 1);
            }
          }
        }
        addProblems(r, engine, before, i);
        i = end + 1;
        continue;
      }
      if (!live) {
        i = end + 1;
        continue;
      }
      r.live.set(i, end + 1);
      String raw = end > i ? SpecStructure.logical(text, i, end) : all.substring(s0, e0);
      if (p < e0 && all.startsWith("%include", p)) {
        r.problems.add("line " + (i + 1) + ": %include not followed");
        i = end + 1;
        continue;
      }
      int before = engine.problems().size();
      String expanded = raw.indexOf('%') >= 0 ? engine.expand(raw) : raw;
      addProblems(r, engine, before, i);
      String sec = raw.startsWith("%") || expanded.startsWith("%") ? sectionOf(expanded) : null;
      if (sec != null) {
        if (nevrOnly && section == 0) {
          break;
        }
        section = sec.equals("package") ? 1 : 2;
      } else if (section < 2 && !expanded.isEmpty()) {
        char c = expanded.charAt(0);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
          tag(r, engine, expanded, i, section == 0);
        }
      }
      if (!nevrOnly && p < e0 && all.startsWith("%bcond", p)) {
        bcondCheck(r, engine, structure.get(), i);
      }
      i = end + 1;
    }
    if (!stack.isEmpty() && !nevrOnly) {
      r.problems.add("unclosed %if at end of file (" + stack.size() + " open)");
    }
    r.failed = engine.failed();
    return r;
  }

  private static void bcondCheck(Result r, MacroEngine engine, SpecStructure st, int line) {
    for (SpecStructure.RawBcond b : st.bconds()) {
      if (b.line() == line) {
        r.bcondEnabled.put(line, engine.isDefined("with_" + b.name()));
      }
    }
  }

  private static void addProblems(Result r, MacroEngine engine, int before, int line) {
    List<String> ps = engine.problems();
    for (int k = before; k < ps.size(); k++) {
      r.problems.add("line " + (line + 1) + ": " + ps.get(k));
    }
  }

  private static boolean test(MacroEngine engine, Env env, String kw, String expr) {
    switch (kw) {
      case "if":
        return engine.evalCondition(expr);
      case "ifarch":
        return matches(engine.expand(expr), engine.expand("%{_target_cpu}"));
      case "ifnarch":
        return !matches(engine.expand(expr), engine.expand("%{_target_cpu}"));
      case "ifos":
        return matches(engine.expand(expr), engine.expand("%{_target_os}"));
      case "ifnos":
        return !matches(engine.expand(expr), engine.expand("%{_target_os}"));
      default:
        return false;
    }
  }

  private static boolean matches(String list, String value) {
    for (String tok : list.split("[\\s,]+")) {
      if (tok.equals(value)) {
        return true;
      }
    }
    return false;
  }

  static String condKeyword(String s, int from, int to) {
    int j = from;
    while (j < to && s.charAt(j) >= 'a' && s.charAt(j) <= 'z') {
      j++;
    }
    if (j - from < 2 || j - from > 8) {
      return null;
    }
    boolean arg = j < to && (MacroEngine.isBlank(s.charAt(j)) || s.charAt(j) == '(');
    boolean bare = j == to || MacroEngine.isBlank(s.charAt(j));
    String kw = s.substring(from, j);
    switch (kw) {
      case "if":
      case "elif":
        return arg ? kw : null;
      case "ifarch":
      case "ifnarch":
      case "ifos":
      case "ifnos":
      case "elifarch":
      case "elifos":
        return arg || bare ? kw : null;
      case "else":
      case "endif":
        return bare || (j < to && s.charAt(j) == '#') ? kw : null;
      default:
        return null;
    }
  }

  static String sectionOf(String line) {
    if (line.isEmpty() || line.charAt(0) != '%') {
      return null;
    }
    int j = 1;
    while (j < line.length() && MacroEngine.isNameChar(line.charAt(j))) {
      j++;
    }
    if (j < line.length() && !Character.isWhitespace(line.charAt(j))) {
      return null;
    }
    String kw = line.substring(1, j);
    for (String s : SpecStructure.SECTION_NAMES) {
      if (s.equalsIgnoreCase(kw)) {
        return s;
      }
    }
    return null;
  }

  private static void tag(Result r, MacroEngine engine, String line, int lineNo, boolean main) {
    int j = 0;
    int n = line.length();
    while (j < n && MacroEngine.isNameChar(line.charAt(j))) {
      j++;
    }
    int nameEnd = j;
    if (j < n && line.charAt(j) == '(') {
      int close = line.indexOf(')', j);
      if (close < 0) {
        return;
      }
      j = close + 1;
    }
    while (j < n && MacroEngine.isBlank(line.charAt(j))) {
      j++;
    }
    if (j >= n || line.charAt(j) != ':') {
      return;
    }
    j++;
    while (j < n && Character.isWhitespace(line.charAt(j))) {
      j++;
    }
    int e = n;
    while (e > j && Character.isWhitespace(line.charAt(e - 1))) {
      e--;
    }
    String value = line.substring(j, e);
    String name = line.substring(0, nameEnd).toLowerCase(Locale.ROOT);
    r.tagValues.put(lineNo, value);
    if (main) {
      switch (name) {
        case "name":
          r.name = value;
          break;
        case "version":
          r.version = value;
          break;
        case "release":
          r.release = value;
          break;
        case "epoch":
          r.epoch = value;
          break;
        default:
      }
    }
    if (MACRO_TAGS.contains(name)) {
      engine.define(name, null, value, MacroEngine.LEVEL_SPEC);
      if (main) {
        engine.define(name.toUpperCase(Locale.ROOT), null, value, MacroEngine.LEVEL_SPEC);
      }
    } else if (name.startsWith("source") || name.startsWith("patch")) {
      boolean src = name.startsWith("source");
      String num = name.substring(src ? 6 : 5);
      if (num.isEmpty() || num.chars().allMatch(Character::isDigit)) {
        int number = num.isEmpty() ? nextNumber(engine, src) : Integer.parseInt(num);
        String key = (src ? "SOURCE" : "PATCH") + number;
        String file = value;
        int frag = file.lastIndexOf("#/");
        int sl = file.lastIndexOf('/');
        if (frag >= 0) {
          file = file.substring(frag + 2);
        } else if (sl >= 0) {
          file = file.substring(sl + 1);
        }
        String path = engine.expand("%{_sourcedir}") + "/" + file;
        engine.define(key, null, path, MacroEngine.LEVEL_SPEC);
        engine.define(src ? "__last_source" : "__last_patch", null, Integer.toString(number),
            MacroEngine.LEVEL_SPEC);
      }
    }
  }

  private static int nextNumber(MacroEngine engine, boolean src) {
    String last = engine.body(src ? "__last_source" : "__last_patch");
    if (last == null) {
      return 0;
    }
    return Integer.parseInt(last) + 1;
  }
}
