package dev.packit.bot;

import dev.packit.core.Secret;
import dev.packit.forge.webhook.WebhookVerifier;
import dev.packit.testkit.FedoraSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the bot against an in-process sandbox until Ctrl-C, for trying it by hand (see
 * docs/bot.md): seeds packages {@code pkg0} (rawhide, f43) and {@code pkg1} (rawhide) with
 * releases v1.1.0 and v1.2.0, starts one bot instance, and prints the {@code curl} commands that
 * deliver signed release webhooks and the environment a second instance needs.
 *
 * <pre>{@code
 * java -cp "$CP" dev.packit.bot.SandboxBot            # in-process queue
 * PACKIT_BOT_QUEUE=amqp://guest:guest@127.0.0.1:5672/%2F java -cp "$CP" dev.packit.bot.SandboxBot
 * }</pre>
 */
public final class SandboxBot {
  private SandboxBot() {}

  /**
   * Starts sandbox and bot.
   *
   * @param args ignored
   * @throws Exception when the sandbox or bot cannot start
   */
  public static void main(String[] args) throws Exception {
    String secret = "sandbox-webhook-secret";
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      ReleaseFarm farm = new ReleaseFarm(sandbox, 2, 2, 1);
      Path work = Files.createTempDirectory("packit-bot-");
      Map<String, String> env = farm.botEnvironment("demo", work.resolve("demo"), secret);
      env.put("PACKIT_BOT_HTTP_PORT", System.getenv().getOrDefault("PACKIT_BOT_HTTP_PORT", "8080"));
      for (String k : new String[] {"PACKIT_BOT_QUEUE", "PACKIT_BOT_QUEUE_PREFIX", "PACKIT_BOT_SHARDS"}) {
        if (System.getenv(k) != null) {
          env.put(k, System.getenv(k));
        }
      }
      try (PackitBot bot = PackitBot.fromEnvironment(env).build()) {
        bot.start();
        System.out.println("sandbox at " + sandbox.baseUri() + ", bot at " + bot.httpUri());
        System.out.println("\nDeliver the release webhooks (signed with the secret '" + secret + "'):");
        for (int r = 1; r <= 2; r++) {
          for (String p : farm.packages) {
            byte[] body = farm.releasePayload(p, r).getBytes(StandardCharsets.UTF_8);
            Path file = work.resolve(p + "-release-" + r + ".json");
            Files.write(file, body);
            System.out.println("curl -sS -H 'X-GitHub-Event: release' -H 'X-GitHub-Delivery: " + p + "-" + r + "' "
                + "-H 'X-Hub-Signature-256: " + WebhookVerifier.githubSignature(Secret.of(secret), body) + "' "
                + "--data-binary @" + file + " " + bot.httpUri() + "webhooks/github");
          }
        }
        System.out.println("\nThen: curl " + bot.httpUri() + "metrics ; curl " + bot.httpUri() + "healthz");
        System.out.println("Pull requests: curl " + sandbox.pagure().instanceUri() + "api/0/rpms/pkg0/pull-requests");
        System.out.println("\nA second instance on the same sandbox (with PACKIT_BOT_QUEUE=amqp://... on both):");
        env.forEach((k, v) -> {
          if (!k.equals("PACKIT_BOT_ID") && !k.equals("PACKIT_BOT_HTTP_PORT") && !k.equals("PACKIT_BOT_WORK_DIR")) {
            System.out.println("export " + k + "='" + v + "'");
          }
        });
        System.out.println("export PACKIT_BOT_ID=second PACKIT_BOT_HTTP_PORT=8081 PACKIT_BOT_WORK_DIR=" + work.resolve("second"));
        System.out.println("java -cp \"$CP\" dev.packit.bot.EnvironmentBot\n\nCtrl-C stops the sandbox and the bot.");
        Runtime.getRuntime().addShutdownHook(new Thread(bot::close));
        bot.awaitShutdown();
      }
    } catch (IOException e) {
      throw new IOException("cannot start the sandbox bot: " + e.getMessage(), e);
    }
  }
}
