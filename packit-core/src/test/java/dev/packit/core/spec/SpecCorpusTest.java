package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the model over every spec in ../shared/fixtures/specs. */
class SpecCorpusTest {

  /** The defines rpmspec-expected.tsv was produced with (see the corpus README). */
  static SpecOptions corpusOptions(Path dir) {
    return SpecOptions.builder()
        .define("_sourcedir " + dir)
        .define("_specdir " + dir)
        .define("dist %{nil}")
        .define("fedora 42")
        .define("fc42 1")
        .define("autorelease(e:s:pb:n) %{?-p:0.}%{?-b*}%{!?-b:1}%{?-e:.%{-e*}}%{?-s:.%{-s*}}%{!?-n:%{?dist}}")
        .define("autochangelog %{nil}")
        .build();
  }

  static List<Path> allSpecs(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".spec") && Files.isRegularFile(p)).sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void everyFileRoundTripsByteForByte() throws IOException {
    Path root = Fixtures.dir("specs");
    List<Path> specs = allSpecs(root);
    assertTrue(specs.size() >= 1400, "corpus has " + specs.size() + " specs");
    for (Path p : specs) {
      byte[] in = Files.readAllBytes(p);
      SpecFile spec = SpecFile.parse(in);
      assertArrayEquals(in, spec.toBytes(), p.toString());
      // the whole model must build without exceptions
      spec.sections();
      spec.evaluate().tags();
      spec.changelog();
      spec.hasAutorelease();
      spec.hasAutochangelog();
    }
  }

  @Test
  void nevrMatchesRpmspecForAtLeast99Percent() throws IOException {
    Path root = Fixtures.dir("specs");
    List<String> rows = Files.readAllLines(root.resolve("rpmspec-expected.tsv"), StandardCharsets.UTF_8);
    int compared = 0;
    List<String> mismatches = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split("\t", -1);
      if (!f[1].equals("0")) {
        continue;
      }
      Path file = root.resolve(f[0]);
      compared++;
      SpecFile spec = SpecFile.read(file);
      Nevr n = spec.nevr(corpusOptions(file.getParent()));
      String got = n.name() + "\t" + (n.hasEpoch() ? n.epoch() : "(none)") + "\t" + n.version()
          + "\t" + n.release();
      String want = f[2] + "\t" + f[3] + "\t" + f[4] + "\t" + f[5];
      if (!got.equals(want)) {
        mismatches.add(f[0] + "\n    want " + want + "\n    got  " + got);
      }
    }
    double ratio = (compared - mismatches.size()) / (double) compared;
    System.out.println("NEVR equal for " + (compared - mismatches.size()) + "/" + compared
        + String.format(" (%.2f%%)", ratio * 100) + "; mismatches:");
    mismatches.forEach(m -> System.out.println("  " + m));
    assertTrue(compared >= 1000, "compared " + compared);
    assertTrue(ratio >= 0.99, mismatches.size() + " mismatches of " + compared);
  }

  @Test
  void crlfFilesStayCrlf() throws IOException {
    Path root = Fixtures.dir("specs");
    int crlf = 0;
    for (Path p : allSpecs(root)) {
      byte[] in = Files.readAllBytes(p);
      if (new String(in, StandardCharsets.ISO_8859_1).contains("\r\n")) {
        crlf++;
        assertEquals(new String(in, StandardCharsets.ISO_8859_1),
            new String(SpecFile.parse(in).toBytes(), StandardCharsets.ISO_8859_1));
      }
    }
    assertTrue(crlf > 0, "the corpus has CRLF files");
  }
}
