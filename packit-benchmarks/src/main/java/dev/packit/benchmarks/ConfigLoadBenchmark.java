package dev.packit.benchmarks;

import dev.packit.core.config.ConfigLoadResult;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code .packit.yaml} load time: a large real config with many anchors (oamg/leapp, 85 aliases; a
 * generated one of similar size when the fixtures are absent), a minimal one, and how fast a
 * "billion laughs" document is refused; the baselines are SnakeYAML's plain {@code load} of the same
 * documents, in the same run.
 *
 * <pre>{@code
 * ./mvnw -q -pl packit-benchmarks -am package -DskipTests
 * java -cp "packit-benchmarks/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main ConfigLoadBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConfigLoadBenchmark {
  private final PackitConfigLoader loader = PackitConfigLoader.builder().repositoryName("leapp").build();
  private byte[] large;
  private String small;
  private String laughs;

  /** Reads or generates the documents. */
  @Setup
  public void setup() throws IOException {
    Path fixture = Path.of("..", "shared", "fixtures", "packit-yaml", "oamg__leapp__.packit.yaml");
    if (!Files.isRegularFile(fixture)) {
      fixture = Path.of("..", "..", "shared", "fixtures", "packit-yaml", "oamg__leapp__.packit.yaml");
    }
    if (Files.isRegularFile(fixture)) {
      large = Files.readAllBytes(fixture);
    } else {
      StringBuilder b = new StringBuilder("specfile_path: leapp.spec\n_:\n  base: &base\n    job: tests\n"
          + "    trigger: pull_request\n    targets: [fedora-all, epel-9]\n    env: {A: '1'}\njobs:\n");
      for (int i = 0; i < 85; i++) {
        b.append("- <<: *base\n  identifier: t").append(i).append('\n');
      }
      large = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    small = "specfile_path: hello.spec\njobs:\n- job: propose_downstream\n  trigger: release\n"
        + "  dist_git_branches: [fedora-all]\n";
    StringBuilder b = new StringBuilder("_:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      b.append("  a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    laughs = b.append("specfile_path: *a9\n").toString();
  }

  /** A large real config with anchors and merge keys. */
  @Benchmark
  public PackitConfig loadLarge() {
    return loader.load(large, ".packit.yaml");
  }

  /** A minimal config. */
  @Benchmark
  public PackitConfig loadSmall() {
    return loader.load(small, ".packit.yaml");
  }

  /** Refusing a billion-laughs document. */
  @Benchmark
  public ConfigLoadResult refuseBillionLaughs() {
    return loader.validate(laughs, "laughs.yaml");
  }

  /**
   * Baseline: SnakeYAML's plain load of the same large document into maps and lists (aliases
   * allowed as needed), no validation, no model. loadLarge / this is the overhead of packit-java's
   * positions, checks and typed model.
   *
   * @return the loaded tree
   */
  @Benchmark
  public Object baselineSnakeYamlLoadLarge() {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setMaxAliasesForCollections(1000);
    return new org.yaml.snakeyaml.Yaml(options).load(new java.io.ByteArrayInputStream(large));
  }

  /**
   * Baseline: SnakeYAML's plain load of the minimal document.
   *
   * @return the loaded tree
   */
  @Benchmark
  public Object baselineSnakeYamlLoadSmall() {
    return new org.yaml.snakeyaml.Yaml().load(small);
  }
}
