package dev.packit.examples.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.ConfigLoadResult;
import dev.packit.core.config.ConfigProblem;
import dev.packit.core.config.JobConfig;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.spec.SpecOptions;
import dev.packit.testkit.SandboxScenario;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs every script of {@code packit-examples/jshell} with the JDK's real {@code jshell} on the
 * shaded {@code packit.jar}, as a user would ({@code jshell --class-path packit.jar packit.jsh
 * script.jsh}, from the repository root), and checks what it prints against what the library
 * computes here. Two scripts run at a time; each starts its own jshell.
 */
@Tag("integration")
class JShellScriptsTest {
  static final Set<String> SCRIPTS = Set.of("inspect-spec.jsh", "bump-version.jsh", "validate-config.jsh",
      "plan-propose-downstream.jsh", "koji-bodhi.jsh");

  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "jshell-script");
    t.setDaemon(true);
    return t;
  });
  private static final Map<String, Future<String>> RUNS = new ConcurrentHashMap<>();

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  static Path dir() {
    return Repo.root().resolve("packit-examples/jshell");
  }

  /** Starts every script on the pool the first time any test asks, then waits for this one. */
  static String run(String script) throws Exception {
    Path jar = Repo.jar();
    Path jshell = Repo.jshell();
    synchronized (RUNS) {
      if (RUNS.isEmpty()) {
        for (String s : new TreeSet<>(SCRIPTS)) {
          RUNS.put(s, POOL.submit(() -> jshell(jshell, jar, s)));
        }
      }
    }
    return RUNS.get(script).get(5, TimeUnit.MINUTES);
  }

  static String jshell(Path jshell, Path jar, String script) throws IOException, InterruptedException {
    Path root = Repo.root();
    List<String> cmd = new ArrayList<>(List.of(jshell.toString(),
        // C1 only: these are short runs; this halves the CPU time of the two JVMs jshell starts.
        "-J-XX:TieredStopAtLevel=1", "-R-XX:TieredStopAtLevel=1",
        "--class-path", root.relativize(jar).toString(),
        "packit-examples/jshell/packit.jsh", "packit-examples/jshell/" + script));
    Path log = Files.createTempFile("jshell-" + script, ".log");
    try {
      Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(4, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(script + ": jshell did not finish in 4 minutes; output:\n" + Files.readString(log));
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), script + " exited with " + p.exitValue() + ":\n" + out);
      // jshell reports a failed snippet as "Error:" or "Exception ..." and carries on; a script must not have any.
      for (String line : out.split("\n")) {
        assertFalse(line.startsWith("Error:") || line.matches("^\\|?\\s*Exception .*") || line.contains("cannot find symbol"),
            script + " reported a failed snippet: " + line + "\n--- whole output:\n" + out);
      }
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static List<String> lines(String out) {
    return out.lines().collect(Collectors.toList());
  }

  @Test
  void everyScriptIsRunByThisTestAndEndsWithExit() throws IOException {
    Set<String> found;
    try (Stream<Path> s = Files.list(dir())) {
      found = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsh") && !n.equals("packit.jsh"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(SCRIPTS), found, "a new script needs its checks in JShellScriptsTest");
    for (String s : found) {
      List<String> lines = Files.readAllLines(dir().resolve(s));
      assertEquals("/exit", lines.get(lines.size() - 1).trim(), s + " must end with /exit to run non-interactively");
    }
  }

  @Test
  void inspectSpecPrintsWhatSpecFileComputes() throws Exception {
    String out = run("inspect-spec.jsh");
    SpecFile spec = SpecFile.read(dir().resolve("hello.spec"));
    Nevr n = spec.nevr();
    Nevr f43 = spec.nevr(SpecOptions.builder().define("dist .fc43").define("fedora", "43").build());
    List<String> lines = lines(out);
    assertTrue(lines.contains("nevr: " + n.name() + "-" + n.evr()), out);
    assertTrue(lines.contains("nevr on f43: " + f43.name() + "-" + f43.evr()), out);
    assertTrue(f43.release().endsWith(".fc43"), f43.toString());
    assertTrue(lines.contains("Version tag: " + spec.tag("Version").orElseThrow().value()), out);
    List<String> sources = lines.stream().filter(l -> l.startsWith("source: ")).toList();
    assertEquals(spec.sources().stream().map(s -> "source: " + s.expandedLocation()).toList(), sources);
    List<String> changelog = lines.stream().filter(l -> l.startsWith("changelog: ")).toList();
    assertEquals(spec.changelog().stream().map(c -> "changelog: " + c.header()).toList(), changelog);
    assertTrue(lines.contains("sections: " + spec.sections().size() + ", autorelease: false"), out);
  }

  @Test
  void bumpVersionShowsTheDiffAndLeavesTheExampleUntouched() throws Exception {
    Path spec = dir().resolve("hello.spec");
    byte[] before = Files.readAllBytes(spec);
    String out = run("bump-version.jsh");
    SpecFile expected = SpecFile.read(spec).withUpstreamVersion("2.5.0-rc1").withReleaseReset();
    Nevr n = expected.nevr();
    assertEquals("2.5.0~rc1", n.version());
    List<String> lines = lines(out);
    assertTrue(lines.contains("new nevr: " + n.name() + "-" + n.evr()), out);
    assertTrue(lines.contains("+Release:        1%{?dist}"), out);
    assertTrue(lines.contains("-Release:        3%{?dist}"), out);
    assertTrue(lines.contains("+* Mon Nov 23 2026 Packit <hello@packit.dev> - " + n.evr()), out);
    assertTrue(lines.contains("+- Update to 2.5.0-rc1"), out);
    assertTrue(lines.contains("newer than before: true"), out);
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(spec)), "the script edits a copy, not hello.spec");
  }

  @Test
  void validateConfigReportsEveryProblemWithItsPlace() throws Exception {
    String out = run("validate-config.jsh");
    List<String> lines = lines(out);
    assertTrue(lines.contains("packit-examples/jshell/packit.yaml: valid"), out);
    ConfigLoadResult broken = PackitConfigLoader.defaults().validate(dir().resolve("broken.packit.yaml"));
    assertFalse(broken.valid());
    for (ConfigProblem p : broken.errors()) {
      String where = "packit-examples/jshell/broken.packit.yaml:" + p.line() + ":" + p.column() + ": ";
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(where) && l.contains(p.message())),
          "missing " + where + p.message() + " in\n" + out);
    }
    assertTrue(lines.contains("packit-examples/jshell/broken.packit.yaml: " + broken.errors().size() + " error(s)"), out);
    PackitConfig config = PackitConfigLoader.defaults().load(dir().resolve("packit.yaml"));
    List<String> jobs = lines.stream().filter(l -> l.startsWith("job: ")).toList();
    List<String> expected = new ArrayList<>();
    for (JobConfig j : config.jobs()) {
      expected.add("job: " + j.type().yamlName() + " on " + j.trigger().yamlName());
    }
    assertEquals(expected, jobs);
    assertTrue(lines.contains("downstream package: hello"), out);
  }

  @Test
  void planProposeDownstreamPlansEveryBranchOfTheSandbox() throws Exception {
    String out = run("plan-propose-downstream.jsh");
    List<String> lines = lines(out);
    assertTrue(lines.get(0).startsWith("Plan: propose_downstream for hello 1.1.0"), out);
    String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(SandboxScenario.archive("1.1.0")));
    for (String branch : SandboxScenario.BRANCHES) {
      assertTrue(lines.contains("branch " + branch + ": 3 steps"), out);
      assertTrue(out.contains("pull request into " + branch + ": Update " + branch + " to upstream release 1.1.0"), out);
    }
    // The archive the plan uploads is the one the sandbox serves: same hash, in the sources file.
    assertEquals(3, lines.stream().filter(l -> l.trim().equals("+SHA512 (hello-1.1.0.tar.gz) = " + sha512)).count(), out);
    assertEquals(3, lines.stream().filter(l -> l.trim().equals("+Version:        1.1.0")).count(), out);
  }

  @Test
  void kojiAndBodhiAnswerFromTheSandbox() throws Exception {
    String out = run("koji-bodhi.jsh");
    List<String> lines = lines(out);
    assertTrue(lines.contains("build hello-1.0.0-1.fc43: COMPLETE"), out);
    assertTrue(lines.contains("tagged in f43: [hello-1.0.0-1.fc43]"), out);
    assertTrue(lines.contains("missing build: false"), out);
    assertTrue(lines.contains("release F43 f43 current"), out);
    assertTrue(lines.stream().anyMatch(l -> l.matches("target f43: build tag f43-build, destination .+")), out);
    String update = lines.stream().filter(l -> l.startsWith("update ")).findFirst().orElseThrow();
    String alias = update.split(" ")[1];
    assertTrue(alias.matches("FEDORA-\\d{4}-[0-9a-f]{10}"), update);
    assertEquals("update " + alias + " for [hello-1.0.0-1.fc43]", update);
    assertTrue(lines.contains("updates of hello: [" + alias + "]"), out);
  }
}
