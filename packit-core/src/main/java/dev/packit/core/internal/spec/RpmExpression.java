package dev.packit.core.internal.spec;

import dev.packit.core.rpm.RpmVersion;
import java.util.function.UnaryOperator;

/**
 * rpm's expression language ({@code %if}, {@code %[...]}, {@code %{expr:...}}): integers, "strings",
 * v"versions", {@code ! - * / + - < > <= >= == != && || ?:} and parentheses. Macros are expanded
 * first, as rpm does when it evaluates a condition.
 */
public final class RpmExpression {
  private final String s;
  private int p;

  /** A syntax or type error, worded like rpm's. */
  public static final class ExprException extends Exception {
    private static final long serialVersionUID = 1L;

    ExprException(String message) {
      super(message);
    }
  }

  /** An expression value: an integer, a string or a version string. */
  public static final class Value {
    final long num;
    final String str; // null for numbers
    final boolean version;

    Value(long num) {
      this.num = num;
      this.str = null;
      this.version = false;
    }

    Value(String str, boolean version) {
      this.num = 0;
      this.str = str;
      this.version = version;
    }

    /** Truth as rpm sees it: non-zero number, non-empty string. */
    public boolean truth() {
      return str == null ? num != 0 : !str.isEmpty();
    }

    /** Renders the value as %[...] prints it. */
    public String render() {
      return str == null ? Long.toString(num) : str;
    }
  }

  private RpmExpression(String s) {
    this.s = s;
  }

  /**
   * Evaluates an expression.
   *
   * @param text the expression text
   * @param expander expands macros in the text before evaluation
   * @return the value
   * @throws ExprException on syntax or type errors
   */
  public static Value evaluate(String text, UnaryOperator<String> expander) throws ExprException {
    String t = text.indexOf('%') >= 0 ? expander.apply(text) : text;
    RpmExpression e = new RpmExpression(t);
    e.skip();
    if (e.p >= t.length()) {
      throw new ExprException("empty expression");
    }
    Value v = e.ternary();
    e.skip();
    if (e.p < t.length()) {
      throw new ExprException("syntax error at '" + t.substring(e.p) + "'");
    }
    return v;
  }

  private void skip() {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
  }

  private boolean eat(String op) {
    skip();
    if (s.startsWith(op, p)) {
      p += op.length();
      return true;
    }
    return false;
  }

  private Value ternary() throws ExprException {
    Value c = or();
    skip();
    if (p < s.length() && s.charAt(p) == '?') {
      p++;
      Value a = ternary();
      if (!eat(":")) {
        throw new ExprException("syntax error: missing ':' in ternary");
      }
      Value b = ternary();
      return c.truth() ? a : b;
    }
    return c;
  }

  private Value or() throws ExprException {
    Value v = and();
    while (eat("||")) {
      Value r = and();
      checkTypes(v, r);
      v = v.truth() ? v : r;
    }
    return v;
  }

  private Value and() throws ExprException {
    Value v = relational();
    while (eat("&&")) {
      Value r = relational();
      checkTypes(v, r);
      v = v.truth() ? r : v;
    }
    return v;
  }

  private Value relational() throws ExprException {
    Value v = additive();
    while (true) {
      skip();
      String op;
      if (s.startsWith("==", p)) {
        op = "==";
      } else if (s.startsWith("!=", p)) {
        op = "!=";
      } else if (s.startsWith("<=", p)) {
        op = "<=";
      } else if (s.startsWith(">=", p)) {
        op = ">=";
      } else if (s.startsWith("<", p)) {
        op = "<";
      } else if (s.startsWith(">", p)) {
        op = ">";
      } else {
        return v;
      }
      p += op.length();
      Value r = additive();
      checkTypes(v, r);
      int c;
      if (v.str == null) {
        c = Long.compare(v.num, r.num);
      } else if (v.version || r.version) {
        c = RpmVersion.rpmvercmp(v.str, r.str);
      } else {
        c = v.str.compareTo(r.str);
      }
      boolean res;
      switch (op) {
        case "==":
          res = c == 0;
          break;
        case "!=":
          res = c != 0;
          break;
        case "<=":
          res = c <= 0;
          break;
        case ">=":
          res = c >= 0;
          break;
        case "<":
          res = c < 0;
          break;
        default:
          res = c > 0;
      }
      v = new Value(res ? 1 : 0);
    }
  }

  private static void checkTypes(Value a, Value b) throws ExprException {
    if ((a.str == null) != (b.str == null)) {
      throw new ExprException("types must match");
    }
  }

  private Value additive() throws ExprException {
    Value v = multiplicative();
    while (true) {
      skip();
      if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
        char op = s.charAt(p++);
        Value r = multiplicative();
        checkTypes(v, r);
        if (v.str != null) {
          if (op == '-') {
            throw new ExprException("- not supported for strings");
          }
          v = new Value(v.str + r.str, v.version);
        } else {
          v = new Value(op == '+' ? v.num + r.num : v.num - r.num);
        }
      } else {
        return v;
      }
    }
  }

  private Value multiplicative() throws ExprException {
    Value v = unary();
    while (true) {
      skip();
      if (p < s.length() && (s.charAt(p) == '*' || s.charAt(p) == '/')) {
        char op = s.charAt(p++);
        Value r = unary();
        checkTypes(v, r);
        if (v.str != null) {
          throw new ExprException("* / not supported for strings");
        }
        if (op == '/') {
          if (r.num == 0) {
            throw new ExprException("division by zero");
          }
          v = new Value(v.num / r.num);
        } else {
          v = new Value(v.num * r.num);
        }
      } else {
        return v;
      }
    }
  }

  private Value unary() throws ExprException {
    skip();
    if (p >= s.length()) {
      throw new ExprException("unexpected end of expression");
    }
    char c = s.charAt(p);
    if (c == '!' && !s.startsWith("!=", p)) {
      p++;
      Value v = unary();
      return new Value(v.truth() ? 0 : 1);
    }
    if (c == '-') {
      p++;
      Value v = unary();
      if (v.str != null) {
        throw new ExprException("- only valid with numbers");
      }
      return new Value(-v.num);
    }
    return primary();
  }

  private Value primary() throws ExprException {
    skip();
    char c = s.charAt(p);
    if (c == '(') {
      p++;
      Value v = ternary();
      if (!eat(")")) {
        throw new ExprException("unmatched (");
      }
      return v;
    }
    if (c >= '0' && c <= '9') {
      int st = p;
      while (p < s.length() && Character.isDigit(s.charAt(p))) {
        p++;
      }
      if (p < s.length() && (Character.isLetter(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) == '.')) {
        throw new ExprException("syntax error in number '" + s.substring(st) + "'");
      }
      String num = s.substring(st, p);
      try {
        return new Value(Long.parseLong(num));
      } catch (NumberFormatException e) {
        throw new ExprException("number too large: " + num);
      }
    }
    boolean version = false;
    if (c == 'v' && p + 1 < s.length() && s.charAt(p + 1) == '"') {
      version = true;
      p++;
      c = '"';
    }
    if (c == '"') {
      int end = s.indexOf('"', p + 1);
      if (end < 0) {
        throw new ExprException("unterminated string");
      }
      String str = s.substring(p + 1, end);
      p = end + 1;
      return new Value(str, version);
    }
    throw new ExprException("bare words are no longer supported, please use \"...\": '"
        + s.substring(p, Math.min(s.length(), p + 20)) + "'");
  }
}
