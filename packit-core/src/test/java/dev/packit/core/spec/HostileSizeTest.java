package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.config.ConfigLoadResult;
import dev.packit.core.config.InvalidConfigException;
import dev.packit.core.config.PackitConfigLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, row 8: a 200 MB spec and a 100k-line {@code %global} chain used to end in
 * {@code OutOfMemoryError} at {@code -Xmx1g}. Both now fail fast, naming the file and the limit.
 */
class HostileSizeTest {
  private static final String HEAD = "Name: big\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\n";

  /**
   * The bounds keep memory within what the module's normal test heap has; the 64 MiB fork that
   * {@code -Dtest=...} also starts for the large-streams execution is not that heap.
   */
  @BeforeAll
  static void normalHeap() {
    Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() >= 256L * 1024 * 1024,
        "needs the module's normal test heap (at least 256 MiB), not the 64 MiB large-streams fork");
  }

  @Test
  void a200MegabyteSpecIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("big.spec");
    String filler = "# " + "x".repeat(1021) + "\n"; // 1 KiB lines
    try (BufferedWriter w = Files.newBufferedWriter(spec, StandardCharsets.US_ASCII)) {
      w.write(HEAD);
      for (int i = 0; i < 200 * 1024; i++) {
        w.write(filler);
      }
    }
    assertTrue(Files.size(spec) > 200L * 1024 * 1024);
    long start = System.nanoTime();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SpecFile.read(spec));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000, "fails fast");
    assertTrue(e.getMessage().startsWith(spec.toString() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("SpecLimits.maxSpecBytes") && e.getMessage().contains("33554432"),
        e.getMessage());

    // The limit is the embedder's to choose, for files and for bytes.
    SpecLimits small = SpecLimits.defaults().withMaxSpecBytes(1024);
    byte[] twoKib = (HEAD + "#".repeat(2048)).getBytes(StandardCharsets.US_ASCII);
    assertThrows(InvalidInputException.class, () -> SpecFile.parse(twoKib, small));
    assertEquals("big", SpecFile.parse(twoKib).nevr().name());
  }

  @Test
  void aHundredThousandLineGlobalChainFailsFastNamingTheLimitAndTheLine() {
    // Each macro is the previous one and one more character: quadratic memory without a bound.
    StringBuilder sb = new StringBuilder(HEAD).append("%global m0 x\n");
    for (int i = 1; i < 100_000; i++) {
      sb.append("%global m").append(i).append(" %{m").append(i - 1).append("}x\n");
    }
    sb.append("%description\nd\n");
    SpecFile spec = SpecFile.parse(sb.toString());
    long start = System.nanoTime();
    InvalidInputException e = assertThrows(InvalidInputException.class, spec::evaluate);
    assertThrows(InvalidInputException.class, spec::nevr);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "fails fast");
    assertTrue(e.getMessage().contains("SpecLimits.maxTotalExpansion"), e.getMessage());
    int line = e.location().line();
    assertTrue(line > 6 && line < 100_000, "names the line where the budget ran out: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("<spec>:" + line + ":"), e.getMessage());

    // A smaller budget ends sooner; the same limit names the same key.
    SpecOptions tight = SpecOptions.builder().limits(SpecLimits.defaults().withMaxTotalExpansion(1_000_000)).build();
    InvalidInputException early = assertThrows(InvalidInputException.class, () -> spec.evaluate(tight));
    assertTrue(early.location().line() < line, early.getMessage());
  }

  @Test
  void anExponentialChainStopsAtTheLimitOfOneExpansionThenAtTheTotal() {
    StringBuilder sb = new StringBuilder(HEAD).append("%global m0 x\n");
    for (int i = 1; i < 100_000; i++) {
      sb.append("%global m").append(i).append(" %{m").append(i - 1).append("}%{m").append(i - 1).append("}\n");
    }
    SpecFile spec = SpecFile.parse(sb.toString());
    InvalidInputException e = assertThrows(InvalidInputException.class, spec::evaluate);
    assertTrue(e.getMessage().contains("SpecLimits.maxTotalExpansion"), e.getMessage());
  }

  @Test
  void recursionDepthAndOneExpansionsOutputAreReportedWithTheirLimit() {
    SpecFile spec = SpecFile.parse(HEAD + "%define loop %{loop}\nURL: %{loop}\n%description\nd\n");
    assertTrue(spec.evaluate().problems().stream().anyMatch(p -> p.contains("more than 64, SpecLimits.maxMacroDepth")),
        spec.evaluate().problems().toString());
    SpecFile deep = SpecFile.parse(HEAD + "%define lv0 x\n%define lv1 %{lv0}\n%define lv2 %{lv1}\n%define lv3 %{lv2}\n"
        + "URL: %{lv3}\n%description\nd\n");
    assertEquals("x", deep.tag("URL").orElseThrow().expandedValue());
    SpecOptions shallow = SpecOptions.builder().limits(SpecLimits.defaults().withMaxMacroDepth(2)).build();
    assertTrue(deep.evaluate(shallow).problems().stream().anyMatch(p -> p.contains("more than 2")),
        deep.evaluate(shallow).problems().toString());
    SpecOptions narrow = SpecOptions.builder().limits(SpecLimits.defaults().withMaxExpansionChars(10)).build();
    SpecFile many = SpecFile.parse(HEAD + "URL: " + "%{nil}a".repeat(40) + "\n%description\nd\n");
    assertTrue(many.evaluate(narrow).problems().stream().anyMatch(p -> p.contains("SpecLimits.maxExpansionChars")),
        many.evaluate(narrow).problems().toString());
  }

  @Test
  void aLargeConfigIsRefusedBeforeItIsReadNamingTheFileAndTheLimit(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve(".packit.yaml");
    try (BufferedWriter w = Files.newBufferedWriter(yaml, StandardCharsets.US_ASCII)) {
      w.write("specfile_path: hello.spec\n");
      for (int i = 0; i < 20 * 1024; i++) {
        w.write("# " + "x".repeat(1021) + "\n"); // 20 MiB of comments
      }
    }
    ConfigLoadResult r = PackitConfigLoader.defaults().validate(yaml);
    assertEquals(1, r.errors().size(), r.errors().toString());
    String msg = r.errors().get(0).toString();
    assertTrue(msg.startsWith(yaml.toString()) && msg.contains("more than the limit of 1048576 bytes")
        && msg.contains("PackitConfigLoader.Builder.maxConfigBytes"), msg);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> PackitConfigLoader.builder().maxConfigBytes(64).build().load("specfile_path: " + "x".repeat(100) + "\n",
            "small.yaml"));
    assertTrue(e.getMessage().contains("small.yaml") && e.getMessage().contains("64"), e.getMessage());
    ConfigLoadResult small = PackitConfigLoader.builder().maxConfigBytes(64).build()
        .validate("specfile_path: a.spec\n".getBytes(StandardCharsets.UTF_8), "ok.yaml");
    assertTrue(small.errors().stream().noneMatch(p -> p.toString().contains("maxConfigBytes")), small.errors().toString());
  }
}
