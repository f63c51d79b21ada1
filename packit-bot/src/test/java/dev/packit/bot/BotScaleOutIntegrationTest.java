package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.packit.bot.internal.RabbitJobQueue;
import dev.packit.core.Secret;
import dev.packit.testkit.FedoraSandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bot instances on one real RabbitMQ ({@code PACKIT_AMQP_URL}, default the loopback broker
 * .ci/services.sh starts) and the sandbox: instance A runs in a child JVM, instance B in this one.
 * 50 release webhooks go to both; A is killed with SIGKILL ({@code destroyForcibly}) while it holds
 * an unacknowledged job; B takes A's shards over. Every release must be handled exactly once in
 * effect: one pull request per package and branch, every archive uploaded once, no job left in
 * any queue. Skips without a broker, fails instead under {@code PACKIT_CI=true}.
 */
@Tag("integration")
class BotScaleOutIntegrationTest {
  private static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F";
  private static final String SECRET = "scale-out-s3cret";
  private static final int PACKAGES = 10;
  private static final int RELEASES = 5;
  private static final int SHARDS = 4;
  private static final Pattern READY = Pattern.compile("event=bot.ready .*http=(http://\\S+/)");
  private static final Pattern STARTED = Pattern.compile("event=job.started .*job=(\\S+)");
  private static final Pattern FINISHED = Pattern.compile("event=job.finished .*job=(\\S+) .*outcome=(\\S+)");

