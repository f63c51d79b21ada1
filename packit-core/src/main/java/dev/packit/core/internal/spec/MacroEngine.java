package dev.packit.core.internal.spec;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An rpm-compatible macro expander. One instance per evaluation: it holds the macro table, so it is
 * not shared between threads, and nothing in it is static or global.
 */
public final class MacroEngine {
  /** Macro levels as rpm uses them: lower levels are more "system". */
  public static final int LEVEL_BUILTIN = -20;
  public static final int LEVEL_DEFAULT = -15;
  public static final int LEVEL_CMDLINE = -7;
  public static final int LEVEL_SPEC = -3;
  public static final int LEVEL_GLOBAL = 0;

  /** rpm's own recursion limit ({@code MAX_MACRO_DEPTH}). */
  public static final int DEFAULT_MAX_DEPTH = 64;
  /** Characters one expansion may produce. */
  public static final int DEFAULT_MAX_OUTPUT = 4 * 1024 * 1024;
  /** Characters all expansions and definitions of one evaluation may produce, one per macro call included. */
  public static final long DEFAULT_MAX_TOTAL = 64L * 1024 * 1024;

  /** One definition; {@code prev} is the definition it shadows (rpm's macro stack). */
  static final class Macro {
    final String name;
    final String opts; // null: not parametric
    final String body;
    final int level;
    final Macro prev;

    Macro(String name, String opts, String body, int level, Macro prev) {
      this.name = name;
      this.opts = opts;
      this.body = body;
      this.level = level;
      this.prev = prev;
    }
  }

  /** Runs {@code %(...)} shell expansions; {@code null} means they are never executed. */
  public interface Shell {
    /**
     * Runs a command and returns its standard output.
     *
     * @param command the expanded command
     * @return the output (rpm strips trailing newlines)
     */
    String run(String command);
  }

  private static final Macro TOMBSTONE = new Macro("", null, "", Integer.MIN_VALUE, null);

  private final Map<String, Macro> table;
  private final Map<String, Macro> base;
  private final Shell shell;
  private final List<String> problems = new ArrayList<>();
  private int depth;
  private int maxDepth = DEFAULT_MAX_DEPTH;
  private int maxOutput = DEFAULT_MAX_OUTPUT;
  private long maxTotal = DEFAULT_MAX_TOTAL;
  private long total;
  private String origin = "<spec>";
  private int line;
  private int level = LEVEL_GLOBAL;
  private boolean failed;

  public MacroEngine(Shell shell) {
    this(shell, Map.of());
  }

  /**
   * Creates an engine over an immutable table of default macros (shared, never modified: local
   * definitions shadow it, undefining one records a tombstone locally).
   */
  MacroEngine(Shell shell, Map<String, Macro> base) {
    this.table = new HashMap<>(64);
    this.base = base;
    this.shell = shell;
  }

  /**
   * Sets the bounds of this evaluation; a spec that passes {@code maxTotal} fails with an
   * {@link InvalidInputException} naming {@code origin} and the line being read, so that a hostile
   * {@code %global} chain ends fast instead of filling the heap.
   */
  public void limits(int maxDepth, int maxOutput, long maxTotal, String origin) {
    this.maxDepth = maxDepth;
    this.maxOutput = maxOutput;
    this.maxTotal = maxTotal;
    this.origin = origin;
  }

  /** The 1-based spec line being evaluated, for error messages. */
  public void line(int line) {
    this.line = line;
  }

  /** Counts work against {@code maxTotal}: characters produced or stored, one per macro call. */
  private void charge(long n) {
    total += n;
    if (total > maxTotal) {
      throw new InvalidInputException(InputLocation.of(origin).at(line, 0),
          "macro expansion produced more than " + maxTotal
              + " characters (SpecLimits.maxTotalExpansion); refusing the spec");
    }
  }

  /** Builds an immutable default table from an engine's definitions. */
  Map<String, Macro> snapshot() {
    return Map.copyOf(table);
  }

  private Macro lookup(String name) {
    Macro m = table.get(name);
    if (m == null) {
      return base.get(name);
    }
    return m == TOMBSTONE ? null : m;
  }

