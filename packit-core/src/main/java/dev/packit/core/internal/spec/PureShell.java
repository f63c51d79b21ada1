package dev.packit.core.internal.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates side-effect-free {@code %(...)} snippets in Java, without running anything: variable
 * assignments, parameter expansion ({@code ${c:0:7}}, {@code ${v##*-}}, {@code ${t,,}}),
 * {@code $((arithmetic))}, here-strings and pipelines of {@code echo}, {@code printf},
 * {@code cut}, {@code tr}, {@code sed s///}, {@code head -c}, {@code cat}. Anything else (files,
 * dates, other programs) is refused: {@link #run(String)} returns {@code null}.
 */
public final class PureShell {
  private final Map<String, String> vars = new HashMap<>();
  private int steps;

  private PureShell() {}

  /** Thrown internally when the snippet is outside what we can evaluate purely. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Runs a snippet.
   *
   * @param script the expanded shell text
   * @return its standard output, or {@code null} when it is not a pure snippet we understand
   */
  public static String run(String script) {
    try {
      return new PureShell().script(script);
    } catch (Refused | RuntimeException e) {
      return null;
    }
  }

  private String script(String s) throws Refused {
    StringBuilder out = new StringBuilder();
    for (String stmt : split(s, ';')) {
      if (stmt.isBlank()) {
        continue;
      }
      out.append(pipeline(stmt));
    }
    return out.toString();
  }

  /** Splits on a separator outside quotes and $(...)/${...}; '|' does not split '||'. */
  private static List<String> split(String s, char sep) throws Refused {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\\') {
        i++;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '{') {
        depth++;
      } else if (c == ')' || c == '}') {
        depth--;
      } else if (depth == 0 && (c == sep || (sep == ';' && c == '\n'))) {
        if (sep == '|' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
          throw new Refused("||");
        }
        if (sep == ';' && c == ';' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
          throw new Refused(";;");
        }
        if (sep == ';' && (c == '&')) {
          throw new Refused("&");
        }
        parts.add(s.substring(start, i));
        start = i + 1;
      } else if (depth == 0 && c == '&') {
        throw new Refused("& or &&");
      }
    }
    if (quote != 0) {
      throw new Refused("unterminated quote");
    }
    parts.add(s.substring(start));
    return parts;
  }

  private String pipeline(String stmt) throws Refused {
    String stdin = null;
    for (String cmd : split(stmt, '|')) {
      stdin = command(cmd, stdin);
    }
    return stdin == null ? "" : stdin;
  }

  private String command(String cmd, String stdin) throws Refused {
    if (++steps > 64) {
      throw new Refused("too long");
    }
    List<String> words = new ArrayList<>();
    String here = null;
    Tokenizer t = new Tokenizer(cmd);
    while (true) {
      t.skipBlanks();
      if (t.eof()) {
        break;
      }
      if (cmd.startsWith("<<<", t.pos)) {
        t.pos += 3;
        t.skipBlanks();
        here = t.word() + "\n";
        continue;
      }
      char c = cmd.charAt(t.pos);
      if (c == '<' || c == '>' || c == '`') {
        throw new Refused("redirection");
      }
      words.add(t.word());
    }
    Map<String, String> assign = new HashMap<>();
    int k = 0;
    while (k < words.size() && words.get(k).matches("[A-Za-z_][A-Za-z0-9_]*=.*") && t.assignOk(k)) {
      String w = words.get(k);
      int eq = w.indexOf('=');
      assign.put(w.substring(0, eq), w.substring(eq + 1));
      k++;
    }
    if (k == words.size()) {
      vars.putAll(assign);
      return stdin == null ? "" : "";
    }
    String in = here != null ? here : stdin;
    List<String> args = words.subList(k + 1, words.size());
    switch (words.get(k)) {
      case "echo":
        return echo(args);
      case "printf":
        return printf(args);
      case "cut":
        return cut(args, need(in));
      case "tr":
        return tr(args, need(in));
      case "sed":
        return sed(args, need(in));
      case "head":
        return head(args, need(in));
      case "cat":
        if (!args.isEmpty()) {
          throw new Refused("cat with files");
        }
        return need(in);
      default:
        throw new Refused("command " + words.get(k));
    }
  }

  private static String need(String in) throws Refused {
    if (in == null) {
      throw new Refused("no input");
    }
    return in;
  }

  private static String echo(List<String> args) {
    boolean newline = true;
    int i = 0;
    while (i < args.size() && (args.get(i).equals("-n") || args.get(i).equals("-e") || args.get(i).equals("-E"))) {
      if (args.get(i).equals("-n")) {
        newline = false;
      }
      i++;
    }
    return String.join(" ", args.subList(i, args.size())) + (newline ? "\n" : "");
  }

  private static String printf(List<String> args) throws Refused {
    if (args.isEmpty()) {
      throw new Refused("printf without format");
    }
    String fmt = args.get(0);
    StringBuilder out = new StringBuilder();
    int ai = 1;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c == '\\' && i + 1 < fmt.length()) {
        char n = fmt.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
        continue;
      }
      if (c != '%') {
        out.append(c);
        continue;
      }
      int j = i + 1;
      if (j < fmt.length() && fmt.charAt(j) == '%') {
        out.append('%');
        i = j;
        continue;
      }
      StringBuilder spec = new StringBuilder("%");
      while (j < fmt.length() && "-+ 0#'".indexOf(fmt.charAt(j)) >= 0) {
        if (fmt.charAt(j) != '\'') {
          spec.append(fmt.charAt(j));
        }
        j++;
      }
      while (j < fmt.length() && (Character.isDigit(fmt.charAt(j)) || fmt.charAt(j) == '.')) {
        spec.append(fmt.charAt(j++));
      }
      if (j >= fmt.length()) {
        throw new Refused("bad printf format");
      }
      char conv = fmt.charAt(j);
      String arg = ai < args.size() ? args.get(ai++) : "";
      switch (conv) {
        case 's':
          out.append(String.format(Locale.ROOT, spec + "s", arg));
          break;
        case 'd':
        case 'i':
          out.append(String.format(Locale.ROOT, spec + "d", arg.isEmpty() ? 0 : Long.parseLong(arg)));
          break;
        case 'f':
          out.append(String.format(Locale.ROOT, spec + "f",
              new java.math.BigDecimal(arg.isEmpty() ? "0" : arg)));
          break;
        default:
          throw new Refused("printf %" + conv);
      }
      i = j;
    }
    return out.toString();
  }

  private static String perLine(String in, java.util.function.UnaryOperator<String> f) {
    StringBuilder out = new StringBuilder();
    String body = in.endsWith("\n") ? in.substring(0, in.length() - 1) : in;
    for (String line : body.split("\n", -1)) {
      out.append(f.apply(line)).append('\n');
    }
    return out.toString();
  }

  private static String cut(List<String> args, String in) throws Refused {
    String mode = null;
    String list = null;
    String delim = "\t";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-c") || a.startsWith("-b") || a.startsWith("-f")) {
        mode = a.substring(1, 2);
        list = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
      } else if (a.startsWith("-d")) {
        delim = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
      } else {
        throw new Refused("cut " + a);
      }
    }
    if (mode == null || list == null || delim == null || delim.length() != 1) {
      throw new Refused("cut usage");
    }
    List<int[]> ranges = new ArrayList<>();
    for (String r : list.split(",")) {
      int dash = r.indexOf('-');
      if (dash < 0) {
        int v = Integer.parseInt(r);
        ranges.add(new int[] {v, v});
      } else {
        int lo = dash == 0 ? 1 : Integer.parseInt(r.substring(0, dash));
        int hi = dash == r.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(r.substring(dash + 1));
        ranges.add(new int[] {lo, hi});
      }
    }
    String m = mode;
    String d = delim;
    return perLine(in, line -> {
      if (m.equals("f")) {
        if (!line.contains(d)) {
          return line;
        }
        String[] fields = line.split(Pattern.quote(d), -1);
        List<String> keep = new ArrayList<>();
        for (int f = 1; f <= fields.length; f++) {
          if (in(ranges, f)) {
            keep.add(fields[f - 1]);
          }
        }
        return String.join(d, keep);
      }
      StringBuilder sb = new StringBuilder();
      for (int c = 1; c <= line.length(); c++) {
        if (in(ranges, c)) {
          sb.append(line.charAt(c - 1));
        }
      }
      return sb.toString();
    });
  }

  private static boolean in(List<int[]> ranges, int v) {
    for (int[] r : ranges) {
      if (v >= r[0] && v <= r[1]) {
        return true;
      }
    }
    return false;
  }

  private static String expandSet(String set) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < set.length(); i++) {
      char c = set.charAt(i);
      if (c == '\\' && i + 1 < set.length()) {
        char n = set.charAt(++i);
        sb.append(n == 'n' ? '\n' : n);
      } else if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        char hi = set.charAt(i + 2);
        for (char x = c; x <= hi; x++) {
          sb.append(x);
        }
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String tr(List<String> args, String in) throws Refused {
    if (args.size() == 2 && args.get(0).equals("-d")) {
      String del = expandSet(args.get(1));
      StringBuilder sb = new StringBuilder();
      for (char c : in.toCharArray()) {
        if (del.indexOf(c) < 0) {
          sb.append(c);
        }
      }
      return sb.toString();
    }
    if (args.size() != 2 || args.get(0).startsWith("-") && args.get(0).length() > 1) {
      throw new Refused("tr usage");
    }
    String a = expandSet(args.get(0));
    String b = expandSet(args.get(1));
    if (b.isEmpty()) {
      throw new Refused("tr empty set");
    }
    StringBuilder sb = new StringBuilder();
    for (char c : in.toCharArray()) {
      int idx = a.indexOf(c);
      sb.append(idx < 0 ? c : b.charAt(Math.min(idx, b.length() - 1)));
    }
    return sb.toString();
  }

  private static String head(List<String> args, String in) throws Refused {
    if (args.size() == 2 && args.get(0).equals("-c")) {
      int n = Integer.parseInt(args.get(1));
      return in.substring(0, Math.min(n, in.length()));
    }
    if (args.size() == 1 && args.get(0).startsWith("-c")) {
      int n = Integer.parseInt(args.get(0).substring(2));
      return in.substring(0, Math.min(n, in.length()));
    }
    throw new Refused("head usage");
  }

  private static String sed(List<String> args, String in) throws Refused {
    boolean ere = false;
    List<String> scripts = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-E") || a.equals("-r")) {
        ere = true;
      } else if (a.equals("-e") && i + 1 < args.size()) {
        scripts.add(args.get(++i));
      } else if (a.startsWith("-")) {
        throw new Refused("sed " + a);
      } else if (scripts.isEmpty()) {
        scripts.add(a);
      } else {
        throw new Refused("sed with files");
      }
    }
    List<Object[]> subs = new ArrayList<>();
    for (String sc : scripts) {
      int i = 0;
      while (i < sc.length()) {
        while (i < sc.length() && (sc.charAt(i) == ';' || Character.isWhitespace(sc.charAt(i)))) {
          i++;
        }
        if (i >= sc.length()) {
          break;
        }
        if (sc.charAt(i) != 's' || i + 1 >= sc.length()) {
          throw new Refused("sed command");
        }
        char d = sc.charAt(i + 1);
        String[] parts = new String[2];
        int p = i + 2;
        for (int k = 0; k < 2; k++) {
          StringBuilder sb = new StringBuilder();
          while (p < sc.length() && sc.charAt(p) != d) {
            if (sc.charAt(p) == '\\' && p + 1 < sc.length()) {
              if (sc.charAt(p + 1) == d) {
                sb.append(d);
              } else {
                sb.append('\\').append(sc.charAt(p + 1));
              }
              p += 2;
              continue;
            }
            sb.append(sc.charAt(p++));
          }
          if (p >= sc.length()) {
            throw new Refused("sed unterminated");
          }
          parts[k] = sb.toString();
          p++;
        }
        int fs = p;
        while (p < sc.length() && sc.charAt(p) != ';') {
          p++;
        }
        String flags = sc.substring(fs, p).strip();
        if (!flags.matches("g?")) {
          throw new Refused("sed flags " + flags);
        }
        try {
          Pattern pat = Pattern.compile(ere ? parts[0] : breToJava(parts[0]));
          subs.add(new Object[] {pat, sedReplacement(parts[1]), flags.equals("g")});
        } catch (PatternSyntaxException e) {
          throw new Refused("sed regex");
        }
        i = p;
      }
    }
    return perLine(in, line -> {
      String l = line;
      for (Object[] s : subs) {
        Matcher m = ((Pattern) s[0]).matcher(l);
        l = (Boolean) s[2] ? m.replaceAll((String) s[1]) : m.replaceFirst((String) s[1]);
      }
      return l;
    });
  }

  private static String breToJava(String bre) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bre.length(); i++) {
      char c = bre.charAt(i);
      if (c == '\\' && i + 1 < bre.length()) {
        char n = bre.charAt(++i);
        if ("(){}|+?".indexOf(n) >= 0) {
          sb.append(n);
        } else {
          sb.append('\\').append(n);
        }
      } else if ("(){}|+?".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String sedReplacement(String r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\' && i + 1 < r.length()) {
        char n = r.charAt(++i);
        if (Character.isDigit(n)) {
          sb.append('$').append(n);
        } else if (n == 'n') {
          sb.append('\n');
        } else {
          sb.append(Matcher.quoteReplacement(String.valueOf(n)));
        }
      } else if (c == '&') {
        sb.append("$0");
      } else {
        sb.append(Matcher.quoteReplacement(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** Word tokenizer with quotes and expansions. */
  private final class Tokenizer {
    final String s;
    int pos;
    final List<Boolean> quotedAssign = new ArrayList<>();

    Tokenizer(String s) {
      this.s = s;
    }

    boolean eof() {
      return pos >= s.length();
    }

    boolean assignOk(int k) {
      return true;
    }

    void skipBlanks() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n')) {
        pos++;
      }
    }

    String word() throws Refused {
      StringBuilder sb = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n') {
          break;
        }
        if (c == '\'') {
          int e = s.indexOf('\'', pos + 1);
          if (e < 0) {
            throw new Refused("quote");
          }
          sb.append(s, pos + 1, e);
          pos = e + 1;
        } else if (c == '"') {
          pos++;
          while (pos < s.length() && s.charAt(pos) != '"') {
            char d = s.charAt(pos);
            if (d == '\\' && pos + 1 < s.length() && "\"\\$`".indexOf(s.charAt(pos + 1)) >= 0) {
              sb.append(s.charAt(pos + 1));
              pos += 2;
            } else if (d == '$') {
              sb.append(dollar());
            } else if (d == '`') {
              throw new Refused("backquote");
            } else {
              sb.append(d);
              pos++;
            }
          }
          if (pos >= s.length()) {
            throw new Refused("quote");
          }
          pos++;
        } else if (c == '\\' && pos + 1 < s.length()) {
          sb.append(s.charAt(pos + 1));
          pos += 2;
        } else if (c == '$') {
          sb.append(dollar());
        } else if (c == '<' || c == '>' || c == '`' || c == '*' || c == '?' || c == '[') {
          if (c == '<' || c == '>' || c == '`') {
            throw new Refused("special character " + c);
          }
          sb.append(c);
          pos++;
        } else {
          sb.append(c);
          pos++;
        }
      }
      return sb.toString();
    }

    String dollar() throws Refused {
      // at '$'
      if (s.startsWith("$((", pos)) {
        int e = s.indexOf("))", pos + 3);
        if (e < 0) {
          throw new Refused("arith");
        }
        String expr = s.substring(pos + 3, e);
        pos = e + 2;
        return arith(expr);
      }
      if (s.startsWith("$(", pos)) {
        int e = MacroEngine.matchChar(s, pos + 1, s.length(), '(', ')');
        if (e < 0) {
          throw new Refused("subst");
        }
        String inner = s.substring(pos + 2, e);
        pos = e + 1;
        String r = new PureShell().withVars(vars).script(inner);
        return r.replaceAll("\n+$", "");
      }
      if (s.startsWith("${", pos)) {
        int e = MacroEngine.matchChar(s, pos + 1, s.length(), '{', '}');
        if (e < 0) {
          throw new Refused("param");
        }
        String inner = s.substring(pos + 2, e);
        pos = e + 1;
        return param(inner);
      }
      int j = pos + 1;
      while (j < s.length() && MacroEngine.isNameChar(s.charAt(j))) {
        j++;
      }
      if (j == pos + 1) {
        pos++;
        return "$";
      }
      String name = s.substring(pos + 1, j);
      pos = j;
      return var(name);
    }
  }

  private PureShell withVars(Map<String, String> v) {
    vars.putAll(v);
    return this;
  }

  private String var(String name) throws Refused {
    String v = vars.get(name);
    if (v == null) {
      throw new Refused("unset variable " + name);
    }
    return v;
  }

  private String arith(String expr) throws Refused {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (Character.isLetter(c) || c == '_' || c == '$') {
        int j = c == '$' ? i + 1 : i;
        int st = j;
        while (j < expr.length() && MacroEngine.isNameChar(expr.charAt(j))) {
          j++;
        }
        String v = var(expr.substring(st, j)).strip();
        sb.append(v.isEmpty() ? "0" : v);
        i = j;
      } else {
        sb.append(c);
        i++;
      }
    }
    try {
      return RpmExpression.evaluate(sb.toString(), x -> x).render();
    } catch (RpmExpression.ExprException e) {
      throw new Refused("arith " + e.getMessage());
    }
  }

  private String param(String inner) throws Refused {
    if (inner.startsWith("#")) {
      return Integer.toString(var(inner.substring(1)).length());
    }
    int j = 0;
    while (j < inner.length() && MacroEngine.isNameChar(inner.charAt(j))) {
      j++;
    }
    String name = inner.substring(0, j);
    String rest = inner.substring(j);
    String v = var(name);
    if (rest.isEmpty()) {
      return v;
    }
    if (rest.equals(",,")) {
      return v.toLowerCase(Locale.ROOT);
    }
    if (rest.equals("^^")) {
      return v.toUpperCase(Locale.ROOT);
    }
    if (rest.startsWith(":") && !rest.startsWith(":-") && !rest.startsWith(":=") && !rest.startsWith(":+")) {
      String[] p = rest.substring(1).split(":", -1);
      int off = Integer.parseInt(p[0].strip());
      if (off < 0) {
        off = Math.max(0, v.length() + off);
      }
      off = Math.min(off, v.length());
      int len = p.length > 1 ? Integer.parseInt(p[1].strip()) : v.length() - off;
      if (len < 0) {
        len = Math.max(0, v.length() - off + len);
      }
      return v.substring(off, Math.min(v.length(), off + len));
    }
    if (rest.startsWith("##") || rest.startsWith("#")) {
      boolean longest = rest.startsWith("##");
      Pattern g = glob(rest.substring(longest ? 2 : 1));
      int best = -1;
      for (int k = 0; k <= v.length(); k++) {
        if (g.matcher(v.substring(0, k)).matches()) {
          best = k;
          if (!longest) {
            break;
          }
        }
      }
      return best < 0 ? v : v.substring(best);
    }
    if (rest.startsWith("%%") || rest.startsWith("%")) {
      boolean longest = rest.startsWith("%%");
      Pattern g = glob(rest.substring(longest ? 2 : 1));
      int best = -1;
      for (int k = v.length(); k >= 0; k--) {
        if (g.matcher(v.substring(k)).matches()) {
          best = k;
          if (!longest) {
            break;
          }
        }
      }
      return best < 0 ? v : v.substring(0, best);
    }
    if (rest.startsWith("/")) {
      boolean all = rest.startsWith("//");
      String r = rest.substring(all ? 2 : 1);
      int sl = r.indexOf('/');
      String pat = sl < 0 ? r : r.substring(0, sl);
      String rep = sl < 0 ? "" : r.substring(sl + 1);
      Pattern g = Pattern.compile(globRegex(pat));
      Matcher m = g.matcher(v);
      return all ? m.replaceAll(Matcher.quoteReplacement(rep)) : m.replaceFirst(Matcher.quoteReplacement(rep));
    }
    throw new Refused("parameter expansion " + rest);
  }

  private static Pattern glob(String g) {
    return Pattern.compile(globRegex(g), Pattern.DOTALL);
  }

  private static String globRegex(String g) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*') {
        sb.append(".*");
      } else if (c == '?') {
        sb.append('.');
      } else if (c == '\\' && i + 1 < g.length()) {
        sb.append(Pattern.quote(String.valueOf(g.charAt(++i))));
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
