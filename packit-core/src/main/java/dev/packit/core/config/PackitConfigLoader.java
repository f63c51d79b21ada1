package dev.packit.core.config;

import dev.packit.core.PackitClientException;
import dev.packit.core.internal.config.ConfigAssembler;
import dev.packit.core.internal.config.Problems;
import dev.packit.core.internal.config.YNode;
import dev.packit.core.internal.config.YamlReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds, reads and validates {@code .packit.yaml} files the way Packit does, collecting every problem.
 *
 * <pre>{@code
 * PackitConfig c = PackitConfigLoader.defaults().load(Path.of("/src/hello"));   // finds .packit.yaml
 * PackitConfig d = PackitConfigLoader.builder().repositoryName("hello").build()
 *     .load(bytesFromForge, "hello/.packit.yaml");
 * }</pre>
 *
 * <p>YAML is read safely: no custom tags or types, and bounded aliases, nesting and size, so a
 * "billion laughs" document is refused at once.
 */
public final class PackitConfigLoader {
  /** Packit's config file names, in the order they are looked for. */
  public static final List<String> CONFIG_FILE_NAMES = List.of(".packit.yaml", ".packit.yml", "packit.yaml", "packit.yml");

  private final String repositoryName;
  private final SpecfileFinder specfileFinder;
  private final boolean searchSpecfiles;
  private final int maxConfigBytes;

  /** The default size limit of a config file: 1 MiB (real ones are a few KiB). */
  public static final int DEFAULT_MAX_CONFIG_BYTES = 1024 * 1024;

  /**
   * Finds a spec file for a package that sets neither {@code specfile_path} nor
   * {@code downstream_package_name} (Packit searches the repository).
   *
   * <pre>{@code
   * SpecfileFinder f = (pkg, paths) -> Optional.of("rpm/" + pkg + ".spec");
   * }</pre>
   */
  @FunctionalInterface
  public interface SpecfileFinder {
    /**
     * Looks for a spec file.
     *
     * @param packageName the package key
     * @param paths the package's {@code paths}
     * @return a path relative to the repository, if one was found
     */
    Optional<String> find(String packageName, List<String> paths);
  }

  private PackitConfigLoader(Builder b) {
    this.repositoryName = b.repositoryName;
    this.specfileFinder = b.specfileFinder;
    this.searchSpecfiles = b.searchSpecfiles;
    this.maxConfigBytes = b.maxConfigBytes;
  }

