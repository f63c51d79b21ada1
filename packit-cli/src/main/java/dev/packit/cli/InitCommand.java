package dev.packit.cli;

import dev.packit.core.PackitException;
import dev.packit.core.config.ConfigLoadResult;
import dev.packit.core.config.ConfigProblem;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.spec.SpecFile;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code packit init [PATH]}: Packit's command of the same name. Writes a {@code .packit.yaml} for
 * an upstream repository: the spec file it finds, the package names, an
 * {@code upstream_tag_template} guessed from the git tags, and the propose_downstream, koji_build
 * and bodhi_update jobs; the file is validated before it is written.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("init", "path/to/hello");
 * }</pre>
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a .packit.yaml for a repository: spec file, package names, tag template guessed from the tags, "
        + "and propose_downstream, koji_build and bodhi_update jobs.",
        "Exit 0 written, 2 when a config exists (use --force), no spec or several specs are found (use --spec)."})
final class InitCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The repository (default: the current directory).")
  Path path = Path.of(".");

  @Option(names = "--spec", paramLabel = "FILE", description = "The spec file, relative to PATH (default: the only one found).")
  String specPath;

  @Option(names = {"-f", "--force"}, description = "Replace an existing Packit config.")
  boolean force;

  private static final Pattern VERSION_START = Pattern.compile("\\d");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path dir = path.toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        return usage(err, path + ": no such directory");
      }
      Optional<Path> existing = PackitConfigLoader.find(dir);
      if (existing.isPresent() && !force) {
        return usage(err, existing.get() + " already exists (use --force to replace it)");
      }
      String specRel;
      if (specPath != null) {
        if (!Files.isRegularFile(dir.resolve(specPath))) {
          return usage(err, "--spec " + specPath + ": no such file in " + dir);
        }
        specRel = specPath;
      } else {
        List<String> specs = findSpecs(dir);
        if (specs.isEmpty()) {
          return usage(err, "no spec file in " + dir + " (write one, or name it with --spec)");
        }
        if (specs.size() > 1) {
          return usage(err, "several spec files in " + dir + ": " + String.join(", ", specs) + "; name one with --spec");
        }
        specRel = specs.get(0);
      }
      String repoName = repositoryName(dir);
      String downstream = specName(dir.resolve(specRel)).orElse(repoName);
      List<String> tags = tags(dir);
      String template = tagTemplate(tags);
      String yaml = render(specRel, repoName, downstream, template);
      Path file = existing.orElse(dir.resolve(".packit.yaml"));
      ConfigLoadResult check = PackitConfigLoader.builder().repositoryName(repoName).build().validate(yaml, file.toString());
      if (!check.valid()) {
        // A bug here, not the user's: say what and write nothing.
        check.errors().forEach(e -> err.println(e));
        return usage(err, "the generated config does not validate; nothing written");
      }
      AtomicFiles.write(file, yaml);
      out.println("wrote " + file + " (spec " + specRel + ", upstream_tag_template " + template
          + (tags.isEmpty() ? ", no tags to guess from" : ", guessed from " + tags.size() + " tag(s)") + ")");
      out.println("check it with: packit config validate " + dir);
      for (ConfigProblem w : check.warnings()) {
        err.println(w);
      }
      return 0;
    } catch (IOException | PackitException e) {
      err.println("packit init: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println("packit init: " + message);
    return 2;
  }

  /** Spec files at the top or one folder down (e.g. {@code packaging/}, {@code rpm/}), sorted. */
  private static List<String> findSpecs(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir, 2)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".spec") && Files.isRegularFile(p))
          .filter(p -> !dir.relativize(p).toString().startsWith("."))
          .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  private static String repositoryName(Path dir) {
    if (Files.isDirectory(dir.resolve(".git"))) {
      try (LocalRepository repo = LocalRepository.open(dir)) {
        Optional<URI> origin = repo.remoteUri("origin");
        if (origin.isPresent() && !Services.lastSegment(origin.get()).isEmpty()) {
          return Services.lastSegment(origin.get());
        }
      } catch (PackitException e) {
        // fall back to the folder name
      }
    }
    return dir.getFileName() == null ? "package" : dir.getFileName().toString();
  }

  private static Optional<String> specName(Path spec) {
    try {
      return Optional.of(SpecFile.read(spec).nevr().name());
    } catch (PackitException e) {
      return Optional.empty();
    }
  }

  private static List<String> tags(Path dir) {
    if (!Files.isDirectory(dir.resolve(".git"))) {
      return List.of();
    }
    try (LocalRepository repo = LocalRepository.open(dir)) {
      return repo.tags();
    } catch (PackitException e) {
      return List.of();
    }
  }

  /**
   * The most common tag prefix before the version ({@code v1.2.0} → {@code v{version}},
   * {@code hello-1.2} → {@code hello-{version}}); {@code {version}} without tags.
   */
  static String tagTemplate(List<String> tags) {
    Map<String, Integer> prefixes = new LinkedHashMap<>();
    for (String tag : tags) {
      Matcher m = VERSION_START.matcher(tag);
      if (m.find() && tag.substring(m.start()).matches("\\d[\\w.+~^-]*")) {
        prefixes.merge(tag.substring(0, m.start()), 1, Integer::sum);
      }
    }
    return prefixes.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue))
        .map(e -> e.getKey() + "{version}").orElse("{version}");
  }

  private static String render(String specRel, String upstream, String downstream, String template) {
    List<String> lines = new ArrayList<>();
    lines.add("# Packit config written by packit init; see https://packit.dev/docs/configuration");
    lines.add("specfile_path: " + quoted(specRel));
    lines.add("upstream_package_name: " + quoted(upstream));
    lines.add("downstream_package_name: " + quoted(downstream));
    lines.add("upstream_tag_template: " + quoted(template));
    lines.add("");
    lines.add("jobs:");
    lines.add("  - job: propose_downstream");
    lines.add("    trigger: release");
    lines.add("    dist_git_branches: [fedora-all]");
    lines.add("  - job: koji_build");
    lines.add("    trigger: commit");
    lines.add("    dist_git_branches: [fedora-all]");
    lines.add("  - job: bodhi_update");
    lines.add("    trigger: commit");
    lines.add("    dist_git_branches: [fedora-branched]");
    return String.join("\n", lines) + "\n";
  }

  /** A YAML double-quoted scalar: names and templates with {, : or # stay strings. */
  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
