package dev.packit.bot.config;

import dev.packit.bot.internal.config.BotConfigBinder;
import dev.packit.bot.internal.config.Section;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.config.ConfigProblem;
import dev.packit.core.config.InvalidConfigException;
import dev.packit.core.internal.config.Problems;
import dev.packit.core.internal.config.Suggest;
import dev.packit.core.internal.config.YNode;
import dev.packit.core.internal.config.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bot's config file ({@code packit-bot.yaml}, see {@code docs/bot-config.md}): YAML read
 * safely, every problem reported at once with {@code file:line:column: key: message} and a
 * did-you-mean for unknown keys, environment variables over the file's values
 * ({@code PACKIT_BOT_HTTP_PORT} for {@code http.port}), secrets from files that are read when used.
 *
 * <pre>{@code
 * BotConfig config = BotConfigLoader.builder().build().load(Path.of("/etc/packit-bot/packit-bot.yaml"));
 * // or, to list every problem without throwing:
 * BotConfigLoader.builder().build().problems(Path.of("packit-bot.yaml")).forEach(System.err::println);
 * }</pre>
 */
public final class BotConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(BotConfigLoader.class);

  /** The largest config file read: 1 MiB (a real one is a few KiB). */
  public static final int MAX_CONFIG_CHARS = 1 << 20;

  /** The variable that names the config file for the bot's main; not a setting override. */
  public static final String CONFIG_VARIABLE = "PACKIT_BOT_CONFIG";

  private final Map<String, String> environment;
  private final boolean checkSecretFiles;

  private BotConfigLoader(Builder b) {
    this.environment = Map.copyOf(b.environment);
    this.checkSecretFiles = b.checkSecretFiles;
  }

  /**
   * A builder with the process environment and secret-file checks on.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options of a loader.
   *
   * <pre>{@code
   * BotConfigLoader loader = BotConfigLoader.builder().environment(Map.of("PACKIT_BOT_HTTP_PORT", "9090")).build();
   * }</pre>
   */
  public static final class Builder {
    private Map<String, String> environment = System.getenv();
    private boolean checkSecretFiles = true;

    private Builder() {}

    /**
     * The environment overrides and {@code CREDENTIALS_DIRECTORY}/{@code STATE_DIRECTORY} come
     * from; default {@link System#getenv()}.
     *
     * @param env the variables
     * @return this builder
     */
    public Builder environment(Map<String, String> env) {
      this.environment = Objects.requireNonNull(env, "env");
      return this;
    }

    /**
     * Whether secret files must exist and not be readable by others at load time (default true;
     * false to check a config on another machine than the bot's).
     *
     * @param check whether to check
     * @return this builder
     */
    public Builder checkSecretFiles(boolean check) {
      this.checkSecretFiles = check;
      return this;
    }

    /**
     * Builds the loader.
     *
     * @return the loader
     */
    public BotConfigLoader build() {
      return new BotConfigLoader(this);
    }
  }

  /**
   * Loads a config file; relative paths in it are relative to its folder.
   *
   * @param file the file
   * @return the config
   * @throws InvalidConfigException listing every error
   * @throws InvalidInputException when the file cannot be read
   */
  public BotConfig load(Path file) {
    return load(read(file), file.toString(), file.toAbsolutePath().getParent());
  }

  /**
   * Loads config text.
   *
   * @param yaml the text
   * @param sourceName the name errors show (the file's path)
   * @param baseDir what relative paths are relative to
   * @return the config
   * @throws InvalidConfigException listing every error
   */
  public BotConfig load(String yaml, String sourceName, Path baseDir) {
    Outcome o = bind(yaml, sourceName, baseDir);
    o.warnings.forEach(w -> LOG.warn("{}", w));
    if (!o.errors.isEmpty()) {
      throw new InvalidConfigException(o.errors, o.warnings);
    }
    return o.config;
  }

  /**
   * Every error and warning of a config file, without throwing: for a {@code --check} option.
   *
   * @param file the file
   * @return errors first, then warnings; empty when all is well
   * @throws InvalidInputException when the file cannot be read
   */
  public List<ConfigProblem> problems(Path file) {
    Outcome o = bind(read(file), file.toString(), file.toAbsolutePath().getParent());
    List<ConfigProblem> all = new ArrayList<>(o.errors);
    all.addAll(o.warnings);
    return all;
  }

  /**
   * Every environment variable that overrides a setting, in the order of the reference.
   *
   * @return the names, such as {@code PACKIT_BOT_HTTP_PORT}
   */
  public static List<String> environmentVariables() {
    Section.Context ctx = new Section.Context(new Problems("-"), new Problems("-"), Map.of(), Path.of("."), false);
    BotConfigBinder.bind(Section.root(ctx, null), Map.of(), Path.of("."));
    return List.copyOf(ctx.knownEnv());
  }

  private record Outcome(BotConfig config, List<ConfigProblem> errors, List<ConfigProblem> warnings) {}

  private Outcome bind(String yaml, String sourceName, Path baseDir) {
    Problems file = new Problems(sourceName);
    Problems env = new Problems("environment");
    YNode root = null;
    try {
      YamlReader.Limits d = YamlReader.Limits.DEFAULT;
      root = YamlReader.read(yaml, new YamlReader.Limits(d.maxAliasesForCollections(), d.maxNestingDepth(),
          MAX_CONFIG_CHARS, d.maxNodes()), file);
    } catch (YamlReader.YamlError e) {
      file.add(ConfigProblem.Severity.ERROR, "", e.line(), e.column(), e.getMessage());
      return new Outcome(null, file.errors(), file.warnings());
    }
    if (root != null && !(root instanceof YNode.YMap)) {
      file.error("", root, "the bot's config must be a mapping of settings, not " + YNode.describe(root));
      return new Outcome(null, file.errors(), file.warnings());
    }
    Section.Context ctx = new Section.Context(file, env, environment, baseDir, checkSecretFiles);
    BotConfig config = BotConfigBinder.bind(Section.root(ctx, root), environment, baseDir);
    // PACKIT_BOT_* variables that set nothing: a typo, or the sample bot's older names
    Set<String> known = ctx.knownEnv();
    for (String name : new TreeMap<>(environment).keySet()) {
      if (name.startsWith("PACKIT_BOT_") && !known.contains(name) && !name.equals(CONFIG_VARIABLE)) {
        env.add(ConfigProblem.Severity.WARNING, "", 0, 0, name + " sets no setting and is ignored"
            + Suggest.closest(name, known).map(s -> "; did you mean " + s + "?").orElse(""));
      }
    }
    List<ConfigProblem> errors = new ArrayList<>(file.errors());
    errors.addAll(env.errors());
    List<ConfigProblem> warnings = new ArrayList<>(file.warnings());
    warnings.addAll(env.warnings());
    return new Outcome(config, errors, warnings);
  }

  private static String read(Path file) {
    try {
      if (Files.size(file) > MAX_CONFIG_CHARS * 4L) {
        throw new InvalidInputException(new InputLocation(file.toString(), 0, 0, ""),
            "the config file is larger than " + MAX_CONFIG_CHARS + " characters");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(new InputLocation(file.toString(), 0, 0, ""),
          "cannot read the bot's config file: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }
}
