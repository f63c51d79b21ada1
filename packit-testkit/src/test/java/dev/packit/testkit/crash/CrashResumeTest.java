package dev.packit.testkit.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxRequest;
import dev.packit.testkit.SandboxScenario;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-resume with real process kills: the sandbox runs in this JVM, the bot ({@link
 * CrashResumeChild}) in a child JVM that is killed with SIGKILL ({@link Process#destroyForcibly()})
 * when the sandbox receives its N-th request, either as the request arrives (before the service
 * reads it: a push or upload whose client died mid-request) or right after the answer (the client
 * died before acting on it). Another child then resumes from nothing but the remote state and
 * the shared work folder; it may be killed too. Kill points are drawn (seeded) from the request
 * log of a reference run, a third of them aimed at git pushes and lookaside uploads.
 *
 * <p>After every release: one pull request per branch, the archive stored once, one bot commit
 * on each branch, one Koji build and task per branch, one Bodhi update per update branch, and
 * nothing left behind in the work folder.
 *
 * <p>{@code -Dpackit.crash.kills=50} (default 2, to stay fast in the build) sets how many kills to make,
 * {@code -Dpackit.crash.seed} the seed.
 */
@Tag("integration")
class CrashResumeTest {
  private static final List<String> BRANCHES = List.of("rawhide", "f43");
  private static final List<String> UPDATE_BRANCHES = List.of("f43");
  private static final int MAX_KILLS_PER_RELEASE = 3;

  private final ObjectMapper json = new ObjectMapper();

  /** What the parent should do with the current child. */
  private static final class KillPoint {
    final Process process;
    final long index;
    final boolean arriving;
    volatile long sandboxNumber = -1;
    volatile String killedAt;

    KillPoint(Process process, long index, boolean arriving) {
      this.process = process;
      this.index = index;
      this.arriving = arriving;
    }
  }

  /** One release on a fresh sandbox, with its request log and kill switch. */
  private final class Release implements AutoCloseable {
    final FedoraSandbox sandbox = FedoraSandbox.start();
    final SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
    final Path work;
    final Path logs;
    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicLong counted = new AtomicLong();
    final AtomicReference<KillPoint> kill = new AtomicReference<>();
    final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    int children;

    Release(Path dir) throws IOException {
      work = Files.createDirectories(dir.resolve("work"));
      logs = Files.createDirectories(dir.resolve("logs"));
      Files.writeString(dir.resolve("packit.yaml"), hello.packitYaml());
      sandbox.pagure().owner("rpms/hello", "jane");
      // The bot process reaches every service over HTTP only: mount them all now.
      sandbox.lookaside();
      sandbox.koji();
      sandbox.bodhi();
      sandbox.mount("/test-bus", "the published messages, as JSON, for the bot process", ex -> {
        try (ex) {
          List<Map<String, Object>> out = new ArrayList<>();
          sandbox.messages().published().forEach(m -> out.add(Map.of("id", m.id(), "topic", m.topic(),
              "headers", m.headers(), "body", m.body())));
          byte[] body = json.writeValueAsBytes(out);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        }
      });
      sandbox.onRequest(this::observe);
      // Koji finishes builds as time passes; time passes quickly here.
      ticker.scheduleWithFixedDelay(() -> sandbox.koji().advance(Duration.ofMinutes(5)), 50, 50, TimeUnit.MILLISECONDS);
    }

    private void observe(SandboxRequest r) {
      if (r.path().startsWith("/test-bus")) {
        return;
      }
      KillPoint k = kill.get();
      if (r.arriving()) {
        long i = counted.incrementAndGet();
        log.add(r.method() + " " + r.path());
        if (k != null && i == k.index) {
          if (k.arriving) {
            kill(k, "arriving " + r.method() + " " + r.path());
          } else {
            k.sandboxNumber = r.number();
          }
        }
      } else if (k != null && !k.arriving && r.number() == k.sandboxNumber) {
        kill(k, "answered " + r.method() + " " + r.path());
      }
    }

    private void kill(KillPoint k, String where) {
      if (k.killedAt == null && k.process.isAlive()) {
        k.killedAt = where;
        k.process.destroyForcibly();
        try {
          k.process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Runs one bot process; returns where it was killed, or null when it finished the road. */
    String runChild(long killIndex, boolean arriving) throws Exception {
      counted.set(0);
      Path out = logs.resolve("child-" + (++children) + ".log");
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
          "-cp", classPath(), CrashResumeChild.class.getName(),
          "base=" + sandbox.baseUri(),
          "botToken=" + sandbox.pagure().token("packit"),
          "githubToken=" + sandbox.github().token("packit"),
          "maintainerToken=" + sandbox.pagure().token("jane"),
          "work=" + work,
          "config=" + work.getParent().resolve("packit.yaml"),
          "tag=" + hello.tag(),
          "notes=" + Base64.getEncoder().encodeToString(hello.releaseNotesText().getBytes(StandardCharsets.UTF_8)),
          "branches=" + String.join(",", BRANCHES),
          "updateBranches=" + String.join(",", UPDATE_BRANCHES)));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      KillPoint k = killIndex > 0 ? new KillPoint(p, killIndex, arriving) : null;
      kill.set(k);
      if (!p.waitFor(150, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("the bot process hung; its output:\n" + Files.readString(out));
      }
      kill.set(null);
      awaitIdle();
      if (k != null && k.killedAt != null) {
        return k.killedAt;
      }
      String output = Files.readString(out);
      if (p.exitValue() != 0 || !output.contains("ROAD COMPLETE")) {
        fail("the bot process failed (exit " + p.exitValue() + ") after " + children + " children; its output:\n" + output);
      }
      return null;
    }

    /** Requests of a killed client may still be served; wait until they are. */
    private void awaitIdle() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sandbox.requestsInFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    @Override
    public void close() {
      ticker.shutdownNow();
      sandbox.close();
    }
  }

  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  @Test
  void botProcessesKilledAtRandomRequestsResumeWithoutDuplicates(@TempDir Path tmp) throws Exception {
    int targetKills = Integer.getInteger("packit.crash.kills", 2);
    long seed = Long.getLong("packit.crash.seed", 20261124L);
    Random random = new Random(seed);
    long started = System.nanoTime();

    // A reference run without kills: the request log the kill points are drawn from.
    List<String> reference;
    try (Release ref = new Release(tmp.resolve("reference"))) {
      ref.runChild(0, false);
      System.out.print("crash-resume reference run:\n" + Files.readString(ref.logs.resolve("child-1.log")));
      assertFinishedOnce(ref);
      reference = List.copyOf(ref.log);
    }
    List<Integer> pushesAndUploads = new ArrayList<>();
    for (int i = 0; i < reference.size(); i++) {
      if (reference.get(i).endsWith("/git-receive-pack") || reference.get(i).endsWith("/upload.cgi")) {
        pushesAndUploads.add(i + 1);
      }
    }
    assertTrue(pushesAndUploads.size() >= 3, "the road pushes and uploads: " + reference);

    Map<String, Integer> killedAt = new TreeMap<>();
    int kills = 0;
    int releases = 0;
    int children = 1;
    while (kills < targetKills) {
      releases++;
      try (Release release = new Release(tmp.resolve("release-" + releases))) {
        int killsHere = 0;
        while (true) {
          long index = 0;
          boolean arriving = random.nextBoolean();
          if (killsHere < MAX_KILLS_PER_RELEASE && kills < targetKills) {
            index = random.nextInt(3) == 0 ? pushesAndUploads.get(random.nextInt(pushesAndUploads.size()))
                : 1 + random.nextInt(reference.size());
          }
          String where = release.runChild(index, arriving);
          children++;
          if (where == null) {
            break;
          }
          kills++;
          killsHere++;
          killedAt.merge(where.replaceAll("/[0-9a-f]{6,}", "/<id>"), 1, Integer::sum);
        }
        assertFinishedOnce(release);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("crash-resume: %d kills over %d releases, %d bot processes, %d requests per reference run, "
        + "seed %d, %.1f s (%.2f s per process)%n", kills, releases, children, reference.size(), seed, seconds, seconds / children);
    killedAt.forEach((k, v) -> System.out.println("  killed " + v + "x at " + k));
  }

  private void assertFinishedOnce(Release r) throws IOException {
    FedoraSandbox sandbox = r.sandbox;
    String context = " (children: " + r.children + ", logs in " + r.logs + ")";
    List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/hello");
    assertEquals(BRANCHES.size(), prs.size(), "one pull request per branch" + context + ": " + prs);
    assertEquals(BRANCHES.size(), prs.stream().map(p -> p.path("branch").asText()).distinct().count(), prs.toString());
    assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz"), "archive stored once" + context);
    for (String branch : BRANCHES) {
      Path dir = r.work.getParent().resolve("check-" + branch);
      try (LocalRepository repo = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/hello"), dir)
          .branch(branch).build())) {
        List<CommitInfo> log = repo.log("HEAD", "", 20);
        long bot = log.stream().filter(c -> c.message().startsWith("Update to 1.1.0 upstream release")).count();
        assertEquals(1, bot, "one bot commit on " + branch + context + ": " + log);
      }
    }
    List<Map<String, Object>> builds = sandbox.koji().builds();
    assertEquals(BRANCHES.size(), builds.size(), "one Koji build per branch" + context + ": " + builds);
    long buildTasks = sandbox.koji().tasks().stream().filter(t -> "build".equals(t.get("method"))).count();
    assertEquals(BRANCHES.size(), buildTasks, "one Koji build task per branch" + context);
    assertEquals(UPDATE_BRANCHES.size(), sandbox.bodhi().updates().size(), "one update per update branch" + context);
    try (Stream<Path> files = Files.walk(r.work)) {
      // The last process exited normally, leaving only its run's lock file (the next run sweeps
      // it); every killed process's clones and partial downloads must be gone.
      List<String> left = files.filter(Files::isRegularFile).map(p -> r.work.relativize(p).toString())
          .filter(p -> !(p.startsWith("archives/") && !p.endsWith(".part"))).toList();
      assertTrue(left.size() <= 1 && left.stream().allMatch(p -> p.matches("runs/[-0-9a-f]+\\.lock")),
          "nothing but finished archives and the last run's lock left in the work folder" + context + ": " + left);
    }
  }
}
