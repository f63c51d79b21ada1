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
    List<Edit> edits = new ArrayList<>();
    Map<String, String> assigned = new HashMap<>();
    if (updateValue(st, r, t.value(), value, t.line(), edits, assigned, 0)) {
      String candidate = apply(text, edits);
      SpecStructure cst = SpecStructure.parse(SpecText.ofLatin1(candidate));
      SpecEvaluator.Result cr = SpecEvaluator.evaluate(cst, env, false);
      SpecStructure.RawTag ct = mainTag(cst, cr, tag);
      if (ct != null && value.equals(cr.tagValues.get(ct.line()))) {
        return candidate;
      }
    }
    return literal;
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

  private static boolean updateValue(SpecStructure st, SpecEvaluator.Result r, String raw, String wanted,
      int line, List<Edit> edits, Map<String, String> assigned, int depth) {
    if (depth > 8) {
      return false;
    }
    // build a regex: modifiable macro references become groups, everything else must match its expansion
    StringBuilder re = new StringBuilder();
    StringBuilder shaped = new StringBuilder(); // groups keep the number of dots of their current value
    List<SpecStructure.RawDef> groups = new ArrayList<>();
    Map<String, Integer> groupOf = new HashMap<>();
    Matcher m = MACRO_REF.matcher(raw);
    int pos = 0;
    boolean lastWasGroup = false;
    MacroEngine engine = r.engine;
    while (m.find()) {
      String lit = raw.substring(pos, m.start());
      if (!lit.isEmpty()) {
        if (lit.indexOf('%') >= 0) {
          return false; // conditional or shell expansions between references: not reliable
        }
        re.append(Pattern.quote(lit));
        shaped.append(Pattern.quote(lit));
        lastWasGroup = false;
      }
      String name = m.group(1) != null ? m.group(1) : m.group(2);
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
            current = engine.expand(m.group());
          }
          long dots = current.chars().filter(ch -> ch == '.').count();
          shaped.append("([^.]+").append("(?:\\.[^.]+)".repeat((int) dots)).append(')');
        }
        lastWasGroup = true;
      } else {
        // keep as is: must expand to the same text in the new value
        String exp;
        synchronized (engine) {
          exp = engine.expand(m.group());
        }
        re.append(Pattern.quote(exp));
        shaped.append(Pattern.quote(exp));
        lastWasGroup = false;
      }
      pos = m.end();
    }
    String tail = raw.substring(pos);
    if (tail.indexOf('%') >= 0) {
      return false;
    }
    re.append(Pattern.quote(tail));
    shaped.append(Pattern.quote(tail));
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
