package dev.packit.examples.jshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The artifacts this repository builds, read from its pom.xml files. */
final class Modules {
  private static final Pattern ARTIFACT = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
  private static final Pattern ROOT = Pattern.compile("<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");

  private Modules() {}

  /** @return artifactId to module folder */
  static Map<String, Path> artifactDirs(Path root) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root, 3)) {
      for (Path pom : s.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/")).toList()) {
        String text = Files.readString(pom);
        Matcher m = ARTIFACT.matcher(text);
        if (m.find()) {
          out.put(m.group(1), root.relativize(pom.getParent()));
        } else {
          Matcher r = ROOT.matcher(text);
          if (r.find()) {
            out.put(r.group(1), root.relativize(pom.getParent()));
          }
        }
      }
    }
    return out;
  }

  static Map<String, String> artifacts(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    artifactDirs(root).forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }

  /** @return the project version of the root pom */
  static String version(Path root) throws IOException {
    Matcher m = ROOT.matcher(Files.readString(root.resolve("pom.xml")));
    if (!m.find()) {
      throw new IllegalStateException("no version in the root pom.xml");
    }
    return m.group(2);
  }
}
