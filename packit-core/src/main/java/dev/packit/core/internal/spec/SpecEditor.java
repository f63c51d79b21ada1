package dev.packit.core.internal.spec;

import dev.packit.core.spec.ChangelogRequest;
import dev.packit.core.spec.Section;
import dev.packit.core.spec.Source;
import dev.packit.core.spec.SpecFile;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal-diff edits: each operation computes byte ranges to replace in the text and touches
 * nothing else. Values are in the byte-per-char domain (see {@link SpecText#toInternal}).
 */
public final class SpecEditor {
  private static final Pattern DIST_SUFFIX = Pattern.compile("(%\\{?\\??dist\\}?)(\\.\\d+)?$");
  private static final Pattern MACRO_REF =
      Pattern.compile("%\\{([A-Za-z_][A-Za-z0-9_]*)\\}|%([A-Za-z_][A-Za-z0-9_]*)");
  /** Any reference to a macro name: {@code %name}, {@code %{name}}, {@code %{?name:...}}, {@code %?name}. */
  private static final Pattern ANY_REF = Pattern.compile("%\\{?[!?]*([A-Za-z_][A-Za-z0-9_]*)");
  /** Inside {@code %{...}}: optional {@code !}/{@code ?} flags, a name, an optional {@code :body}. */
  private static final Pattern COND_INNER =
      Pattern.compile("([!?]*)([A-Za-z_][A-Za-z0-9_]*)(?::(.*))?", Pattern.DOTALL);
  /** After an unbraced {@code %}: flags and a name. */
  private static final Pattern COND_UNBRACED = Pattern.compile("([!?]*)([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern PRERELEASE =
      Pattern.compile("^(.*?\\d)[-_.~]?((?:rc|alpha|beta|pre|preview|dev)\\.?\\d*)$",
          Pattern.CASE_INSENSITIVE);

  private SpecEditor() {}

  /** A replacement of [start, end) by text. */
  private record Edit(int start, int end, String text) {}

  private static String apply(String text, List<Edit> edits) {
    if (edits.isEmpty()) {
      return text;
    }
    edits.sort((a, b) -> Integer.compare(a.start(), b.start()));
    StringBuilder sb = new StringBuilder(text.length() + 256);
    int pos = 0;
    for (Edit e : edits) {
      if (e.start() < pos) {
        continue; // overlapping edits: keep the first
      }
      sb.append(text, pos, e.start()).append(e.text());
      pos = e.end();
    }
    sb.append(text, pos, text.length());
    return sb.toString();
  }

  // ------------------------------------------------------------------ versions

  public static String rpmVersionOf(String upstream) {
    String v = upstream.strip();
    if (v.length() > 1 && (v.charAt(0) == 'v' || v.charAt(0) == 'V') && Character.isDigit(v.charAt(1))) {
      v = v.substring(1);
    }
    Matcher m = PRERELEASE.matcher(v);
    if (m.matches()) {
      v = m.group(1) + "~" + m.group(2);
    }
    return v.replace('-', '.');
  }

  private static SpecStructure.RawTag mainTag(SpecStructure st, SpecEvaluator.Result r, String name) {
    SpecStructure.RawTag fallback = null;
    for (SpecStructure.RawTag t : st.tags()) {
      if (t.section() == 0 && t.name().equalsIgnoreCase(name)) {
        if (r == null || r.live.get(t.line())) {
          return t;
        }
        if (fallback == null) {
          fallback = t;
        }
      }
    }
    return fallback;
  }

  /**
   * Sets a tag's value keeping macros: references to plain %global/%define macros defined above the
   * tag are matched against the new value and their definitions updated; if that does not give the
   * requested expansion, the tag's raw value is replaced.
   */
  public static String setTagKeepingMacros(SpecFile spec, SpecStructure st, String tag, String value,
      SpecEvaluator.Env env) {
    String text = st.text().text();
    SpecEvaluator.Result r = SpecEvaluator.evaluate(st, env, false);
    SpecStructure.RawTag t = mainTag(st, r, tag);
    if (t == null) {
      return setTag(spec, st, tag, value);
    }
    if (t.value().equals(value)) {
      return text;
    }
    String literal = apply(text, new ArrayList<>(List.of(new Edit(t.valueStart(), t.valueEnd(), value))));
    if (t.value().indexOf('%') < 0) {
      return literal;
    }
    String candidate = updatedThroughMacros(st, r, tag, value, env);
    if (candidate != null) {
      return candidate;
    }
    // A pre-release to a release: %{?rc_ver:~rc%{rc_ver}} with "%global rc_ver 1" and a version
    // without the suffix. Retire the definition as Fedora packagers do ("%global" -> "#global"),
    // so that every Source using the same conditional drops the suffix too, then update the rest.
    Matcher cm = ANY_REF.matcher(t.value());
    while (cm.find()) {
      if (!cm.group().contains("?")) {
        continue;
      }
      SpecStructure.RawDef d = definition(st, r, cm.group(1), t.line());
      if (d == null || d.keyword().equals("undefine") || d.endLine() != d.line() || d.opts() != null) {
        continue;
      }
      SpecText tx = st.text();
      int at = tx.start(d.line());
      String line = tx.line(d.line());
      int lead = line.length() - line.stripLeading().length();
      if (!line.stripLeading().startsWith("%" + d.keyword())) {
        continue;
      }
      String retired = apply(text, new ArrayList<>(List.of(new Edit(at + lead, at + lead + 1, "#"))));
      SpecStructure rst = SpecStructure.parse(SpecText.ofLatin1(retired));
      candidate = updatedThroughMacros(rst, SpecEvaluator.evaluate(rst, env, false), tag, value, env);
      if (candidate != null) {
        return candidate;
      }
    }
    return literal;
  }

  /** The text with the macros behind {@code tag} updated to give {@code value}, or null when that fails. */
  private static String updatedThroughMacros(SpecStructure st, SpecEvaluator.Result r, String tag, String value,
      SpecEvaluator.Env env) {
    SpecStructure.RawTag t = mainTag(st, r, tag);
    if (t == null) {
      return null;
    }
    List<Edit> edits = new ArrayList<>();
    Map<String, String> assigned = new HashMap<>();
    if (!updateValue(st, r, t.value(), value, t.line(), edits, assigned, 0)) {
      return null;
    }
    String candidate = apply(st.text().text(), edits);
    SpecStructure cst = SpecStructure.parse(SpecText.ofLatin1(candidate));
    SpecEvaluator.Result cr = SpecEvaluator.evaluate(cst, env, false);
    SpecStructure.RawTag ct = mainTag(cst, cr, tag);
    return ct != null && value.equals(cr.tagValues.get(ct.line())) ? candidate : null;
  }

  /** A Source/URL tag that named the old version and does not name the new one after an edit. */
  public record StaleSource(int line, String tag, String raw, String oldExpansion, String newExpansion,
      boolean sharesVersionMacros) {}

  /** The result of a version edit: the text, whether macros were updated, the sources left behind. */
  public record VersionEdit(String text, boolean viaMacros, String versionRaw, List<StaleSource> stale) {}

  /**
   * Sets the version keeping macros ({@link #setTagKeepingMacros}) and, when {@code Version} is built
   * from macros, reports the {@code Source} and {@code URL} tags of the main preamble whose expansion
   * named the old version and does not name the new one afterwards.
   */
  public static VersionEdit setVersion(SpecFile spec, SpecStructure st, String value, SpecEvaluator.Env env) {
    SpecEvaluator.Result before = SpecEvaluator.evaluate(st, env, false);
    SpecStructure.RawTag t = mainTag(st, before, "Version");
    String text = setTagKeepingMacros(spec, st, "Version", value, env);
    String raw = t == null ? "" : t.value();
    if (raw.indexOf('%') < 0) {
      return new VersionEdit(text, false, raw, List.of()); // a literal stays a literal: nothing to refuse
    }
    SpecStructure nst = SpecStructure.parse(SpecText.ofLatin1(text));
    SpecEvaluator.Result after = SpecEvaluator.evaluate(nst, env, false);
    SpecStructure.RawTag nt = mainTag(nst, after, "Version");
    boolean viaMacros = nt != null && !nt.value().equals(value);
    String oldVersion = before.version == null ? "" : before.version;
    return new VersionEdit(text, viaMacros, raw, staleSources(st, before, nst, after, raw, oldVersion, value));
  }

  /** The stale sources of an edit from {@code st} to {@code nst}; tags are paired in file order. */
  public static List<StaleSource> staleSources(SpecStructure st, SpecEvaluator.Result r, SpecStructure nst,
      SpecEvaluator.Result nr, String versionRaw, String oldVersion, String newVersion) {
    List<StaleSource> out = new ArrayList<>();
    if (oldVersion.isEmpty() || oldVersion.equals(newVersion)) {
      return out;
    }
    String[] names = comparable(oldVersion, newVersion);
    java.util.Set<String> versionMacros = macrosOf(st, versionRaw, 0, new java.util.HashSet<>());
    List<SpecStructure.RawTag> olds = sourceTags(st);
    List<SpecStructure.RawTag> news = sourceTags(nst);
    for (int k = 0; k < olds.size(); k++) {
      SpecStructure.RawTag t = olds.get(k);
      String oldExp = r.live.get(t.line()) ? r.tagValues.get(t.line()) : null;
      if (oldExp == null || !names(oldExp, names[0])) {
        continue;
      }
      SpecStructure.RawTag u = k < news.size() && news.get(k).name().equalsIgnoreCase(t.name()) ? news.get(k) : null;
      String newExp = u != null && nr.live.get(u.line()) ? nr.tagValues.get(u.line()) : null;
      if (newExp != null && names(newExp, names[1])) {
        continue;
      }
      java.util.Set<String> used = macrosOf(st, t.value(), 0, new java.util.HashSet<>());
      used.retainAll(versionMacros);
      out.add(new StaleSource(u == null ? t.line() : u.line(), t.name(), u == null ? t.value() : u.value(), oldExp,
          newExp == null ? "" : newExp, !used.isEmpty()));
    }
    return out;
  }

  private static List<SpecStructure.RawTag> sourceTags(SpecStructure st) {
    List<SpecStructure.RawTag> out = new ArrayList<>();
    for (SpecStructure.RawTag t : st.tags()) {
      String n = t.name().toLowerCase(Locale.ROOT);
      if (t.section() == 0 && (n.equals("url") || n.startsWith("source"))) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * What to look for in sources: the versions without their {@code ~}/{@code ^} suffix when those
   * parts differ (upstreams name {@code 1.2~rc1} {@code 1.2-rc1} or {@code 1.2rc1}), else the whole.
   */
  private static String[] comparable(String oldVersion, String newVersion) {
    String a = oldVersion.replaceFirst("[~^].*$", "");
    String b = newVersion.replaceFirst("[~^].*$", "");
    return !a.isEmpty() && !b.isEmpty() && !a.equals(b) ? new String[] {a, b} : new String[] {oldVersion, newVersion};
  }

  /** Whether {@code text} names {@code version}: not inside a longer version ({@code 1.2} in {@code 1.2.1}). */
  static boolean names(String text, String version) {
    int from = 0;
    while (true) {
      int k = text.indexOf(version, from);
      if (k < 0) {
        return false;
      }
      int e = k + version.length();
      boolean startOk = k == 0 || !(Character.isLetterOrDigit(text.charAt(k - 1)) || text.charAt(k - 1) == '.');
      boolean endOk = e >= text.length() || !(Character.isDigit(text.charAt(e))
          || e + 1 < text.length() && "._~^+-".indexOf(text.charAt(e)) >= 0 && Character.isDigit(text.charAt(e + 1)));
      if (startOk && endOk) {
        return true;
      }
      from = k + 1;
    }
  }

  /** The macro names a raw value refers to, through the bodies of their definitions in the spec. */
  private static java.util.Set<String> macrosOf(SpecStructure st, String raw, int depth, java.util.Set<String> acc) {
    if (depth > 8) {
      return acc;
    }
    Matcher m = ANY_REF.matcher(raw);
    while (m.find()) {
      String name = m.group(1);
      if (name.equals("version") || name.equals("name") || name.equals("release") || !acc.add(name)) {
        continue;
      }
      for (SpecStructure.RawDef d : st.defs()) {
        if (d.name().equals(name) && d.body() != null) {
          macrosOf(st, d.body(), depth + 1, acc);
        }
      }
    }
    return acc;
  }

  /** The definition in effect at {@code beforeLine}: the last live plain definition of the name above it. */
  private static SpecStructure.RawDef definition(SpecStructure st, SpecEvaluator.Result r, String name,
      int beforeLine) {
    SpecStructure.RawDef found = null;
    for (SpecStructure.RawDef d : st.defs()) {
      if (d.line() >= beforeLine) {
        break;
      }
      if (d.name().equals(name) && r.live.get(d.line())) {
        found = d.keyword().equals("undefine") ? null : d;
      }
    }
    return found;
  }

  /**
   * A piece of a raw value after resolving conditionals: literal text, or a plain reference to a
   * macro ({@code ref != null}, {@code text} being the reference as written).
   */
  private record Piece(String text, String ref) {}

  /**
   * Splits a raw value into literals and plain references, resolving {@code %{?name:body}},
   * {@code %{!?name:body}}, {@code %{?name}} and {@code %?name} by whether the name is defined now
   * (the part rpm would expand is kept, inline, so its references can be updated too). Returns
   * null for anything else ({@code %(shell)}, {@code %[expr]}, {@code %{lua:...}}, parametric
   * calls): their expansion cannot be matched reliably.
   */
  private static List<Piece> pieces(String raw, MacroEngine engine, int depth) {
    if (depth > 8) {
      return null;
    }
    List<Piece> out = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int n = raw.length();
    int i = 0;
    while (i < n) {
      char c = raw.charAt(i);
      if (c != '%') {
        lit.append(c);
        i++;
        continue;
      }
      if (i + 1 >= n) {
        return null;
      }
      char d = raw.charAt(i + 1);
      if (d == '%') {
        lit.append('%');
        i += 2;
        continue;
      }
      String name;
      String body = null;
      String neg;
      int next;
      if (d == '{') {
        int close = MacroEngine.matchChar(raw, i + 1, n, '{', '}');
        if (close < 0) {
          return null;
        }
        String inner = raw.substring(i + 2, close);
        Matcher m = COND_INNER.matcher(inner);
        if (!m.matches()) {
          return null;
        }
        neg = m.group(1);
        name = m.group(2);
        body = m.group(3);
        next = close + 1;
      } else {
        Matcher m = COND_UNBRACED.matcher(raw).region(i + 1, n);
        if (!m.lookingAt()) {
          return null;
        }
        neg = m.group(1);
        name = m.group(2);
        next = m.end();
      }
      boolean conditional = neg.indexOf('?') >= 0;
      boolean negate = neg.chars().filter(ch -> ch == '!').count() % 2 == 1;
      if (!conditional) {
        if (negate || body != null) {
          return null; // %{!name} or %{name:arg}: not a plain reference
        }
        flush(out, lit);
        out.add(new Piece(raw.substring(i, next), name));
      } else {
        boolean defined;
        synchronized (engine) {
          defined = engine.isDefined(name);
        }
        if (defined != negate) {
          if (body != null) {
            List<Piece> inner = pieces(body, engine, depth + 1);
            if (inner == null) {
              return null;
            }
            flush(out, lit);
            out.addAll(inner);
          } else if (!negate) {
            flush(out, lit);
            out.add(new Piece("%{" + name + "}", name));
          }
        }
      }
      i = next;
    }
    flush(out, lit);
    return out;
  }

  private static void flush(List<Piece> out, StringBuilder lit) {
    if (lit.length() > 0) {
      out.add(new Piece(lit.toString(), null));
      lit.setLength(0);
    }
  }

  private static boolean updateValue(SpecStructure st, SpecEvaluator.Result r, String raw, String wanted,
      int line, List<Edit> edits, Map<String, String> assigned, int depth) {
    if (depth > 8) {
      return false;
    }
    MacroEngine engine = r.engine;
    List<Piece> pieces = pieces(raw, engine, 0);
    if (pieces == null) {
      return false;
    }
    // build a regex: modifiable macro references become groups, everything else must match its expansion
    StringBuilder re = new StringBuilder();
    StringBuilder shaped = new StringBuilder(); // groups keep the number of dots of their current value
    List<SpecStructure.RawDef> groups = new ArrayList<>();
    Map<String, Integer> groupOf = new HashMap<>();
    boolean lastWasGroup = false;
    for (Piece piece : pieces) {
      if (piece.ref() == null) {
        re.append(Pattern.quote(piece.text()));
        shaped.append(Pattern.quote(piece.text()));
        lastWasGroup = false;
        continue;
      }
      String name = piece.ref();
      SpecStructure.RawDef d = definition(st, r, name, line);
      boolean modifiable = d != null && d.opts() == null && d.endLine() == d.line()
          && !name.endsWith("name") && !d.body().isEmpty();
      if (modifiable) {
        Integer g = groupOf.get(name);
        if (g != null) {
          re.append("\\").append(g);
          shaped.append("\\").append(g);
        } else {
          if (lastWasGroup) {
            return false; // adjacent groups: ambiguous
          }
          groups.add(d);
          groupOf.put(name, groups.size());
          re.append("(.+?)");
          String current;
          synchronized (engine) {
            current = engine.expand("%{" + name + "}");
          }
          long dots = current.chars().filter(ch -> ch == '.').count();
          shaped.append("([^.]+").append("(?:\\.[^.]+)".repeat((int) dots)).append(')');
        }
        lastWasGroup = true;
      } else {
        // keep as is: must expand to the same text in the new value
        String exp;
        synchronized (engine) {
          exp = engine.expand("%{" + name + "}");
        }
        re.append(Pattern.quote(exp));
        shaped.append(Pattern.quote(exp));
        lastWasGroup = false;
      }
    }
    if (groups.isEmpty()) {
      return false;
    }
    Matcher vm = Pattern.compile(shaped.toString(), Pattern.DOTALL).matcher(wanted);
    if (!vm.matches()) {
      vm = Pattern.compile(re.toString(), Pattern.DOTALL).matcher(wanted);
      if (!vm.matches()) {
        return false;
      }
    }
    for (int g = 0; g < groups.size(); g++) {
      SpecStructure.RawDef d = groups.get(g);
      String nv = vm.group(g + 1);
      String prev = assigned.get(d.name());
      if (prev != null) {
        if (!prev.equals(nv)) {
          return false;
        }
        continue;
      }
      assigned.put(d.name(), nv);
      if (d.body().equals(nv)) {
        continue;
      }
      if (d.body().indexOf('%') >= 0) {
        if (!updateValue(st, r, d.body(), nv, d.line(), edits, assigned, depth + 1)) {
          if (nv.indexOf('%') >= 0) {
            return false;
          }
          edits.add(new Edit(d.bodyStart(), d.bodyEnd(), nv));
        }
      } else {
        edits.add(new Edit(d.bodyStart(), d.bodyEnd(), nv));
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ release

  public static String setRelease(SpecFile spec, SpecStructure st, String release, SpecEvaluator.Env env) {
    String text = st.text().text();
    SpecEvaluator.Result r = SpecEvaluator.evaluate(st, env, true);
    SpecStructure.RawTag t = mainTag(st, r, "Release");
    if (t == null) {
      return setTag(spec, st, "Release", release + "%{?dist}");
    }
    String raw = t.value();
    Matcher dm = DIST_SUFFIX.matcher(raw);
    String base = raw;
    String dist = "";
    if (dm.find()) {
      base = raw.substring(0, dm.start());
      dist = dm.group(1);
    }
    // Release: %{baserelease}%{?dist} with %global baserelease N: update the macro
    Matcher ref = MACRO_REF.matcher(base);
    if (ref.matches()) {
      String name = ref.group(1) != null ? ref.group(1) : ref.group(2);
      SpecStructure.RawDef d = definition(st, r, name, t.line());
      if (d != null && d.opts() == null && d.body().indexOf('%') < 0 && d.endLine() == d.line()) {
        return apply(text, new ArrayList<>(List.of(new Edit(d.bodyStart(), d.bodyEnd(), release))));
      }
    }
    return apply(text, new ArrayList<>(List.of(new Edit(t.valueStart(), t.valueEnd(), release + dist))));
  }

  /** rpmdev-bumpspec's release increment. */
  public static String bumpReleaseString(String raw) {
    Matcher minor = Pattern.compile("^(.*%\\{?\\??dist\\}?\\.)(\\d+)$").matcher(raw);
    if (minor.matches()) {
      return minor.group(1) + inc(minor.group(2));
    }
    Matcher zero = Pattern.compile("^0\\.(\\d+)(.*)$", Pattern.DOTALL).matcher(raw);
    if (zero.matches()) {
      return "0." + inc(zero.group(1)) + zero.group(2);
    }
    Matcher lead = Pattern.compile("^(\\d+)(.*)$", Pattern.DOTALL).matcher(raw);
    if (lead.matches()) {
      String rest = lead.group(2);
      String beforeDist = DIST_SUFFIX.matcher(rest).replaceFirst("");
      if (Pattern.compile("(alpha|beta|rc|pre)", Pattern.CASE_INSENSITIVE).matcher(beforeDist).find()) {
        return raw + ".1";
      }
      return inc(lead.group(1)) + rest;
    }
    Matcher trailing = Pattern.compile("^(.*\\s)(\\d+)$").matcher(raw);
    if (trailing.matches()) {
      return trailing.group(1) + inc(trailing.group(2));
    }
    return raw + ".1";
  }

  private static String inc(String digits) {
    return new java.math.BigInteger(digits).add(java.math.BigInteger.ONE).toString();
  }

  public static String bumpRelease(SpecFile spec, SpecStructure st) {
    String text = st.text().text();
    SpecEvaluator.Result r = SpecEvaluator.evaluate(st, SpecFileEnv.DEFAULT, true);
    for (SpecStructure.RawDef d : st.defs()) {
      String n = d.name().toLowerCase(Locale.ROOT);
      if ((n.equals("baserelease") || n.equals("release")) && r.live.get(d.line()) && d.opts() == null
          && !d.keyword().equals("undefine") && d.endLine() == d.line()) {
        return apply(text, new ArrayList<>(List.of(
            new Edit(d.bodyStart(), d.bodyEnd(), bumpReleaseString(d.body())))));
      }
    }
    SpecStructure.RawTag t = mainTag(st, r, "Release");
    if (t == null) {
      return text;
    }
    return apply(text, new ArrayList<>(List.of(
        new Edit(t.valueStart(), t.valueEnd(), bumpReleaseString(t.value())))));
  }

  // ------------------------------------------------------------------ changelog

  public static String addChangelogEntry(SpecFile spec, SpecStructure st, ChangelogRequest req,
      SpecEvaluator.Env env) {
    SpecText tx = st.text();
    String text = tx.text();
    String eol = tx.dominantEol();
    List<Edit> edits = new ArrayList<>();
    String evr = req.evr();
    if (evr == null) {
      SpecEvaluator.Result r = SpecEvaluator.evaluate(st, env, true);
      String epoch = r.epoch == null ? "" : r.epoch + ":";
      // what rpm computed, written back so that rpm shows it as computed
      evr = (epoch + nz(r.version) + "-" + nz(r.release)).replace("%", "%%");
    } else {
      evr = SpecText.toInternal(RpmLiteral.escape(evr));
    }
    for (Section s : st.sections()) {
      if (!s.name().equals("changelog") || usesAutochangelog(tx, s)) {
        continue;
      }
      int headerIdx = s.line() - 1;
      int firstEntry = -1;
      List<ChangelogParser.Header> headers = new ArrayList<>();
      for (int i = s.line(); i < s.endLine(); i++) {
        String l = tx.line(i);
        if (l.startsWith("*")) {
          if (firstEntry < 0) {
            firstEntry = i;
          }
          if (headers.size() < 20) {
            headers.add(ChangelogParser.parseHeader(l));
          }
        }
      }
      StringBuilder entry = new StringBuilder();
      entry.append("* ").append(formatDate(req, headers)).append(' ')
          .append(SpecText.toInternal(RpmLiteral.escape(req.author()))).append(" - ").append(evr).append(eol);
      // Items are literal text: rpm must show them as given and never run a macro in them.
      for (String item : req.items()) {
        for (String l : wrap(item, req.width())) {
          entry.append(SpecText.toInternal(RpmLiteral.escape(l))).append(eol);
        }
      }
      int at;
      if (firstEntry >= 0) {
        entry.append(eol);
        at = tx.start(firstEntry);
      } else {
        // empty changelog: after the header (and any lines already there)
        int last = Math.max(headerIdx, s.endLine() - 1);
        while (last > headerIdx && tx.line(last).isBlank()) {
          last--;
        }
        at = tx.next(last);
        if (tx.eol(last).isEmpty()) {
          entry.insert(0, eol);
        }
      }
      edits.add(new Edit(at, at, entry.toString()));
    }
    return apply(text, edits);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static boolean usesAutochangelog(SpecText tx, Section s) {
    for (int i = s.line(); i < s.endLine(); i++) {
      String l = tx.line(i).strip();
      if (!l.startsWith("#") && (l.contains("%autochangelog") || l.contains("%{autochangelog}")
          || l.contains("%{?autochangelog}"))) {
        return true;
      }
    }
    return false;
  }

  private static String formatDate(ChangelogRequest req, List<ChangelogParser.Header> headers) {
    boolean extended = !headers.isEmpty() && headers.get(0).extended();
    String padding = "0";
    for (ChangelogParser.Header h : headers) {
      if (h.padding() != null) {
        padding = h.padding();
        break;
      }
    }
    var ts = req.timestamp();
    int day = ts.getDayOfMonth();
    String dayText = day >= 10 ? Integer.toString(day) : padding + day;
    String wk = DateTimeFormatter.ofPattern("EEE MMM", Locale.ENGLISH).format(ts);
    if (extended) {
      String zone = ts.getZone().equals(java.time.ZoneOffset.UTC) ? "UTC"
          : DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(ts);
      return wk + " " + dayText + " " + DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).format(ts)
          + " " + zone + " " + ts.getYear();
    }
    return wk + " " + dayText + " " + ts.getYear();
  }

  /**
   * Wraps one literal item: "- " bullet (unless it already starts with "-"), continuation indented by
   * two; never before a word rpm would read as a comment or directive at the start of a line.
   */
  static List<String> wrap(String item, int width) {
    String text = item.strip();
    String first = text.startsWith("-") ? "" : "- ";
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split("\\s+")) {
      if (!empty && line.length() + 1 + word.length() > width && !RpmLiteral.unsafeLineStart(word)) {
        out.add(line.toString());
        line = new StringBuilder("  ");
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    out.add(line.toString());
    return out;
  }

  // ------------------------------------------------------------------ tags

  public static String setTag(SpecFile spec, SpecStructure st, String name, String value) {
    String text = st.text().text();
    SpecEvaluator.Result r = SpecEvaluator.evaluate(st, SpecFileEnv.DEFAULT, true);
    SpecStructure.RawTag t = mainTag(st, r, name);
    if (t != null) {
      return apply(text, new ArrayList<>(List.of(new Edit(t.valueStart(), t.valueEnd(), value))));
    }
    SpecStructure.RawTag last = null;
    for (SpecStructure.RawTag x : st.tags()) {
      if (x.section() == 0) {
        last = x;
      }
    }
    return insertTagAfter(st, last, name, value);
  }

  private static String insertTagAfter(SpecStructure st, SpecStructure.RawTag after, String name, String value) {
    SpecText tx = st.text();
    String text = tx.text();
    String eol = tx.dominantEol();
    String line = name + separator(st, after, name) + value;
    int at;
    String prefix = "";
    if (after == null) {
      at = 0;
    } else {
      int l = after.line();
      at = tx.next(l);
      if (tx.eol(l).isEmpty()) {
        prefix = eol;
      }
    }
    String ins = prefix + line + (prefix.isEmpty() ? eol : "");
    return apply(text, new ArrayList<>(List.of(new Edit(at, at, ins))));
  }

  /** A separator aligning the value with the neighbouring tag's value column. */
  private static String separator(SpecStructure st, SpecStructure.RawTag near, String name) {
    if (near == null) {
      return ": ";
    }
    SpecText tx = st.text();
    String sep = tx.text().substring(tx.start(near.line()) + near.name().length()
        + (near.qualifier().isEmpty() ? 0 : near.qualifier().length() + 2), near.valueStart());
    if (sep.indexOf('\t') >= 0) {
      return sep.trim().isEmpty() ? ":\t" : sep.substring(0, sep.indexOf(':') + 1) + "\t";
    }
    int column = near.valueStart() - tx.start(near.line());
    int pad = column - name.length() - 1;
    return ":" + " ".repeat(Math.max(1, pad));
  }

  public static String removeTag(SpecFile spec, SpecStructure st, String name) {
    SpecEvaluator.Result r = SpecEvaluator.evaluate(st, SpecFileEnv.DEFAULT, true);
    SpecStructure.RawTag t = mainTag(st, r, name);
    if (t == null) {
      return st.text().text();
    }
    return removeLine(st.text(), t.line());
  }

  private static String removeLine(SpecText tx, int line) {
    int start = tx.start(line);
    int end = tx.next(line);
    if (tx.eol(line).isEmpty() && line > 0) {
      start = tx.end(line - 1); // last line without newline: drop the previous terminator instead
    }
    return apply(tx.text(), new ArrayList<>(List.of(new Edit(start, end, ""))));
  }

  // ------------------------------------------------------------------ sources and patches

  /** A source as the editor sees it. */
  private record Src(int number, boolean explicit, int line, int valueStart, int valueEnd,
      SpecStructure.RawTag tag) {}

  private static List<Src> sources(SpecStructure st, Source.Kind kind) {
    List<Src> out = new ArrayList<>();
    int last = -1;
    String prefix = kind == Source.Kind.SOURCE ? "source" : "patch";
    for (SpecStructure.RawTag t : st.tags()) {
      String n = t.name().toLowerCase(Locale.ROOT);
      if (t.section() != 0 || !n.startsWith(prefix)) {
        continue;
      }
      String num = n.substring(prefix.length());
      if (!num.chars().allMatch(Character::isDigit) || num.length() > 9) {
        continue;
      }
      int number = num.isEmpty() ? last + 1 : Integer.parseInt(num);
      last = number;
      out.add(new Src(number, !num.isEmpty(), t.line(), t.valueStart(), t.valueEnd(), t));
    }
    SpecText tx = st.text();
    for (SpecStructure.RawListEntry e : st.listEntries()) {
      if (e.patch() != (kind == Source.Kind.PATCH)) {
        continue;
      }
      int s = tx.start(e.line());
      int en = tx.end(e.line());
      String l = tx.text();
      while (s < en && Character.isWhitespace(l.charAt(s))) {
        s++;
      }
      while (en > s && Character.isWhitespace(l.charAt(en - 1))) {
        en--;
      }
      out.add(new Src(++last, false, e.line(), s, en, null));
    }
    return out;
  }

  public static String setSource(SpecFile spec, SpecStructure st, Source.Kind kind, int number, String loc) {
    for (Src s : sources(st, kind)) {
      if (s.number() == number) {
        return apply(st.text().text(), new ArrayList<>(List.of(new Edit(s.valueStart(), s.valueEnd(), loc))));
      }
    }
    return addNumbered(st, kind, number, loc);
  }

  private static String addNumbered(SpecStructure st, Source.Kind kind, int number, String loc) {
    List<Src> existing = sources(st, kind);
    SpecStructure.RawTag anchor = null;
    int width = 0;
    for (Src s : existing) {
      if (s.tag() != null) {
        anchor = s.tag();
        String n = s.tag().name();
        String digits = n.replaceAll("^[A-Za-z]+", "");
        if (digits.length() > 1 && digits.startsWith("0")) {
          width = digits.length();
        }
      }
    }
    if (anchor == null) {
      // patches go after the last source; sources after the last tag of the main preamble
      for (SpecStructure.RawTag t : st.tags()) {
        if (t.section() == 0 && (kind == Source.Kind.SOURCE
            || t.name().toLowerCase(Locale.ROOT).startsWith("source"))) {
          anchor = t;
        }
      }
      if (anchor == null) {
        for (SpecStructure.RawTag t : st.tags()) {
          if (t.section() == 0) {
            anchor = t;
          }
        }
      }
    }
    String base = kind == Source.Kind.SOURCE ? "Source" : "Patch";
    String num = width > 0 ? String.format(Locale.ROOT, "%0" + width + "d", number) : Integer.toString(number);
    return insertTagAfter(st, anchor, base + num, loc);
  }

  public static String addSource(SpecFile spec, SpecStructure st, Source.Kind kind, String loc) {
    List<Src> existing = sources(st, kind);
    int next = 0;
    for (Src s : existing) {
      next = Math.max(next, s.number() + 1);
    }
    if (!existing.isEmpty()) {
      Src last = existing.get(existing.size() - 1);
      SpecText tx = st.text();
      if (last.tag() == null) {
        // %sourcelist / %patchlist: one more line after the last entry
        int at = tx.next(last.line());
        String eol = tx.dominantEol();
        String ins = tx.eol(last.line()).isEmpty() ? eol + loc : loc + eol;
        return apply(tx.text(), new ArrayList<>(List.of(new Edit(at, at, ins))));
      }
      if (!last.explicit()) {
        String name = kind == Source.Kind.SOURCE ? "Source" : "Patch";
        String actual = last.tag().name().replaceAll("\\d+$", "");
        return insertTagAfter(st, last.tag(), actual.isEmpty() ? name : actual, loc);
      }
    }
    return addNumbered(st, kind, next, loc);
  }

  public static String removeSource(SpecFile spec, SpecStructure st, Source.Kind kind, int number) {
    for (Src s : sources(st, kind)) {
      if (s.number() == number) {
        return removeLine(st.text(), s.line());
      }
    }
    return st.text().text();
  }

  /** Default environment for edits that only need to know which lines are live. */
  static final class SpecFileEnv {
    static final SpecEvaluator.Env DEFAULT = new SpecEvaluator.Env(List.of(), "x86_64", "linux", null, 0);

    private SpecFileEnv() {}
  }
}
