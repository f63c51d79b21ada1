package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fixtures;
import dev.packit.core.testing.RpmTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: after {@link SpecFile#withVersion}, rpm's {@code Source0} names the new version, or the
 * edit was refused, or {@link SpecFile#editWarnings} names the line. rpm ({@code rpmspec -P}) judges
 * every corpus spec whose {@code Version} is built from macros.
 */
@org.junit.jupiter.api.Tag("integration")
class SpecSourceFollowsVersionTest {
  private static final Pattern REF = Pattern.compile("%\\{?[!?]*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern LEADING = Pattern.compile("^(\\d+(?:\\.\\d+)*)");

  /** Sources of {@code hello} at 19.1.7 as the llvm family writes them. */
  private static final String LLVM_STYLE = String.join("\n",
      "%global polly_version 19.1.7",
      "#global rc_ver 1",
      "Name: polly",
      "Version: %{polly_version}%{?rc_ver:~rc%{rc_ver}}",
      "Release: 1",
      "Summary: s",
      "License: MIT",
      "URL: https://llvm.org/",
      "Source0: https://github.com/llvm/llvm-project/releases/download/llvmorg-%{polly_version}%{?rc_ver:-rc%{rc_ver}}/polly-%{polly_version}%{?rc_ver:rc%{rc_ver}}.src.tar.xz",
      "%description", "d", "");

  @Test
  void theLlvmFamilyKeepsItsMacrosAndTheTarballFollows(@TempDir Path dir) throws IOException {
    SpecFile before = SpecFile.parse(LLVM_STYLE);
    SpecFile after = before.withVersion("19.1.8");
    assertTrue(after.toString().contains("%global polly_version 19.1.8\n"), after.toString());
    assertTrue(after.toString().contains("Version: %{polly_version}%{?rc_ver:~rc%{rc_ver}}\n"), after.toString());
    assertEquals(List.of(), after.editWarnings(before));
    Map<String, String> rpm = rpmParsed(dir, after.toString(), dir);
    assertEquals("19.1.8", rpm.get("version"));
    assertTrue(rpm.get("source0").endsWith("/llvmorg-19.1.8/polly-19.1.8.src.tar.xz"), rpm.get("source0"));

    // an rc, then its release: the conditional part follows (%global rc_ver retired as Fedora does)
    SpecFile rc = SpecFile.parse(LLVM_STYLE.replace("#global rc_ver 1", "%global rc_ver 1")
        .replace("polly_version 19.1.7", "polly_version 20.1.0"));
    SpecFile released = rc.withVersion("20.1.0");
    assertTrue(released.toString().contains("#global rc_ver 1\n"), released.toString());
    rpm = rpmParsed(dir, released.toString(), dir);
    assertEquals("20.1.0", rpm.get("version"));
    assertTrue(rpm.get("source0").endsWith("/llvmorg-20.1.0/polly-20.1.0.src.tar.xz"), rpm.get("source0"));
    SpecFile rc2 = rc.withVersion("20.1.1~rc2");
    rpm = rpmParsed(dir, rc2.toString(), dir);
    assertEquals("20.1.1~rc2", rpm.get("version"));
    assertTrue(rpm.get("source0").endsWith("/llvmorg-20.1.1-rc2/polly-20.1.1rc2.src.tar.xz"), rpm.get("source0"));
  }

  @Test
  void macrosThatCannotGiveTheVersionAreRefusedWhenSourceSharesThem() {
    // two components cannot give a version with one: a literal Version would leave Source0 on 19.1
    String spec = String.join("\n", "%global maj 19", "%global min 1", "Name: x", "Version: %{maj}.%{min}",
        "Release: 1", "Summary: s", "License: MIT", "Source0: https://example.org/%{maj}/x-%{maj}.%{min}.tar.gz",
        "%description", "d", "");
    SpecFile before = SpecFile.parse(spec);
    InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
        () -> before.withVersion("20"));
    assertEquals("Source0", e.location().field(), e.getMessage());
    assertEquals(8, e.location().line(), e.getMessage());
    assertTrue(e.getMessage().contains("x-19.1.tar.gz"), e.getMessage());
    // the same spec to 20.2 keeps its macros, and a shell-computed definition becomes the literal it must be
    assertTrue(before.withVersion("20.2").toString().contains("%global maj 20\n%global min 2\n"));
    SpecFile shell = SpecFile.parse(spec.replace("%global min 1", "%global min %(echo 1)"));
    assertTrue(shell.withVersion("19.2").toString().contains("%global min 2\n"));
  }

  @Test
  void aHardCodedOrPackverSourceIsAWarningWithItsLine() {
    String spec = String.join("\n", "%global packver 1_2_3", "Name: x", "Version: 1.2.3", "Release: 1",
        "Summary: s", "License: MIT", "Source0: https://example.org/x-1.2.3.tar.gz",
        "Source1: https://example.org/x-%{packver}-docs.tar.gz", "Source2: https://example.org/x-%{version}.asc",
        "%description", "d", "");
    SpecFile before = SpecFile.parse(spec);
    SpecFile after = before.withVersion("1.3.0");
    List<SpecWarning> w = after.editWarnings(before);
    assertEquals(1, w.size(), w.toString()); // packver does not name 1.2.3, Source2 follows
    assertEquals(7, w.get(0).line());
    assertTrue(w.get(0).render().contains("Source0 still names version 1.2.3"), w.get(0).render());
  }

  @Test
  void everyCorpusSpecWithAMacroVersionFollowsIsRefusedOrWarns(@TempDir Path tmp) throws Exception {
    Path root = Fixtures.dir("specs");
    Map<String, String[]> expected = new HashMap<>();
    for (String line : Files.readAllLines(root.resolve("rpmspec-expected.tsv"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      expected.put(f[0], f);
    }
    List<Path> candidates = new ArrayList<>();
    for (Path p : SpecCorpusTest.allSpecs(root)) {
      String[] want = expected.get(root.relativize(p).toString());
      if (want == null || !want[1].equals("0")) {
        continue; // rpm cannot parse the original either
      }
      SpecFile spec = SpecFile.read(p);
      if (spec.tag("Version").map(t -> t.value().contains("%")).orElse(false)) {
        candidates.add(p);
      }
    }
    assertTrue(candidates.size() >= 100, "specs with a Version built from macros: " + candidates.size());

    AtomicInteger followed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger warned = new AtomicInteger();
    AtomicInteger unversioned = new AtomicInteger();
    AtomicInteger literal = new AtomicInteger();
    AtomicInteger literalSharing = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        Path p = candidates.get(i);
        Path work = Files.createDirectories(tmp.resolve("s" + i));
        jobs.add(pool.submit(() -> {
          String rel = root.relativize(p).toString();
          SpecOptions opts = SpecCorpusTest.corpusOptions(p.getParent());
          SpecFile before = SpecFile.read(p);
          Map<String, String> old = rpmParsed(work, new String(before.toBytes(), StandardCharsets.ISO_8859_1), p.getParent());
          if (old == null || old.get("version") == null) {
            skipped.incrementAndGet();
            return null;
          }
          String newVersion = bump(old.get("version"));
          if (newVersion == null) {
            skipped.incrementAndGet();
            return null;
          }
          SpecFile after;
          try {
            after = before.withVersion(newVersion, opts);
          } catch (InvalidInputException e) {
            refused.incrementAndGet();
            notes.add("refused " + rel + ": " + e.getMessage().substring(0, Math.min(160, e.getMessage().length())));
            return null;
          }
          String versionRaw = after.tag("Version").map(Tag::value).orElse("");
          if (versionRaw.equals(newVersion)) {
            literal.incrementAndGet();
            if (sharesMacros(before)) {
              literalSharing.incrementAndGet();
            }
          }
          Map<String, String> now = rpmParsed(work, new String(after.toBytes(), StandardCharsets.ISO_8859_1), p.getParent());
          if (now == null || !newVersion.equals(now.get("version"))) {
            failures.add(rel + ": rpm's Version after the edit is " + (now == null ? "(no parse)" : now.get("version"))
                + ", wanted " + newVersion);
            return null;
          }
          String[] names = comparable(old.get("version"), newVersion);
          String oldSource = old.getOrDefault("source0", "");
          if (!SpecEditorNames.names(oldSource, names[0])) {
            unversioned.incrementAndGet();
            return null;
          }
          if (SpecEditorNames.names(now.getOrDefault("source0", ""), names[1])) {
            followed.incrementAndGet();
            return null;
          }
          List<SpecWarning> warnings = after.editWarnings(before, opts);
          if (warnings.stream().anyMatch(w -> w.text().matches("(?is)source0?:.*"))) {
            warned.incrementAndGet();
            notes.add("warned " + rel + ": " + warnings);
            return null;
          }
          failures.add(rel + ": silent old tarball: Source0 is " + now.get("source0") + " for Version " + newVersion
              + " (was " + oldSource + "); warnings " + warnings);
          return null;
        }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("Source follows Version: %d corpus specs with a Version built from macros in %.1f s (2 threads);"
        + " Source0 follows %d, refused %d, warned %d, Source0 names no version %d, skipped %d;"
        + " Version written as a literal %d, of which with Sources sharing its macros %d%n",
        candidates.size(), (System.nanoTime() - t0) / 1e9, followed.get(), refused.get(), warned.get(),
        unversioned.get(), skipped.get(), literal.get(), literalSharing.get());
    notes.forEach(n -> System.out.println("  " + n));
    if (!failures.isEmpty()) {
      fail(failures.size() + " specs:\n" + String.join("\n", failures));
    }
  }

  /** The next version: the last number of the leading numeric part plus one, the rest kept. */
  static String bump(String v) {
    Matcher m = LEADING.matcher(v);
    if (!m.find()) {
      return null;
    }
    String lead = m.group(1);
    int dot = lead.lastIndexOf('.');
    String last = lead.substring(dot + 1);
    String next = new java.math.BigInteger(last).add(java.math.BigInteger.ONE).toString();
    return lead.substring(0, dot + 1) + next + v.substring(lead.length());
  }

  private static String[] comparable(String oldVersion, String newVersion) {
    String a = oldVersion.replaceFirst("[~^].*$", "");
    String b = newVersion.replaceFirst("[~^].*$", "");
    return !a.isEmpty() && !b.isEmpty() && !a.equals(b) ? new String[] {a, b} : new String[] {oldVersion, newVersion};
  }

  /** Whether a Source/URL of the spec refers to a macro the Version refers to (directly or through a definition). */
  private static boolean sharesMacros(SpecFile spec) {
    Set<String> version = refs(spec, spec.tag("Version").map(Tag::value).orElse(""), 0, new HashSet<>());
    for (Source s : spec.sources()) {
      Set<String> used = refs(spec, s.location(), 0, new HashSet<>());
      used.retainAll(version);
      if (!used.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> refs(SpecFile spec, String raw, int depth, Set<String> acc) {
    Matcher m = REF.matcher(raw);
    while (m.find() && depth < 8) {
      String n = m.group(1);
      if (!Set.of("version", "name", "release").contains(n) && acc.add(n)) {
        for (MacroDefinition d : spec.macroDefinitions()) {
          if (d.name().equals(n)) {
            refs(spec, d.body(), depth + 1, acc);
          }
        }
      }
    }
    return acc;
  }

  /**
   * rpm's parse of a spec: {@code version} and {@code source0} (the first Source0/Source tag of the
   * main preamble) from {@code rpmspec -P}; null when rpm fails.
   */
  static Map<String, String> rpmParsed(Path work, String text, Path sourceDir) throws IOException {
    Path f = work.resolve("t.spec");
    Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
    RpmTool.Result r = RpmTool.rpmspec(work, "-P",
        "--define", "_sourcedir " + sourceDir, "--define", "_specdir " + sourceDir,
        "--define", "dist %{nil}", "--define", "fedora 42", "--define", "fc42 1",
        "--define", "autorelease(e:s:pb:n) %{?-p:0.}%{?-b*}%{!?-b:1}%{?-e:.%{-e*}}%{?-s:.%{-s*}}%{!?-n:%{?dist}}",
        "--define", "autochangelog %{nil}", f.toString());
    if (r.exit() != 0) {
      return null;
    }
    Map<String, String> out = new HashMap<>();
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("%package") || line.startsWith("%description")) {
        break;
      }
      Matcher m = Pattern.compile("(?i)^(version|source0?)\\s*:\\s*(.*?)\\s*$").matcher(line);
      if (m.matches()) {
        String key = m.group(1).toLowerCase(java.util.Locale.ROOT).startsWith("source") ? "source0" : "version";
        out.putIfAbsent(key, m.group(2));
      }
    }
    return out;
  }

  /** The test's own reading of "names the version" (a version not inside a longer one). */
  static final class SpecEditorNames {
    static boolean names(String text, String version) {
      Matcher m = Pattern.compile("(?<![A-Za-z0-9.])" + Pattern.quote(version) + "(?![0-9]|[._~^+-][0-9])").matcher(text);
      return m.find();
    }
  }
}