  @Test
  void fiftyReleasesTwoInstancesOneKilledNothingLostNothingDoubled(@TempDir Path work) throws Exception {
    URI amqp = broker();
    String prefix = "packit-bot-it-" + UUID.randomUUID();
    Process childA = null;
    PackitBot b = null;
    long t0 = System.nanoTime();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      ReleaseFarm farm = new ReleaseFarm(sandbox, PACKAGES, RELEASES, 1);
      phase(t0, "sandbox seeded with " + PACKAGES + " packages x " + RELEASES + " releases");

      // Instance A: a child JVM on this test's class path.
      Map<String, String> envA = farm.botEnvironment("a", work.resolve("a"), SECRET);
      envA.putAll(queueEnv(amqp, prefix, "0,2"));
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", EnvironmentBot.class.getName()).redirectErrorStream(true);
      pb.environment().putAll(envA);
      childA = pb.start();
      Map<String, Boolean> runningA = new ConcurrentHashMap<>();
      Set<String> finishedA = ConcurrentHashMap.newKeySet();
      CountDownLatch readyA = new CountDownLatch(1);
      String[] uriA = new String[1];
      Process a = childA;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            System.out.println("[child a] " + line);
            Matcher m;
            if ((m = READY.matcher(line)).find()) {
              uriA[0] = m.group(1);
              readyA.countDown();
            } else if ((m = STARTED.matcher(line)).find()) {
              runningA.put(m.group(1), true);
            } else if ((m = FINISHED.matcher(line)).find()) {
              runningA.remove(m.group(1));
              finishedA.add(m.group(1));
            }
          }
        } catch (java.io.IOException e) {
          // the child was killed
        }
      }, "child-a-reader");
      reader.setDaemon(true);
      reader.start();
      assertTrue(readyA.await(60, TimeUnit.SECONDS), "child bot A did not start");
      phase(t0, "child JVM A ready");

      // Instance B: in this JVM, same environment but its own work dir and preferred shards.
      Map<String, String> envB = farm.botEnvironment("b", work.resolve("b"), SECRET);
      envB.putAll(queueEnv(amqp, prefix, "1,3"));
      Map<String, String> finishedB = new ConcurrentHashMap<>();
      b = PackitBot.fromEnvironment(envB).build();
      b.onJobFinished((job, outcome) -> finishedB.put(job.id(), outcome));
      b.start();

      // 50 release webhooks, releases of one package in order, alternating between A and B.
      HttpClient http = HttpClient.newHttpClient();
      List<URI> receivers = List.of(URI.create(uriA[0]), b.httpUri());
      Set<String> jobIds = new HashSet<>();
      int n = 0;
      ExecutorService senders = Executors.newFixedThreadPool(4);
      try {
        for (int r = 1; r <= RELEASES; r++) {
          // one round per release: the packages' deliveries in parallel, the next release after all were accepted
          List<Future<HttpResponse<String>>> round = new ArrayList<>();
          for (String p : farm.packages) {
            String delivery = "rel-" + p + "-" + r;
            URI to = receivers.get(n++ % 2);
            String body = farm.releasePayload(p, r);
            round.add(senders.submit(() -> ReleaseFarm.sendGitHub(http, to, "release", delivery, body, Secret.of(SECRET))));
            jobIds.add(delivery + "/propose_downstream/" + p);
          }
          for (Future<HttpResponse<String>> f : round) {
            HttpResponse<String> resp = f.get();
            assertEquals(202, resp.statusCode(), resp.body());
          }
        }
      } finally {
        senders.shutdownNow();
      }
      assertEquals(50, jobIds.size());
      phase(t0, "50 webhooks accepted");

      // Kill A (SIGKILL) once it finished a few jobs and is in the middle of another.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(finishedA.size() >= 3 && !runningA.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Set<String> heldByA = new HashSet<>(runningA.keySet());
      assertFalse(heldByA.isEmpty(), "A never ran a job (finished " + finishedA + ")");
      childA.destroyForcibly();
      assertTrue(childA.waitFor(30, TimeUnit.SECONDS));
      int finishedByABeforeKill = finishedA.size();
      phase(t0, "killed A while it ran " + heldByA + " after it finished " + finishedByABeforeKill + " jobs");

      // B finishes everything, including A's interrupted jobs and A's shards' backlog.
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      Set<String> handled = new HashSet<>();
      while (System.nanoTime() < deadline) {
        handled.clear();
        handled.addAll(finishedA);
        handled.addAll(finishedB.keySet());
        if (handled.containsAll(jobIds)) {
          break;
        }
        Thread.sleep(100);
      }
      phase(t0, "all 50 jobs finished");
      assertEquals(jobIds, handled, "every release handled (A finished " + finishedA.size() + ", B " + finishedB.size() + ")");
      assertTrue(finishedB.keySet().containsAll(heldByA), "B ran what A held when it died: " + heldByA);
      assertTrue(finishedB.values().stream().allMatch(o -> o.equals("done")), finishedB.toString());
      Set<String> twice = new HashSet<>(finishedA);
      twice.retainAll(finishedB.keySet());
      // Only a job A finished but could not acknowledge before the kill may run twice, and that is harmless.
      assertTrue(twice.size() <= 2, "jobs finished by both instances: " + twice);
      String metrics = ReleaseFarm.get(b.httpUri().resolve("metrics"));
      assertTrue(Scrape.value(metrics, "packit_bot_jobs_redelivered_total") >= 1, metrics);

      // Effects exactly once: one PR per package and branch (updated to the last release), every archive once.
      for (String p : farm.packages) {
        List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/" + p);
        assertEquals(farm.branches.get(p).size(), prs.size(), p + ": " + prs);
        for (JsonNode pr : prs) {
          assertTrue(pr.path("title").asText().contains(ReleaseFarm.version(RELEASES)), p + ": " + pr.path("title"));
        }
        for (int r = 1; r <= RELEASES; r++) {
          assertEquals(1, sandbox.lookaside().uploads("rpms/" + p, p + "-" + ReleaseFarm.version(r) + ".tar.gz"),
              p + " release " + r + " uploaded once");
        }
      }
      b.close();
      b = null;
      // Nothing left behind: every shard and the dead-letter queue are empty.
      try (Connection c = factory(amqp).newConnection(); Channel ch = c.createChannel()) {
        for (int i = 0; i < SHARDS; i++) {
          assertEquals(0, ch.queueDeclarePassive(prefix + ".jobs." + i).getMessageCount(), "shard " + i);
        }
        assertEquals(0, ch.queueDeclarePassive(prefix + ".dead").getMessageCount(), "dead letters");
      }
    } finally {
      if (b != null) {
        b.close();
      }
      if (childA != null) {
        childA.destroyForcibly();
      }
      RabbitJobQueue.deleteTopology(amqp, prefix, SHARDS);
    }
  }

  private static void phase(long t0, String what) {
    System.out.printf("[scale-out %5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
  }

  private static Map<String, String> queueEnv(URI amqp, String prefix, String preferred) {
    return Map.of("PACKIT_BOT_QUEUE", amqp.toString(), "PACKIT_BOT_QUEUE_PREFIX", prefix,
        "PACKIT_BOT_SHARDS", Integer.toString(SHARDS), "PACKIT_BOT_PREFERRED_SHARDS", preferred,
        "PACKIT_BOT_STANDBY_MS", "3000");
  }

  private static ConnectionFactory factory(URI uri) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(uri);
    f.setConnectionTimeout(3000);
    return f;
  }

  private static URI broker() {
    String env = System.getenv("PACKIT_AMQP_URL");
    URI uri = URI.create(env == null || env.isBlank() ? DEFAULT_URL : env);
    try (Connection c = factory(uri).newConnection()) {
      assertNotNull(c);
    } catch (Exception e) {
      String msg = "no RabbitMQ broker reachable at " + dev.packit.core.Redaction.url(uri)
          + " (start one with `source .ci/services.sh`): " + e;
      if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    return uri;
  }
}
