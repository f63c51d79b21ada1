package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.Secret;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import dev.packit.testkit.FedoraSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, command authorization: anyone who can comment on an upstream issue or a dist-git pull
 * request could trigger {@code /packit} jobs. On the sandbox, end to end (signed webhooks in,
 * fedora-messaging from the sandbox's Pagure, the real forge clients asking the sandbox's forges):
 * an outsider's and a triager's {@code /packit propose-downstream} get a polite reply and run
 * nothing, a maintainer's runs; on dist-git a non-packager's {@code /packit pull-from-upstream} is
 * refused with a reply on the pull request while a packager's is queued.
 */
@Tag("integration")
class HostileCommentTest {
  private static final String SECRET = "comment-s3cret";
  private static final String COMMENT_TOPIC = "org.fedoraproject.*.pagure.pull-request.comment.added";
  private final HttpClient http = HttpClient.newHttpClient();

  private static String comment(FedoraSandbox sandbox, String repo, long issue, long id, String action, String user,
      String association, String body) {
    return "{\"action\":\"" + action + "\",\"issue\":{\"number\":" + issue + "},\"comment\":{\"id\":" + id
        + ",\"body\":" + ReleaseFarm.json(body) + ",\"user\":{\"login\":\"" + user + "\"},\"author_association\":\""
        + association + "\",\"html_url\":\"" + sandbox.baseUri() + repo + "/issues/" + issue + "#c" + id + "\"},"
        + "\"repository\":{\"full_name\":\"" + repo + "\",\"name\":\"" + repo.split("/")[1] + "\",\"owner\":{\"login\":\""
        + repo.split("/")[0] + "\"},\"html_url\":\"" + sandbox.baseUri() + repo + "\",\"clone_url\":\""
        + sandbox.gitUri(repo) + "\"}}";
  }

  private static List<String> bodies(List<JsonNode> comments) {
    return comments.stream().map(c -> c.path("body").asText()).collect(Collectors.toList());
  }

