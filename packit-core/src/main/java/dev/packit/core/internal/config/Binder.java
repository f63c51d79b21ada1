package dev.packit.core.internal.config;

import dev.packit.core.config.ActionCommand;
import dev.packit.core.config.ActionName;
import dev.packit.core.config.Deployment;
import dev.packit.core.config.DistGitBranches;
import dev.packit.core.config.FilesToSyncItem;
import dev.packit.core.config.LabelRequirements;
import dev.packit.core.config.MockBootstrap;
import dev.packit.core.config.Notifications;
import dev.packit.core.config.OshOptions;
import dev.packit.core.config.SourceItem;
import dev.packit.core.config.TargetOptions;
import dev.packit.core.config.Targets;
import dev.packit.core.config.TestCommand;
import dev.packit.core.config.VersionSpecifiers;
import dev.packit.core.internal.config.YNode.Entry;
import dev.packit.core.internal.config.YNode.Kind;
import dev.packit.core.internal.config.YNode.YMap;
import dev.packit.core.internal.config.YNode.YScalar;
import dev.packit.core.internal.config.YNode.YSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Binds YAML nodes to typed values key by key, recording every problem with its path and position. */
public final class Binder {
  /** Marks a value that failed to bind (the problem is already recorded). */
  public static final Object INVALID = new Object();

  private static final Set<String> TRUTHY = Set.of("t", "true", "on", "y", "yes", "1");
  private static final Set<String> FALSY = Set.of("f", "false", "off", "n", "no", "0");
  private static final List<String> TARGET_OPTION_KEYS = List.of("distros", "additional_packages", "additional_repos",
      "additional_modules", "with_opts", "without_opts");

  private final Problems problems;

  /** Creates a binder reporting into {@code problems}. */
  public Binder(Problems problems) {
    this.problems = problems;
  }

