package dev.packit.core.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.packit.core.testing.RpmTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RpmVersion#compareTo} is rpm's {@code labelCompare}: checked against python3-rpm on generated
 * EVRs, plus the total-order laws that {@code Collections.sort} relies on.
 */
@Tag("integration")
class RpmVersionLabelCompareTest {
  private static final String ALPHABET = "0123456789012345abcxyzAZ..~~^^_+";

  /**
   * Reference cases written down from rpm 4.18's {@code rpm.labelCompare} (python3-rpm, Debian),
   * with an empty release passed as {@code None}; re-checked against rpm by {@link #referenceCasesAreRpms}.
   */
  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource(delimiter = '|', value = {
    "5.2.2|5.2.2-4|-1",
    "1.0|1.0-0|-1",
    "1.0|1.0-~1|-1",
    "1.0|1.0-^|-1",
    "1.0|1.0|0",
    "1.0-1|1.0-2|-1",
    "1.0-1|1.0|1",
    "1.0-10|1.0-9|1",
    "1:1.0|2.0-1|1",
    "0:1.0-1|1.0-1|0",
    "1.0~rc1-1|1.0|-1",
    "1.0~rc1|1.0-0|-1",
    "1.0^git1|1.0-99|1",
    "1.0-1.fc42|1.0-1.fc42.1|-1",
    "1.01-1|1.1-1|0",
    "1.0-1~rc|1.0-1|-1",
  })
  void labelCompareReferenceCases(String a, String b, int want) {
    assertEquals(want, RpmVersion.parse(a).compareTo(RpmVersion.parse(b)), a + " vs " + b);
    assertEquals(-want, RpmVersion.parse(b).compareTo(RpmVersion.parse(a)), b + " vs " + a);
  }

  @Test
  void dependencyRuleIgnoresAMissingRelease() {
    RpmVersion bare = RpmVersion.parse("5.2.2");
    assertEquals(0, bare.compareIgnoringMissingRelease(RpmVersion.parse("5.2.2-4")));
    assertEquals(0, RpmVersion.parse("5.2.2-4").compareIgnoringMissingRelease(bare));
    assertEquals(-1, RpmVersion.parse("5.2.2-3").compareIgnoringMissingRelease(RpmVersion.parse("5.2.2-4")));
    assertEquals(1, RpmVersion.parse("1:1.0").compareIgnoringMissingRelease(RpmVersion.parse("2.0-1")));
    // the total order does not ignore it
    assertEquals(-1, bare.compareTo(RpmVersion.parse("5.2.2-4")));
  }

  @Test
  void referenceCasesAreRpms(@TempDir Path dir) throws IOException {
    // the CsvSource above, judged by rpm itself
    List<RpmVersion[]> pairs = new ArrayList<>();
    for (String[] p : new String[][] {{"5.2.2", "5.2.2-4"}, {"1.0", "1.0-~1"}, {"1.0", "1.0-^"},
        {"1.0~rc1", "1.0-0"}, {"1.0^git1", "1.0-99"}, {"1.0-1~rc", "1.0-1"}, {"1.01-1", "1.1-1"}}) {
      pairs.add(new RpmVersion[] {RpmVersion.parse(p[0]), RpmVersion.parse(p[1])});
    }
    assertMatchesRpm(dir, pairs);
  }

