package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.bot.history.BranchRecord;
import dev.packit.bot.history.JobQuery;
import dev.packit.bot.history.JobRecord;
import dev.packit.bot.history.JobState;
import dev.packit.core.Secret;
import dev.packit.forge.RepoId;
import dev.packit.forge.Tag;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot with its embedded in-process queue against the sandbox: webhooks in, pull requests and statuses out. */
@org.junit.jupiter.api.Tag("integration")
class BotSandboxTest {
  private static final String SECRET = "hook-s3cret";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void releaseWebhooksBecomePullRequestsStatusesAndMetrics(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      ReleaseFarm farm = new ReleaseFarm(sandbox, 2, 2, 1);
      sandbox.github().collaborator("upstream/pkg1", "jane", "write"); // jane may command the bot
      Map<String, String> env = farm.botEnvironment("solo", work, SECRET);
      env.put("PACKIT_BOT_MAX_BODY_BYTES", "8192");
      env.put("PACKIT_BOT_GITLAB_WEBHOOK_TOKEN", "gl-t0ken");
      Map<String, String> outcomes = new ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(5);
      try (PackitBot bot = PackitBot.fromEnvironment(env).build()) {
        bot.onJobFinished((job, outcome) -> {
          outcomes.put(job.id(), outcome);
          done.countDown();
        });
        bot.start();
        URI base = bot.httpUri();
        Secret secret = Secret.of(SECRET);
        String before = get(base.resolve("metrics"));
        assertEquals(-1, Scrape.value(before, "packit_bot_jobs_total{type=\"propose_downstream\",outcome=\"done\"}"), before);
        assertEquals(0, Scrape.value(before, "packit_bot_queue_wait_seconds_count"), before);

        // Authenticity, size and replay checks come before anything else.
        String payload = farm.releasePayload("pkg0", 1);
        assertEquals(401, ReleaseFarm.sendGitHub(http, base, "release", "d-unsigned", payload, null).statusCode());
        assertEquals(401, ReleaseFarm.sendGitHub(http, base, "release", "d-forged", payload, Secret.of("wrong")).statusCode());
        String huge = payload.replace("\"sender\"", "\"padding\":\"" + "x".repeat(9000) + "\",\"sender\"");
        assertEquals(413, ReleaseFarm.sendGitHub(http, base, "release", "d-huge", huge, secret).statusCode());
        assertEquals(400, ReleaseFarm.sendGitHubTo(http, base.resolve("webhooks/gitlab"), "release", "d-wrong-endpoint", payload, secret)
            .statusCode(), "a GitHub delivery on the GitLab endpoint");
        assertEquals(0, sandbox.pagure().pullRequests("rpms/pkg0").size(), "nothing ran for rejected deliveries");

        // GitLab: the X-Gitlab-Token is checked; this bot has no GitLab forge, so a valid release queues nothing.
        String gitlab = "{\"object_kind\":\"release\",\"action\":\"create\",\"tag\":\"v1.1.0\",\"name\":\"1.1.0\","
            + "\"description\":\"\",\"url\":\"https://gitlab.example/g/p/-/releases/v1.1.0\","
            + "\"project\":{\"path_with_namespace\":\"g/p\",\"web_url\":\"https://gitlab.example/g/p\","
            + "\"git_http_url\":\"https://gitlab.example/g/p.git\"},\"commit\":{\"id\":\"abc\",\"author\":{\"name\":\"J\"}}}";
        assertEquals(401, sendGitLab(base, "gl-1", gitlab, "wrong").statusCode());
        HttpResponse<String> gl = sendGitLab(base, "gl-2", gitlab, "gl-t0ken");
        assertEquals(202, gl.statusCode(), gl.body());
        assertEquals("0 job(s) queued", gl.body().trim());
        assertEquals(404, ReleaseFarm.sendGitHubTo(http, base.resolve("webhooks/bitbucket"), "release", "d-other", payload, secret)
            .statusCode(), "only the two forges have endpoints");

        // Releases in order, per package.
        for (int r = 1; r <= 2; r++) {
          for (String p : farm.packages) {
            HttpResponse<String> resp = ReleaseFarm.sendGitHub(http, base, "release", "d-" + p + "-" + r,
                farm.releasePayload(p, r), secret);
            assertEquals(202, resp.statusCode(), resp.body());
            assertEquals("1 job(s) queued", resp.body().trim());
          }
        }
        HttpResponse<String> replay = ReleaseFarm.sendGitHub(http, base, "release", "d-pkg0-1", farm.releasePayload("pkg0", 1), secret);
        assertEquals(409, replay.statusCode(), replay.body());
        HttpResponse<String> ping = ReleaseFarm.sendGitHub(http, base, "ping", "d-ping", "{\"zen\":\"hi\"}", secret);
        assertEquals(202, ping.statusCode());
        assertEquals("0 job(s) queued", ping.body().trim());

        // "/packit propose-downstream" in an issue comment proposes the latest release again: nothing new.
        String comment = "{\"action\":\"created\",\"issue\":{\"number\":7},\"comment\":{\"id\":70,"
            + "\"body\":\"/packit propose-downstream\",\"user\":{\"login\":\"jane\"},\"author_association\":\"OWNER\","
            + "\"html_url\":\"" + sandbox.baseUri() + "upstream/pkg1/issues/7#c70\"},"
            + "\"repository\":{\"full_name\":\"upstream/pkg1\",\"name\":\"pkg1\",\"owner\":{\"login\":\"upstream\"},"
            + "\"html_url\":\"" + sandbox.baseUri() + "upstream/pkg1\",\"clone_url\":\"" + sandbox.gitUri("upstream/pkg1") + "\"}}";
        assertEquals(202, ReleaseFarm.sendGitHub(http, base, "issue_comment", "d-comment", comment, secret).statusCode());

        assertTrue(done.await(120, TimeUnit.SECONDS), "jobs finished: " + outcomes);
        assertEquals(5, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.values().stream().allMatch("done"::equals), outcomes.toString());

        // One pull request per package and branch, every archive uploaded once.
        for (String p : farm.packages) {
          List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/" + p);
          assertEquals(farm.branches.get(p).size(), prs.size(), p + ": " + prs);
          for (JsonNode pr : prs) {
            assertTrue(pr.path("title").asText().contains("1.2.0"), pr.path("title").asText());
          }
          for (int r = 1; r <= 2; r++) {
            assertEquals(1, sandbox.lookaside().uploads("rpms/" + p, p + "-" + ReleaseFarm.version(r) + ".tar.gz"), p + " " + r);
          }
          // The released commit carries the bot's status, linking the pull request.
          String sha = tagSha(farm, p, "v1.2.0");
          List<JsonNode> statuses = sandbox.github().statuses("upstream/" + p, sha);
          JsonNode latest = statuses.get(0);
          assertEquals("packit-java/propose_downstream", latest.path("context").asText(), statuses.toString());
          assertEquals("success", latest.path("state").asText(), statuses.toString());
          assertTrue(latest.path("target_url").asText().contains("rpms/" + p), latest.toString());
        }

        // onJobFinished runs inside the job; the queue counts it finished just after.
        String metrics = get(base.resolve("metrics"));
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Scrape.value(metrics, "packit_bot_jobs_in_flight") != 0 && System.nanoTime() < deadline; ) {
          Thread.sleep(20);
          metrics = get(base.resolve("metrics"));
        }
        assertTrue(Scrape.value(metrics, "packit_bot_jobs_total{type=\"propose_downstream\",outcome=\"done\"}") == 5, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_webhooks_total{forge=\"github\",result=\"queued\"}") == 5, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_webhooks_total{forge=\"github\",result=\"rejected\"}") == 3, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_webhooks_total{forge=\"gitlab\",result=\"rejected\"}") == 2, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_webhooks_total{forge=\"gitlab\",result=\"ignored\"}") == 1, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_webhooks_total{forge=\"github\",result=\"replayed\"}") == 1, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_jobs_in_flight") == 0, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_queue_ready_messages") == 0, metrics);
        assertEquals(5, Scrape.value(metrics, "packit_bot_queue_wait_seconds_count"), metrics);
        assertEquals(5, Scrape.value(metrics, "packit_bot_job_run_seconds_count{type=\"propose_downstream\"}"), metrics);
        assertFalse(metrics.contains(SECRET), "no secret in metrics");

