package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.rpm.RpmVersion;
import dev.packit.core.testing.RpmTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SpecFile#withVersion} refuses what rpm refuses in Version, naming the rule; rpmspec is the judge. */
@Tag("integration")
class SpecVersionRulesTest {
  private static final String SPEC = "Name: x\nVersion: 1.0\nRelease: 1\nSummary: s\nLicense: MIT\n"
      + "Source0: https://example.org/x-%{version}.tar.gz\n%description\nd\n";

  /** Literal versions without macros: rpm's verdict and ours must agree. */
  private static final List<String> LITERALS = List.of("1.0", "1", "a", ".1", "_1", "+1", "~1", "^1", "1.0.",
      "1.0~rc1^git2", "1_0", "1+2", "1..0", "1-0", "1 0", "1\t0", "1!0", "1:0", "1,0", "1/0", "1\u00e9", "1$0",
      "1(0)", "1;0", "1*0", "1?0", "1@0", "1#0", "1=0", "1'0", "1\"0", "1|0", "1&0", "1<0", "1[0]", "1\\0");

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1.0 ", "1-0", "1..0", "1!0", "1.1.0%(touch${IFS}pwned)", "1%{lua:x}", "1{0}",
      "1$(id)", "1\u00e9", "v1.0\n"})
  void refusedVersionsNameTheRule(String version) {
    SpecFile spec = SpecFile.parse(SPEC);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec.withVersion(version));
    assertEquals("Version", e.location().field(), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*(Empty tag|single token|Illegal char|Illegal sequence|macro).*"),
        e.getMessage());
  }

  @Test
  void upstreamFormsAreCheckedAfterConversion() {
    assertEquals("1.3~rc1", SpecFile.parse(SPEC).withUpstreamVersion("v1.3-rc1").nevr().version());
    assertEquals("1.3.1", SpecFile.parse(SPEC).withUpstreamVersion("1.3-1").nevr().version());
    assertThrows(InvalidInputException.class, () -> SpecFile.parse(SPEC).withUpstreamVersion("v1.1.0!"));
  }

  @Test
  void verdictsMatchRpmspec(@TempDir Path dir) throws IOException {
    List<String> disagreements = new ArrayList<>();
    for (String v : LITERALS) {
      Path f = dir.resolve("x.spec");
      Files.writeString(f, SPEC.replace("Version: 1.0", "Version: " + v), StandardCharsets.UTF_8);
      RpmTool.Result r = RpmTool.rpmspec(dir, "-q", "--srpm", "--qf", "%{VERSION}\n", f.toString());
      boolean rpmAccepts = r.exit() == 0 && r.stdout().strip().equals(v);
      boolean weAccept = RpmVersion.versionProblem(v).isEmpty();
      if (rpmAccepts != weAccept) {
        disagreements.add("[" + v + "] rpm " + (rpmAccepts ? "accepts" : "refuses: " + r.stderr().strip())
            + ", we " + (weAccept ? "accept" : "refuse: " + RpmVersion.versionProblem(v).get()));
      }
    }
    assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
  }
}
