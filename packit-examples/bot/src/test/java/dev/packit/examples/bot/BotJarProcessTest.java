package dev.packit.examples.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.packit.core.Secret;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.webhook.WebhookVerifier;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's "the bot starts from its config file with one command and serves the status page",
 * through the real launcher boundary: {@code java -jar packit-bot/target/packit-bot.jar --config
 * <file>} as its own process, against the sandbox in this JVM, with an embedded H2 history in a
 * temporary folder. A signed GitHub release webhook becomes a dist-git pull request that the status
 * page links and {@code /jobs} lists as done; SIGTERM stops the process with no run folder or temp
 * file left; a second process on the same history folder still lists the job, and its
 * reconciliation (switched on by environment variables) records a decision for the package.
 */
@org.junit.jupiter.api.Tag("integration")
class BotJarProcessTest {
  private static final Pattern READY = Pattern.compile("event=bot.ready .*http=(http://\\S+/)");
  private static final String SECRET = "process-test-webhook-s3cret";
  private static final Duration WAIT = Duration.ofSeconds(120);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path jar() {
    Path root = Path.of(System.getProperty("packit.repo.root", "../.."));
    Path jar = root.resolve("packit-bot/target/packit-bot.jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      String msg = jar + " is missing: build it with ./mvnw -pl packit-bot -am package -DskipTests";
      if ("true".equals(System.getenv("PACKIT_CI"))) {
        fail(msg + " (PACKIT_CI=true requires it)");
      }
      Assumptions.abort(msg);
    }
    return jar;
  }

  /** A running bot process with its standard streams in files. */
  private record Bot(Process process, Path stderr, URI uri) {
    String log() throws IOException {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }
  }

  @Test
  void oneCommandServesTheStatusPageKeepsItsHistoryAndStopsCleanly(@TempDir Path tmp) throws Exception {
    Path jar = jar();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0", List.of("rawhide"));
      sandbox.koji();
      sandbox.bodhi();
      sandbox.lookaside();
      Path secrets = Files.createDirectories(tmp.resolve("credentials"));
      Path config = tmp.resolve("packit-bot.yaml");
      Files.writeString(config, config(sandbox, secret(secrets, "github-token", sandbox.github().token(SandboxScenario.BOT)),
          secret(secrets, "github-webhook-secret", SECRET),
          secret(secrets, "distgit-token", sandbox.pagure().token(SandboxScenario.BOT)), tmp.resolve("state")));

      // --check first: what an operator runs before starting the service
      ProcessResult check = run(jar, tmp, List.of("--config", config.toString(), "--check"), Map.of());
      assertEquals(0, check.exit, check.output);

      long t0 = System.nanoTime();
      Bot bot = start(jar, tmp, config, Map.of(), "run1");
      long startedMs = (System.nanoTime() - t0) / 1_000_000;
      try {
        assertEquals(200, get(bot.uri.resolve("healthz")).statusCode());
        String payload = releasePayload(sandbox, "1.1.0");
        long sent = System.nanoTime();
        HttpResponse<String> accepted = sendRelease(bot.uri, "process-test-1", payload);
        assertEquals(202, accepted.statusCode(), accepted.body());

        PullRequest pr = waitFor(() -> hello.distGitForge().pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).toList(),
            prs -> !prs.isEmpty(), "the bot's pull request on rpms/hello").get(0);
        String jobId = "process-test-1/propose_downstream/hello";
        waitFor(() -> get(bot.uri.resolve("jobs?state=done")).body(), page -> page.contains(jobId),
            "/jobs?state=done listing " + jobId);
        System.out.println("BotJarProcessTest: process ready after " + startedMs + " ms, webhook to job done in "
            + (System.nanoTime() - sent) / 1_000_000 + " ms");
        String overview = get(bot.uri).body();
        assertTrue(overview.contains(pr.webUrl().toString()), "the status page links the pull request " + pr.webUrl()
            + ":\n" + overview);
        assertTrue(get(bot.uri.resolve("packages/hello")).body().contains(pr.webUrl().toString()));
      } finally {
        stop(bot);
      }
      assertCleanStop(bot, tmp.resolve("state/work"), tmp.resolve("jvm-tmp-run1"));
      for (String secret : List.of(SECRET, sandbox.github().token(SandboxScenario.BOT),
          sandbox.pagure().token(SandboxScenario.BOT))) {
        assertTrue(!bot.log().contains(secret) && !Files.readString(tmp.resolve("run1.stdout.txt")).contains(secret),
            "a secret from a secret file is in the bot's output");
      }

