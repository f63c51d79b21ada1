package dev.packit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.Secret;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.DispatchResult;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.forge.webhook.WebhookDelivery;
import dev.packit.forge.webhook.WebhookEvent;
import dev.packit.forge.webhook.WebhookParser;
import dev.packit.forge.webhook.WebhookVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Event intake throughput, each against a baseline measured in the same run: a GitHub release
 * webhook verified, parsed and dispatched to jobs (baselines: Jackson's plain {@code readTree} of the
 * same bytes, and a bare HMAC-SHA256 of them), and a Koji fedora-messaging message parsed into a typed
 * event (baseline: {@code readTree} of the same text).
 *
 * <pre>{@code
 * java -jar packit-benchmarks/target/benchmarks.jar DispatchBenchmark
 * }</pre>
 *
 * <p>Fixtures: {@code ../shared/fixtures/github/webhook_release_published.json} and {@code
 * ../shared/fixtures/messages/koji-fedoramessaging__build.state.change.complete.body.json}, read
 * from the repository root; generated stand-ins of the same shape when they are absent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
  private final Secret secret = Secret.of("benchmark-secret");
  private final WebhookVerifier verifier = WebhookVerifier.builder().githubSecret(secret).build();
  private final WebhookParser parser = WebhookParser.create();
  private final ObjectMapper mapper = new ObjectMapper();
  private JobDispatcher dispatcher;
  private ConfigText configText;
  private WebhookDelivery delivery;
  private byte[] webhook;
  private String message;
  private Mac hmac;

  /** Loads the fixtures, signs the webhook, builds the config and dispatcher. */
  @Setup
  public void setup() throws IOException, GeneralSecurityException {
    webhook = fixture("github/webhook_release_published.json").orElseGet(DispatchBenchmark::generatedWebhook);
    delivery = WebhookDelivery.ofSingleValues(Map.of("X-GitHub-Event", "release",
        "X-Hub-Signature-256", WebhookVerifier.githubSignature(secret, webhook)), webhook);
    message = new String(fixture("messages/koji-fedoramessaging__build.state.change.complete.body.json")
        .orElseGet(DispatchBenchmark::generatedMessage), StandardCharsets.UTF_8);
    String yaml = "upstream_package_name: hello-world\n"
        + "downstream_package_name: hello-world\n"
        + "jobs:\n"
        + "  - job: propose_downstream\n    trigger: release\n    dist_git_branches: [fedora-all]\n"
        + "  - job: koji_build\n    trigger: commit\n    dist_git_branches: [fedora-all]\n"
        + "  - job: bodhi_update\n    trigger: commit\n    dist_git_branches: [fedora-branched]\n";
    configText = ConfigText.of(yaml, "packit-service/hello-world@0.3.0/.packit.yaml", "");
    dispatcher = new JobDispatcher(DistroAliases.from(List.of(
        new FedoraRelease("F42", "Fedora 42", "42", "FEDORA", "current", "f42", "f42", "f42-updates-candidate"),
        new FedoraRelease("F43", "Fedora 43", "43", "FEDORA", "current", "f43", "f43", "f43-updates-candidate"),
        new FedoraRelease("F44", "Fedora 44", "44", "FEDORA", "pending", "rawhide", "f44", "f44-updates-candidate"))),
        ConfigResolver.fedora());
    hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec("benchmark-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    if (dispatcher.dispatch(Trigger.of(parser.parse(delivery)), configText).requests().isEmpty()) {
      throw new IllegalStateException("the release webhook dispatched no job: the benchmark would measure nothing");
    }
  }

  private static java.util.Optional<byte[]> fixture(String rel) throws IOException {
    for (Path base : new Path[] {Path.of("..", "shared", "fixtures"), Path.of("..", "..", "shared", "fixtures")}) {
      Path p = base.resolve(rel);
      if (Files.isRegularFile(p)) {
        return java.util.Optional.of(Files.readAllBytes(p));
      }
    }
    return java.util.Optional.empty();
  }

  private static byte[] generatedWebhook() {
    String repo = "{\"name\":\"hello-world\",\"full_name\":\"packit-service/hello-world\",\"owner\":{\"login\":\"packit-service\"},"
        + "\"html_url\":\"https://github.com/packit-service/hello-world\","
        + "\"clone_url\":\"https://github.com/packit-service/hello-world.git\",\"description\":\"" + "x".repeat(8000) + "\"}";
    return ("{\"action\":\"published\",\"release\":{\"tag_name\":\"0.3.0\",\"name\":\"test\",\"body\":\"notes\","
        + "\"prerelease\":false,\"draft\":false,\"author\":{\"login\":\"someone\"},"
        + "\"html_url\":\"https://github.com/packit-service/hello-world/releases/tag/0.3.0\"},\"repository\":" + repo
        + ",\"sender\":{\"login\":\"someone\"}}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] generatedMessage() {
    return ("{\"topic\":\"org.fedoraproject.prod.buildsys.build.state.change\",\"body\":{\"name\":\"grep\","
        + "\"version\":\"3.11\",\"release\":\"1.fc39\",\"epoch\":null,\"attribute\":\"state\",\"old\":0,\"new\":1,"
        + "\"build_id\":2211083,\"task_id\":101962689,\"owner\":\"packit\",\"instance\":\"primary\","
        + "\"request\":[\"git+https://src.fedoraproject.org/rpms/grep.git#799f88f\",\"rawhide\",{}]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Webhook: HMAC check, typed parse, and the job requests it triggers under the config text read
   * for it (loaded per delivery, as the bot's intake does), as a receiver does per delivery.
   */
  @Benchmark
  public DispatchResult webhookVerifyParseDispatch() {
    verifier.verifyOrThrow(delivery);
    WebhookEvent event = parser.parse(delivery);
    return dispatcher.dispatch(Trigger.of(event), configText);
  }

  /** Baseline: Jackson's plain readTree of the webhook bytes. */
  @Benchmark
  public Object baselineWebhookReadTree() throws IOException {
    return mapper.readTree(webhook);
  }

  /** Baseline: readTree plus a bare HMAC-SHA256 of the bytes (the least a verified parse costs). */
  @Benchmark
  public Object baselineWebhookReadTreeAndHmac() throws IOException {
    hmac.update(webhook);
    byte[] mac = hmac.doFinal();
    return mac.length + mapper.readTree(webhook).size();
  }

  /** fedora-messaging: a Koji build state change parsed into its typed event. */
  @Benchmark
  public FedoraMessage messageParse() {
    return FedoraMessages.parse(message, "bench");
  }

  /** Baseline: Jackson's plain readTree of the same message text. */
  @Benchmark
  public Object baselineMessageReadTree() throws IOException {
    return mapper.readTree(message);
  }
}
