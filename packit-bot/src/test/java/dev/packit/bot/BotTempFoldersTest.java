package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.testkit.FedoraSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot's temporary folders (the workflows' run folders with clones and partial downloads,
 * {@code <workDir>/<forge>/runs/}) are gone after every way the bot ends: {@code close()}, a failed
 * job, SIGTERM and Ctrl-C (SIGINT) of the bot's JVM. The archive cache stays, on purpose.
 */
@org.junit.jupiter.api.Tag("integration")
class BotTempFoldersTest {
  private static final String SECRET = "temp-s3cret";
  private static final Pattern READY = Pattern.compile("event=bot.ready .*http=(http://\\S+/)");
  private final HttpClient http = HttpClient.newHttpClient();

  /** What is left in the run folders under a bot's work folder. */
  static List<Path> leftovers(Path work) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(work)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(work)) {
      for (Path runs : walk.filter(p -> p.getFileName().toString().equals("runs") && Files.isDirectory(p)).toList()) {
        try (Stream<Path> in = Files.list(runs)) {
          in.forEach(out::add);
        }
      }
    }
    return out;
  }

  /** Files in the run folders (clones, partial downloads); the empty folders that hold them do not count. */
  static List<Path> clones(Path work) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : leftovers(work)) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> in = Files.walk(p)) {
          in.filter(Files::isRegularFile).forEach(out::add);
        }
      }
    }
    return out;
  }

  @Test
  void closeAndAFailedJobLeaveNoTemporaryFolders(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      ReleaseFarm farm = new ReleaseFarm(sandbox, 1, 2, 0);
      Path ok = work.resolve("ok");
      List<String> outcomes = new CopyOnWriteArrayList<>();
      try (PackitBot bot = PackitBot.fromEnvironment(farm.botEnvironment("ok", ok, SECRET)).shutdownHook(false).build()) {
        bot.onJobFinished((job, outcome) -> outcomes.add(outcome));
        bot.start();
        assertEquals(202, ReleaseFarm.sendGitHub(http, bot.httpUri(), "release", "t-1", farm.releasePayload("pkg0", 1),
            Secret.of(SECRET)).statusCode());
        BotDistGitCommandsTest.await("the job", () -> !outcomes.isEmpty());
        assertEquals(List.of("done"), outcomes);
        assertFalse(leftovers(ok).isEmpty(), "a running bot has its run folder: " + leftovers(ok));
      }
      assertEquals(List.of(), leftovers(ok), "close() deleted the run folders");
      assertTrue(Files.isDirectory(ok.resolve("github").resolve("archives")), "the archive cache stays");

      // A job that fails (the lookaside cache refuses connections): its clones go at once, the run folder at close.
      Path failing = work.resolve("failing");
      Map<String, String> env = farm.botEnvironment("failing", failing, SECRET);
      env.put("PACKIT_BOT_LOOKASIDE_CGI", "http://127.0.0.1:9/upload.cgi");
      env.put("PACKIT_BOT_LOOKASIDE_URL", "http://127.0.0.1:9/repo/pkgs/");
      List<String> failed = new CopyOnWriteArrayList<>();
      try (PackitBot bot = PackitBot.fromEnvironment(env).shutdownHook(false).build()) {
        bot.onJobFinished((job, outcome) -> failed.add(outcome));
        bot.start();
        assertEquals(202, ReleaseFarm.sendGitHub(http, bot.httpUri(), "release", "t-2", farm.releasePayload("pkg0", 2),
            Secret.of(SECRET)).statusCode());
        BotDistGitCommandsTest.await("the failing job", () -> !failed.isEmpty()
            || bot.history().find("t-2/propose_downstream/pkg0").map(r -> r.state().finished()).orElse(false));
        assertEquals(List.of(), clones(failing), "the failed job's clones and downloads are gone");
      }
      assertEquals(List.of(), leftovers(failing), "close() after a failed job deleted the run folders");
    }
  }

  @Test
  void sigtermAndCtrlCCloseTheBotAndDeleteItsTemporaryFolders(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      ReleaseFarm farm = new ReleaseFarm(sandbox, 1, 2, 0);
      for (String signal : List.of("TERM", "INT")) {
        Path dir = work.resolve(signal);
        Map<String, String> env = farm.botEnvironment(signal.toLowerCase(), dir, SECRET);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", EnvironmentBot.class.getName()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process child = pb.start();
        try {
          List<String> lines = new CopyOnWriteArrayList<>();
          Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
              for (String line; (line = r.readLine()) != null; ) {
                System.out.println("[child " + signal + "] " + line);
                lines.add(line);
              }
            } catch (IOException e) {
              // the child ended
            }
          });
          reader.setDaemon(true);
          reader.start();
          BotDistGitCommandsTest.await("the child bot", () -> lines.stream().anyMatch(l -> READY.matcher(l).find()));
          Matcher m = lines.stream().map(READY::matcher).filter(Matcher::find).findFirst().orElseThrow();
          URI base = URI.create(m.group(1));
          int release = signal.equals("TERM") ? 1 : 2;
          assertEquals(202, ReleaseFarm.sendGitHub(http, base, "release", "s-" + signal, farm.releasePayload("pkg0", release),
              Secret.of(SECRET)).statusCode());
          BotDistGitCommandsTest.await("the child's job", () -> lines.stream().anyMatch(l -> l.contains("event=job.finished")));
          assertFalse(leftovers(dir).isEmpty(), "the running bot has its run folder");
          // kill(1), not Process.destroy(): that also closes this side's pipes, and the child's last lines with them.
          assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor());
          assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the bot stopped on SIG" + signal);
          reader.join(15000);
          System.out.println("[child " + signal + "] exit " + child.exitValue());
          assertTrue(lines.stream().anyMatch(l -> l.contains("event=bot.stopped")), "the shutdown hook closed the bot");
          assertEquals(List.of(), leftovers(dir), "SIG" + signal + " left no run folders");
        } finally {
          child.destroyForcibly();
        }
      }
    }
  }
}
