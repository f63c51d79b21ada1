package dev.packit.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

/**
 * A small mutation fuzzer for parsers: real inputs as seeds, random mutations, a property per input.
 *
 * <pre>{@code
 * Fuzz.target("sources")
 *     .seeds(Fuzz.fixtureSeeds("lookaside", name -> name.startsWith("sources")))
 *     .seed("SHA512 (a.tar.gz) = " + "ab".repeat(64) + "\n")
 *     .tokens("SHA512 (", ") = ", "\n", "../")
 *     .expect(InvalidInputException.class)
 *     .run(bytes -> SourcesFile.parse(new String(bytes, UTF_8), "sources"));
 * }</pre>
 *
 * <p>Why not Jazzer ({@code com.code-intelligence:jazzer-junit})? It was tried here (0.24.0, JDK 17):
 * it works, but under a plain {@code mvnw verify} a {@code @FuzzTest} only replays the inputs stored in
 * the test resources (so CI would fuzz nothing unless fixture copies were committed, which the project
 * forbids); real fuzzing needs {@code JAZZER_FUZZ=1}, runs one fuzz test per JVM, writes crash files and
 * corpora into the working tree, and its agent took about 40 s to start on the shared 2-core machine.
 * This generator reads the fixtures at run time, fuzzes in every build within a time budget, and needs
 * no extra dependency. It is not coverage-guided; the token dictionaries make up for part of that.
 *
 * <p>Budget per target: {@code -Dpackit.fuzz.seconds} (default 8) and {@code -Dpackit.fuzz.iterations}
 * (default 3000 when the seconds are not given, unlimited when they are), whichever ends first.
 * {@code -Dpackit.fuzz.seed} fixes the random seed (default: a constant, so CI runs are reproducible;
 * {@code random} picks one and prints it). A failing input is written to
 * {@code target/fuzz-failures/<target>-<seed>-<iteration>.bin} and the failure message names the
 * seed and iteration that reproduce it. Inputs that run longer than {@code -Dpackit.fuzz.hangSeconds}
 * (default 60) fail as hangs.
 */
public final class Fuzz {
  /** What the property did with one input. */
  public enum Outcome { ACCEPTED, REJECTED }

  /** A property over one input; it may throw only the expected exception types. */
  @FunctionalInterface
  public interface Property {
    /**
     * Checks one input.
     *
     * @param input the mutated bytes (owned by the property)
     * @throws Exception anything; only the expected types count as a documented rejection
     */
    void check(byte[] input) throws Exception;
  }

  /** Tokens that hurt most parsers: escapes, markup, numbers at the limits, broken UTF-8. */
  public static final List<String> COMMON_TOKENS = List.of(
      "\\", "\\\\", "\"", "'", "&", "&amp;", "&#0;", "&#xFFFFFFFF;", "<", ">", "<!DOCTYPE x [<!ENTITY a \"b\">]>",
      "<![CDATA[", "]]>", "{", "}", "[", "]", ":", ",", "\n", "\r\n", "\r", "\t", " ", "\0", "%", "$", "#",
      "-", "+", ".", "0", "-1", "2147483648", "-2147483649", "9223372036854775808", "1e309", "NaN",
      "99999999999999999999999999999999", "0x7fffffff", "null", "true", "\u00e9", "\ud83d\ude00");

