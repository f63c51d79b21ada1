package dev.packit.core.internal.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny, side-effect-free Lua subset for the {@code %{lua:...}} snippets specs use to compute
 * versions: assignments, {@code if/elseif/else}, {@code print}, {@code rpm.expand},
 * {@code rpm.define}, {@code macros.x}, {@code tonumber}/{@code tostring} and the {@code string}
 * library ({@code sub gsub match find format len upper lower rep}). No loops, functions, I/O or OS
 * access: anything else makes {@link #run(String, MacroEngine)} return {@code null}.
 */
public final class MiniLua {
  private final MacroEngine engine;
  private final StringBuilder out = new StringBuilder();
  private final Map<String, Object> globals = new HashMap<>();
  private List<String> toks;
  private int p;
  private int steps;

  /** Refusal: outside the subset. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /** Longest string the subset builds: a spec snippet that needs more is not side-effect free. */
  private static final int MAX_STRING = 1 << 20;

  private static <T extends CharSequence> T bounded(T s) throws Refused {
    if (s.length() > MAX_STRING) {
      throw new Refused("string too long");
    }
    return s;
  }

  @FunctionalInterface
  private interface Fn {
    List<Object> call(List<Object> args) throws Refused;
  }

  private MiniLua(MacroEngine engine) {
    this.engine = engine;
    Map<String, Object> string = new HashMap<>();
    string.put("sub", (Fn) this::sub);
    string.put("gsub", (Fn) this::gsub);
    string.put("match", (Fn) this::match);
    string.put("find", (Fn) this::find);
    string.put("format", (Fn) this::format);
    string.put("len", (Fn) a -> List.of((long) str(a, 0).length()));
    string.put("upper", (Fn) a -> List.of(str(a, 0).toUpperCase(Locale.ROOT)));
    string.put("lower", (Fn) a -> List.of(str(a, 0).toLowerCase(Locale.ROOT)));
    string.put("rep", (Fn) a -> {
      String unit = str(a, 0);
      double n = num(a.get(1));
      if (n >= 1 && (double) unit.length() * Math.floor(n) > MAX_STRING) {
        throw new Refused("string too long");
      }
      return List.of(n < 1 ? "" : unit.repeat((int) n));
    });
    globals.put("string", string);
    Map<String, Object> rpm = new HashMap<>();
    rpm.put("expand", (Fn) a -> List.of(engine.expand(str(a, 0))));
    rpm.put("define", (Fn) a -> {
      engine.defineFromText(str(a, 0), MacroEngine.LEVEL_GLOBAL);
      return List.of();
    });
    rpm.put("isdefined", (Fn) a -> List.of(engine.isDefined(str(a, 0))));
    globals.put("rpm", rpm);
    globals.put("print", (Fn) a -> {
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append('\t');
        }
        out.append(tostr(a.get(i)));
      }
      bounded(out);
      return List.of();
    });
    globals.put("tonumber", (Fn) a -> {
      Object v = a.isEmpty() ? null : a.get(0);
      if (v instanceof Long || v instanceof Double) {
        return List.of(v);
      }
      Object n = v == null ? null : parseNumber(v.toString().strip());
      return n == null ? nil() : List.of(n);
    });
    globals.put("tostring", (Fn) a -> List.of(tostr(a.isEmpty() ? null : a.get(0))));
  }

  private static List<Object> nil() {
    List<Object> l = new ArrayList<>();
    l.add(null);
    return l;
  }

  /**
   * Runs a snippet.
   *
   * @param code the Lua code
   * @param engine the macro engine behind {@code rpm.expand}/{@code macros}
   * @return what it printed, or {@code null} when the code is outside the subset
   */
  public static String run(String code, MacroEngine engine) {
    try {
      MiniLua l = new MiniLua(engine);
      l.toks = lex(code);
      l.p = 0;
      l.block(true);
      if (l.p < l.toks.size()) {
        return null;
      }
      return l.out.toString();
    } catch (Refused | RuntimeException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- lexer

  private static List<String> lex(String s) throws Refused {
    List<String> t = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("--", i)) {
        int e = s.indexOf('\n', i);
        i = e < 0 ? n : e;
      } else if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (j < n && s.charAt(j) != c) {
          char d = s.charAt(j);
          if (d == '\\' && j + 1 < n) {
            char e = s.charAt(++j);
            sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
          } else {
            sb.append(d);
          }
          j++;
        }
        if (j >= n) {
          throw new Refused("string");
        }
        t.add("\"" + sb);
        i = j + 1;
      } else if (s.startsWith("[[", i)) {
        int e = s.indexOf("]]", i + 2);
        if (e < 0) {
          throw new Refused("long string");
        }
        t.add("\"" + s.substring(i + 2, e));
        i = e + 2;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        t.add("#" + s.substring(i, j));
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        t.add(s.substring(i, j));
        i = j;
      } else {
        String two = i + 1 < n ? s.substring(i, i + 2) : "";
        if (two.equals("..") || two.equals("==") || two.equals("~=") || two.equals("<=") || two.equals(">=")) {
          t.add(two);
          i += 2;
        } else if ("=(),;.:+-*/%<>#[]{}^".indexOf(c) >= 0) {
          t.add(String.valueOf(c));
          i++;
        } else {
          throw new Refused("char " + c);
        }
      }
    }
    return t;
  }

  private String peek() {
    return p < toks.size() ? toks.get(p) : "";
  }

  private boolean accept(String s) {
    if (peek().equals(s)) {
      p++;
      return true;
    }
    return false;
  }

  private void expect(String s) throws Refused {
    if (!accept(s)) {
      throw new Refused("expected " + s + " at " + peek());
    }
  }

  // ---------------------------------------------------------------- statements

  /** Runs (or skips when !exec) statements until a block end keyword. */
  private void block(boolean exec) throws Refused {
    while (p < toks.size()) {
      String t = peek();
      if (t.equals("end") || t.equals("else") || t.equals("elseif")) {
        return;
      }
      statement(exec);
    }
  }

  private void statement(boolean exec) throws Refused {
    if (++steps > 10_000) {
      throw new Refused("too long");
    }
    if (accept(";")) {
      return;
    }
    if (accept("if")) {
      boolean done = false;
      Object c = expr(exec);
      expect("then");
      boolean run = exec && truth(c);
      block(run);
      done = run;
      while (true) {
        if (accept("elseif")) {
          Object c2 = expr(exec && !done);
          expect("then");
          boolean r2 = exec && !done && truth(c2);
          block(r2);
          done |= r2;
        } else if (accept("else")) {
          block(exec && !done);
        } else {
          expect("end");
          return;
        }
      }
    }
    if (accept("local")) {
      String name = name();
      Object v = null;
      if (accept("=")) {
        v = expr(exec);
      }
      if (exec) {
        globals.put(name, v);
      }
      return;
    }
    if (accept("return")) {
      if (p < toks.size() && !peek().equals("end")) {
        expr(exec);
      }
      return;
    }
    String t = peek();
    if (isName(t) && p + 1 < toks.size() && toks.get(p + 1).equals("=")) {
      p += 2;
      Object v = expr(exec);
      if (exec) {
        globals.put(t, v);
      }
      return;
    }
    // call statement
    suffixed(exec, true);
  }

  private static boolean isName(String t) {
    if (t.isEmpty() || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
      return false;
    }
    switch (t) {
      case "and": case "or": case "not": case "if": case "then": case "else": case "elseif":
      case "end": case "local": case "nil": case "true": case "false": case "return":
      case "for": case "while": case "do": case "function": case "repeat": case "until":
        return false;
      default:
        return true;
    }
  }

  private String name() throws Refused {
    String t = peek();
    if (!isName(t)) {
      throw new Refused("name expected at " + t);
    }
    p++;
    return t;
  }

  // ---------------------------------------------------------------- expressions

  private Object expr(boolean exec) throws Refused {
    Object l = and(exec);
    while (accept("or")) {
      boolean lt = truth(l);
      Object r = and(exec && !lt);
      l = lt ? l : r;
    }
    return l;
  }

  private Object and(boolean exec) throws Refused {
    Object l = cmp(exec);
    while (accept("and")) {
      boolean lt = truth(l);
      Object r = cmp(exec && lt);
      l = lt ? r : l;
    }
    return l;
  }

  private Object cmp(boolean exec) throws Refused {
    Object l = concat(exec);
    while (true) {
      String op = peek();
      if (!(op.equals("==") || op.equals("~=") || op.equals("<") || op.equals(">") || op.equals("<=") || op.equals(">="))) {
        return l;
      }
      p++;
      Object r = concat(exec);
      if (!exec) {
        l = null;
        continue;
      }
      if (op.equals("==") || op.equals("~=")) {
        boolean eq = l == null ? r == null : (l instanceof Number && r instanceof Number)
            ? ((Number) l).doubleValue() == ((Number) r).doubleValue() : l.equals(r);
        l = op.equals("==") == eq;
        continue;
      }
      int c;
      if (l instanceof String && r instanceof String) {
        c = ((String) l).compareTo((String) r);
      } else {
        c = Double.compare(num(l), num(r));
      }
      l = op.equals("<") ? c < 0 : op.equals(">") ? c > 0 : op.equals("<=") ? c <= 0 : c >= 0;
    }
  }

  private Object concat(boolean exec) throws Refused {
    Object l = add(exec);
    if (accept("..")) {
      Object r = concat(exec);
      return exec ? bounded(tostr(l) + tostr(r)) : null;
    }
    return l;
  }

  private Object add(boolean exec) throws Refused {
    Object l = mul(exec);
    while (peek().equals("+") || peek().equals("-")) {
      String op = toks.get(p++);
      Object r = mul(exec);
      if (exec) {
        l = arith(op, l, r);
      }
    }
    return l;
  }

  private Object mul(boolean exec) throws Refused {
    Object l = unary(exec);
    while (peek().equals("*") || peek().equals("/") || peek().equals("%")) {
      String op = toks.get(p++);
      Object r = unary(exec);
      if (exec) {
        l = arith(op, l, r);
      }
    }
    return l;
  }

  private Object arith(String op, Object l, Object r) throws Refused {
    Object a = l instanceof String ? parseNumber(((String) l).strip()) : l;
    Object b = r instanceof String ? parseNumber(((String) r).strip()) : r;
    if (!(a instanceof Number) || !(b instanceof Number)) {
      throw new Refused("arithmetic on non-number");
    }
    if (a instanceof Long && b instanceof Long && !op.equals("/")) {
      long x = (Long) a;
      long y = (Long) b;
      switch (op) {
        case "+":
          return x + y;
        case "-":
          return x - y;
        case "*":
          return x * y;
        default:
          return Math.floorMod(x, y);
      }
    }
    double x = ((Number) a).doubleValue();
    double y = ((Number) b).doubleValue();
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        return x / y;
      default:
        return x - Math.floor(x / y) * y;
    }
  }

  private Object unary(boolean exec) throws Refused {
    if (accept("not")) {
      Object v = unary(exec);
      return !truth(v);
    }
    if (accept("-")) {
      Object v = unary(exec);
      return exec ? arith("-", 0L, v) : null;
    }
    if (accept("#")) {
      Object v = unary(exec);
      return exec ? (long) tostr(v).length() : null;
    }
    return suffixed(exec, false);
  }

  private Object suffixed(boolean exec, boolean statement) throws Refused {
    Object v;
    List<Object> multi = null;
    String t = peek();
    if (accept("(")) {
      v = expr(exec);
      expect(")");
    } else if (t.startsWith("\"")) {
      p++;
      v = t.substring(1);
    } else if (t.startsWith("#")) {
      p++;
      v = parseNumber(t.substring(1));
      if (v == null) {
        throw new Refused("number " + t);
      }
    } else if (accept("nil")) {
      v = null;
    } else if (accept("true")) {
      v = true;
    } else if (accept("false")) {
      v = false;
    } else {
      String n = name();
      if (n.equals("macros")) {
        v = "\u0000macros";
      } else {
        v = globals.get(n);
      }
    }
    boolean called = false;
    while (true) {
      if (accept(".")) {
        String key = name();
        v = index(v, key, exec);
        called = false;
      } else if (accept(":")) {
        String method = name();
        Object self = v;
        Object fn = self instanceof String && !"\u0000macros".equals(self)
            ? ((Map<?, ?>) globals.get("string")).get(method) : index(self, method, exec);
        List<Object> args = new ArrayList<>();
        args.add(self);
        args.addAll(args(exec));
        multi = call(fn, args, exec);
        v = multi.isEmpty() ? null : multi.get(0);
        called = true;
      } else if (peek().equals("(")) {
        multi = call(v, args(exec), exec);
        v = multi.isEmpty() ? null : multi.get(0);
        called = true;
      } else if (peek().startsWith("\"") && v instanceof Fn) {
        String s = toks.get(p++).substring(1);
        multi = call(v, List.of(s), exec);
        v = multi.isEmpty() ? null : multi.get(0);
        called = true;
      } else {
        break;
      }
    }
    if (statement && !called) {
      throw new Refused("not a statement");
    }
    lastMulti = called ? multi : null;
    return v;
  }

  private List<Object> lastMulti;

  private Object index(Object v, String key, boolean exec) throws Refused {
    if ("\u0000macros".equals(v)) {
      if (!exec) {
        return null;
      }
      return engine.isDefined(key) ? engine.expand("%{" + key + "}") : null;
    }
    if (v instanceof Map) {
      return ((Map<?, ?>) v).get(key);
    }
    if (!exec) {
      return null;
    }
    throw new Refused("index of " + v);
  }

  private List<Object> args(boolean exec) throws Refused {
    expect("(");
    List<Object> a = new ArrayList<>();
    if (accept(")")) {
      return a;
    }
    while (true) {
      lastMulti = null;
      Object v = expr(exec);
      boolean more = accept(",");
      if (!more && lastMulti != null && toks.get(p - 1).equals(")") == false) {
        a.addAll(lastMulti);
      } else if (!more && lastMulti != null) {
        a.addAll(lastMulti);
      } else {
        a.add(v);
      }
      if (!more) {
        break;
      }
    }
    expect(")");
    return a;
  }

  private List<Object> call(Object fn, List<Object> args, boolean exec) throws Refused {
    if (!exec) {
      return nil();
    }
    if (!(fn instanceof Fn)) {
      throw new Refused("call of non-function");
    }
    return ((Fn) fn).call(args);
  }

  // ---------------------------------------------------------------- values

  private static boolean truth(Object v) {
    return v != null && !Boolean.FALSE.equals(v);
  }

  private static Object parseNumber(String s) {
    try {
      if (s.matches("-?\\d+")) {
        return Long.parseLong(s);
      }
      if (s.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
        return Double.parseDouble(s);
      }
      if (s.matches("0[xX][0-9a-fA-F]+")) {
        return Long.parseLong(s.substring(2), 16);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static double num(Object v) throws Refused {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    Object n = v == null ? null : parseNumber(v.toString().strip());
    if (n == null) {
      throw new Refused("not a number: " + v);
    }
    return ((Number) n).doubleValue();
  }

  private static String tostr(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return (long) d + ".0";
      }
      return String.format(Locale.ROOT, "%.14g", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return v.toString();
  }

  private static String str(List<Object> a, int i) throws Refused {
    if (i >= a.size() || a.get(i) == null) {
      throw new Refused("missing string argument");
    }
    Object v = a.get(i);
    return v instanceof String ? (String) v : tostr(v);
  }

  // ---------------------------------------------------------------- string library

  private List<Object> sub(List<Object> a) throws Refused {
    String s = str(a, 0);
    int len = s.length();
    long i = a.size() > 1 ? (long) num(a.get(1)) : 1;
    long j = a.size() > 2 && a.get(2) != null ? (long) num(a.get(2)) : -1;
    if (i < 0) {
      i = Math.max(len + i + 1, 1);
    } else if (i == 0) {
      i = 1;
    }
    if (j < 0) {
      j = len + j + 1;
    } else if (j > len) {
      j = len;
    }
    return List.of(i > j ? "" : s.substring((int) i - 1, (int) j));
  }

  private List<Object> gsub(List<Object> a) throws Refused {
    String s = str(a, 0);
    Pattern pat = luaPattern(str(a, 1));
    Object repl = a.size() > 2 ? a.get(2) : null;
    long max = a.size() > 3 && a.get(3) != null ? (long) num(a.get(3)) : Long.MAX_VALUE;
    Matcher m = pat.matcher(s);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    long count = 0;
    while (count < max && m.find()) {
      sb.append(s, last, m.start());
      String rep;
      if (repl instanceof String || repl instanceof Number) {
        rep = luaReplacement(tostr(repl), m);
      } else if (repl instanceof Map) {
        Object v = ((Map<?, ?>) repl).get(m.groupCount() > 0 ? m.group(1) : m.group());
        rep = v == null || Boolean.FALSE.equals(v) ? m.group() : tostr(v);
      } else {
        throw new Refused("gsub replacement");
      }
      sb.append(rep);
      bounded(sb);
      count++;
      if (m.end() == m.start()) {
        if (m.end() < s.length()) {
          sb.append(s.charAt(m.end()));
        }
        last = m.end() + 1;
        if (last > s.length()) {
          break;
        }
        if (!m.find(last)) {
          break;
        }
        m.region(last, s.length());
        continue;
      }
      last = m.end();
    }
    if (last <= s.length()) {
      sb.append(s, Math.min(last, s.length()), s.length());
    }
    List<Object> r = new ArrayList<>();
    r.add(sb.toString());
    r.add(count);
    return r;
  }

  private static String luaReplacement(String r, Matcher m) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '%' && i + 1 < r.length()) {
        char d = r.charAt(++i);
        if (Character.isDigit(d)) {
          int g = d - '0';
          sb.append(g == 0 ? m.group() : m.group(g));
        } else {
          sb.append(d);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private List<Object> match(List<Object> a) throws Refused {
    String s = str(a, 0);
    int init = a.size() > 2 && a.get(2) != null ? (int) num(a.get(2)) : 1;
    Matcher m = luaPattern(str(a, 1)).matcher(s);
    if (!m.find(Math.max(0, init - 1))) {
      return nil();
    }
    List<Object> r = new ArrayList<>();
    if (m.groupCount() == 0) {
      r.add(m.group());
    } else {
      for (int g = 1; g <= m.groupCount(); g++) {
        r.add(m.group(g));
      }
    }
    return r;
  }

  private List<Object> find(List<Object> a) throws Refused {
    String s = str(a, 0);
    int init = a.size() > 2 && a.get(2) != null ? (int) num(a.get(2)) : 1;
    boolean plain = a.size() > 3 && truth(a.get(3));
    if (plain) {
      int idx = s.indexOf(str(a, 1), Math.max(0, init - 1));
      if (idx < 0) {
        return nil();
      }
      return List.of((long) idx + 1, (long) idx + str(a, 1).length());
    }
    Matcher m = luaPattern(str(a, 1)).matcher(s);
    if (!m.find(Math.max(0, init - 1))) {
      return nil();
    }
    List<Object> r = new ArrayList<>();
    r.add((long) m.start() + 1);
    r.add((long) m.end());
    for (int g = 1; g <= m.groupCount(); g++) {
      r.add(m.group(g));
    }
    return r;
  }

  private List<Object> format(List<Object> a) throws Refused {
    String f = str(a, 0);
    StringBuilder sb = new StringBuilder();
    int ai = 1;
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      int j = i + 1;
      while (j < f.length() && "-+ #0123456789.".indexOf(f.charAt(j)) >= 0) {
        j++;
      }
      if (j >= f.length()) {
        throw new Refused("format");
      }
      char conv = f.charAt(j);
      String spec = f.substring(i, j);
      Object v = conv == '%' ? null : ai < a.size() ? a.get(ai++) : null;
      switch (conv) {
        case '%':
          sb.append('%');
          break;
        case 's':
          sb.append(String.format(Locale.ROOT, spec + "s", tostr(v)));
          break;
        case 'd':
        case 'i':
          sb.append(String.format(Locale.ROOT, spec + "d", (long) num(v)));
          break;
        case 'x':
        case 'X':
          sb.append(String.format(Locale.ROOT, spec + conv, (long) num(v)));
          break;
        case 'f':
        case 'g':
        case 'e':
          sb.append(String.format(Locale.ROOT, spec + conv, num(v)));
          break;
        default:
          throw new Refused("format %" + conv);
      }
      i = j;
    }
    return List.of(sb.toString());
  }

  /** Converts a Lua pattern to a Java regex. */
  static Pattern luaPattern(String lp) throws Refused {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = lp.length();
    if (n > 0 && lp.charAt(0) == '^') {
      re.append('^');
      i = 1;
    }
    while (i < n) {
      char c = lp.charAt(i);
      String item;
      if (c == '(' || c == ')') {
        re.append(c);
        i++;
        continue;
      }
      if (c == '$' && i == n - 1) {
        re.append('$');
        i++;
        continue;
      }
      if (c == '%') {
        if (i + 1 >= n) {
          throw new Refused("pattern");
        }
        char d = lp.charAt(i + 1);
        if (d == 'b' || d == 'f' || Character.isDigit(d)) {
          throw new Refused("pattern %" + d);
        }
        item = luaClass(d);
        i += 2;
      } else if (c == '[') {
        StringBuilder set = new StringBuilder("[");
        int j = i + 1;
        if (j < n && lp.charAt(j) == '^') {
          set.append('^');
          j++;
        }
        boolean first = true;
        while (j < n && (lp.charAt(j) != ']' || first)) {
          char d = lp.charAt(j);
          first = false;
          if (d == '%' && j + 1 < n) {
            String cls = luaClass(lp.charAt(j + 1));
            set.append(cls.startsWith("[") ? cls.substring(1, cls.length() - 1) : cls);
            j += 2;
          } else if (d == '-' && set.length() > 1 && j + 1 < n && lp.charAt(j + 1) != ']') {
            set.append('-');
            j++;
          } else {
            set.append(Pattern.quote(String.valueOf(d)).equals("\\Q" + d + "\\E") && "\\[]^&-".indexOf(d) >= 0
                ? "\\" + d : "\\[]^&-".indexOf(d) >= 0 ? "\\" + d : String.valueOf(d));
            j++;
          }
        }
        if (j >= n) {
          throw new Refused("pattern set");
        }
        item = set.append(']').toString();
        i = j + 1;
      } else if (c == '.') {
        item = "[\\s\\S]";
        i++;
      } else {
        item = Pattern.quote(String.valueOf(c));
        i++;
      }
      re.append(item);
      if (i < n) {
        char q = lp.charAt(i);
        if (q == '*' || q == '+' || q == '?') {
          re.append(q);
          i++;
        } else if (q == '-') {
          re.append("*?");
          i++;
        }
      }
    }
    try {
      return Pattern.compile(re.toString());
    } catch (RuntimeException e) {
      throw new Refused("pattern " + lp);
    }
  }

  private static String luaClass(char d) {
    switch (d) {
      case 'a':
        return "[A-Za-z]";
      case 'A':
        return "[^A-Za-z]";
      case 'd':
        return "[0-9]";
      case 'D':
        return "[^0-9]";
      case 'l':
        return "[a-z]";
      case 'L':
        return "[^a-z]";
      case 'u':
        return "[A-Z]";
      case 'U':
        return "[^A-Z]";
      case 's':
        return "\\s";
      case 'S':
        return "\\S";
      case 'w':
        return "[A-Za-z0-9]";
      case 'W':
        return "[^A-Za-z0-9]";
      case 'x':
        return "[0-9A-Fa-f]";
      case 'X':
        return "[^0-9A-Fa-f]";
      case 'p':
        return "\\p{Punct}";
      case 'P':
        return "\\P{Punct}";
      case 'c':
        return "\\p{Cntrl}";
      default:
        return Pattern.quote(String.valueOf(d));
    }
  }
}