  @Test
  void compareToIsRpmsLabelCompareOnGeneratedEvrs(@TempDir Path dir) throws IOException {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(20261206L);
    List<RpmVersion> pool = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      pool.add(generate(rng));
    }
    List<RpmVersion[]> pairs = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      RpmVersion a = pool.get(rng.nextInt(pool.size()));
      // half of the pairs share epoch and version so that the release decides
      RpmVersion b = rng.nextBoolean() ? pool.get(rng.nextInt(pool.size()))
          : new RpmVersion(a.epoch(), a.hasEpoch(), a.version(), rng.nextInt(3) == 0 ? "" : word(rng, 4));
      pairs.add(new RpmVersion[] {a, b});
    }
    long t0 = System.nanoTime();
    assertMatchesRpm(dir, pairs);
    System.out.printf("labelCompare: %d pairs checked against python3-rpm in %.1f s%n", pairs.size(),
        (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void theOrderIsTotalAndSortingMixedListsNeverThrows() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(7L);
    List<RpmVersion> pool = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      pool.add(generate(rng));
    }
    // the counterexample: 1.0-1 == 1.0 == 1.0-2 but 1.0-1 < 1.0-2
    pool.add(RpmVersion.parse("1.0-1"));
    pool.add(RpmVersion.parse("1.0"));
    pool.add(RpmVersion.parse("1.0-2"));
    for (RpmVersion a : pool) {
      assertEquals(0, a.compareTo(a));
      for (RpmVersion b : pool) {
        int ab = a.compareTo(b);
        assertEquals(-ab, b.compareTo(a), a + " vs " + b);
        if (ab > 0) {
          continue;
        }
        for (RpmVersion c : pool) {
          int bc = b.compareTo(c);
          if (bc <= 0) {
            int ac = a.compareTo(c);
            if (ac > 0 || (ab < 0 || bc < 0) && ac == 0) {
              fail("not transitive: " + a + " <= " + b + " <= " + c + " but " + a + " vs " + c + " = " + ac);
            }
          }
        }
      }
    }
    for (int round = 0; round < 200; round++) {
      List<RpmVersion> list = new ArrayList<>(pool);
      Collections.shuffle(list, new java.util.Random(round));
      list.sort(null); // throws "Comparison method violates its general contract" on a broken order
      for (int i = 1; i < list.size(); i++) {
        assertTrue(list.get(i - 1).compareTo(list.get(i)) <= 0);
      }
    }
  }

  private static RpmVersion generate(RandomGenerator rng) {
    int epochKind = rng.nextInt(4);
    String version = word(rng, 6);
    String release = rng.nextInt(3) == 0 ? "" : word(rng, 4);
    return new RpmVersion(epochKind == 0 ? rng.nextInt(3) : 0, epochKind == 0, version, release);
  }

  /** A short non-empty word over digits, letters, separators, {@code ~} and {@code ^}. */
  private static String word(RandomGenerator rng, int max) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rng.nextInt(max);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
    }
    // keep them short and realistic: most start with a digit
    if (rng.nextInt(4) != 0) {
      sb.insert(0, (char) ('0' + rng.nextInt(3)));
    }
    return sb.toString();
  }

  /** One python run for all pairs: each line is e1 v1 r1 e2 v2 r2 (tab-separated, "-" for none). */
  private static void assertMatchesRpm(Path dir, List<RpmVersion[]> pairs) throws IOException {
    StringBuilder in = new StringBuilder();
    for (RpmVersion[] p : pairs) {
      in.append(fields(p[0])).append('\t').append(fields(p[1])).append('\n');
    }
    Path input = dir.resolve("pairs.tsv");
    Files.writeString(input, in, StandardCharsets.UTF_8);
    RpmTool.Result r = RpmTool.python(dir, String.join("\n",
        "def n(x):",
        "    return None if x == '-' else x",
        "out = []",
        "for line in open('pairs.tsv', encoding='utf-8'):",
        "    f = line.rstrip('\\n').split('\\t')",
        "    out.append(str(rpm.labelCompare((n(f[0]), f[1], n(f[2])), (n(f[3]), f[4], n(f[5])))))",
        "print('\\n'.join(out))"));
    assertEquals(0, r.exit(), r.stderr());
    String[] got = r.stdout().strip().split("\n");
    assertEquals(pairs.size(), got.length);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < got.length; i++) {
      RpmVersion a = pairs.get(i)[0];
      RpmVersion b = pairs.get(i)[1];
      int want = Integer.parseInt(got[i].strip());
      if (a.compareTo(b) != want) {
        mismatches.add(a + " vs " + b + ": rpm " + want + ", RpmVersion " + a.compareTo(b));
      }
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, e.g. "
        + mismatches.subList(0, Math.min(10, mismatches.size())));
  }

  private static String fields(RpmVersion v) {
    // the epoch as a number string like rpm's header; a missing release is labelCompare's None
    return v.epoch() + "\t" + v.version() + "\t" + (v.release().isEmpty() ? "-" : v.release());
  }
}
