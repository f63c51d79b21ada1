package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** set-version + add-changelog-entry over every Fedora spec of the corpus, with the diff checked. */
class SpecEditCorpusTest {
  private static final String NEW_VERSION = "99.1.0";
  private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 11, 3, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void setVersionAndChangelogChangeOnlyTheExpectedLines() throws IOException {
    Path root = Fixtures.dir("specs");
    List<Path> specs = new ArrayList<>();
    for (Path p : SpecCorpusTest.allSpecs(root)) {
      if (root.relativize(p).toString().startsWith("fedora-")) {
        specs.add(p);
      }
    }
    assertTrue(specs.size() >= 900, "fedora specs: " + specs.size());
    List<String> failures = new ArrayList<>();
    int withChangelog = 0;
    int macroKept = 0;
    int refused = 0;
    for (Path p : specs) {
      String problem = check(p, SpecFile.read(p));
      if (problem == null) {
        continue;
      }
      if (problem.equals("refused")) {
        refused++;
      } else if (problem.equals("changelog")) {
        withChangelog++;
      } else if (problem.equals("changelog+macro")) {
        withChangelog++;
        macroKept++;
      } else if (problem.equals("macro")) {
        macroKept++;
      } else {
        failures.add(root.relativize(p) + ": " + (problem.length() > 400 ? problem.substring(0, 400) + "..." : problem));
      }
    }
    System.out.println("edited " + specs.size() + " Fedora specs; changelog entries added to "
        + withChangelog + ", version kept through macros in " + macroKept + ", refused (Source would stay on the"
        + " old archive) " + refused);
    assertTrue(refused < specs.size() / 50, "too many refusals: " + refused);
    if (!failures.isEmpty()) {
      fail(failures.size() + " specs edited wrongly:\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
    }
  }

  /** Returns null/"changelog"/"macro"/"changelog+macro" when fine, else a description of the problem. */
  private static String check(Path p, SpecFile before) {
    SpecOptions opts = SpecCorpusTest.corpusOptions(p.getParent());
    SpecFile after;
    try {
      after = before.withVersion(NEW_VERSION, opts);
    } catch (dev.packit.core.InvalidInputException refused) {
      // Version built from macros a Source shares, which cannot give the new version: refused (issue 19)
      return refused.getMessage().contains("cannot be set to give") ? "refused" : "bad refusal " + refused;
    }
    after = after
        .withChangelogEntry(ChangelogRequest.of("Packit Test <test@example.org>", WHEN, "Update to " + NEW_VERSION), opts);
    Nevr nevr = after.nevr(opts);
    if (!nevr.version().equals(NEW_VERSION)) {
      return "version after edit is " + nevr.version();
    }
    List<String> a = LineDiff.lines(before);
    List<String> b = LineDiff.lines(after);
    boolean changelogExpected = before.sections().stream().anyMatch(s -> s.name().equals("changelog"))
        && !before.hasAutochangelog();
    boolean sawChangelog = false;
    boolean sawMacro = false;
    int versionLine = before.tag("Version").map(Tag::line).orElse(-1);
    for (LineDiff.Change c : LineDiff.changes(a, b)) {
      if (c.oldEnd() == c.oldStart()) {
        // pure insertion: must be the changelog entry
        List<String> ins = b.subList(c.newStart(), c.newEnd());
        String header = ins.get(0);
        String evr = (nevr.hasEpoch() ? nevr.epoch() + ":" : "") + NEW_VERSION + "-" + nevr.release();
        if (!header.matches("\\* Tue Nov (03| 3|3)( 12:00:00 UTC)? 2026 Packit Test <test@example\\.org> - \\Q" + evr + "\\E")) {
          return "unexpected inserted lines " + ins;
        }
        if (!ins.get(1).equals("- Update to " + NEW_VERSION)) {
          return "unexpected changelog body " + ins;
        }
        if (ins.size() > 3 || (ins.size() == 3 && !ins.get(2).isEmpty())) {
          return "unexpected changelog tail " + ins;
        }
        int sectionHeader = -1;
        for (Section s : after.sections()) {
          if (s.name().equals("changelog") && s.line() <= c.newStart() + 1 && c.newStart() < s.endLine()) {
            sectionHeader = s.line();
          }
        }
        if (sectionHeader < 0) {
          return "changelog entry outside %changelog at line " + (c.newStart() + 1);
        }
        sawChangelog = true;
        continue;
      }
      // replacements: the Version line or macro definitions, one for one
      if (c.oldEnd() - c.oldStart() != c.newEnd() - c.newStart()) {
        return "unexpected change " + a.subList(c.oldStart(), c.oldEnd()) + " -> " + b.subList(c.newStart(), c.newEnd());
      }
      for (int k = 0; k < c.oldEnd() - c.oldStart(); k++) {
        int oldLine = c.oldStart() + k + 1;
        String o = a.get(c.oldStart() + k);
        String n = b.get(c.newStart() + k);
        if (oldLine == versionLine) {
          if (!n.strip().endsWith(NEW_VERSION) || !n.regionMatches(true, 0, "Version", 0, 7)) {
            return "bad Version line " + n;
          }
          continue;
        }
        String t = o.strip();
        if ((t.startsWith("%global") || t.startsWith("%define")) && n.strip().equals("#" + t.substring(1))) {
          sawMacro = true; // a pre-release macro retired for a release (%global rc_ver 1 -> #global rc_ver 1)
          continue;
        }
        if (!(t.startsWith("%global") || t.startsWith("%define"))) {
          return "unexpected change of line " + oldLine + ": " + o + " -> " + n;
        }
        String prefix = commonPrefix(o, n);
        if (!(t.startsWith("%global") ? n.strip().startsWith("%global") : n.strip().startsWith("%define"))
            || prefix.length() < o.indexOf(t) + 8) {
          return "macro line rewritten beyond its body: " + o + " -> " + n;
        }
        sawMacro = true;
      }
    }
    if (changelogExpected != sawChangelog) {
      return "changelog entry " + (changelogExpected ? "missing" : "unexpected");
    }
    assertEquals(before.toBytes().length > 0, after.toBytes().length > 0);
    if (sawChangelog && sawMacro) {
      return "changelog+macro";
    }
    return sawChangelog ? "changelog" : sawMacro ? "macro" : null;
  }

  private static String commonPrefix(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return a.substring(0, i);
  }
}
