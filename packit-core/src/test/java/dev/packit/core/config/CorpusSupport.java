package dev.packit.core.config;

import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the packit-yaml corpus: every config file with the repository it came from. */
final class CorpusSupport {
  private CorpusSupport() {}

  record CorpusFile(String name, Path path, String repository) {}

  static List<CorpusFile> files() {
    Path dir = Fixtures.dir("packit-yaml");
    Map<String, String> repos = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(dir.resolve("SOURCES.tsv"))) {
        String[] f = line.split("\t");
        if (f.length >= 2 && !f[0].equals("local_name")) {
          repos.put(f[0], f[1].substring(f[1].indexOf('/') + 1));
        }
      }
      List<CorpusFile> out = new ArrayList<>();
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile).sorted().forEach(p -> {
          String rel = dir.relativize(p).toString().replace('\\', '/');
          if (rel.equals("README.md") || rel.equals("SOURCES.tsv")) {
            return;
          }
          String repo = repos.get(rel);
          if (repo == null) {
            throw new IllegalStateException("no SOURCES.tsv line for " + rel);
          }
          out.add(new CorpusFile(rel, p, repo));
        });
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfigLoadResult validate(CorpusFile f) {
    try {
      return PackitConfigLoader.builder().repositoryName(f.repository()).build()
          .validate(Files.readAllBytes(f.path()), f.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
