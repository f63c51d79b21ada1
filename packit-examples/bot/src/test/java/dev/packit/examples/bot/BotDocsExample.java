package dev.packit.examples.bot;

import dev.packit.core.Secret;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.MessageSource;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.ReleaseWorkflow;
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
    ReleaseWorkflow workflow = ReleaseWorkflow.builder()
        .upstream(github).distGit(pagure, URI.create("https://src.fedoraproject.org/"))
        .gitCredentials(gitCredentials).lookaside(lookaside).koji(koji).bodhi(bodhi)
        .downloads(http).workDir(Path.of("/var/tmp/packit-bot"))
        .build();
    try (Bot bot = Bot.builder()
        .instance("bot-1")
        .upstream(ForgeKind.GITHUB, github, workflow)
        .distGit(pagure, workflow)                                  // koji_build, bodhi_update
        .dispatcher(new JobDispatcher(DistroAliases.from(fedoraReleases), "rawhide"))
        .verifier(WebhookVerifier.builder()
            .githubSecret(Secret.of(System.getenv("GITHUB_WEBHOOK_SECRET")))
            .maxBodyBytes(1 << 20).build())
        .queue(new InProcessJobQueue(4))                            // 4 packages at a time
        .messages(fedoraMessaging, List.of("org.fedoraproject.prod.pagure.git.receive",
            "org.fedoraproject.prod.buildsys.build.state.change",
        "org.fedoraproject.prod.hotness.update.bug.file"))
        .httpPort(8080)
        .httpLimits(HttpLimits.defaults().withMaxConnections(256))  // 10 s to send a request, 256 connections
        .commandPolicy(CommandPolicy.forgePermissions())            // /packit from maintainers and packagers only
        .build()) {
      bot.onJobFinished((job, outcome) -> System.out.println(job.id() + " " + outcome));
      bot.start();
      bot.awaitShutdown();
    }
  }

  static RabbitJobQueue scaleOut() {
    // docs/bot.md "Scale out"
    RabbitJobQueue queue = RabbitJobQueue.builder()
        .uri(URI.create(System.getenv("PACKIT_BOT_QUEUE")))
        .prefix("packit-bot")          // names: packit-bot.jobs (exchange), packit-bot.jobs.<n>, packit-bot.dead
        .shards(8)                      // the same on every instance
        .instance("bot-1")
        .preferredShards(Set.of(0, 2, 4, 6)).standbyDelay(Duration.ofSeconds(5))
        .build();
    return queue;
  }
}
