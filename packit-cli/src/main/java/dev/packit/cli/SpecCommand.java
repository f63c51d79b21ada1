package dev.packit.cli;

import dev.packit.core.PackitException;
import dev.packit.core.spec.LineDiff;
import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.spec.SpecOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code packit spec}: read and edit spec files without librpm. */
@Command(name = "spec", mixinStandardHelpOptions = true,
    description = "Inspect and edit RPM spec files (no librpm needed).",
    subcommands = {SpecCommand.Show.class, SpecCommand.SetVersion.class})
final class SpecCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code packit spec show}: one TSV line per file. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print path<TAB>name<TAB>epoch<TAB>version<TAB>release per file "
          + "(epoch '(none)' when absent; path<TAB>ERROR<TAB>message on failure).")
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-D", "--define"}, paramLabel = "'NAME VALUE'",
        description = "Define a macro, like rpmspec --define (repeatable).")
    List<String> defines = new ArrayList<>();

    @Option(names = "--arch", description = "Target architecture (default: ${DEFAULT-VALUE}).")
    String arch = "x86_64";

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      SpecOptions.Builder b = SpecOptions.builder().arch(arch);
      defines.forEach(b::define);
      SpecOptions options = b.build();
      int failures = 0;
      for (Path f : files) {
        try {
          Nevr n = SpecFile.read(f).requireNevr(options);
          out.println(f + "\t" + n.name() + "\t" + (n.hasEpoch() ? n.epoch() : "(none)") + "\t"
              + n.version() + "\t" + n.release());
        } catch (PackitException e) {
          failures++;
          out.println(f + "\tERROR\t" + oneLine(e.getMessage()));
        }
      }
      out.flush();
      return failures == 0 ? 0 : 1;
    }
  }

  /** {@code packit spec set-version}: atomic in-place edit, prints the diff. */
  @Command(name = "set-version", mixinStandardHelpOptions = true,
      description = "Set the version (keeping macros), reset the release, write the file atomically "
          + "and print a unified diff.")
  static final class SetVersion implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VERSION", description = "The new version (upstream form like 1.2-rc1 is accepted).")
    String version;

    @Parameters(index = "1", paramLabel = "FILE", description = "The spec file to edit in place.")
    Path file;

    @Option(names = "--keep-release", description = "Do not reset the release to 1.")
    boolean keepRelease;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      java.util.Optional<String> problem = versionProblem(version);
      if (problem.isPresent()) {
        // Refused before the file is read: nothing is written.
        spec.commandLine().getErr().println("packit spec set-version: " + problem.get());
        spec.commandLine().getErr().flush();
        return 2;
      }
      try {
        SpecFile before = SpecFile.read(file);
        SpecFile after = before.withUpstreamVersion(version);
        if (!keepRelease) {
          after = after.withReleaseReset();
        }
        if (after != before) {
          after.write(file);
        }
        out.print(LineDiff.unified("a/" + file.getFileName(), "b/" + file.getFileName(),
            LineDiff.lines(before), LineDiff.lines(after), 3));
        out.flush();
        return 0;
      } catch (PackitException e) {
        spec.commandLine().getErr().println("packit spec set-version: " + oneLine(e.getMessage()));
        spec.commandLine().getErr().flush();
        return 1;
      }
    }
  }

  /**
   * Why rpm would refuse the version the user typed, after the upstream-to-rpm conversion
   * ({@code 1.2-rc1} to {@code 1.2~rc1}); empty when rpm takes it. rpm's own rule, checked here
   * (one token, no "..", only letters, digits and {@code ._+%{}~^}); to be pointed at packit-core's
   * version check once it has one.
   *
   * @param typed the VERSION argument
   * @return the problem, or empty
   */
  static java.util.Optional<String> versionProblem(String typed) {
    if (typed == null || typed.isBlank()) {
      return java.util.Optional.of("VERSION is empty (rpm: \"Empty tag: Version\")");
    }
    if (typed.chars().anyMatch(Character::isWhitespace)) {
      return java.util.Optional.of("VERSION '" + typed + "' is more than one word (rpm: \"Tag takes single token only\")");
    }
    java.util.regex.Matcher vr = java.util.regex.Pattern.compile("v?(\\d[\\w.+~^]*)-(\\d+)").matcher(typed);
    if (vr.matches()) {
      // 1.0-1 is a version and a release; turning the dash into a dot (1.0.1) would be a wrong version.
      return java.util.Optional.of("VERSION '" + typed + "' looks like VERSION-RELEASE: give the version alone ("
          + vr.group(1) + "); the release is reset to 1, or kept with --keep-release");
    }
    String rpm;
    try {
      rpm = SpecFile.rpmVersionOf(typed);
    } catch (PackitException e) {
      return java.util.Optional.of("VERSION '" + typed + "': " + oneLine(e.getMessage()));
    }
    // rpm's character rules, and no macro: one check shared with the workflow's tag check.
    java.util.Optional<String> rule = dev.packit.core.rpm.RpmVersion.versionProblem(rpm);
    if (rule.isPresent()) {
      return java.util.Optional.of("VERSION '" + typed + "' " + rule.get());
    }
    return java.util.Optional.empty();
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
