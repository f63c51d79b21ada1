package dev.packit.examples.bot;

import dev.packit.bot.BotQueue;
import dev.packit.bot.CommandPolicy;
import dev.packit.bot.HttpLimits;
import dev.packit.bot.PackitBot;
import dev.packit.bot.history.InMemoryJobHistory;
import dev.packit.core.Secret;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.MessageSource;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.webhook.WebhookVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The code blocks of docs/bot.md, compiled with the tests so that they cannot rot. */
final class BotDocsExample {
  private BotDocsExample() {}

  static void runInYourCode(Forge github, Forge pagure, GitCredentials gitCredentials, LookasideClient lookaside,
      KojiClient koji, BodhiClient bodhi, HttpService http, List<FedoraRelease> fedoraReleases,
      MessageSource fedoraMessaging) throws InterruptedException {
    // docs/bot.md "Run it in your code"
    try (PackitBot bot = PackitBot.builder()
        .instance("bot-1")
        .upstream(ForgeKind.GITHUB, github)                         // propose_downstream from GitHub releases
        .distGit(pagure, URI.create("https://src.fedoraproject.org/")) // koji_build, bodhi_update, pull_from_upstream
        .gitCredentials(gitCredentials).lookaside(lookaside).koji(koji).bodhi(bodhi).downloads(http)
        .workDir(Path.of("/var/tmp/packit-bot"))                    // clones; the bot's temporary folders go on exit
        .releases(fedoraReleases)                                   // fedora-all, fedora-stable...
        .verifier(WebhookVerifier.builder()
            .githubSecret(Secret.of(System.getenv("GITHUB_WEBHOOK_SECRET")))
            .maxBodyBytes(1 << 20).build())
        .queue(BotQueue.inProcess(4))                               // 4 packages at a time
        .history(new InMemoryJobHistory())                          // the default; a database in production
        .messages(fedoraMessaging, PackitBot.DEFAULT_TOPICS)
        .httpPort(8080)
        .httpLimits(HttpLimits.defaults().withMaxConnections(256))  // 10 s to send a request, 256 connections
        .commandPolicy(CommandPolicy.forgePermissions())            // /packit from maintainers and packagers only
        .build()) {
      bot.onJobFinished((job, outcome) -> System.out.println(job.id() + " " + outcome + " " + job.branchResults()));
      bot.start();           // a shutdown hook closes the bot on SIGTERM and Ctrl-C
      bot.awaitShutdown();
    }
  }

  static BotQueue scaleOut() {
    // docs/bot.md "Scale out"
    BotQueue queue = BotQueue.rabbitMq(URI.create(System.getenv("PACKIT_BOT_QUEUE")))
        .withPrefix("packit-bot")       // names: packit-bot.jobs (exchange), packit-bot.jobs.<n>, packit-bot.dead
        .withShards(8)                  // the same on every instance
        .withPreferredShards(Set.of(0, 2, 4, 6)).withStandbyDelay(Duration.ofSeconds(5));
    return queue;
  }
}