  private static final List<byte[]> BROKEN_UTF8 = List.of(
      new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});

  private final String name;
  private final List<byte[]> seeds = new ArrayList<>();
  private final List<byte[]> tokens = new ArrayList<>();
  private final List<Class<? extends Throwable>> expected = new ArrayList<>();
  private Predicate<Throwable> rejectionCheck = t -> true;
  private int maxLength = 1 << 20;

  private Fuzz(String name) {
    this.name = name;
    COMMON_TOKENS.forEach(t -> tokens.add(t.getBytes(StandardCharsets.UTF_8)));
    tokens.addAll(BROKEN_UTF8);
  }

  /**
   * Starts a fuzz target.
   *
   * @param name short name used in messages and failure files
   * @return the target
   */
  public static Fuzz target(String name) {
    return new Fuzz(name);
  }

  /**
   * Reads fixture files as seeds; an empty list when the fixtures are absent (unless they are required).
   *
   * @param folder a folder below {@code ../shared/fixtures}
   * @param fileName which files to take, by name
   * @return the files' bytes, in name order
   */
  public static List<byte[]> fixtureSeeds(String folder, Predicate<String> fileName) {
    Path dir = Fixtures.root().resolve(folder);
    if (!Files.isDirectory(dir)) {
      if (Fixtures.required()) {
        fail("fixture folder " + dir + " is missing");
      }
      System.out.println("fuzz: " + dir + " is missing; fuzzing from built-in seeds only");
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<byte[]> out = new ArrayList<>();
      for (Path p : files.filter(Files::isRegularFile).filter(p -> fileName.test(p.getFileName().toString()))
          .sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds seeds. @param more the seeds @return this */
  public Fuzz seeds(List<byte[]> more) {
    seeds.addAll(more);
    return this;
  }

  /** Adds a seed. @param text UTF-8 text @return this */
  public Fuzz seed(String text) {
    seeds.add(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Adds tokens to insert. @param more the tokens @return this */
  public Fuzz tokens(String... more) {
    for (String t : more) {
      tokens.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** Caps the length of generated inputs. @param bytes the cap @return this */
  public Fuzz maxLength(int bytes) {
    maxLength = bytes;
    return this;
  }

  /**
   * Declares the documented exception types; any other throwable fails the run.
   *
   * @param types the types
   * @return this
   */
  public Fuzz expect(Class<?>... types) {
    for (Class<?> t : types) {
      expected.add(t.asSubclass(Throwable.class));
    }
    return this;
  }

  /**
   * Adds a check every documented rejection must pass (e.g. it names a position).
   *
   * @param check returns false when the rejection is malformed
   * @return this
   */
  public Fuzz rejectionsMust(Predicate<Throwable> check) {
    rejectionCheck = rejectionCheck.and(check);
    return this;
  }

  /**
   * Runs the seeds unchanged, then mutated inputs until the budget is spent.
   *
   * @param property the property
   * @return the statistics of the run
   */
  public Stats run(Property property) {
    if (seeds.isEmpty()) {
      seeds.add(new byte[0]);
    }
    long seed = seedValue();
    long seconds = Long.getLong("packit.fuzz.seconds", 8);
    long iterations = Long.getLong("packit.fuzz.iterations",
        // A fixed cap keeps CI deterministic: a faster machine runs the same inputs, never more.
        System.getProperty("packit.fuzz.seconds") == null ? 3_000 : Long.MAX_VALUE);
    long hangNanos = Long.getLong("packit.fuzz.hangSeconds", 60) * 1_000_000_000L;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);

    Stats stats = new Stats(name, seed);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<byte[]> current = new AtomicReference<>();
    AtomicLong startedAt = new AtomicLong(System.nanoTime());
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;

    // A worker thread with the default (small) stack: deep recursion shows up as StackOverflowError
    // as it would on a server's request thread, and a hang can be reported with its input.
    Thread worker = new Thread(() -> {
      int unchanged = Math.min(seeds.size(), 16); // the corpus tests replay every seed; a few here
      for (long i = 0; i < iterations && (i < unchanged || System.nanoTime() < deadline); i++) {
        byte[] input = i < unchanged ? seeds.get((int) i).clone() : mutate(rng);
        current.set(input.clone());
        startedAt.set(System.nanoTime());
        stats.inputs = i + 1;
        try {
          property.check(input);
          stats.accepted++;
        } catch (Throwable t) {
          if (isExpected(t) && rejectionCheck.test(t)) {
            stats.rejected.merge(t.getClass().getSimpleName(), 1L, Long::sum);
          } else {
            failure.set(t);
            stats.failedAt = i;
            return;
          }
        }
      }
    }, "fuzz-" + name);
    worker.setDaemon(true);
    long t0 = System.nanoTime();
    worker.start();
    try {
      while (worker.isAlive()) {
        worker.join(1000);
        if (worker.isAlive() && System.nanoTime() - startedAt.get() > hangNanos) {
          AssertionError hang = new AssertionError("fuzz " + name + ": input " + stats.inputs + " hangs");
          hang.setStackTrace(worker.getStackTrace());
          failure.set(hang);
          stats.failedAt = stats.inputs - 1;
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    stats.nanos = System.nanoTime() - t0;
    System.out.println(stats);
    Throwable t = failure.get();
    if (t != null) {
      byte[] input = current.get();
      Path saved = save(seed, stats.failedAt, input);
      throw new AssertionError("fuzz " + name + " (seed " + seed + ", iteration " + stats.failedAt
          + ", input saved to " + saved + "): unexpected " + t + "\ninput: " + excerpt(input), t);
    }
    return stats;
  }

  private boolean isExpected(Throwable t) {
    if (t instanceof Error) {
      return false;
    }
    for (Class<? extends Throwable> c : expected) {
      if (c.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static long seedValue() {
    String s = System.getProperty("packit.fuzz.seed", "20261123");
    if ("random".equalsIgnoreCase(s)) {
      return RandomGenerator.getDefault().nextLong();
    }
    return Long.parseLong(s);
  }

  /** Produces one input: a seed (sometimes spliced with another) with 1 to 8 mutations. */
  private byte[] mutate(RandomGenerator rng) {
    ByteBuf b = new ByteBuf(seeds.get(rng.nextInt(seeds.size())));
    int n = 1 + (rng.nextInt(4) == 0 ? rng.nextInt(8) : 0);
    for (int k = 0; k < n; k++) {
      mutateOnce(b, rng);
    }
    if (b.length > maxLength) {
      b.length = maxLength;
    }
    return b.toArray();
  }

  private void mutateOnce(ByteBuf b, RandomGenerator rng) {
    int len = b.length;
    switch (rng.nextInt(11)) {
      case 0: // bit flip
        if (len > 0) {
          int i = rng.nextInt(len);
          b.bytes[i] ^= (byte) (1 << rng.nextInt(8));
        }
        break;
      case 1: // random byte
        if (len > 0) {
          b.bytes[rng.nextInt(len)] = (byte) rng.nextInt(256);
        }
        break;
      case 2: // truncate
        b.length = len == 0 ? 0 : rng.nextInt(len);
        break;
      case 3: // delete a range
        if (len > 0) {
          int from = rng.nextInt(len);
          b.delete(from, Math.min(len, from + 1 + rng.nextInt(Math.min(len - from, 64))));
        }
        break;
      case 4: // duplicate a range
        if (len > 0) {
          int from = rng.nextInt(len);
          int to = Math.min(len, from + 1 + rng.nextInt(128));
          b.insert(rng.nextInt(len + 1), Arrays.copyOfRange(b.bytes, from, to));
        }
        break;
      case 5: case 6: case 7: // insert a token, where one is most likely to matter: near a line start
        b.insert(position(b, rng), tokens.get(rng.nextInt(tokens.size())));
        break;
      case 8: // replace a range with a token
        if (len > 0) {
          int from = rng.nextInt(len);
          b.delete(from, Math.min(len, from + 1 + rng.nextInt(16)));
        }
        b.insert(position(b, rng), tokens.get(rng.nextInt(tokens.size())));
        break;
      case 9: // deep nesting or a long run of a token
        byte[] tok = tokens.get(rng.nextInt(tokens.size()));
        int times = rng.nextInt(3) == 0 ? 2_000 + rng.nextInt(20_000) : 2 + rng.nextInt(200);
        int cap = Math.max(1, 200_000 / Math.max(1, tok.length));
        b.insert(position(b, rng), repeat(tok, Math.min(times, cap)));
        break;
      default: // splice with another seed
        byte[] other = seeds.get(rng.nextInt(seeds.size()));
        if (other.length > 0) {
          int from = rng.nextInt(other.length);
          int to = Math.min(other.length, from + 1 + rng.nextInt(512));
          b.insert(position(b, rng), Arrays.copyOfRange(other, from, to));
        }
        break;
    }
  }

  private static int position(ByteBuf b, RandomGenerator rng) {
    if (b.length == 0) {
      return 0;
    }
    int p = rng.nextInt(b.length + 1);
    if (rng.nextBoolean()) {
      while (p > 0 && b.bytes[p - 1] != '\n') {
        p--;
      }
    }
    return p;
  }

  private static byte[] repeat(byte[] tok, int times) {
    byte[] out = new byte[tok.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(tok, 0, out, i * tok.length, tok.length);
    }
    return out;
  }

  private Path save(long seed, long iteration, byte[] input) {
    try {
      Path dir = Path.of("target", "fuzz-failures");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + "-" + seed + "-" + iteration + ".bin");
      Files.write(file, input == null ? new byte[0] : input);
      return file.toAbsolutePath();
    } catch (IOException e) {
      return Path.of("(not saved: " + e + ")");
    }
  }

  private static String excerpt(byte[] input) {
    if (input == null) {
      return "(none)";
    }
    byte[] head = Arrays.copyOf(input, Math.min(input.length, 600));
    String text = new String(head, StandardCharsets.UTF_8);
    return input.length + " bytes, starting " + text.replace("\r", "\\r").replace("\0", "\\0")
        + (input.length <= 64 ? " (hex " + HexFormat.of().formatHex(input) + ")" : "");
  }

  /** What one run did. */
  public static final class Stats {
    private final String name;
    private final long seed;
    private volatile long inputs;
    private long accepted;
    private final Map<String, Long> rejected = new TreeMap<>();
    private long nanos;
    private long failedAt = -1;

    private Stats(String name, long seed) {
      this.name = name;
      this.seed = seed;
    }

    /** @return inputs tried */
    public long inputs() {
      return inputs;
    }

    /** @return inputs the parser accepted */
    public long accepted() {
      return accepted;
    }

    /** @return inputs rejected with a documented exception */
    public long rejected() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "fuzz %s: %d inputs in %.1f s (seed %d): %d accepted, rejected %s%s",
          name, inputs, nanos / 1e9, seed, accepted, rejected, failedAt >= 0 ? ", FAILED at " + failedAt : "");
    }
  }

  private static final class ByteBuf {
    byte[] bytes;
    int length;

    ByteBuf(byte[] init) {
      bytes = Arrays.copyOf(init, Math.max(16, init.length * 2));
      length = init.length;
    }

    void insert(int at, byte[] what) {
      ensure(length + what.length);
      System.arraycopy(bytes, at, bytes, at + what.length, length - at);
      System.arraycopy(what, 0, bytes, at, what.length);
      length += what.length;
    }

    void delete(int from, int to) {
      System.arraycopy(bytes, to, bytes, from, length - to);
      length -= to - from;
    }

    void ensure(int capacity) {
      if (capacity > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
      }
    }

    byte[] toArray() {
      return Arrays.copyOf(bytes, length);
    }
  }
}
