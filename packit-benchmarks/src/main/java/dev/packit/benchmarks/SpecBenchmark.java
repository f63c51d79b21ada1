package dev.packit.benchmarks;

import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.spec.SpecOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Spec file throughput over the whole shared corpus ({@code ../shared/fixtures/specs}, 1,489 files),
 * one thread. One operation = the whole corpus; the {@code bytes} counter reports bytes per second
 * (divide by 10^6 for MB/s). {@code baselineUtf8RoundTrip} (decode + encode of the same bytes) is
 * the baseline measured in the same run.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl packit-benchmarks -am package -DskipTests
 * java -jar packit-benchmarks/target/benchmarks.jar SpecBenchmark -wi 2 -i 3 -f 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SpecBenchmark {
  private List<byte[]> corpus;
  private long corpusBytes;
  private SpecOptions options;

  /** Counts processed bytes so JMH reports bytes/s next to corpus passes/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    /** Bytes processed (reported per second). */
    public long bytes;
    /** Files the edit benchmark could not edit (reported per second). */
    public long editFailures;

    /** Resets the counter for each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      editFailures = 0;
    }
  }

  /** Loads every spec into memory. */
  @Setup
  public void load() {
    Path root = locate();
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".spec")).sorted()::iterator) {
        files.add(Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    corpus = files;
    corpusBytes = files.stream().mapToLong(b -> b.length).sum();
    options = SpecOptions.builder().define("dist %{nil}").define("fedora 42").build();
    System.out.printf("%nspec corpus: %d files, %.2f MB from %s%n", files.size(), corpusBytes / 1e6, root);
  }

  private static Path locate() {
    String prop = System.getProperty("packit.specs");
    if (prop != null) {
      return Path.of(prop);
    }
    for (Path p : new Path[] {Path.of("..", "shared", "fixtures", "specs"),
        Path.of("..", "..", "shared", "fixtures", "specs")}) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("spec corpus not found: run from the repository root or set -Dpackit.specs=DIR");
  }

  /**
   * Parse and serialize every file.
   *
   * @param bh the blackhole
   * @param counter bytes counter
   */
  @Benchmark
  public void parseAndSerialize(Blackhole bh, Bytes counter) {
    for (byte[] b : corpus) {
      bh.consume(SpecFile.parse(b).toBytes());
    }
    counter.bytes += corpusBytes;
  }

  /**
   * Parse every file and expand name/epoch/version/release.
   *
   * @param bh the blackhole
   * @param counter bytes counter
   */
  @Benchmark
  public void parseAndExpandNevr(Blackhole bh, Bytes counter) {
    for (byte[] b : corpus) {
      Nevr n = SpecFile.parse(b).nevr(options);
      bh.consume(n);
    }
    counter.bytes += corpusBytes;
  }

  /**
   * Baseline: decode every file from UTF-8 to a String and encode it back, the least any
   * lossless text round trip costs. parseAndSerialize / baselineUtf8RoundTrip is the overhead ratio.
   *
   * @param bh the blackhole
   * @param counter bytes counter
   */
  @Benchmark
  public void baselineUtf8RoundTrip(Blackhole bh, Bytes counter) {
    for (byte[] b : corpus) {
      bh.consume(new String(b, java.nio.charset.StandardCharsets.UTF_8).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    counter.bytes += corpusBytes;
  }

  /**
   * Parse, edit as propose_downstream does (new upstream version, release reset) and serialize.
   * Files whose version cannot be set (macros the engine cannot rewrite) are counted, not skipped
   * silently: see the {@code editFailures} counter.
   *
   * @param bh the blackhole
   * @param counter bytes and failure counters
   */
  @Benchmark
  public void parseEditSerialize(Blackhole bh, Bytes counter) {
    for (byte[] b : corpus) {
      try {
        bh.consume(SpecFile.parse(b).withUpstreamVersion("99.1.0").withReleaseReset().toBytes());
      } catch (RuntimeException e) {
        counter.editFailures++;
        bh.consume(e);
      }
    }
    counter.bytes += corpusBytes;
  }
}