  /** A loader that takes the repository name from the config file's directory. */
  public static PackitConfigLoader defaults() {
    return builder().build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Finds the config file in a repository's top-level directory ({@link #CONFIG_FILE_NAMES} order).
   *
   * @param directory the repository work tree
   * @return the file, if any
   */
  public static Optional<Path> find(Path directory) {
    for (String name : CONFIG_FILE_NAMES) {
      Path p = directory.resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Picks the config file among the names a forge lists for the repository root (as Packit's service does).
   *
   * @param fileNames file names at the top level of the repository
   * @return the first config file name in Packit's order, if any
   */
  public static Optional<String> pick(List<String> fileNames) {
    return CONFIG_FILE_NAMES.stream().filter(fileNames::contains).findFirst();
  }

  /**
   * Loads a config file, or the config found in a repository directory.
   *
   * @param fileOrDirectory the file or repository directory
   * @return the model
   * @throws InvalidConfigException when Packit would reject it
   * @throws PackitClientException when the file cannot be read or none is found
   */
  public PackitConfig load(Path fileOrDirectory) {
    return validate(fileOrDirectory).orThrow();
  }

  /**
   * Loads YAML text.
   *
   * @param yaml the content
   * @param sourceName the name used in messages, e.g. {@code ".packit.yaml"}
   * @return the model
   * @throws InvalidConfigException when Packit would reject it
   */
  public PackitConfig load(String yaml, String sourceName) {
    return validate(yaml, sourceName).orThrow();
  }

  /**
   * Loads YAML bytes (UTF-8), e.g. fetched from a forge.
   *
   * @param yaml the content
   * @param sourceName the name used in messages
   * @return the model
   * @throws InvalidConfigException when Packit would reject it
   */
  public PackitConfig load(byte[] yaml, String sourceName) {
    return validate(yaml, sourceName).orThrow();
  }

  /**
   * Validates a config file (or the config in a repository directory) without throwing on problems.
   *
   * @param fileOrDirectory the file or directory
   * @return the verdict
   * @throws PackitClientException when the file cannot be read or none is found
   */
  public ConfigLoadResult validate(Path fileOrDirectory) {
    Path file = fileOrDirectory;
    if (Files.isDirectory(fileOrDirectory)) {
      file = find(fileOrDirectory).orElseThrow(() -> new PackitClientException(
          "no Packit config (" + String.join(", ", CONFIG_FILE_NAMES) + ") in " + fileOrDirectory));
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxConfigBytes) {
        return tooLarge(file.toString(), size); // refused before it is read
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PackitClientException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    Builder b = toBuilder();
    if (b.repositoryName.isEmpty() && dir != null && dir.getFileName() != null) {
      b.repositoryName = dir.getFileName().toString();
    }
    if (b.specfileFinder == null && searchSpecfiles && dir != null) {
      b.specfileFinder = (pkg, paths) -> searchSpec(dir, paths);
    }
    return b.build().validate(bytes, file.toString());
  }

  /**
   * Validates YAML bytes (UTF-8).
   *
   * @param yaml the content
   * @param sourceName the name used in messages
   * @return the verdict
   */
  public ConfigLoadResult validate(byte[] yaml, String sourceName) {
    if (yaml.length > maxConfigBytes) {
      return tooLarge(sourceName, yaml.length);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(yaml)).toString();
    } catch (CharacterCodingException e) {
      Problems p = new Problems(sourceName);
      int[] at = firstMalformed(yaml);
      p.add(ConfigProblem.Severity.ERROR, "", at[0], at[1], "the file is not UTF-8 text");
      return new ConfigLoadResult(sourceName, Optional.empty(), p.errors(), p.warnings());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return validate(text, sourceName);
  }

  /**
   * Validates YAML text.
   *
   * @param yaml the content
   * @param sourceName the name used in messages
   * @return the verdict
   */
  public ConfigLoadResult validate(String yaml, String sourceName) {
    Objects.requireNonNull(yaml, "yaml");
    Problems problems = new Problems(Objects.requireNonNull(sourceName, "sourceName"));
    YNode root;
    try {
      YamlReader.Limits d = YamlReader.Limits.DEFAULT;
      root = YamlReader.read(yaml, new YamlReader.Limits(d.maxAliasesForCollections(), d.maxNestingDepth(),
          maxConfigBytes, d.maxNodes()), problems);
    } catch (YamlReader.YamlError e) {
      problems.add(ConfigProblem.Severity.ERROR, "", e.line(), e.column(), e.getMessage());
      return new ConfigLoadResult(sourceName, Optional.empty(), problems.errors(), problems.warnings());
    }
    PackitConfig config = new ConfigAssembler(problems, repositoryName, specfileFinder).assemble(root);
    if (problems.hasErrors()) {
      return new ConfigLoadResult(sourceName, Optional.empty(), problems.errors(), problems.warnings());
    }
    return new ConfigLoadResult(sourceName, Optional.of(config), List.of(), problems.warnings());
  }

  private static Optional<String> searchSpec(Path dir, List<String> paths) {
    // Packit: *.spec at the top first, then a (deprecated) recursive search that skips tests/.
    try (Stream<Path> s = Files.list(dir)) {
      Optional<Path> top = s.filter(p -> p.getFileName().toString().endsWith(".spec") && Files.isRegularFile(p)).sorted().findFirst();
      if (top.isPresent()) {
        return Optional.of(top.get().getFileName().toString());
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(dir, 8)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".spec") && Files.isRegularFile(p))
          .map(dir::relativize)
          .filter(p -> !p.startsWith("tests") && !p.startsWith(".git"))
          .map(p -> p.toString().replace('\\', '/'))
          .sorted().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private ConfigLoadResult tooLarge(String sourceName, long size) {
    Problems p = new Problems(sourceName);
    p.add(ConfigProblem.Severity.ERROR, "", 0, 0, "the config is " + size + " bytes, more than the limit of "
        + maxConfigBytes + " bytes (PackitConfigLoader.Builder.maxConfigBytes)");
    return new ConfigLoadResult(sourceName, Optional.empty(), p.errors(), p.warnings());
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.maxConfigBytes = maxConfigBytes;
    b.repositoryName = repositoryName;
    b.specfileFinder = specfileFinder;
    b.searchSpecfiles = searchSpecfiles;
    return b;
  }

  /** Line and column (1-based) of the first byte that is not UTF-8, so the error can point at it. */
  private static int[] firstMalformed(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.length + 1), true);
    int bad = in.position();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < bad; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1};
  }

  /** Configures a {@link PackitConfigLoader}. */
  public static final class Builder {
    private String repositoryName = "";
    private SpecfileFinder specfileFinder;
    private boolean searchSpecfiles = true;
    private int maxConfigBytes = DEFAULT_MAX_CONFIG_BYTES;

    private Builder() {}

    /**
     * The largest config accepted, in bytes (and characters for text loads); a larger one is an
     * error naming this limit and the file, checked before a file is read.
     *
     * @param bytes the limit, default {@link #DEFAULT_MAX_CONFIG_BYTES}
     * @return this builder
     */
    public Builder maxConfigBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxConfigBytes must be positive: " + bytes);
      }
      this.maxConfigBytes = bytes;
      return this;
    }

    /**
     * The repository name: the default of {@code downstream_package_name} and {@code upstream_package_name}
     * (Packit uses the forge repository's name). For path loads it defaults to the directory name.
     *
     * @param name the repository name
     * @return this builder
     */
    public Builder repositoryName(String name) {
      this.repositoryName = Objects.requireNonNull(name);
      return this;
    }

    /**
     * How to find a spec file when a package names none (Packit searches the repository). Without
     * one, text loads leave {@code specfile_path} unset and path loads search the config's directory.
     *
     * @param finder the finder
     * @return this builder
     */
    public Builder specfileFinder(SpecfileFinder finder) {
      this.specfileFinder = Objects.requireNonNull(finder);
      return this;
    }

    /**
     * Whether path loads search the config's directory for a spec file (default true).
     *
     * @param search whether to search
     * @return this builder
     */
    public Builder searchSpecfiles(boolean search) {
      this.searchSpecfiles = search;
      return this;
    }

    /** Builds the loader. */
    public PackitConfigLoader build() {
      return new PackitConfigLoader(this);
    }
  }
}