        // The history has every job: its request, who ran it, and per branch the pull request's link.
        List<JobRecord> jobs = bot.history().jobs(JobQuery.all().withKind("propose_downstream"));
        assertEquals(5, jobs.size(), jobs.toString());
        for (JobRecord r : jobs) {
          assertEquals(JobState.DONE, r.state(), r.toString());
          assertEquals("solo", r.botInstance());
          assertTrue(r.request().contains("\"tag\":\"v1."), r.request());
          assertFalse(r.request().contains(SECRET), "no secret in the history");
          assertTrue(!r.queuedAt().isAfter(r.startedAt().orElseThrow())
              && !r.startedAt().get().isAfter(r.finishedAt().orElseThrow()), r.toString());
          assertEquals(farm.branches.get(r.packageName()).stream().sorted().toList(),
              r.branchResults().stream().map(BranchRecord::branch).sorted().toList());
          for (BranchRecord b : r.branchResults()) {
            assertTrue(b.links().get("pull request").toString().contains("rpms/" + r.packageName()), b.toString());
          }
        }
        assertEquals(List.of("pkg0", "pkg1"), bot.history().packages());
        assertFalse(metrics.contains("bitbucket"), "no metric label for unknown paths");
        assertTrue(get(base.resolve("healthz")).startsWith("ok bot=solo"));
      }
    }
  }

  private static String tagSha(ReleaseFarm farm, String pkg, String tag) {
    var gh = dev.packit.forge.github.GitHub.builder().baseUri(farm.sandbox.github().apiUri())
        .credentials(dev.packit.forge.ForgeCredentials.token(farm.sandbox.github().token(SandboxScenario.BOT))).build();
    return gh.tags(RepoId.of("upstream/" + pkg)).filter(t -> t.name().equals(tag)).findFirst().map(Tag::commitSha).orElseThrow();
  }

  private HttpResponse<String> sendGitLab(URI base, String uuid, String body, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve("webhooks/gitlab"))
        .header("X-Gitlab-Event", "Release Hook").header("X-Gitlab-Event-UUID", uuid).header("X-Gitlab-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(URI uri) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }
}