  /** Problems met so far (lua not evaluated, shell not run, recursion, expression errors). */
  public List<String> problems() {
    return problems;
  }

  /** Whether an {@code %{error:}} or a fatal problem was met (rpm would fail the parse). */
  public boolean failed() {
    return failed;
  }

  public void clearFailed() {
    failed = false;
  }

  void problem(String p) {
    if (problems.size() < 100) {
      problems.add(p);
    }
  }

  public void define(String name, String opts, String body, int lvl) {
    charge(body.length() + 1L);
    table.put(name, new Macro(name, opts, body, lvl, lookup(name)));
  }

  public void undefine(String name) {
    Macro m = lookup(name);
    if (m != null) {
      if (m.prev == null) {
        if (base.containsKey(name)) {
          table.put(name, TOMBSTONE);
        } else {
          table.remove(name);
        }
      } else {
        table.put(name, m.prev);
      }
    }
  }

  public boolean isDefined(String name) {
    return lookup(name) != null;
  }

  /** The raw body of a macro, or {@code null}. */
  public String body(String name) {
    Macro m = lookup(name);
    return m == null ? null : m.body;
  }

  /** Parses a {@code --define}-style {@code "NAME[(opts)] BODY"} and defines it unexpanded. */
  public void defineFromText(String text, int lvl) {
    String s = text.strip();
    int i = 0;
    while (i < s.length() && isNameChar(s.charAt(i))) {
      i++;
    }
    String name = s.substring(0, i);
    String opts = null;
    if (i < s.length() && s.charAt(i) == '(') {
      int close = s.indexOf(')', i);
      if (close > 0) {
        opts = s.substring(i + 1, close);
        i = close + 1;
      }
    }
    if (name.isEmpty()) {
      return;
    }
    define(name, opts, stripBody(s.substring(i)), lvl);
  }

