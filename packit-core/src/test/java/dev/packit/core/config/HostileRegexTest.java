package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 row 6: a regex from config must not stall a job. With a backtracking engine the mask
 * below takes about twice as long for each extra {@code 0} of the tag (24 zeros: 2 s; the 60 here:
 * centuries); RE2/J answers in linear time.
 */
class HostileRegexTest {
  private static final PackitConfigLoader LOADER = PackitConfigLoader.builder().repositoryName("hello").build();
  private static final String CATASTROPHIC = "^2\\.(?:(?:0+)+)+x";
  private static final String CRAFTED = "2." + "0".repeat(60) + "1";

  @Test
  void catastrophicMaskFromConfigAnswersRightAndFast() {
    CommonConfig cfg = LOADER.load("version_update_mask: '" + CATASTROPHIC + "'\n", ".packit.yaml").singlePackage();
    ConfigRegex mask = ConfigRegex.compile("version_update_mask", cfg.versionUpdateMask().orElseThrow());
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertEquals(Optional.empty(), mask.matchedPrefix(CRAFTED));
      assertEquals(Optional.empty(), mask.firstMatch(CRAFTED.repeat(1000)));
      // and it still matches what it should
      assertEquals(Optional.of("2.000x"), mask.matchedPrefix("2.000x.1"));
    });
  }

  @Test
  void catastrophicTagFiltersAnswerFast() {
    TagFilter f = TagFilter.of(CommonConfig.builder()
        .set("upstream_tag_include", "(a+)+b")
        .set("upstream_tag_exclude", "(?:(?:a+)+)+bx").build());
    String tag = "a".repeat(100_000) + "c";
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertTrue(f.rejection(tag).orElseThrow().endsWith("c' does not match upstream_tag_include '(a+)+b'"));
      String included = "a".repeat(100_000) + "b";
      assertTrue(f.accepts(included));
      String excluded = included + "x";
      assertTrue(f.rejection(excluded).orElseThrow().endsWith("' matches upstream_tag_exclude '(?:(?:a+)+)+bx'"));
      assertTrue(f.accepts("aaab-1.0"));   // re.match: anchored at the start only
      assertFalse(f.accepts("aaabx-1.0")); // included, but excluded too
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1", "v(?=2)", "v(?!rc)", "(?<=v)2", "a++", "(?>a)"})
  void unsupportedConstructIsRefusedAtLoadWithKeyAndPosition(String regex) {
    String yaml = "specfile_path: hello.spec\njobs:\n- job: propose_downstream\n  trigger: release\n"
        + "  upstream_tag_exclude: '" + regex + "'\n";
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> LOADER.load(yaml, "p.yaml"));
    assertEquals(1, e.errors().size(), e.errors()::toString);
    ConfigProblem p = e.errors().get(0);
    assertEquals("jobs[0].upstream_tag_exclude", p.path());
    assertEquals(5, p.line());
    assertEquals(25, p.column());
    assertTrue(p.toString().startsWith("p.yaml:5:25: jobs[0].upstream_tag_exclude: cannot use the regex '" + regex + "': "),
        p.toString());
    assertTrue(p.message().contains("RE2 syntax"), p.message());
  }

  @Test
  void theMessageIsTheOneDocumented() {
    // docs/config.md, "Tag filters and regexes"
    String yaml = "specfile_path: hello.spec\njobs:\n- job: propose_downstream\n  trigger: release\n"
        + "  upstream_tag_include: '(?!.*rc)'\n";
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> LOADER.load(yaml, ".packit.yaml"));
    assertEquals(".packit.yaml:5:25: jobs[0].upstream_tag_include: cannot use the regex '(?!.*rc)': invalid or unsupported"
        + " Perl syntax at '(?!'; config regexes run in linear time (RE2 syntax): no backreferences, lookahead or lookbehind",
        e.errors().get(0).toString());
  }

  @Test
  void unsupportedConstructIsRefusedByTheBuilderAndCompile() {
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> CommonConfig.builder().set("version_update_mask", "(\\d+)\\.\\1"));
    assertTrue(b.getMessage().startsWith("version_update_mask '(\\d+)\\.\\1': "), b.getMessage());
    PackitClientException c = assertThrows(PackitClientException.class, () -> ConfigRegex.compile("upstream_tag_include", "x(?=y)"));
    assertTrue(c.getMessage().startsWith("upstream_tag_include 'x(?=y)': "), c.getMessage());
  }

  @Test
  void pythonStyleAndRealWorldPatternsLoad() {
    // Patterns seen in real .packit.yaml files, and Python's named groups.
    CommonConfig cfg = LOADER.load("upstream_tag_include: '^common\\/v\\d+\\.\\d+\\.\\d+$'\n"
        + "upstream_tag_exclude: '(?P<pre>.*-rc\\d*)'\nversion_update_mask: '\\d+\\.\\d+\\.'\n", ".packit.yaml").singlePackage();
    TagFilter f = TagFilter.of(cfg);
    assertTrue(f.accepts("common/v1.2.3"));
    assertFalse(f.accepts("common/v1.2.3-rc1"));
    assertFalse(f.accepts("v1.2.3"));
    assertEquals(Optional.of("1.2."), ConfigRegex.compile("version_update_mask", cfg.versionUpdateMask().orElseThrow())
        .matchedPrefix("1.2.3"));
    assertTrue(TagFilter.of(LOADER.load("", ".packit.yaml").singlePackage()).accepts("anything"));
  }
}