      // Second process, same H2 folder: the job is still there. Reconciliation comes on through
      // environment variables over the file; dist-git's config names the upstream project.
      hello.putDistGitConfig(hello.packitYaml() + "upstream_project_url: " + sandbox.baseUri() + "upstream/hello\n",
          Files.createDirectories(tmp.resolve("scratch")));
      Bot again = start(jar, tmp, config, Map.of("PACKIT_BOT_RECONCILIATION_ENABLED", "true",
          "PACKIT_BOT_RECONCILIATION_PACKAGES", "hello"), "run2");
      try {
        String done = get(again.uri.resolve("jobs?state=done")).body();
        assertTrue(done.contains("process-test-1/propose_downstream/hello"), done);
        String pkg = waitFor(() -> get(again.uri.resolve("packages/hello")).body(),
            page -> page.contains("<table class=\"decisions\">"), "a reconciliation decision for hello");
        assertTrue(pkg.contains("rawhide"), pkg);
      } finally {
        stop(again);
      }
      assertCleanStop(again, tmp.resolve("state/work"), tmp.resolve("jvm-tmp-run2"));
      assertEquals(1, hello.distGitForge().pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).count(),
          "one pull request: the reconciler saw the bot's open one");
    }
  }

  /**
   * The shaded jar's PostgreSQL road: the driver and Flyway's PostgreSQL plugin are found through
   * their merged service files, the schema is migrated, a job is recorded and read back by the
   * status page. Needs {@code PACKIT_TEST_POSTGRES_URL/_USER/_PASSWORD} ({@code .ci/postgres.sh});
   * skips without them, fails instead under {@code PACKIT_CI=true}.
   */
  @Test
  void thePostgresHistoryWorksFromTheShadedJar(@TempDir Path tmp) throws Exception {
    Path jar = jar();
    String url = System.getenv("PACKIT_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      String msg = "no PostgreSQL: PACKIT_TEST_POSTGRES_URL is unset (source .ci/postgres.sh)";
      if ("true".equals(System.getenv("PACKIT_CI"))) {
        fail(msg + " (PACKIT_CI=true requires it)");
      }
      Assumptions.abort(msg);
    }
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0", List.of("rawhide"));
      Path secrets = Files.createDirectories(tmp.resolve("credentials"));
      String history = "history:\n  kind: embedded\n";
      String postgres = "history:\n  kind: postgresql\n  url: " + url + "\n  user: " + System.getenv("PACKIT_TEST_POSTGRES_USER")
          + "\n  password_file: " + secret(secrets, "db-password", System.getenv("PACKIT_TEST_POSTGRES_PASSWORD")) + "\n";
      Path config = tmp.resolve("packit-bot.yaml");
      Files.writeString(config, config(sandbox, secret(secrets, "github-token", sandbox.github().token(SandboxScenario.BOT)),
          secret(secrets, "github-webhook-secret", SECRET),
          secret(secrets, "distgit-token", sandbox.pagure().token(SandboxScenario.BOT)), tmp.resolve("state"))
          .replace(history, postgres));
      // the database outlives this test (and is shared with the history tests): a delivery id of its own
      String delivery = "process-pg-" + java.util.UUID.randomUUID();
      Bot bot = start(jar, tmp, config, Map.of(), "pg");
      try {
        assertEquals(202, sendRelease(bot.uri, delivery, releasePayload(sandbox, "1.1.0")).statusCode());
        String jobId = delivery + "/propose_downstream/hello";
        waitFor(() -> get(bot.uri.resolve("jobs?state=done")).body(), page -> page.contains(jobId),
            "/jobs?state=done listing " + jobId);
        assertEquals(1, hello.distGitForge().pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).count());
      } finally {
        stop(bot);
      }
      assertCleanStop(bot, tmp.resolve("state/work"), tmp.resolve("jvm-tmp-pg"));
      assertTrue(!Files.exists(tmp.resolve("state/history")), "no embedded history was made");
    }
  }

  @Test
  void aBadConfigIsRefusedWithItsPositionBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
    Path jar = jar();
    Path config = tmp.resolve("packit-bot.yaml");
    Files.writeString(config, "forges:\n  - kind: github\n    token_fle: x\nhttp:\n  port: 99999\n");
    ProcessResult r = run(jar, tmp, List.of("--config", config.toString()), Map.of());
    assertEquals(2, r.exit, r.output);
    assertTrue(r.output.contains(config + ":3:5: forges[0].token_fle"), r.output);
    assertTrue(r.output.contains(config + ":5:9: http.port"), r.output);
    ProcessResult none = run(jar, tmp, List.of(), Map.of());
    assertEquals(2, none.exit, none.output);
    assertTrue(none.output.contains("PACKIT_BOT_CONFIG"), none.output);
  }

  private static String config(FedoraSandbox sandbox, Path githubToken, Path webhookSecret, Path distGitToken,
      Path state) {
    return "# packit-bot.yaml for the sandbox\n"
        + "instance: process-test\n"
        + "state_dir: " + state + "\n"
        + "http:\n"
        + "  host: 127.0.0.1\n"
        + "  port: 0\n"
        + "forges:\n"
        + "  - kind: github\n"
        + "    url: " + sandbox.github().apiUri() + "\n"
        + "    token_file: " + githubToken + "\n"
        + "    webhook_secret_file: " + webhookSecret + "\n"
        + "dist_git:\n"
        + "  url: " + sandbox.pagure().instanceUri() + "\n"
        + "  git_url: " + sandbox.baseUri().resolve("git/") + "\n"
        + "  token_file: " + distGitToken + "\n"
        + "  packager:\n"
        + "    name: Packit Bot\n"
        + "    email: packit-bot@example.org\n"
        + "lookaside:\n"
        + "  url: " + sandbox.lookaside().baseUri() + "\n"
        + "  upload_url: " + sandbox.lookaside().uploadCgi() + "\n"
        + "koji:\n"
        + "  hub_url: " + sandbox.baseUri().resolve("kojihub") + "\n"
        + "bodhi:\n"
        + "  url: " + sandbox.bodhi().baseUri() + "\n"
        + "downloads:\n"
        + "  insecure_hosts: [127.0.0.1]\n"
        + "history:\n"
        + "  kind: embedded\n"
        + "reconciliation:\n"
        + "  enabled: false\n"
        + "  interval: 30m\n"
        + "status_page:\n"
        + "  enabled: true\n";
  }

  private static Path secret(Path dir, String name, String value) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, value + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private static List<String> command(Path jar, Path tmpDir, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmpDir, "-jar", jar.toString()));
    cmd.addAll(args);
    return cmd;
  }

  private static ProcessBuilder builder(List<String> cmd, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    // only the variables this test means: a developer's PACKIT_BOT_* must not change the run
    pb.environment().keySet().removeIf(k -> k.startsWith("PACKIT_BOT_") || k.equals("STATE_DIRECTORY")
        || k.equals("CREDENTIALS_DIRECTORY"));
    pb.environment().putAll(env);
    return pb;
  }

  private record ProcessResult(int exit, String output) {}

  private static ProcessResult run(Path jar, Path tmp, List<String> args, Map<String, String> env) throws Exception {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp-check"));
    Path out = Files.createTempFile(tmp, "out-", ".txt");
    Process p = builder(command(jar, jvmTmp, args), env).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("packit-bot " + args + " did not finish within 60 s");
    }
    return new ProcessResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private static Bot start(Path jar, Path tmp, Path config, Map<String, String> env, String name) throws Exception {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp-" + name));
    Path err = tmp.resolve(name + ".stderr.txt");
    Process p = builder(command(jar, jvmTmp, List.of("--config", config.toString())), env)
        .redirectOutput(tmp.resolve(name + ".stdout.txt").toFile()).redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String log = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
      Matcher m = READY.matcher(log);
      if (m.find()) {
        return new Bot(p, err, URI.create(m.group(1)));
      }
      if (!p.isAlive()) {
        fail("packit-bot exited with " + p.exitValue() + " before it was ready:\n" + log);
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    fail("packit-bot was not ready within " + WAIT + ":\n" + Files.readString(err, StandardCharsets.UTF_8));
    return null;
  }

  /** SIGTERM (Process.destroy on Linux), as systemd stops the service. */
  private static void stop(Bot bot) throws Exception {
    bot.process.destroy();
    if (!bot.process.waitFor(60, TimeUnit.SECONDS)) {
      bot.process.destroyForcibly();
      fail("packit-bot did not stop within 60 s of SIGTERM:\n" + bot.log());
    }
  }

  private static void assertCleanStop(Bot bot, Path workDir, Path jvmTmp) throws IOException {
    String log = bot.log();
    // the JVM's status after SIGTERM and its shutdown hooks: 128 + 15
    assertEquals(143, bot.process.exitValue(), log);
    assertTrue(log.contains("event=bot.stopped"), log);
    try (Stream<Path> left = Files.walk(workDir)) {
      List<Path> runs = left.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("runs"))
          .toList();
      assertEquals(List.of(), runs, "run folders left under " + workDir);
    }
    try (Stream<Path> left = Files.list(jvmTmp)) {
      assertEquals(List.of(), left.toList(), "temporary files left in " + jvmTmp);
    }
  }

  private HttpResponse<String> get(URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> sendRelease(URI bot, String delivery, String payload) throws Exception {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(bot.resolve("webhooks/github")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("X-GitHub-Event", "release")
        .header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", WebhookVerifier.githubSignature(Secret.of(SECRET), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GitHub {@code release} delivery for upstream/hello, with the fields the parser reads. */
  private static String releasePayload(FedoraSandbox sandbox, String version) {
    String repo = SandboxScenario.UPSTREAM;
    String tag = "v" + version;
    return "{\"action\":\"published\",\"release\":{\"tag_name\":\"" + tag + "\",\"name\":\"" + version
        + "\",\"body\":\"hello " + version + "\",\"prerelease\":false,\"draft\":false,"
        + "\"author\":{\"login\":\"jane\"},\"html_url\":\"" + sandbox.baseUri() + repo + "/releases/tag/" + tag + "\"},"
        + "\"repository\":{\"full_name\":\"" + repo + "\",\"name\":\"hello\",\"owner\":{\"login\":\"upstream\"},"
        + "\"html_url\":\"" + sandbox.baseUri() + repo + "\",\"clone_url\":\"" + sandbox.gitUri(repo) + "\"},"
        + "\"sender\":{\"login\":\"jane\"}}";
  }

  private interface Check<T> {
    T get() throws Exception;
  }

  private static <T> T waitFor(Check<T> what, Predicate<T> until, String description) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = what.get();
      if (until.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    fail("no " + description + " within " + WAIT + "; last seen:\n" + last);
    return last;
  }
}
