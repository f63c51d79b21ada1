package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lossless model and the editor, including the packit/specfile bugs we must not have. */
class SpecFileTest {
  private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 11, 3, 9, 30, 0, 0, ZoneOffset.UTC);

  private static final String SPEC = """
      %global majorver 1
      %global minorver 2
      Name:           hello
      Version:        %{majorver}.%{minorver}
      Release:        3%{?dist}
      Summary:        Hello
      License:        MIT
      URL:            https://example.org
      Source0:        https://example.org/%{name}-%{version}.tar.gz
      Source1:        extra.conf
      Patch0:         fix.patch

      %description
      Hello.

      %prep
      %autosetup

      %files
      %{_bindir}/hello

      %changelog
      * Mon Jan 06 2025 Jane Doe <jane@example.org> - 1.2-3
      - Rebuilt
      """;

  private static String text(SpecFile f) {
    return new String(f.toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void anyBytesRoundTripAndNeverThrow() {
    Random rnd = new Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] b = new byte[rnd.nextInt(400)];
      rnd.nextBytes(b);
      if (i % 3 == 0) {
        // mostly-spec-looking noise: percent signs, braces, conditionals
        String noise = "%if %{?x\n%endif\n%{lua:\n%(echo\nName: \u00e9\r\n%package\n%changelog\n* x\n\\\n";
        byte[] n = noise.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, b, 0, Math.min(n.length, b.length));
      }
      SpecFile f = SpecFile.parse(b);
      assertArrayEquals(b, f.toBytes());
      f.evaluate();
      f.nevr();
      f.changelog();
      f.sections();
    }
  }

  @Test
  void crlfNoFinalNewlineInvalidUtf8TabsAndTrailingSpacesSurviveEdits() {
    byte[] in = ("Name:\thello  \r\nVersion: 1.0\r\nRelease: 1%{?dist}\r\nSummary: caf\u00e9 \u00ff\r\n"
        + "\r\n%description\r\nx\r\n\r\n%changelog\r\n* Mon Jan 06 2025 J <j@x> - 1.0-1\r\n- old")
        .getBytes(StandardCharsets.ISO_8859_1);
    SpecFile f = SpecFile.parse(in);
    assertArrayEquals(in, f.toBytes());
    SpecFile edited = f.withVersion("2.0").withChangelogEntry(ChangelogRequest.of("J <j@x>", WHEN, "new"));
    String want = new String(in, StandardCharsets.ISO_8859_1)
        .replace("Version: 1.0", "Version: 2.0")
        .replace("%changelog\r\n", "%changelog\r\n* Tue Nov 03 2026 J <j@x> - 2.0-1\r\n- new\r\n\r\n");
    assertEquals(want, new String(edited.toBytes(), StandardCharsets.ISO_8859_1));
    assertEquals("hello", edited.nevr().name());
  }

  @Test
  void modelFindsSectionsTagsDefinitionsSourcesAndChangelog() {
    SpecFile f = SpecFile.parse(SPEC);
    assertEquals(List.of("package", "description", "prep", "files", "changelog"),
        f.sections().stream().map(Section::name).collect(Collectors.toList()));
    Tag v = f.tag("version").orElseThrow();
    assertEquals("%{majorver}.%{minorver}", v.value());
    assertEquals("1.2", v.expandedValue());
    assertEquals(4, v.line());
    assertEquals(List.of("majorver", "minorver"),
        f.macroDefinitions().stream().map(MacroDefinition::name).collect(Collectors.toList()));
    List<Source> sources = f.sources();
    assertEquals(2, sources.size());
    assertEquals("https://example.org/hello-1.2.tar.gz", sources.get(0).expandedLocation());
    assertEquals("hello-1.2.tar.gz", sources.get(0).fileName());
    assertTrue(sources.get(0).remote());
    assertEquals(0, f.patches().get(0).number());
    ChangelogEntry e = f.changelog().get(0);
    assertEquals("Mon Jan 06 2025", e.date());
    assertEquals("Jane Doe <jane@example.org>", e.author());
    assertEquals("1.2-3", e.evr());
    assertEquals(List.of("- Rebuilt"), e.body());
  }

  @Test
  void setVersionUpdatesTheMacroDefinitionsNotTheTag() {
    SpecFile f = SpecFile.parse(SPEC).withVersion("1.3");
    assertEquals(SPEC.replace("%global minorver 2", "%global minorver 3"), text(f));
    SpecFile g = SpecFile.parse(SPEC).withVersion("2.0");
    assertEquals(SPEC.replace("%global majorver 1", "%global majorver 2")
        .replace("%global minorver 2", "%global minorver 0"), text(g));
    // not expressible with the macros: the tag gets the literal value
    SpecFile h = SpecFile.parse(SPEC).withVersion("3");
    assertEquals(SPEC.replace("Version:        %{majorver}.%{minorver}", "Version:        3"), text(h));
    assertEquals("3", h.nevr().version());
  }

  @Test
  void nestedMacrosAreUpdatedRecursively() {
    String spec = "%global maj 1\n%global min 2\n%global mainver %{maj}.%{min}\n%global patchver 3\n"
        + "Name: n\nVersion: %{mainver}.%{patchver}\nRelease: 1\n";
    SpecFile f = SpecFile.parse(spec).withVersion("4.5.6");
    assertEquals("%global maj 4\n%global min 5\n%global mainver %{maj}.%{min}\n%global patchver 6\n"
        + "Name: n\nVersion: %{mainver}.%{patchver}\nRelease: 1\n", text(f));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", value = {
    "1.2-rc1 => 1.2~rc1",
    "v1.2.0 => 1.2.0",
    "2.0.0-beta.2 => 2.0.0~beta.2",
    "3.1_alpha1 => 3.1~alpha1",
    "1.0-1 => 1.0.1",
    "1.2 => 1.2",
  })
  void upstreamVersionsBecomeRpmVersions(String upstream, String rpm) {
    assertEquals(rpm, SpecFile.rpmVersionOf(upstream));
  }

  @Test
  void upstreamPrereleaseSetsTildeVersion() {
    assertEquals("1.3~rc1", SpecFile.parse(SPEC).withUpstreamVersion("1.3-rc1").nevr().version());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", value = {
    "1%{?dist} => 2%{?dist}",
    "0.1%{?dist} => 0.2%{?dist}",
    "0.24.rc1%{?dist} => 0.25.rc1%{?dist}",
    "4.rc2%{?dist} => 4.rc2%{?dist}.1",
    "1%{?rcrel}%{?dist}.1 => 1%{?rcrel}%{?dist}.2",
    "%release_func 26 => %release_func 27",
    "alt1 => alt1.1",
    "9 => 10",
  })
  void bumpReleaseFollowsRpmdevBumpspec(String before, String after) {
    SpecFile f = SpecFile.parse("Name: x\nVersion: 1\nRelease: " + before + "\n");
    assertEquals("Name: x\nVersion: 1\nRelease: " + after + "\n", text(f.withReleaseBumped()));
  }

  @Test
  void releaseResetKeepsDistAndUpdatesBaserelease() {
    assertEquals(SPEC.replace("3%{?dist}", "1%{?dist}"), text(SpecFile.parse(SPEC).withReleaseReset()));
    String base = "%global baserelease 7\nName: x\nVersion: 1\nRelease: %{baserelease}%{?dist}\n";
    assertEquals(base.replace("baserelease 7", "baserelease 1"), text(SpecFile.parse(base).withReleaseReset()));
    assertEquals(base.replace("baserelease 7", "baserelease 8"), text(SpecFile.parse(base).withReleaseBumped()));
    String auto = "Name: x\nVersion: 1\nRelease: %autorelease\n";
    assertSame(SpecFile.parse(auto).getClass(), SpecFile.parse(auto).withReleaseBumped().getClass());
    assertEquals(auto, text(SpecFile.parse(auto).withReleaseBumped()));
    assertEquals(auto, text(SpecFile.parse(auto).withReleaseReset()));
  }

  @Test
  void changelogEntryFollowsDateStyleAndWraps() {
    String longItem = "Update to 1.3 which brings a very long list of changes that needs wrapping at eighty columns for sure";
    SpecFile f = SpecFile.parse(SPEC).withVersion("1.3").withReleaseReset()
        .withChangelogEntry(ChangelogRequest.of("Packit <hello@packit.dev>", WHEN, longItem, "- Already bulleted"));
    String want = "%changelog\n* Tue Nov 03 2026 Packit <hello@packit.dev> - 1.3-1\n"
        + "- Update to 1.3 which brings a very long list of changes that needs wrapping at\n"
        + "  eighty columns for sure\n- Already bulleted\n\n* Mon Jan 06 2025";
    assertTrue(text(f).contains(want), text(f));
    // padding: " 6" style is followed, extended dates are followed
    String spaced = SPEC.replace("Mon Jan 06 2025", "Mon Jan  6 2025");
    assertTrue(text(SpecFile.parse(spaced).withChangelogEntry(ChangelogRequest.of("P <p@x>", WHEN, "x")))
        .contains("* Tue Nov  3 2026 P <p@x> - 1.2-3\n"));
    String extended = SPEC.replace("Mon Jan 06 2025", "Mon Jan 06 10:00:00 CET 2025");
    assertTrue(text(SpecFile.parse(extended).withChangelogEntry(ChangelogRequest.of("P <p@x>", WHEN, "x")))
        .contains("* Tue Nov 03 09:30:00 UTC 2026 P <p@x> - 1.2-3\n"));
    // explicit EVR and epoch
    String epoch = SPEC.replace("License:", "Epoch: 2\nLicense:");
    assertTrue(text(SpecFile.parse(epoch).withChangelogEntry(ChangelogRequest.of("P <p@x>", WHEN, "x")))
        .contains("- 2:1.2-3\n"));
    assertTrue(text(SpecFile.parse(SPEC).withChangelogEntry(ChangelogRequest.of("P <p@x>", WHEN, "x").withEvr("9-9")))
        .contains("P <p@x> - 9-9\n"));
  }

  @Test
  void autochangelogIsLeftAlone() {
    String spec = "Name: x\nVersion: 1\nRelease: %autorelease\n%changelog\n%autochangelog\n";
    assertEquals(spec, text(SpecFile.parse(spec).withChangelogEntry(ChangelogRequest.of("P <p@x>", WHEN, "x"))));
    // conditionalized changelog: only the classic one gets the entry
    String both = "Name: x\nVersion: 1\nRelease: 1\n%if 0%{?fedora}\n%changelog\n%autochangelog\n%else\n"
        + "%changelog\n* Mon Jan 06 2025 J <j@x> - 1-1\n- a\n%endif\n";
    String edited = text(SpecFile.parse(both).withChangelogEntry(ChangelogRequest.of("P <p@x>", WHEN, "x")));
    assertEquals(both.replace("%changelog\n* Mon", "%changelog\n* Tue Nov 03 2026 P <p@x> - 1-1\n- x\n\n* Mon"), edited);
  }

  @Test
  void tagsSourcesAndPatchesAreEditedInPlace() {
    SpecFile f = SpecFile.parse(SPEC);
    assertEquals(SPEC.replace("https://example.org\n", "https://example.com\n"), text(f.withTag("URL", "https://example.com")));
    assertEquals(SPEC.replace("License:        MIT\n", "License:        MIT\nVcs:            git+https://x\n")
        .replace("Patch0:         fix.patch\n", "Patch0:         fix.patch\n").length(),
        text(f.withTag("Vcs", "git+https://x")).length());
    assertTrue(text(f.withTag("Vcs", "git+https://x")).contains("Patch0:         fix.patch\nVcs:            git+https://x\n"));
    assertEquals(SPEC.replace("extra.conf", "other.conf"), text(f.withSource(1, "other.conf")));
    assertEquals(SPEC.replace("Source1:        extra.conf\n", "Source1:        extra.conf\nSource2:        new.conf\n"),
        text(f.withAddedSource("new.conf")));
    assertEquals(SPEC.replace("Patch0:         fix.patch\n", "Patch0:         fix.patch\nPatch1:         two.patch\n"),
        text(f.withAddedPatch("two.patch")));
    assertEquals(SPEC.replace("Source1:        extra.conf\n", ""), text(f.withoutSource(1)));
    assertEquals(SPEC.replace("Patch0:         fix.patch\n", ""), text(f.withoutPatch(0)));
    assertEquals(SPEC.replace("Summary:        Hello\n", ""), text(f.withoutTag("Summary")));
    // unnumbered Source: continues numbering; adding keeps the unnumbered style
    String unnumbered = "Name: x\nVersion: 1\nRelease: 1\nSource: a.tar.gz\nSource: b.conf\n";
    SpecFile u = SpecFile.parse(unnumbered);
    assertEquals(List.of(0, 1), u.sources().stream().map(Source::number).collect(Collectors.toList()));
    assertEquals(unnumbered + "Source: c.conf\n", text(u.withAddedSource("c.conf")));
    assertEquals(unnumbered.replace("b.conf", "d.conf"), text(u.withSource(1, "d.conf")));
    // zero-padded patch numbers keep their width
    String padded = "Name: x\nVersion: 1\nRelease: 1\nPatch0001: a.patch\n";
    assertEquals(padded + "Patch0002: b.patch\n", text(SpecFile.parse(padded).withAddedPatch("b.patch")));
  }

  @Test
  void sourcelistAndPatchlistEntries() {
    String spec = "Name: x\nVersion: 1\nRelease: 1\nSource0: main.tar.gz\n\n%sourcelist\nextra-%{version}.tar.gz\n"
        + "\n%patchlist\n# comment\nfirst.patch\n\n%description\nd\n";
    SpecFile f = SpecFile.parse(spec);
    assertEquals(List.of("main.tar.gz", "extra-1.tar.gz"),
        f.sources().stream().map(Source::expandedLocation).collect(Collectors.toList()));
    assertEquals(1, f.sources().get(1).number());
    assertTrue(f.sources().get(1).fromList());
    assertEquals(List.of("first.patch"), f.patches().stream().map(Source::location).collect(Collectors.toList()));
    assertEquals(spec.replace("extra-%{version}.tar.gz\n", "extra-%{version}.tar.gz\nmore.tar.gz\n"),
        text(f.withAddedSource("more.tar.gz")));
    assertEquals(spec.replace("first.patch", "second.patch"), text(f.withPatch(0, "second.patch")));
  }

  // --------------------------------------------------------------- packit/specfile bugs

  @Test
  void conditionalWrappersInPrepAreKept() {
    // specfile drops %{?cond:...} wrappers in %prep on a no-op pass
    String spec = "Name: x\nVersion: 1\nRelease: 1\n%prep\n%{?gpgverify:%{gpgverify} --keyring='%{SOURCE2}' --signature='%{SOURCE1}' --data='%{SOURCE0}'}\n"
        + "%{?scl:scl enable %{scl} - << \\EOF}\nset -ex\n%autosetup -p1\n%{?scl:EOF}\n";
    SpecFile f = SpecFile.parse(spec);
    assertEquals(spec, text(f));
    assertEquals(spec.replace("Version: 1", "Version: 2"), text(f.withVersion("2")));
  }

  @Test
  void packageInsideIfWorks() {
    // specfile raises IndexError for tags of a %package whose header sits in %if
    String spec = "Name: make\nVersion: 4.4\nRelease: 1\n%if 0%{?fedora}\n%package devel\nSummary: Devel\n"
        + "Requires: %{name} = %{version}\n%endif\n%description\nd\n";
    SpecFile f = SpecFile.parse(spec);
    List<Tag> sub = f.tags().stream().filter(t -> t.section().arguments().equals("devel")).collect(Collectors.toList());
    assertEquals(List.of("Summary", "Requires"), sub.stream().map(Tag::name).collect(Collectors.toList()));
    assertEquals(false, sub.get(0).live());
    SpecOptions fedora = SpecOptions.builder().define("fedora 42").build();
    List<Tag> live = f.evaluate(fedora).tags().stream().filter(t -> t.section().arguments().equals("devel"))
        .collect(Collectors.toList());
    assertEquals("make = 4.4", live.get(1).expandedValue());
    assertTrue(live.get(1).live());
  }

  @Test
  void unbalancedConditionalsDoNotCrash() {
    // specfile#538: IndexError on unusual %endif
    SpecFile f = SpecFile.parse("Name: x\n%endif\nVersion: 1\n%else\n%if 1\nRelease: 1\n");
    assertEquals(new Nevr("x", "", "1", "1"), f.nevr());
    assertTrue(f.evaluate().problems().stream().anyMatch(p -> p.contains("%endif without %if")));
  }

  @Test
  void writeIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("hello.spec");
    Files.writeString(spec, SPEC);
    SpecFile.read(spec).withVersion("1.3").write(spec);
    assertEquals(SPEC.replace("minorver 2", "minorver 3"), Files.readString(spec));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(spec), s.collect(Collectors.toList()));
    }
    // reading and evaluating never writes anything next to the spec
    SpecFile.read(spec).evaluate();
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void requireNevrNamesTheFileAndTag(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("broken.spec");
    Files.writeString(spec, "Name: x\nRelease: 1\n");
    dev.packit.core.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.packit.core.InvalidInputException.class, () -> SpecFile.read(spec).requireNevr(SpecOptions.defaults()));
    assertTrue(e.getMessage().contains("broken.spec") && e.getMessage().contains("Version"), e.getMessage());
  }
}