  private static String stripBody(String b) {
    int s = 0;
    int e = b.length();
    while (s < e && isBlank(b.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(b.charAt(e - 1))) {
      e--;
    }
    return b.substring(s, e);
  }

  /** Expands all macros in {@code s}. */
  public String expand(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    expandInto(out, s, 0, s.length());
    charge(out.length());
    return out.toString();
  }

  private void expandInto(StringBuilder out, String s, int from, int to) {
    if (++depth > maxDepth) {
      depth--;
      if (!failed) {
        problem("too many levels of recursion in macro expansion (more than " + maxDepth
            + ", SpecLimits.maxMacroDepth)");
      }
      failed = true;
      out.append(s, from, to);
      return;
    }
    try {
      int i = from;
      while (i < to) {
        int pct = s.indexOf('%', i);
        if (pct < 0 || pct >= to) {
          out.append(s, i, to);
          return;
        }
        out.append(s, i, pct);
        i = pct;
        if (out.length() > maxOutput) {
          problem("macro expansion output too large (more than " + maxOutput
              + " characters, SpecLimits.maxExpansionChars)");
          failed = true;
          return;
        }
        if (i + 1 >= to) {
          out.append('%');
          return;
        }
        char n = s.charAt(i + 1);
        if (n == '%') {
          out.append('%');
          i += 2;
          continue;
        }
        if (n == '{') {
          int close = matchChar(s, i + 1, to, '{', '}');
          if (close < 0) {
            out.append(s, i, to);
            return;
          }
          expandBraced(out, s, i, i + 2, close);
          i = close + 1;
          continue;
        }
        if (n == '(') {
          int close = matchChar(s, i + 1, to, '(', ')');
          if (close < 0) {
            out.append(s, i, to);
            return;
          }
          doShell(out, s.substring(i, close + 1), s.substring(i + 2, close));
          i = close + 1;
          continue;
        }
        if (n == '[') {
          int close = matchChar(s, i + 1, to, '[', ']');
          if (close < 0) {
            out.append(s, i, to);
            return;
          }
          out.append(evalExpr(s.substring(i + 2, close)));
          i = close + 1;
          continue;
        }
        i = expandUnbraced(out, s, i, to);
      }
    } finally {
      depth--;
    }
  }

  /** Index of the matching close char for the open char at {@code open}, honouring backslash escapes. */
  static int matchChar(String s, int open, int to, char pl, char pr) {
    int lvl = 0;
    for (int k = open; k < to; k++) {
      char c = s.charAt(k);
      if (c == '\\') {
        k++;
        continue;
      }
      if (c == pr) {
        if (--lvl <= 0) {
          return k;
        }
      } else if (c == pl) {
        lvl++;
      }
    }
    return -1;
  }

  static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** Handles {@code %name}, {@code %?name}, {@code %-f}, {@code %*} ...; returns the next index. */
  private int expandUnbraced(StringBuilder out, String s, int start, int to) {
    charge(1);
    int j = start + 1;
    boolean negate = false;
    boolean chk = false;
    while (j < to && (s.charAt(j) == '!' || s.charAt(j) == '?')) {
      if (s.charAt(j) == '!') {
        negate = !negate;
      } else {
        chk = true;
      }
      j++;
    }
    int ns = j;
    if (j < to && s.charAt(j) == '-') {
      j++;
      if (j < to && isNameChar(s.charAt(j))) {
        j++;
        if (j < to && s.charAt(j) == '*') {
          j++;
        }
      } else {
        j = ns;
      }
    } else if (j < to && s.charAt(j) == '*') {
      j++;
      if (j < to && s.charAt(j) == '*') {
        j++;
      }
    } else if (j < to && s.charAt(j) == '#') {
      j++;
    } else {
      while (j < to && isNameChar(s.charAt(j))) {
        j++;
      }
    }
    if (j == ns) {
      out.append('%');
      return start + 1;
    }
    String name = s.substring(ns, j);
    // builtins that consume the rest of the line
    switch (name) {
      case "define":
      case "global": {
        int end = definitionEnd(s, j, to);
        doDefine(s.substring(j, end), name.equals("global"));
        return end;
      }
      case "undefine": {
        int end = lineEnd(s, j, to);
        String n = s.substring(j, end).strip();
        int sp = 0;
        while (sp < n.length() && isNameChar(n.charAt(sp))) {
          sp++;
        }
        undefine(n.substring(0, sp));
        return end;
      }
      case "dnl": {
        int end = lineEnd(s, j, to);
        return end < to ? end + 1 : end;
      }
      case "bcond": {
        if (lookup(name) != null) {
          break;
        }
        int end = lineEnd(s, j, to);
        doBcond(expand(s.substring(j, end)).strip());
        return end;
      }
      default:
        break;
    }
    Macro m = lookup(name);
    if (chk) {
      if ((m == null) != negate) {
        return j;
      }
      if (m != null && !m.body.isEmpty()) {
        expandInto(out, m.body, 0, m.body.length());
      }
      return j;
    }
    if (m == null) {
      if (name.charAt(0) == '-') {
        return j;
      }
      if (isBuiltin(name)) {
        int end = lineEnd(s, j, to);
        builtin(out, name, s.substring(j, end).strip(), s.substring(start, end));
        return end;
      }
      out.append(s, start, j);
      return j;
    }
    if (m.opts != null) {
      // parametric: arguments are the rest of the line, but only after a blank (%autorelease.1 has none)
      if (j >= to || !isBlank(s.charAt(j))) {
        callParametric(out, m, "", false);
        return j;
      }
      int end = lineEnd(s, j, to);
      String args = s.substring(j, end);
      callParametric(out, m, expand(args), true);
      return end;
    }
    expandInto(out, m.body, 0, m.body.length());
    return j;
  }

  /** rpm 4.17.1+ {@code %bcond name default}: default is an expression. */
  private void doBcond(String args) {
    int sp = 0;
    while (sp < args.length() && !Character.isWhitespace(args.charAt(sp))) {
      sp++;
    }
    String name = args.substring(0, sp);
    String def = args.substring(sp).strip();
    if (name.isEmpty() || def.isEmpty()) {
      problem("%bcond needs a name and a default");
      return;
    }
    boolean on = evalCondition(def);
    if (on ? lookup("_without_" + name) == null : lookup("_with_" + name) != null) {
      define("with_" + name, null, "1", LEVEL_GLOBAL);
    }
  }

  private static int lineEnd(String s, int from, int to) {
    int nl = s.indexOf('\n', from);
    return nl < 0 || nl > to ? to : nl;
  }

  /** End of a %define body: the line end, continuing across backslash-newline and open braces. */
  private static int definitionEnd(String s, int from, int to) {
    int bc = 0;
    int pc = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c == '\\' && k + 1 < to) {
        k++;
        continue;
      }
      if (c == '%' && k + 1 < to) {
        char n = s.charAt(k + 1);
        if (n == '{') {
          bc++;
          k++;
        } else if (n == '(') {
          pc++;
          k++;
        } else if (n == '%') {
          k++;
        }
        continue;
      }
      if (c == '{' && bc > 0) {
        bc++;
      } else if (c == '}' && bc > 0) {
        bc--;
      } else if (c == '(' && pc > 0) {
        pc++;
      } else if (c == ')' && pc > 0) {
        pc--;
      } else if (c == '\n' && bc == 0 && pc == 0) {
        return k;
      }
    }
    return to;
  }

  /** {@code %define name(opts) body}: text is everything after the keyword. */
  private void doDefine(String text, boolean global) {
    int i = 0;
    int n = text.length();
    while (i < n && isBlank(text.charAt(i))) {
      i++;
    }
    int ns = i;
    while (i < n && isNameChar(text.charAt(i))) {
      i++;
    }
    String name = text.substring(ns, i);
    String opts = null;
    if (i < n && text.charAt(i) == '(') {
      int close = text.indexOf(')', i);
      if (close < 0) {
        problem("macro " + name + " has unterminated options");
        return;
      }
      opts = text.substring(i + 1, close);
      i = close + 1;
    }
    if (name.length() < 3 || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
      problem("invalid macro name \"" + name + "\" in %" + (global ? "global" : "define"));
      return;
    }
    String body = stripBody(unescapeNewlines(text.substring(i)));
    if (global) {
      body = expand(body);
    }
    define(name, opts, body, global ? LEVEL_GLOBAL : level);
  }

  private static String unescapeNewlines(String b) {
    if (b.indexOf("\\\n") < 0) {
      return b;
    }
    return b.replace("\\\n", "\n");
  }

  private void expandBraced(StringBuilder out, String s, int start, int from, int close) {
    charge(1);
    int j = from;
    boolean negate = false;
    boolean chk = false;
    while (j < close && (s.charAt(j) == '!' || s.charAt(j) == '?')) {
      if (s.charAt(j) == '!') {
        negate = !negate;
      } else {
        chk = true;
      }
      j++;
    }
    int ns = j;
    while (j < close) {
      char c = s.charAt(j);
      if (c == ' ' || c == ':' || c == '\t' || c == '\n') {
        break;
      }
      j++;
    }
    String name = s.substring(ns, j);
    String body = null; // after ':'
    String args = null; // after whitespace
    if (j < close) {
      char c = s.charAt(j);
      if (c == ':') {
        body = s.substring(j + 1, close);
      } else {
        args = s.substring(j + 1, close);
      }
    }
    if (name.isEmpty()) {
      out.append(s, start, close + 1);
      return;
    }
    if (!chk && isBuiltin(name) && lookup(name) == null) {
      String arg = body != null ? body : args != null ? args : "";
      builtin(out, name, arg, s.substring(start, close + 1));
      return;
    }
    Macro m = lookup(name);
    if (chk) {
      if ((m == null) != negate) {
        return;
      }
      if (body != null) {
        expandInto(out, body, 0, body.length());
      } else if (m != null && !m.body.isEmpty()) {
        expandInto(out, m.body, 0, m.body.length());
      }
      return;
    }
    if (m == null) {
      if (name.charAt(0) != '-') {
        out.append(s, start, close + 1);
      }
      return;
    }
    if (m.opts != null) {
      String a = args != null ? args : body != null ? body : "";
      callParametric(out, m, expand(a), args != null || body != null);
      return;
    }
    expandInto(out, m.body, 0, m.body.length());
  }

  private void callParametric(StringBuilder out, Macro m, String argText, boolean hasArgs) {
    List<String> argv = splitArgs(argText);
    int saved = level;
    level = level + 1;
    int myLevel = level;
    List<String> pushed = new ArrayList<>();
    try {
      List<String> positional = new ArrayList<>();
      String opts = m.opts;
      boolean noOpts = opts.equals("-");
      int k = 0;
      for (; k < argv.size(); k++) {
        String a = argv.get(k);
        if (noOpts || a.equals("--")) {
          if (a.equals("--") && !noOpts) {
            k++;
          }
          break;
        }
        if (a.length() < 2 || a.charAt(0) != '-') {
          break;
        }
        for (int ci = 1; ci < a.length(); ci++) {
          char oc = a.charAt(ci);
          int idx = opts.indexOf(oc);
          if (idx < 0 || oc == ':') {
            problem("unknown option -" + oc + " for macro %" + m.name);
            continue;
          }
          boolean needsArg = idx + 1 < opts.length() && opts.charAt(idx + 1) == ':';
          String val = "";
          if (needsArg) {
            if (ci + 1 < a.length()) {
              val = a.substring(ci + 1);
            } else if (k + 1 < argv.size()) {
              val = argv.get(++k);
            }
            ci = a.length();
          }
          pushLocal(pushed, "-" + oc, needsArg ? "-" + oc + " " + val : "-" + oc, myLevel);
          if (needsArg) {
            pushLocal(pushed, "-" + oc + "*", val, myLevel);
          }
        }
      }
      for (; k < argv.size(); k++) {
        positional.add(argv.get(k));
      }
      pushLocal(pushed, "0", m.name, myLevel);
      pushLocal(pushed, "#", Integer.toString(positional.size()), myLevel);
      pushLocal(pushed, "*", String.join(" ", positional), myLevel);
      pushLocal(pushed, "**", String.join(" ", argv), myLevel);
      for (int p = 0; p < positional.size(); p++) {
        pushLocal(pushed, Integer.toString(p + 1), positional.get(p), myLevel);
      }
      expandInto(out, m.body, 0, m.body.length());
    } finally {
      for (String n : pushed) {
        undefine(n);
      }
      // macros %define'd inside the body are local to this call
      dropLevel(myLevel);
      level = saved;
    }
  }

  private void pushLocal(List<String> pushed, String name, String body, int lvl) {
    define(name, null, body, lvl);
    pushed.add(name);
  }

  private void dropLevel(int lvl) {
    List<String> drop = null;
    for (Macro m : table.values()) {
      if (m != TOMBSTONE && m.level >= lvl) {
        if (drop == null) {
          drop = new ArrayList<>();
        }
        drop.add(m.name);
      }
    }
    if (drop != null) {
      for (String n : drop) {
        Macro m = table.get(n);
        while (m != null && m.level >= lvl) {
          m = m.prev;
        }
        if (m == null) {
          table.remove(n);
        } else {
          table.put(n, m);
        }
      }
    }
  }

  private static List<String> splitArgs(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int st = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i > st) {
        out.add(s.substring(st, i));
      }
    }
    return out;
  }

  private static boolean isBuiltin(String name) {
    switch (name) {
      case "define":
      case "global":
      case "undefine":
      case "expand":
      case "lua":
      case "expr":
      case "echo":
      case "warn":
      case "error":
      case "verbose":
      case "basename":
      case "dirname":
      case "suffix":
      case "shrink":
      case "quote":
      case "upper":
      case "lower":
      case "len":
      case "getenv":
      case "S":
      case "P":
      case "url2path":
      case "u2p":
      case "uncompress":
      case "load":
      case "trace":
      case "dump":
      case "macrobody":
      case "rpmversion":
      case "getncpus":
      case "getconfdir":
      case "dnl":
      case "sub":
      case "reverse":
      case "exists":
        return true;
      default:
        return false;
    }
  }

  private void builtin(StringBuilder out, String name, String arg, String original) {
    switch (name) {
      case "define":
      case "global":
        doDefine(arg, name.equals("global"));
        return;
      case "undefine":
        undefine(arg.strip());
        return;
      case "dnl":
      case "trace":
      case "dump":
        return;
      case "lua": {
        String printed = MiniLua.run(arg, this);
        if (printed == null) {
          problem("%{lua:} not evaluated: " + abbreviate(original));
          out.append(original);
        } else {
          out.append(printed);
        }
        return;
      }
      case "expand": {
        String once = expand(arg);
        expandInto(out, once, 0, once.length());
        return;
      }
      case "expr":
        out.append(evalExpr(arg));
        return;
      case "echo":
      case "warn":
      case "verbose":
        expand(arg);
        return;
      case "error":
        problem("%{error:} " + expand(arg));
        failed = true;
        return;
      case "load":
        problem("%{load:} not supported: " + abbreviate(original));
        return;
      case "macrobody": {
        String b = body(expand(arg).strip());
        if (b != null) {
          out.append(b);
        }
        return;
      }
      case "rpmversion":
        out.append("4.18.0");
        return;
      case "getncpus":
        out.append('1');
        return;
      case "getconfdir":
        out.append("/usr/lib/rpm");
        return;
      case "getenv":
        return;
      case "exists":
        out.append('0');
        return;
      default:
        break;
    }
    String v = expand(arg);
    switch (name) {
      case "basename": {
        int sl = v.lastIndexOf('/');
        out.append(sl >= 0 ? v.substring(sl + 1) : v);
        return;
      }
      case "dirname": {
        int sl = v.lastIndexOf('/');
        out.append(sl > 0 ? v.substring(0, sl) : sl == 0 ? "/" : v);
        return;
      }
      case "suffix": {
        int dot = v.lastIndexOf('.');
        if (dot >= 0) {
          out.append(v, dot + 1, v.length());
        }
        return;
      }
      case "shrink":
        out.append(shrink(v));
        return;
      case "quote":
        out.append('"').append(v).append('"');
        return;
      case "upper":
        out.append(v.toUpperCase(Locale.ROOT));
        return;
      case "lower":
        out.append(v.toLowerCase(Locale.ROOT));
        return;
      case "len":
        out.append(v.length());
        return;
      case "reverse":
        out.append(new StringBuilder(v).reverse());
        return;
      case "S":
      case "P": {
        String key = (name.equals("S") ? "SOURCE" : "PATCH") + v.strip();
        Macro m = lookup(key);
        if (m != null) {
          out.append(m.body);
        } else {
          out.append(original);
        }
        return;
      }
      case "url2path":
      case "u2p": {
        int sch = v.indexOf("://");
        if (sch > 0) {
          int sl = v.indexOf('/', sch + 3);
          out.append(sl >= 0 ? v.substring(sl) : "");
        } else {
          out.append(v);
        }
        return;
      }
      case "uncompress":
        out.append("cat ").append(v);
        return;
      default:
        out.append(original);
    }
  }

  private static String shrink(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    boolean space = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private void doShell(StringBuilder out, String original, String cmd) {
    String expanded = expand(cmd);
    String result = shell != null ? shell.run(expanded) : PureShell.run(expanded);
    if (result == null) {
      problem("%(shell) not executed: " + abbreviate(original));
      out.append(original);
      return;
    }
    int e = result.length();
    while (e > 0 && (result.charAt(e - 1) == '\n' || result.charAt(e - 1) == '\r')) {
      e--;
    }
    out.append(result, 0, e);
  }

  /** Evaluates an rpm expression ({@code %[...]}, {@code %{expr:...}}) and renders the result. */
  public String evalExpr(String text) {
    try {
      return RpmExpression.evaluate(text, this::expand).render();
    } catch (RpmExpression.ExprException e) {
      problem("expression error: " + e.getMessage() + " in " + abbreviate(text));
      failed = true;
      return "";
    }
  }

  /** Evaluates an {@code %if} condition; errors count as false and are recorded. */
  public boolean evalCondition(String text) {
    try {
      return RpmExpression.evaluate(text, this::expand).truth();
    } catch (RpmExpression.ExprException e) {
      problem("%if expression error: " + e.getMessage() + " in " + abbreviate(text));
      return false;
    }
  }

  UnaryOperator<String> expander() {
    return this::expand;
  }

  static String abbreviate(String s) {
    String t = s.replace('\n', ' ');
    return t.length() > 80 ? t.substring(0, 77) + "..." : t;
  }
}
