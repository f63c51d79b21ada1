package dev.packit.benchmarks;

import dev.packit.core.Secret;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.CommentCommandParser;
import dev.packit.forge.webhook.WebhookDelivery;
import dev.packit.forge.webhook.WebhookEvent;
import dev.packit.forge.webhook.WebhookParser;
import dev.packit.forge.webhook.WebhookVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Webhook receiving cost per delivery: HMAC-SHA256 verification and parsing of the recorded
 * GitHub {@code release} delivery (about 10 KB; a generated body of the same size when the
 * fixtures are absent), and comment command parsing.
 *
 * <pre>{@code
 * ./mvnw -q -pl packit-benchmarks -am package -DskipTests
 * java -cp "packit-benchmarks/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main WebhookBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebhookBenchmark {
  private final Secret secret = Secret.of("benchmark-secret");
  private final WebhookVerifier verifier = WebhookVerifier.builder().githubSecret(secret).build();
  private WebhookDelivery delivery;
  private byte[] body;

  /** Loads the recorded delivery and signs it. */
  @Setup
  public void setup() throws IOException {
    Path fixture = Path.of("..", "shared", "fixtures", "github", "webhook_release_published.json");
    if (!Files.isRegularFile(fixture)) {
      fixture = Path.of("..", "..", "shared", "fixtures", "github", "webhook_release_published.json");
    }
    body = Files.isRegularFile(fixture) ? Files.readAllBytes(fixture) : generated();
    delivery = WebhookDelivery.ofSingleValues(Map.of("X-GitHub-Event", "release",
        "X-Hub-Signature-256", WebhookVerifier.githubSignature(secret, body)), body);
  }

  private static byte[] generated() {
    String repo = "{\"name\":\"hello-world\",\"full_name\":\"packit-service/hello-world\","
        + "\"html_url\":\"https://github.com/packit-service/hello-world\","
        + "\"clone_url\":\"https://github.com/packit-service/hello-world.git\",\"description\":\""
        + "x".repeat(8000) + "\"}";
    return ("{\"action\":\"published\",\"release\":{\"tag_name\":\"0.3.0\",\"name\":\"test\",\"body\":\"notes\","
        + "\"prerelease\":false,\"draft\":false,\"author\":{\"login\":\"someone\"},"
        + "\"html_url\":\"https://github.com/packit-service/hello-world/releases/tag/0.3.0\"},\"repository\":" + repo + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Constant-time HMAC check of the raw body. */
  @Benchmark
  public boolean verify() {
    return verifier.verify(delivery).accepted();
  }

  /** JSON parse into a typed release event. */
  @Benchmark
  public WebhookEvent parse() {
    return WebhookParser.create().parse(ForgeKind.GITHUB, "release", body, "bench");
  }

  /** Verification and parsing, as a receiver does per delivery. */
  @Benchmark
  public WebhookEvent verifyAndParse() {
    verifier.verifyOrThrow(delivery);
    return WebhookParser.create().parse(delivery);
  }

  /** A comment with text around the command. */
  @Benchmark
  public Object commentCommand() {
    return CommentCommandParser.packit().parse("Thanks for the release!\n\n/packit pull-from-upstream --version 1.2 --with-pr-config\n");
  }
}
