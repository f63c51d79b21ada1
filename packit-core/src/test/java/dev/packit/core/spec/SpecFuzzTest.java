package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fuzz;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the spec parser, evaluator and editor: any bytes round-trip byte for byte, reading never
 * throws, and edits either work (and still round-trip) or fail with {@link InvalidInputException}.
 */
class SpecFuzzTest {
  private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void anyBytesRoundTripAndNeverBreakTheReaders() {
    Fuzz.Stats stats = Fuzz.target("spec")
        .seeds(Fuzz.fixtureSeeds("specs", name -> name.endsWith(".spec")))
        .seed("""
            %global majorver 1
            %global minorver %{?fedora:2}%{!?fedora:3}
            %bcond_without tests
            Name:           demo
            Version:        %{majorver}.%{minorver}
            Release:        %autorelease
            Epoch:          %[1 + 1]
            Summary:        %(echo demo)
            License:        MIT
            Source0:        https://example.org/%{name}-%{version}.tar.gz
            Patch1:         fix.patch
            %if 0%{?fedora} >= 40 && %{with tests}
            BuildRequires:  %{lua: print("x")}
            %elif 0%{?rhel}
            Requires:       %{expand:%%{name}}
            %else
            %endif
            %description
            Demo \\
            continued.
            %prep
            %autosetup -p1
            %changelog
            * Mon Nov 23 2026 A <a@example.org> - 1.2-1
            - first
            """)
        .tokens("%{", "%{?", "%{!?", "%{?fedora:", "}", "%(", ")", "%[", "]", "%{lua:", "%{expand:", "%%", "%",
            "%if ", "%if 0%{?fedora}\n", "%ifarch x86_64\n", "%elif ", "%else\n", "%endif\n", "%define ", "%global ",
            "%undefine ", "%bcond_with x\n", "%bcond x 1\n", "%{with x}", "%{defined x}", "\\\n", "Version: ",
            "Release: ", "Epoch: ", "Name: ", "Source0: ", "Patch: ", "%package ", "%package -n x\n", "%description\n",
            "%changelog\n", "* Mon Nov 23 2026 A <a@example.org> - 1-1\n", "%autorelease", "%autochangelog",
            "%{version}", "%{name}", "%{release}", "%{majorver}", "%{S:0}", "%{P:1}", "%{url2path:", "%{gsub ",
            "%{sub ", "%{len:", "%{shrink:", "%{quote:", "%{-x}", "%{?-x:", "%{*}", "%#", "%0", "%1",
            "%define a %{b}%{b}%{b}%{b}\n", "%define b %{a}\n", "%global r %{r}%{r}\n", "%(echo $((1+1)))",
            "%{lua: rpm.define('x 1')}", "%{lua: for i=1,1e9 do end}", "%{lua: string.rep('x', 1e9)}",
            "%[1/0]", "%[9223372036854775807 + 1]", "%[-9223372036854775808 / -1]", "%[\"a\" + 1]", "%[((((((((", "%{?}")
        .maxLength(256 * 1024)
        .expect(InvalidInputException.class)
        .run(bytes -> {
          SpecFile spec = SpecFile.parse(bytes);
          assertArrayEquals(bytes, spec.toBytes(), "round trip");
          spec.sections();
          spec.tags();
          spec.sources();
          spec.patches();
          spec.changelog();
          spec.conditionals();
          spec.bconds();
          spec.macroDefinitions();
          spec.evaluate();
          Nevr nevr = spec.nevr();
          assertTrue(nevr != null);
          spec.expand("%{name}-%{version}-%{release}");
          edit(spec);
        });
    assertTrue(stats.inputs() > 0);
  }

  /** Edits may reject a spec they cannot edit, with {@link InvalidInputException} only. */
  private static void edit(SpecFile spec) {
    SpecFile edited = spec.withVersion("9.9.9")
        .withReleaseBumped()
        .withChangelogEntry(ChangelogRequest.of("Fuzz <fuzz@example.org>", WHEN, "Update to 9.9.9"));
    assertArrayEquals(edited.toBytes(), SpecFile.parse(edited.toBytes()).toBytes(), "edited round trip");
    spec.withAddedSource("https://example.org/x.tar.gz").withoutPatch(1).withTag("License", "MIT");
  }
}