  private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); !condition.get(); ) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(50);
    }
  }

  @Test
  void onlyMaintainersAndPackagersCommandTheBot(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      ReleaseFarm farm = new ReleaseFarm(sandbox, 1, 1, 0);
      String upstream = "upstream/pkg0";
      sandbox.github().collaborator(upstream, "jane", "write");
      sandbox.github().collaborator(upstream, "tom", "triage");
      Map<String, String> env = farm.botEnvironment("guard", work.resolve("bot"), SECRET);
      List<String> finished = new CopyOnWriteArrayList<>();
      try (PackitBot bot = PackitBot.fromEnvironment(env).messages(sandbox.messages(), List.of(COMMENT_TOPIC)).build()) {
        bot.onJobFinished((job, outcome) -> finished.add(job.kind() + " " + outcome));
        bot.start();
        URI base = bot.httpUri();
        Secret secret = Secret.of(SECRET);

        // An outsider (a GitHub "CONTRIBUTOR" who opened a pull request once) and a triager: refused.
        HttpResponse<String> mallory = ReleaseFarm.sendGitHub(http, base, "issue_comment", "c-mallory",
            comment(sandbox, upstream, 7, 70, "created", "mallory", "CONTRIBUTOR", "/packit propose-downstream"), secret);
        assertEquals(202, mallory.statusCode(), mallory.body());
        assertEquals("0 job(s) queued", mallory.body().trim());
        List<String> replies = bodies(sandbox.github().comments(upstream, 7));
        assertEquals(1, replies.size(), replies.toString());
        assertTrue(replies.get(0).startsWith("@mallory, only people with write access to upstream/pkg0 can ask packit-java"),
            replies.get(0));
        HttpResponse<String> tom = ReleaseFarm.sendGitHub(http, base, "issue_comment", "c-tom",
            comment(sandbox, upstream, 8, 80, "created", "tom", "MEMBER", "/packit propose-downstream"), secret);
        assertEquals("0 job(s) queued", tom.body().trim());
        assertTrue(bodies(sandbox.github().comments(upstream, 8)).get(0).startsWith("@tom, only people with write access"));

        // A maintainer's comment that is edited (or deleted) does not run the command again.
        HttpResponse<String> edited = ReleaseFarm.sendGitHub(http, base, "issue_comment", "c-jane-edit",
            comment(sandbox, upstream, 9, 90, "edited", "jane", "COLLABORATOR", "/packit propose-downstream"), secret);
        assertEquals("0 job(s) queued", edited.body().trim());
        assertEquals(List.of(), sandbox.github().comments(upstream, 9));

        // The maintainer's new comment runs: one pull request per branch, and the bot answers with it.
        HttpResponse<String> jane = ReleaseFarm.sendGitHub(http, base, "issue_comment", "c-jane",
            comment(sandbox, upstream, 9, 91, "created", "jane", "COLLABORATOR", "/packit propose-downstream"), secret);
        assertEquals(202, jane.statusCode(), jane.body());
        assertEquals("1 job(s) queued", jane.body().trim());
        await("the maintainer's job", () -> finished.contains("propose_downstream done"));
        List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/pkg0");
        assertEquals(1, prs.size(), "only the maintainer's command opened a pull request: " + prs);
        assertTrue(bodies(sandbox.github().comments(upstream, 9)).get(0).startsWith("packit-java proposed pkg0 v1.1.0"));
        assertEquals(List.of("propose_downstream done"), finished, "nothing ran for the outsider and the triager");

        // Dist-git: pull_from_upstream may be asked for in a pull request comment, by packagers only.
        putDistGitConfig(sandbox, work.resolve("cfg"), "upstream_package_name: pkg0\nupstream_tag_template: v{version}\n"
            + "jobs:\n  - job: pull_from_upstream\n    trigger: release\n    dist_git_branches: [rawhide]\n");
        RepoId rpm = RepoId.of("rpms/pkg0");
        long pr = prs.get(0).path("id").asLong();
        PagureForge asMallory = pagure(sandbox, "mallory");
        asMallory.comment(rpm, pr, "/packit pull-from-upstream");
        await("the refusal on the dist-git pull request", () -> pagureComments(sandbox).stream()
            .anyMatch(c -> c.startsWith("@mallory, only packagers of rpms/pkg0 (commit access) can ask packit-java")));
        String metrics = metrics(base);
        assertTrue(Scrape.value(metrics, "packit_bot_commands_total{result=\"refused\"}") == 3, metrics);
        assertTrue(Scrape.value(metrics, "packit_bot_commands_total{result=\"obeyed\"}") == 1, metrics);

        // The package's owner is a packager: obeyed, and nobody is told off.
        PagureForge asPackager = pagure(sandbox, "packager");
        asPackager.comment(rpm, pr, "/packit pull-from-upstream");
        await("the packager's job", () -> finished.stream().anyMatch(f -> f.startsWith("pull_from_upstream ")));
        assertTrue(Scrape.value(metrics(base), "packit_bot_commands_total{result=\"obeyed\"}") == 2);
        assertEquals(1, pagureComments(sandbox).stream().filter(c -> c.startsWith("@")).count(), pagureComments(sandbox).toString());
      }
    }
  }

  private String metrics(URI base) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve("metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static PagureForge pagure(FedoraSandbox sandbox, String user) {
    return Pagure.builder().instance(sandbox.pagure().instanceUri())
        .credentials(ForgeCredentials.token(sandbox.pagure().token(user))).build();
  }

  private static List<String> pagureComments(FedoraSandbox sandbox) {
    return sandbox.pagure().pullRequests("rpms/pkg0").get(0).path("comments").findValues("comment").stream()
        .map(JsonNode::asText).collect(Collectors.toList());
  }

  private static void putDistGitConfig(FedoraSandbox sandbox, Path scratch, String yaml) throws Exception {
    try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/pkg0"), scratch)
        .branch("rawhide").build())) {
      Files.writeString(scratch.resolve(".packit.yaml"), yaml);
      r.addAll();
      r.commit("Add packit config", ReleaseFarm.MAINTAINER);
      r.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
  }
}