  /** Joins a key path. */
  public static String path(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /**
   * Binds the common keys of one mapping; keys in {@code handled} are skipped (the caller binds them).
   *
   * @param map the mapping
   * @param path its key path
   * @param jobLevel whether a single string is accepted for targets / dist_git_branches (Packit converts
   *     it only inside jobs)
   * @param handled keys the caller binds
   * @param alsoValid extra key names offered as suggestions
   * @return the bound values in document order (failed keys are left out)
   */
  public Map<String, Object> bindCommon(YMap map, String path, boolean jobLevel, Set<String> handled,
      Collection<String> alsoValid) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Entry e : map.entries()) {
      if (handled.contains(e.key())) {
        continue;
      }
      String p = path(path, e.key());
      Keys.Spec spec = Keys.COMMON.get(e.key());
      if (spec == null) {
        unknownKey(e, p, alsoValid);
        continue;
      }
      Object v = bind(spec, e.value(), p, jobLevel);
      if (v != INVALID && spec.kind() != Keys.Kind.NOT_PROCESSED) {
        out.put(e.key(), v);
      }
    }
    return out;
  }

  /** Records an unknown key with the best hint. */
  public void unknownKey(Entry e, String p, Collection<String> alsoValid) {
    String removed = Keys.REMOVED.get(e.key());
    String msg = "unknown key '" + e.key() + "'";
    if (removed != null) {
      msg += "; " + removed;
    } else {
      Set<String> all = new LinkedHashSet<>(Keys.COMMON.keySet());
      all.addAll(alsoValid);
      msg += Suggest.closest(e.key(), all).map(s -> "; did you mean '" + s + "'?").orElse("");
    }
    problems.add(dev.packit.core.config.ConfigProblem.Severity.ERROR, p, e.line(), e.column(), msg);
  }

  /** Binds one value of a known common key. */
  public Object bind(Keys.Spec spec, YNode n, String p, boolean jobLevel) {
    if (isNull(n)) {
      if (spec.kind() == Keys.Kind.NOT_PROCESSED) {
        return notProcessed(p, n);
      }
      if (!spec.nullable()) {
        problems.error(p, n, "may not be null");
        return INVALID;
      }
      return null;
    }
    switch (spec.kind()) {
      case STRING: return string(n, p);
      case BOOL: return bool(n, p);
      case INT: return integer(n, p);
      case NON_NEG_INT: {
        Object v = integer(n, p);
        if (v instanceof Integer && (Integer) v < 0) {
          problems.error(p, n, "must be 0 or more, got " + v);
          return INVALID;
        }
        return v;
      }
      case STRING_LIST: return stringList(n, p);
      case DICT: return n instanceof YMap ? plain(n) : fail(p, n, "a mapping");
      case FILES_TO_SYNC: return filesToSync(n, p);
      case ACTIONS: return actions(n, p);
      case NOTIFICATIONS: return notifications(n, p);
      case SOURCES: return sources(n, p);
      case DEPLOYMENTS: return deployments(n, p);
      case BOOTSTRAP: return bootstrap(n, p);
      case TARGETS: return targets(n, p, jobLevel);
      case DIST_GIT_BRANCHES: return distGitBranches(n, p, jobLevel);
      case SPEC_SOURCE_ID: return specSourceId(n, p);
      case REPO_NAME: {
        Object v = string(n, p);
        if (v instanceof String && (((String) v).contains("/") || ((String) v).contains("\0"))) {
          problems.error(p, n, "must be a valid file name (no '/'), got '" + v + "'");
          return INVALID;
        }
        return v;
      }
      case SPECIFIERS: {
        Object v = string(n, p);
        if (v instanceof String) {
          try {
            return VersionSpecifiers.parse((String) v);
          } catch (IllegalArgumentException ex) {
            problems.error(p, n, "invalid version specifier set: " + ex.getMessage());
            return INVALID;
          }
        }
        return v;
      }
      case REGEX: {
        Object v = string(n, p);
        if (v instanceof String) {
          java.util.Optional<String> problem = dev.packit.core.config.ConfigRegex.problem((String) v);
          if (problem.isPresent()) {
            problems.error(p, n, "cannot use the regex '" + v + "': " + problem.get());
            return INVALID;
          }
        }
        return v;
      }
      case TEST_COMMAND: return testCommand(n, p);
      case REQUIRE: return require(n, p);
      case OSH_OPTIONS: return osh(n, p);
      case NOT_PROCESSED: return notProcessed(p, n);
      default: throw new IllegalStateException(spec.kind().name());
    }
  }

  private Object notProcessed(String p, YNode n) {
    problems.warning(p, n, "is no longer processed; it is generated from dist_git_base_url and downstream_package_name");
    return INVALID;
  }

  private Object fail(String p, YNode n, String expected) {
    problems.error(p, n, "expected " + expected + ", got " + YNode.describe(n));
    return INVALID;
  }

  /** Whether a node is a YAML null. */
  public static boolean isNull(YNode n) {
    return n instanceof YScalar && ((YScalar) n).kind() == Kind.NULL;
  }

  /** A string (YAML strings only, as marshmallow's String field). */
  public Object string(YNode n, String p) {
    if (n instanceof YScalar && ((YScalar) n).kind() == Kind.STR) {
      return ((YScalar) n).value();
    }
    String hint = "";
    if (n instanceof YScalar && ((YScalar) n).kind() != Kind.NULL) {
      hint = "; quote it: '" + ((YScalar) n).text() + "'";
    }
    problems.error(p, n, "expected a string, got " + YNode.describe(n) + hint);
    return INVALID;
  }

  /** A boolean, accepting marshmallow's truthy/falsy strings and 0/1. */
  public Object bool(YNode n, String p) {
    if (n instanceof YScalar) {
      YScalar s = (YScalar) n;
      if (s.kind() == Kind.BOOL) {
        return s.value();
      }
      if (s.kind() == Kind.INT && ((Long) s.value() == 0 || (Long) s.value() == 1)) {
        return (Long) s.value() == 1;
      }
      if (s.kind() == Kind.STR) {
        String t = ((String) s.value()).toLowerCase(Locale.ROOT);
        if (TRUTHY.contains(t)) {
          return true;
        }
        if (FALSY.contains(t)) {
          return false;
        }
      }
    }
    problems.error(p, n, "expected true or false, got " + YNode.describe(n));
    return INVALID;
  }

  /** An integer; numeric strings are accepted (as marshmallow does). */
  public Object integer(YNode n, String p) {
    if (n instanceof YScalar) {
      YScalar s = (YScalar) n;
      try {
        if (s.kind() == Kind.INT) {
          return Math.toIntExact((Long) s.value());
        }
        if (s.kind() == Kind.FLOAT && ((Double) s.value()) == Math.rint((Double) s.value())) {
          return Math.toIntExact(Math.round((Double) s.value()));
        }
        if (s.kind() == Kind.STR) {
          return Integer.parseInt(((String) s.value()).strip());
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // reported below
      }
    }
    problems.error(p, n, "expected an integer, got " + YNode.describe(n));
    return INVALID;
  }

  /** A list of strings. */
  public Object stringList(YNode n, String p) {
    if (!(n instanceof YSeq)) {
      return fail(p, n, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    int i = 0;
    for (YNode item : ((YSeq) n).items()) {
      Object v = string(item, p + "[" + i++ + "]");
      if (v == INVALID) {
        ok = false;
      } else {
        out.add((String) v);
      }
    }
    return ok ? List.copyOf(out) : INVALID;
  }

  private Object stringOrList(YNode n, String p) {
    if (n instanceof YSeq) {
      return stringList(n, p);
    }
    Object v = string(n, p);
    return v == INVALID ? INVALID : List.of((String) v);
  }

  private Object filesToSync(YNode n, String p) {
    if (!(n instanceof YSeq)) {
      return fail(p, n, "a list of paths or {src, dest} mappings");
    }
    List<FilesToSyncItem> out = new ArrayList<>();
    boolean ok = true;
    int i = 0;
    for (YNode item : ((YSeq) n).items()) {
      String ip = p + "[" + i++ + "]";
      if (item instanceof YScalar && ((YScalar) item).kind() == Kind.STR) {
        out.add(FilesToSyncItem.of((String) ((YScalar) item).value()));
      } else if (item instanceof YMap) {
        YMap m = (YMap) item;
        Object src = null;
        Object dest = null;
        Object mkpath = false;
        Object delete = false;
        Object filters = List.of();
        for (Entry e : m.entries()) {
          String kp = ip + "." + e.key();
          switch (e.key()) {
            case "src": src = stringOrList(e.value(), kp); break;
            case "dest": dest = string(e.value(), kp); break;
            case "mkpath": mkpath = bool(e.value(), kp); break;
            case "delete": delete = bool(e.value(), kp); break;
            case "filters": filters = isNull(e.value()) ? List.of() : stringList(e.value(), kp); break;
            default:
              unknownNested(e, kp, List.of("src", "dest", "mkpath", "delete", "filters"));
              ok = false;
          }
        }
        if (src == null || dest == null) {
          problems.error(ip, item, "needs both 'src' and 'dest'");
          ok = false;
          continue;
        }
        if (src == INVALID || dest == INVALID || mkpath == INVALID || delete == INVALID || filters == INVALID) {
          ok = false;
          continue;
        }
        @SuppressWarnings("unchecked")
        List<String> srcList = (List<String>) src;
        @SuppressWarnings("unchecked")
        List<String> filterList = (List<String>) filters;
        out.add(new FilesToSyncItem(srcList, (String) dest, (Boolean) mkpath, (Boolean) delete, filterList));
      } else {
        fail(ip, item, "a path or a {src, dest} mapping");
        ok = false;
      }
    }
    return ok ? List.copyOf(out) : INVALID;
  }

  /** An unknown key inside a nested object. */
  public void unknownNested(Entry e, String p, List<String> valid) {
    String msg = "unknown key '" + e.key() + "'" + Suggest.closest(e.key(), valid)
        .map(s -> "; did you mean '" + s + "'?").orElse("; expected one of: " + String.join(", ", valid));
    problems.add(dev.packit.core.config.ConfigProblem.Severity.ERROR, p, e.line(), e.column(), msg);
  }

  private Object actions(YNode n, String p) {
    if (!(n instanceof YMap)) {
      return fail(p, n, "a mapping of action names to commands");
    }
    Map<ActionName, List<ActionCommand>> out = new LinkedHashMap<>();
    boolean ok = true;
    List<String> names = Arrays.stream(ActionName.values()).map(ActionName::yamlName).collect(Collectors.toList());
    for (Entry e : ((YMap) n).entries()) {
      String kp = p + "." + e.key();
      var name = ActionName.fromYaml(e.key());
      if (name.isEmpty()) {
        String msg = "unknown action '" + e.key() + "'" + Suggest.closest(e.key(), names)
            .map(s -> "; did you mean '" + s + "'?").orElse("; expected one of: " + String.join(", ", names));
        problems.add(dev.packit.core.config.ConfigProblem.Severity.ERROR, kp, e.line(), e.column(), msg);
        ok = false;
        continue;
      }
      List<ActionCommand> cmds = commands(e.value(), kp);
      if (cmds == null) {
        ok = false;
      } else {
        out.put(name.get(), cmds);
      }
    }
    return ok ? Collections.unmodifiableMap(out) : INVALID;
  }

  private List<ActionCommand> commands(YNode n, String p) {
    if (isNull(n)) {
      return List.of();
    }
    if (n instanceof YScalar) {
      ActionCommand c = command(((YScalar) n).text(), n, p);
      return c == null ? null : List.of(c);
    }
    if (n instanceof YMap) {
      fail(p, n, "a command string or a list of commands");
      return null;
    }
    List<ActionCommand> out = new ArrayList<>();
    int i = 0;
    for (YNode item : ((YSeq) n).items()) {
      String ip = p + "[" + i++ + "]";
      if (item instanceof YScalar && !isNull(item)) {
        ActionCommand c = command(((YScalar) item).text(), item, ip);
        if (c == null) {
          return null;
        }
        out.add(c);
      } else if (item instanceof YSeq) {
        List<String> argv = new ArrayList<>();
        for (YNode a : ((YSeq) item).items()) {
          if (!(a instanceof YScalar) || isNull(a)) {
            fail(ip, a, "a command argument");
            return null;
          }
          argv.add(((YScalar) a).text());
        }
        out.add(ActionCommand.ofArgv(argv));
      } else {
        fail(ip, item, "a command string or a list of arguments");
        return null;
      }
    }
    return List.copyOf(out);
  }

  private ActionCommand command(String text, YNode at, String p) {
    try {
      return ActionCommand.of(text);
    } catch (IllegalArgumentException e) {
      problems.error(p, at, "cannot split the command: " + e.getMessage());
      return null;
    }
  }

  private Object notifications(YNode n, String p) {
    if (!(n instanceof YMap)) {
      return fail(p, n, "a mapping");
    }
    boolean successful = false;
    String message = "";
    boolean create = true;
    boolean ok = true;
    for (Entry e : ((YMap) n).entries()) {
      String kp = p + "." + e.key();
      YMap inner = e.value() instanceof YMap ? (YMap) e.value() : null;
      if (!List.of("pull_request", "failure_comment", "failure_issue").contains(e.key())) {
        unknownNested(e, kp, List.of("pull_request", "failure_comment", "failure_issue"));
        ok = false;
        continue;
      }
      if (inner == null) {
        fail(kp, e.value(), "a mapping");
        ok = false;
        continue;
      }
      String only = e.key().equals("pull_request") ? "successful_build"
          : e.key().equals("failure_comment") ? "message" : "create";
      for (Entry ie : inner.entries()) {
        String ip = kp + "." + ie.key();
        if (!ie.key().equals(only)) {
          unknownNested(ie, ip, List.of(only));
          ok = false;
          continue;
        }
        Object v = only.equals("message") ? (isNull(ie.value()) ? "" : string(ie.value(), ip)) : bool(ie.value(), ip);
        if (v == INVALID) {
          ok = false;
        } else if (only.equals("successful_build")) {
          successful = (Boolean) v;
        } else if (only.equals("message")) {
          message = (String) v;
        } else {
          create = (Boolean) v;
        }
      }
    }
    return ok ? new Notifications(successful, message, create) : INVALID;
  }

  private Object sources(YNode n, String p) {
    if (!(n instanceof YSeq)) {
      return fail(p, n, "a list of {path, url} mappings");
    }
    List<SourceItem> out = new ArrayList<>();
    boolean ok = true;
    int i = 0;
    for (YNode item : ((YSeq) n).items()) {
      String ip = p + "[" + i++ + "]";
      if (!(item instanceof YMap)) {
        fail(ip, item, "a {path, url} mapping");
        ok = false;
        continue;
      }
      Object path = null;
      Object url = null;
      for (Entry e : ((YMap) item).entries()) {
        if (e.key().equals("path")) {
          path = string(e.value(), ip + ".path");
        } else if (e.key().equals("url")) {
          url = string(e.value(), ip + ".url");
        } else {
          unknownNested(e, ip + "." + e.key(), List.of("path", "url"));
          ok = false;
        }
      }
      if (path == null || url == null) {
        problems.error(ip, item, "needs both 'path' and 'url'");
        ok = false;
      } else if (path == INVALID || url == INVALID) {
        ok = false;
      } else {
        out.add(new SourceItem((String) path, (String) url));
      }
    }
    return ok ? List.copyOf(out) : INVALID;
  }

  private Object deployments(YNode n, String p) {
    if (!(n instanceof YSeq)) {
      return fail(p, n, "a list of dev, stg, prod");
    }
    List<Deployment> out = new ArrayList<>();
    boolean ok = true;
    int i = 0;
    for (YNode item : ((YSeq) n).items()) {
      String ip = p + "[" + i++ + "]";
      Object v = string(item, ip);
      Deployment d = null;
      if (v instanceof String) {
        for (Deployment x : Deployment.values()) {
          if (x.yamlName().equals(v)) {
            d = x;
          }
        }
        if (d == null) {
          problems.error(ip, item, "must be one of: dev, stg, prod; got '" + v + "'");
        }
      }
      if (d == null) {
        ok = false;
      } else {
        out.add(d);
      }
    }
    return ok ? List.copyOf(out) : INVALID;
  }

  private Object bootstrap(YNode n, String p) {
    if (n instanceof YScalar && ((YScalar) n).kind() == Kind.BOOL) {
      problems.error(p, n, "must be one of: default, on, off, image; got a boolean (YAML reads " + ((YScalar) n).text()
          + " as one); quote it: '" + ((YScalar) n).text() + "'");
      return INVALID;
    }
    Object v = string(n, p);
    if (v == INVALID) {
      return v;
    }
    for (MockBootstrap b : MockBootstrap.values()) {
      if (b.yamlName().equals(v)) {
        return b;
      }
    }
    problems.error(p, n, "must be one of: default, on, off, image; got '" + v + "'");
    return INVALID;
  }

  private Object targets(YNode n, String p, boolean jobLevel) {
    if (n instanceof YScalar && jobLevel) {
      Object v = string(n, p);
      return v == INVALID ? v : Targets.of((String) v);
    }
    if (n instanceof YSeq) {
      Object v = stringList(n, p);
      if (v == INVALID) {
        return v;
      }
      @SuppressWarnings("unchecked")
      List<String> l = (List<String>) v;
      return Targets.of(l.toArray(new String[0]));
    }
    if (!(n instanceof YMap)) {
      return fail(p, n, "a list of targets or a mapping of target to options"
          + (n instanceof YScalar ? " (a single string is only accepted inside a job)" : ""));
    }
    Map<String, TargetOptions> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Entry e : ((YMap) n).entries()) {
      String kp = p + "." + e.key();
      if (!(e.value() instanceof YMap)) {
        fail(kp, e.value(), "a mapping of options (use {} for none)");
        ok = false;
        continue;
      }
      Map<String, Object> opts = new LinkedHashMap<>();
      for (Entry o : ((YMap) e.value()).entries()) {
        String op = kp + "." + o.key();
        if (!TARGET_OPTION_KEYS.contains(o.key())) {
          unknownNested(o, op, TARGET_OPTION_KEYS);
          ok = false;
          continue;
        }
        Object v = o.key().equals("additional_modules") ? string(o.value(), op) : stringList(o.value(), op);
        if (v == INVALID) {
          ok = false;
        } else {
          opts.put(o.key(), v);
        }
      }
      out.put(e.key(), new TargetOptions(ls(opts, "distros"), ls(opts, "additional_packages"),
          ls(opts, "additional_repos"), (String) opts.getOrDefault("additional_modules", ""), ls(opts, "with_opts"),
          ls(opts, "without_opts")));
    }
    return ok ? new Targets(out, true) : INVALID;
  }

  @SuppressWarnings("unchecked")
  private static List<String> ls(Map<String, Object> m, String k) {
    return (List<String>) m.getOrDefault(k, List.of());
  }

  private Object distGitBranches(YNode n, String p, boolean jobLevel) {
    if (n instanceof YScalar && jobLevel) {
      Object v = string(n, p);
      return v == INVALID ? v : DistGitBranches.of((String) v);
    }
    if (n instanceof YSeq) {
      Object v = stringList(n, p);
      if (v == INVALID) {
        return v;
      }
      @SuppressWarnings("unchecked")
      List<String> l = (List<String>) v;
      return DistGitBranches.of(l);
    }
    if (!(n instanceof YMap)) {
      return fail(p, n, "a list of branches or a mapping of branch to {fast_forward_merge_into: [...]}"
          + (n instanceof YScalar ? " (a single string is only accepted inside a job)" : ""));
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Entry e : ((YMap) n).entries()) {
      String kp = p + "." + e.key();
      if (!(e.value() instanceof YMap)) {
        fail(kp, e.value(), "a mapping ({} or {fast_forward_merge_into: [...]})");
        ok = false;
        continue;
      }
      List<String> into = List.of();
      for (Entry o : ((YMap) e.value()).entries()) {
        String op = kp + "." + o.key();
        if (!o.key().equals("fast_forward_merge_into")) {
          unknownNested(o, op, List.of("fast_forward_merge_into"));
          ok = false;
          continue;
        }
        Object v = stringList(o.value(), op);
        if (v == INVALID) {
          ok = false;
        } else {
          @SuppressWarnings("unchecked")
          List<String> l = (List<String>) v;
          into = l;
        }
      }
      out.put(e.key(), into);
    }
    return ok ? DistGitBranches.mapping(out) : INVALID;
  }

  private Object specSourceId(YNode n, String p) {
    if (n instanceof YScalar) {
      YScalar s = (YScalar) n;
      if (s.kind() == Kind.INT) {
        return "Source" + s.value();
      }
      if (s.kind() == Kind.STR) {
        String t = (String) s.value();
        return t.strip().matches("[+-]?\\d+") ? "Source" + Integer.parseInt(t.strip()) : t;
      }
    }
    return fail(p, n, "a source number or a name like Source1");
  }

  private Object testCommand(YNode n, String p) {
    if (!(n instanceof YMap)) {
      return fail(p, n, "a mapping");
    }
    Object labels = List.of();
    Object id = "";
    for (Entry e : ((YMap) n).entries()) {
      String kp = p + "." + e.key();
      if (e.key().equals("default_labels")) {
        labels = isNull(e.value()) ? List.of() : stringList(e.value(), kp);
      } else if (e.key().equals("default_identifier")) {
        id = isNull(e.value()) ? "" : string(e.value(), kp);
      } else {
        unknownNested(e, kp, List.of("default_labels", "default_identifier"));
        return INVALID;
      }
    }
    if (labels == INVALID || id == INVALID) {
      return INVALID;
    }
    @SuppressWarnings("unchecked")
    List<String> l = (List<String>) labels;
    return new TestCommand(l, (String) id);
  }

  private Object require(YNode n, String p) {
    if (!(n instanceof YMap)) {
      return fail(p, n, "a mapping");
    }
    LabelRequirements out = LabelRequirements.NONE;
    for (Entry e : ((YMap) n).entries()) {
      String kp = p + "." + e.key();
      if (!e.key().equals("label")) {
        unknownNested(e, kp, List.of("label"));
        return INVALID;
      }
      if (isNull(e.value())) {
        continue;
      }
      if (!(e.value() instanceof YMap)) {
        return fail(kp, e.value(), "a mapping with present/absent");
      }
      Object present = List.of();
      Object absent = List.of();
      for (Entry l : ((YMap) e.value()).entries()) {
        String lp = kp + "." + l.key();
        if (l.key().equals("present")) {
          present = stringList(l.value(), lp);
        } else if (l.key().equals("absent")) {
          absent = stringList(l.value(), lp);
        } else {
          unknownNested(l, lp, List.of("present", "absent"));
          return INVALID;
        }
      }
      if (present == INVALID || absent == INVALID) {
        return INVALID;
      }
      @SuppressWarnings("unchecked")
      List<String> pr = (List<String>) present;
      @SuppressWarnings("unchecked")
      List<String> ab = (List<String>) absent;
      out = new LabelRequirements(pr, ab);
    }
    return out;
  }

  private Object osh(YNode n, String p) {
    if (!(n instanceof YMap)) {
      return fail(p, n, "a mapping");
    }
    Map<String, String> v = new LinkedHashMap<>();
    for (Entry e : ((YMap) n).entries()) {
      String kp = p + "." + e.key();
      if (!List.of("analyzer", "config", "profile").contains(e.key())) {
        unknownNested(e, kp, List.of("analyzer", "config", "profile"));
        return INVALID;
      }
      Object s = isNull(e.value()) ? "" : string(e.value(), kp);
      if (s == INVALID) {
        return INVALID;
      }
      v.put(e.key(), (String) s);
    }
    return new OshOptions(v.get("analyzer"), v.get("config"), v.get("profile"));
  }

  /** Converts a node to plain immutable Java values (Map, List, String, Long, Double, Boolean, null). */
  public static Object plain(YNode n) {
    if (n instanceof YScalar) {
      YScalar s = (YScalar) n;
      return s.kind() == Kind.TIMESTAMP ? s.text() : s.value();
    }
    if (n instanceof YSeq) {
      List<Object> l = new ArrayList<>();
      for (YNode i : ((YSeq) n).items()) {
        l.add(plain(i));
      }
      return Collections.unmodifiableList(l);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Entry e : ((YMap) n).entries()) {
      m.put(e.key(), plain(e.value()));
    }
    return Collections.unmodifiableMap(m);
  }

  /** Whether a typed value fits a key kind (for the builder). */
  public static boolean accepts(Keys.Kind kind, Object v) {
    switch (kind) {
      case STRING: case REPO_NAME: case SPEC_SOURCE_ID: return v instanceof String;
      case REGEX: return v instanceof String && dev.packit.core.config.ConfigRegex.problem((String) v).isEmpty();
      case BOOL: return v instanceof Boolean;
      case INT: case NON_NEG_INT: return v instanceof Integer;
      case STRING_LIST: return v instanceof List && ((List<?>) v).stream().allMatch(x -> x instanceof String);
      case DICT: return v instanceof Map;
      case FILES_TO_SYNC: return v instanceof List && ((List<?>) v).stream().allMatch(x -> x instanceof FilesToSyncItem);
      case ACTIONS: return v instanceof Map && ((Map<?, ?>) v).keySet().stream().allMatch(x -> x instanceof ActionName);
      case NOTIFICATIONS: return v instanceof Notifications;
      case SOURCES: return v instanceof List && ((List<?>) v).stream().allMatch(x -> x instanceof SourceItem);
      case DEPLOYMENTS: return v instanceof List && ((List<?>) v).stream().allMatch(x -> x instanceof Deployment);
      case BOOTSTRAP: return v instanceof MockBootstrap;
      case TARGETS: return v instanceof Targets;
      case DIST_GIT_BRANCHES: return v instanceof DistGitBranches;
      case SPECIFIERS: return v instanceof VersionSpecifiers;
      case TEST_COMMAND: return v instanceof TestCommand;
      case REQUIRE: return v instanceof LabelRequirements;
      case OSH_OPTIONS: return v instanceof OshOptions;
      default: return false;
    }
  }

  /** An immutable deep copy of lists and maps (records are already immutable). */
  public static Object freeze(Object v) {
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object o : (List<?>) v) {
        l.add(freeze(o));
      }
      return Collections.unmodifiableList(l);
    }
    if (v instanceof Map) {
      Map<Object, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put(k, freeze(x)));
      return Collections.unmodifiableMap(m);
    }
    return v;
  }
}
