package dev.packit.bot.internal.config;

import dev.packit.bot.config.SecretFile;
import dev.packit.core.config.ConfigProblem.Severity;
import dev.packit.core.internal.config.Problems;
import dev.packit.core.internal.config.Suggest;
import dev.packit.core.internal.config.YNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the bot's config file being read: typed getters that remember which keys exist
 * (so {@link #finish()} can name unknown ones with a did-you-mean), take an environment variable
 * over the file's value, and record every problem with its position instead of stopping at the first.
 */
public final class Section {
  /** What every section of one load shares. */
  public static final class Context {
    final Problems file;
    final Problems environment;
    final Map<String, String> env;
    final Path baseDir;
    final boolean checkSecretFiles;
    final Set<String> knownEnv = new LinkedHashSet<>();

    /**
     * Creates a context.
     *
     * @param file problems in the file
     * @param environment problems in environment variables
     * @param env the environment
     * @param baseDir what relative paths are relative to (the config file's folder)
     * @param checkSecretFiles whether secret files must exist and not be readable by others
     */
    public Context(Problems file, Problems environment, Map<String, String> env, Path baseDir, boolean checkSecretFiles) {
      this.file = file;
      this.environment = environment;
      this.env = env;
      this.baseDir = baseDir;
      this.checkSecretFiles = checkSecretFiles;
    }

    /** Every environment variable name the sections asked for, in order. */
    public Set<String> knownEnv() {
      return knownEnv;
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Context ctx;
  private final YNode.YMap map;
  private final int line;
  private final int column;
  private final String path;
  private final boolean envAllowed;
  private final Set<String> known = new LinkedHashSet<>();

  /** {@code line} and {@code column}: where the section's key is, for problems with a key that is missing. */
  private Section(Context ctx, YNode.YMap map, int line, int column, String path, boolean envAllowed) {
    this.ctx = ctx;
    this.map = map;
    this.line = line;
    this.column = column;
    this.path = path;
    this.envAllowed = envAllowed;
  }

  /**
   * The document's root.
   *
   * @param ctx the shared context
   * @param root the root node, null for an empty document
   * @return the section
   */
  public static Section root(Context ctx, YNode root) {
    if (root != null && !(root instanceof YNode.YMap)) {
      ctx.file.error("", root, "the bot's config must be a mapping of settings, not " + YNode.describe(root));
      return new Section(ctx, null, root.line(), root.column(), "", true);
    }
    return new Section(ctx, (YNode.YMap) root, root == null ? 0 : 1, root == null ? 0 : 1, "", true);
  }

  /** The key path of this section ({@code history}), empty for the root. */
  public String path() {
    return path;
  }

  private String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The environment variable that overrides a key of this section: PACKIT_BOT_ + path in upper case. */
  String envName(String key) {
    return "PACKIT_BOT_" + keyPath(key).replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private YNode node(String key) {
    known.add(key);
    if (map == null) {
      return null;
    }
    YNode.Entry e = map.get(key);
    return e == null || e.value() instanceof YNode.YScalar s && s.kind() == YNode.Kind.NULL ? null : e.value();
  }

  /** A value from the environment or the file, as text, or null when neither has it. */
  private Value value(String key) {
    YNode n = node(key);
    if (envAllowed) {
      String name = envName(key);
      ctx.knownEnv.add(name);
      String v = ctx.env.get(name);
      if (v != null) {
        return new Value(keyPath(key), v, null, name);
      }
    }
    if (n == null) {
      return null;
    }
    if (!(n instanceof YNode.YScalar s)) {
      ctx.file.error(keyPath(key), n, "expected a single value, got " + YNode.describe(n));
      return null;
    }
    return new Value(keyPath(key), s.text(), s, null);
  }

  /** One raw value and where it came from, to report problems at the right place. */
  private final class Value {
    final String keyPath;
    final String text;
    final YNode.YScalar node;
    final String envName;

    Value(String keyPath, String text, YNode.YScalar node, String envName) {
      this.keyPath = keyPath;
      this.text = text;
      this.node = node;
      this.envName = envName;
    }

    void error(String message) {
      if (envName != null) {
        ctx.environment.add(Severity.ERROR, keyPath, 0, 0, envName + "='" + text + "': " + message);
      } else {
        ctx.file.error(keyPath, node, message);
      }
    }
  }

  /**
   * A string.
   *
   * @param key the key
   * @param def the default
   * @return the value
   */
  public String string(String key, String def) {
    Value v = value(key);
    if (v == null) {
      return def;
    }
    if (v.node != null && v.node.kind() != YNode.Kind.STR) {
      v.error("expected a string, got " + YNode.describe(v.node) + " (quote it)");
      return def;
    }
    return v.text.strip();
  }

  /**
   * An optional string.
   *
   * @param key the key
   * @return the value or empty
   */
  public Optional<String> optString(String key) {
    String s = string(key, null);
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /**
   * An integer in a range.
   *
   * @param key the key
   * @param def the default
   * @param min the least allowed
   * @param max the most allowed
   * @return the value
   */
  public long integer(String key, long def, long min, long max) {
    Value v = value(key);
    if (v == null) {
      return def;
    }
    long n;
    if (v.node != null && v.node.kind() == YNode.Kind.INT) {
      n = (Long) v.node.value();
    } else if (v.node == null) {
      try {
        n = Long.parseLong(v.text.strip());
      } catch (NumberFormatException e) {
        v.error("expected a whole number");
        return def;
      }
    } else {
      v.error("expected a whole number, got " + YNode.describe(v.node));
      return def;
    }
    if (n < min || n > max) {
      v.error("must be " + min + ".." + max + ", got " + n);
      return def;
    }
    return n;
  }

  /**
   * A boolean.
   *
   * @param key the key
   * @param def the default
   * @return the value
   */
  public boolean bool(String key, boolean def) {
    Value v = value(key);
    if (v == null) {
      return def;
    }
    if (v.node != null && v.node.kind() == YNode.Kind.BOOL) {
      return (Boolean) v.node.value();
    }
    if (v.node == null) {
      String t = v.text.strip().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("yes") || t.equals("1")) {
        return true;
      }
      if (t.equals("false") || t.equals("no") || t.equals("0")) {
        return false;
      }
      v.error("expected true or false");
      return def;
    }
    v.error("expected true or false, got " + YNode.describe(v.node));
    return def;
  }

  /**
   * A duration: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, combinations such as
   * {@code 1h30m}, or ISO-8601 ({@code PT15M}).
   *
   * @param key the key
   * @param def the default
   * @param min the shortest allowed
   * @param max the longest allowed
   * @return the value
   */
  public Duration duration(String key, Duration def, Duration min, Duration max) {
    Value v = value(key);
    if (v == null) {
      return def;
    }
    Duration d = parseDuration(v.text.strip());
    if (d == null) {
      v.error("expected a duration such as 30s, 15m, 1h30m or PT15M");
      return def;
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      v.error("must be between " + human(min) + " and " + human(max) + ", got " + human(d));
      return def;
    }
    return d;
  }

  static Duration parseDuration(String t) {
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end && !t.substring(end, m.start()).isBlank()) {
        return null;
      }
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    return end == 0 || end != t.length() ? null : total;
  }

  private static String human(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /**
   * An absolute URI with one of the given schemes and no password in it.
   *
   * @param key the key
   * @param schemes the allowed schemes
   * @return the value or empty
   */
  public Optional<URI> uri(String key, List<String> schemes) {
    Value v = value(key);
    if (v == null || v.text.isBlank()) {
      return Optional.empty();
    }
    URI u;
    try {
      u = new URI(v.text.strip());
    } catch (URISyntaxException e) {
      v.error("not a valid URL: " + e.getReason());
      return Optional.empty();
    }
    if (!u.isAbsolute() || u.getHost() == null) {
      v.error("expected an absolute URL with a host, such as " + schemes.get(0) + "://example.org/");
      return Optional.empty();
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.contains(scheme)) {
      v.error("the scheme must be " + String.join(" or ", schemes) + ", got " + scheme);
      return Optional.empty();
    }
    if (u.getRawUserInfo() != null && u.getRawUserInfo().contains(":")) {
      // never repeat the URL: it holds the password
      String where = v.envName != null ? v.envName : keyPath(key);
      if (v.envName != null) {
        ctx.environment.add(Severity.ERROR, v.keyPath, 0, 0, where
            + ": the URL holds a password; put the password in a file (the section's password_file)");
      } else {
        ctx.file.error(v.keyPath, v.node, "the URL holds a password; put the password in a file (the section's password_file)");
      }
      return Optional.empty();
    }
    return Optional.of(u);
  }

  /**
   * A URI with a default.
   *
   * @param key the key
   * @param schemes the allowed schemes
   * @param def the default
   * @return the value
   */
  public URI uri(String key, List<String> schemes, URI def) {
    return uri(key, schemes).orElse(def);
  }

  /**
   * A path; relative ones are relative to the config file's folder, {@code %d/} is systemd's
   * credentials folder ({@code $CREDENTIALS_DIRECTORY}).
   *
   * @param key the key
   * @return the absolute path or empty
   */
  public Optional<Path> path(String key) {
    Value v = value(key);
    if (v == null || v.text.isBlank()) {
      return Optional.empty();
    }
    return resolve(v);
  }

  private Optional<Path> resolve(Value v) {
    String t = v.text.strip();
    if (t.startsWith("%d/")) {
      String creds = ctx.env.get("CREDENTIALS_DIRECTORY");
      if (creds == null || creds.isEmpty()) {
        v.error("%d/ is systemd's credentials folder, but CREDENTIALS_DIRECTORY is not set "
            + "(LoadCredential= in the unit sets it)");
        return Optional.empty();
      }
      return Optional.of(Path.of(creds).resolve(t.substring(3)).normalize());
    }
    try {
      return Optional.of(ctx.baseDir.resolve(t).toAbsolutePath().normalize());
    } catch (RuntimeException e) {
      v.error("not a valid path");
      return Optional.empty();
    }
  }

  /**
   * A secret file: it must exist, be a regular file and not be readable by others. Its content is
   * not read here.
   *
   * @param key the key
   * @return the secret file or empty
   */
  public Optional<SecretFile> secret(String key) {
    Value v = value(key);
    if (v == null || v.text.isBlank()) {
      return Optional.empty();
    }
    Optional<Path> p = resolve(v);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    Path f = p.get();
    if (ctx.checkSecretFiles) {
      if (!Files.isRegularFile(f)) {
        v.error("secret file " + f + " does not exist or is not a regular file");
        return Optional.empty();
      }
      if (!Files.isReadable(f)) {
        v.error("secret file " + f + " is not readable by this user");
        return Optional.empty();
      }
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
          v.error("secret file " + f + " is readable or writable by every user on the machine; chmod o-rw "
              + f + " (or use systemd's LoadCredential=)");
          return Optional.empty();
        }
      } catch (UnsupportedOperationException | IOException e) {
        // no POSIX permissions here (Windows): nothing to check
      }
    }
    return Optional.of(new SecretFile(f, keyPath(key)));
  }

  /**
   * One of a list of named options (for value types such as {@code ForgeKind} that are no enum).
   *
   * @param key the key
   * @param options the options
   * @param name an option's name, as written in the file
   * @param def the default
   * @param <T> the option type
   * @return the value
   */
  public <T> T choice(String key, List<T> options, java.util.function.Function<T, String> name, T def) {
    Value v = value(key);
    if (v == null) {
      return def;
    }
    List<String> names = options.stream().map(o -> name.apply(o).toLowerCase(Locale.ROOT)).toList();
    // '-' and '_' are one character to the reader: in-process and in_process name one option
    List<String> plain = names.stream().map(n -> n.replace('-', '_')).toList();
    String t = v.text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    int i = plain.indexOf(t);
    if (i < 0) {
      v.error("must be one of " + String.join(", ", names)
          + Suggest.closest(t, names).map(s -> "; did you mean '" + s + "'?").orElse(""));
      return def;
    }
    return options.get(i);
  }

  /**
   * One of an enum's constants, written in lower case with {@code _} ({@code in_process}).
   *
   * @param key the key
   * @param type the enum
   * @param def the default
   * @param <E> the enum type
   * @return the value
   */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E def) {
    return choice(key, Arrays.asList(type.getEnumConstants()), Enum::name, def);
  }


  /**
   * A list of strings; from the environment, comma-separated.
   *
   * @param key the key
   * @return the values
   */
  public List<String> stringList(String key) {
    YNode n = node(key);
    if (envAllowed) {
      String name = envName(key);
      ctx.knownEnv.add(name);
      String v = ctx.env.get(name);
      if (v != null) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      }
    }
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof YNode.YSeq seq)) {
      ctx.file.error(keyPath(key), n, "expected a list, got " + YNode.describe(n));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      YNode item = seq.items().get(i);
      if (item instanceof YNode.YScalar s && s.kind() == YNode.Kind.STR && !s.text().isBlank()) {
        out.add(s.text().strip());
      } else {
        ctx.file.error(keyPath(key) + "[" + i + "]", item, "expected a string, got " + YNode.describe(item));
      }
    }
    return List.copyOf(out);
  }

  /**
   * A nested mapping; an empty section when absent.
   *
   * @param key the key
   * @return the section
   */
  public Section section(String key) {
    YNode n = node(key);
    if (n == null) {
      // a missing section's problems point at its parent
      return new Section(ctx, null, line, column, keyPath(key), envAllowed);
    }
    YNode.Entry e = map.get(key);
    if (!(n instanceof YNode.YMap m)) {
      ctx.file.error(keyPath(key), n, "expected a mapping of settings, got " + YNode.describe(n));
      return new Section(ctx, null, e.line(), e.column(), keyPath(key), envAllowed);
    }
    return new Section(ctx, m, e.line(), e.column(), keyPath(key), envAllowed);
  }

  /**
   * A list of mappings; environment variables do not reach inside it.
   *
   * @param key the key
   * @return the sections
   */
  public List<Section> sections(String key) {
    YNode n = node(key);
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof YNode.YSeq seq)) {
      ctx.file.error(keyPath(key), n, "expected a list of mappings, got " + YNode.describe(n));
      return List.of();
    }
    List<Section> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      YNode item = seq.items().get(i);
      String p = keyPath(key) + "[" + i + "]";
      if (item instanceof YNode.YMap m) {
        out.add(new Section(ctx, m, m.line(), m.column(), p, false));
      } else {
        ctx.file.error(p, item, "expected a mapping of settings, got " + YNode.describe(item));
      }
    }
    return out;
  }

  /** Whether the file or the environment sets a key. */
  public boolean has(String key) {
    boolean inFile = map != null && map.get(key) != null;
    return inFile || (envAllowed && ctx.env.containsKey(envName(key)));
  }

  /**
   * Records an error about this section (a missing key, keys that do not fit together), at the
   * key when it is there, else at the section.
   *
   * @param key the key, or empty for the section itself
   * @param message what is wrong and how to fix it
   */
  public void error(String key, String message) {
    YNode.Entry e = map == null || key.isEmpty() ? null : map.get(key);
    String p = key.isEmpty() ? path : keyPath(key);
    ctx.file.add(Severity.ERROR, p, e != null ? e.line() : line, e != null ? e.column() : column, message);
  }

  /**
   * Records that a key is missing because another key asks for it, at the key that asks.
   *
   * @param because the key that makes the other one necessary ({@code kind})
   * @param missing the missing key
   * @param message what to add
   */
  public void missing(String because, String missing, String message) {
    YNode.Entry e = map == null ? null : map.get(because);
    ctx.file.add(Severity.ERROR, keyPath(missing), e != null ? e.line() : line, e != null ? e.column() : column, message);
  }

  /**
   * Records a warning about a key of this section.
   *
   * @param key the key
   * @param message what may be wrong
   */
  public void warning(String key, String message) {
    YNode.Entry e = map == null ? null : map.get(key);
    String p = key.isEmpty() ? path : keyPath(key);
    ctx.file.add(Severity.WARNING, p, e != null ? e.line() : line, e != null ? e.column() : column, message);
  }

  /** Reports every key of this mapping that no getter asked for, with the closest known key. */
  public void finish() {
    if (map == null) {
      return;
    }
    for (YNode.Entry e : map.entries()) {
      if (!known.contains(e.key())) {
        String hint = Suggest.closest(e.key(), known).map(s -> "; did you mean '" + s + "'?")
            .orElse("; known keys: " + String.join(", ", known));
        ctx.file.add(Severity.ERROR, keyPath(e.key()), e.line(), e.column(), "unknown key" + hint);
      }
    }
  }
}
