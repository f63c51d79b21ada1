package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.bot.config.BotConfig;
import dev.packit.bot.config.BotConfigLoader;
import dev.packit.core.InvalidInputException;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PackitBot#fromConfig}: a config file's settings on a running bot (the status page at
 * {@code /} or not, the listen address, the embedded history under {@code state_dir}, a Forgejo
 * dist-git from {@code dist_git.backend}), and
 * settings that cannot be honoured refused with their key, leaving nothing running.
 * {@code BotJarProcessTest} (packit-examples/bot) runs the same through packit-bot.jar.
 */
@org.junit.jupiter.api.Tag("integration")
class BotFromConfigTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private static Path secret(Path dir, String name, String value) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, value + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private static String yaml(FedoraSandbox sandbox, Path dir, String forgeKind, String extra) throws IOException {
    return yaml(sandbox, dir, forgeKind, "pagure", sandbox.pagure().instanceUri(), sandbox.pagure().token(SandboxScenario.BOT),
        extra);
  }

  private static String yaml(FedoraSandbox sandbox, Path dir, String forgeKind, String backend, URI distGit,
      String distGitToken, String extra) throws IOException {
    return "instance: from-config\n"
        + "state_dir: " + dir.resolve("state") + "\n"
        + "http:\n  host: 127.0.0.1\n  port: 0\n"
        + "forges:\n"
        + "  - kind: " + forgeKind + "\n"
        + "    url: " + sandbox.github().apiUri() + "\n"
        + "    token_file: " + secret(dir, "gh-token", sandbox.github().token(SandboxScenario.BOT)) + "\n"
        + "    webhook_secret_file: " + secret(dir, "gh-hook", "s3cret") + "\n"
        + "dist_git:\n"
        + "  url: " + distGit + "\n"
        + "  backend: " + backend + "\n"
        + "  git_url: " + sandbox.baseUri().resolve("git/") + "\n"
        + "  token_file: " + secret(dir, "dg-token", distGitToken) + "\n"
        + "  packager: {name: Packit Bot, email: packit-bot@example.org}\n"
        + "lookaside:\n  url: " + sandbox.lookaside().baseUri() + "\n  upload_url: " + sandbox.lookaside().uploadCgi() + "\n"
        + "koji:\n  hub_url: " + sandbox.baseUri().resolve("kojihub") + "\n"
        + "bodhi:\n  url: " + sandbox.bodhi().baseUri() + "\n"
        + "reconciliation:\n  enabled: false\n"
        + extra;
  }

  private static BotConfig load(String yaml, Path dir, Map<String, String> env) {
    return BotConfigLoader.builder().environment(env).build().load(yaml, dir.resolve("packit-bot.yaml").toString(), dir);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConfigsBotServesTheStatusPageOnItsAddressAndKeepsItsHistoryUnderTheStateFolder(@TempDir Path dir)
      throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      BotConfig config = load(yaml(sandbox, dir, "github", "status_page:\n  enabled: true\n"), dir, Map.of());
      try (PackitBot bot = PackitBot.fromConfig(config).shutdownHook(false).build().start()) {
        assertEquals("from-config", bot.instance());
        assertEquals("127.0.0.1", bot.httpUri().getHost());
        HttpResponse<String> page = get(bot.httpUri());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>") && page.body().contains("from-config"), page.body());
        assertTrue(get(bot.httpUri().resolve("healthz")).body().startsWith("ok bot=from-config"));
        assertTrue(Files.exists(dir.resolve("state/history/history.mv.db")), "the embedded history under state_dir");
      }
      // status_page.enabled false (here through its variable): / is not served
      BotConfig off = load(yaml(sandbox, dir, "github", ""), dir, Map.of("PACKIT_BOT_STATUS_PAGE_ENABLED", "false"));
      try (PackitBot bot = PackitBot.fromConfig(off).shutdownHook(false).build().start()) {
        assertEquals(404, get(bot.httpUri()).statusCode());
      }
    }
  }

  @Test
  void dist_gitBackendForgejoOpensThePullRequestOnForgejo(@TempDir Path dir) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0", List.of("rawhide"))
          .distGitOn(dev.packit.forge.ForgeKind.FORGEJO);
      BotConfig config = load(yaml(sandbox, dir, "github", "forgejo", sandbox.distGit().instanceUri(),
          sandbox.distGit().token(SandboxScenario.BOT), "downloads:\n  insecure_hosts: [127.0.0.1]\n"), dir, Map.of());
      try (PackitBot bot = PackitBot.fromConfig(config).shutdownHook(false).build().start()) {
        String tag = hello.tag();
        String repo = SandboxScenario.UPSTREAM;
        String payload = "{\"action\":\"published\",\"release\":{\"tag_name\":\"" + tag + "\",\"name\":\"1.1.0\","
            + "\"body\":\"hello 1.1.0\",\"prerelease\":false,\"draft\":false,\"author\":{\"login\":\"jane\"},"
            + "\"html_url\":\"" + sandbox.baseUri() + repo + "/releases/tag/" + tag + "\"},"
            + "\"repository\":{\"full_name\":\"" + repo + "\",\"name\":\"hello\",\"owner\":{\"login\":\"upstream\"},"
            + "\"html_url\":\"" + sandbox.baseUri() + repo + "\",\"clone_url\":\"" + sandbox.gitUri(repo) + "\"},"
            + "\"sender\":{\"login\":\"jane\"}}";
        java.net.http.HttpResponse<String> accepted = ReleaseFarm.sendGitHub(http, bot.httpUri(), "release", "fj-1", payload,
            dev.packit.core.Secret.of("s3cret"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        List<dev.packit.forge.PullRequest> prs = List.of();
        while (prs.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(200);
          prs = hello.distGitForge().pullRequests(dev.packit.forge.RepoId.of("rpms/hello"), dev.packit.forge.PrState.OPEN)
              .toList();
        }
        assertEquals(1, prs.size(), "one pull request on the Forgejo dist-git");
        assertEquals(dev.packit.forge.ForgeKind.FORGEJO, hello.distGitForge().kind());
        // Forgejo names a pull request .../pulls/N (Pagure: .../pull-request/N)
        assertTrue(prs.get(0).webUrl().getPath().endsWith("/rpms/hello/pulls/1"), prs.get(0).webUrl().toString());
      }
    }
  }

  @Test
  void aSettingTheBotCannotHonourIsRefusedWithItsKey(@TempDir Path dir) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      // a Pagure upstream with a webhook secret: the bot has no Pagure webhook endpoint
      BotConfig pagure = load(yaml(sandbox, dir, "pagure", ""), dir, Map.of());
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> PackitBot.fromConfig(pagure));
      assertTrue(e.getMessage().startsWith("the bot's config: forges[0].webhook_secret_file: "), e.getMessage());
      assertFalse(e.getMessage().contains("s3cret"));

      // a watched package whose dist-git has no .packit.yaml: start() fails naming the entry and
      // leaves no server behind
      SandboxScenario.hello(sandbox, "1.0.0", "1.1.0", List.of("rawhide"));
      int port;
      try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
        port = free.getLocalPort();
      }
      BotConfig watched = load(yaml(sandbox, dir, "github", ""), dir, Map.of("PACKIT_BOT_HTTP_PORT", Integer.toString(port),
          "PACKIT_BOT_RECONCILIATION_ENABLED", "true", "PACKIT_BOT_RECONCILIATION_PACKAGES", "hello"));
      PackitBot bot = PackitBot.fromConfig(watched).shutdownHook(false).build();
      InvalidInputException w = assertThrows(InvalidInputException.class, bot::start);
      assertTrue(w.getMessage().startsWith("the bot's config: reconciliation.packages[0]: hello: rpms/hello has no "
          + ".packit.yaml on rawhide"), w.getMessage());
      URI closed = URI.create("http://127.0.0.1:" + port + "/");
      assertThrows(ConnectException.class, () -> get(closed.resolve("healthz")));
    }
  }
}
