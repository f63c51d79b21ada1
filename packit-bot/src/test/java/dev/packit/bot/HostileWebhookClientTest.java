package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.core.config.DistroAliases;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.forge.webhook.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, row 10: clients that drip their headers or body to the webhook port. With the JDK's
 * server (4 threads, no read deadline) 4 of them blocked {@code /healthz} and every signed webhook
 * until they hung up. Now reading is non-blocking and every request has a total read deadline:
 * the bot keeps answering while they drip, and closes them once their time is up (a byte every
 * 200 ms never trips an idle timeout, so only the deadline can close them).
 */
@org.junit.jupiter.api.Tag("integration")
class HostileWebhookClientTest {
  private static final String SECRET = "drip-s3cret";
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService drippers = Executors.newCachedThreadPool();
  private PackitBot bot;

  @AfterEach
  void tearDown() {
    drippers.shutdownNow();
    if (bot != null) {
      bot.close();
    }
  }

  private URI startBot(HttpLimits limits) {
    bot = PackitBot.builder()
        .instance("hostile")
        .dispatcher(new JobDispatcher(DistroAliases.from(List.of()), "rawhide"))
        .verifier(WebhookVerifier.builder().githubSecret(Secret.of(SECRET)).maxBodyBytes(4096).build())
        .queue(BotQueue.inProcess(1))
        .httpPort(0)
        .httpLimits(limits)
        .build()
        .start();
    return bot.httpUri();
  }

  /** How a dripping connection ended, seen from the client. */
  record Dripped(long closedAfterMillis, String response) {}

  /**
   * Sends {@code head} at once, then {@code drip} one byte every 200 ms until the server closes the
   * connection (a write fails or a read sees the end); returns when and what the server answered.
   */
  private CompletableFuture<Dripped> drip(URI base, String head, String drip) {
    return CompletableFuture.supplyAsync(() -> {
      long start = System.nanoTime();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        s.setSoTimeout(200);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder answer = new StringBuilder();
        for (int i = 0; System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30); i++) {
          try {
            out.write(drip.charAt(i % drip.length()));
            out.flush();
          } catch (IOException e) {
            return new Dripped(elapsedMillis(start), answer.toString());
          }
          try {
            byte[] buf = new byte[1024];
            int n = in.read(buf);
            if (n < 0) {
              return new Dripped(elapsedMillis(start), answer.toString());
            }
            answer.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
          } catch (SocketTimeoutException e) {
            // nothing yet: the read timeout is the drip interval
          } catch (IOException e) {
            return new Dripped(elapsedMillis(start), answer.toString());
          }
        }
        return new Dripped(-1, answer.toString());
      } catch (IOException e) {
        return new Dripped(elapsedMillis(start), "connect failed: " + e);
      }
    }, drippers);
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String headersDrip() {
    return "POST /webhooks/github HTTP/1.1\r\nHost: bot\r\nX-GitHub-Event: ping\r\nX-Padding: ";
  }

  private static String bodyHead() {
    return "POST /webhooks/github HTTP/1.1\r\nHost: bot\r\nX-GitHub-Event: ping\r\nX-GitHub-Delivery: slow\r\n"
        + "X-Hub-Signature-256: sha256=00\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n";
  }

  private HttpResponse<String> signedPing(URI base, String delivery) throws Exception {
    // The replay guard also remembers body digests: every ping says something else.
    byte[] body = ("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":\"" + delivery + "\"}").getBytes(StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(base.resolve("webhooks/github"))
        .timeout(Duration.ofSeconds(20))
        .header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", WebhookVerifier.githubSignature(Secret.of(SECRET), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> health(URI base) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve("healthz")).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void drippingClientsNeitherBlockHealthNorSignedDeliveriesAndAreClosedAtTheDeadline() throws Exception {
    URI base = startBot(HttpLimits.defaults().withReadDeadline(DEADLINE));
    // Three times the old server's 4 threads: half drip headers, half drip a body after complete headers.
    List<CompletableFuture<Dripped>> headerDrips = new ArrayList<>();
    List<CompletableFuture<Dripped>> bodyDrips = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      headerDrips.add(drip(base, headersDrip(), "abcdefgh"));
      bodyDrips.add(drip(base, bodyHead(), "{\"zen\":1}"));
    }
    Thread.sleep(500); // every dripper is connected and dripping

    long slowest = 0;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> h = health(base);
      assertEquals(200, h.statusCode(), h.body());
      assertTrue(h.body().startsWith("ok bot=hostile"), h.body());
      HttpResponse<String> ping = signedPing(base, "ping-" + i);
      assertEquals(202, ping.statusCode(), ping.body());
      assertEquals("0 job(s) queued", ping.body().trim());
      long ms = elapsedMillis(t0);
      slowest = Math.max(slowest, ms);
      // Answered while the drippers still hold their connections: well before their deadline.
      assertTrue(ms < DEADLINE.toMillis() / 2, "health and a signed delivery took " + ms + " ms while clients dripped");
    }
    HttpResponse<String> replay = signedPing(base, "ping-0");
    assertEquals(409, replay.statusCode(), "the replay guard still answers while clients drip: " + replay.body());

    List<Long> closedAfter = new ArrayList<>();
    for (CompletableFuture<Dripped> f : headerDrips) {
      Dripped d = f.get(30, TimeUnit.SECONDS);
      closedAfter.add(d.closedAfterMillis());
      assertTrue(d.closedAfterMillis() >= 0, "a header dripper was never closed: " + d);
      assertTrue(d.closedAfterMillis() >= DEADLINE.toMillis() / 2 && d.closedAfterMillis() < DEADLINE.toMillis() + 4000,
          "a header dripper was closed after " + d.closedAfterMillis() + " ms, deadline " + DEADLINE);
    }
    for (CompletableFuture<Dripped> f : bodyDrips) {
      Dripped d = f.get(30, TimeUnit.SECONDS);
      closedAfter.add(d.closedAfterMillis());
      assertTrue(d.closedAfterMillis() >= 0, "a body dripper was never closed: " + d);
      assertTrue(d.closedAfterMillis() >= DEADLINE.toMillis() / 2 && d.closedAfterMillis() < DEADLINE.toMillis() + 4000,
          "a body dripper was closed after " + d.closedAfterMillis() + " ms, deadline " + DEADLINE);
      assertTrue(d.response().startsWith("HTTP/1.1 408"), "a body dripper is told why: " + d.response());
    }
    System.out.println("while 12 clients dripped: /healthz + signed ping took at most " + slowest
        + " ms; drippers closed after " + closedAfter + " ms (deadline " + DEADLINE.toMillis() + " ms)");
    String metrics = http.send(HttpRequest.newBuilder(base.resolve("metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(Scrape.value(metrics, "packit_bot_http_deadline_total{phase=\"headers\"}") == 6, metrics);
    assertTrue(Scrape.value(metrics, "packit_bot_http_deadline_total{phase=\"body\"}") == 6, metrics);
    // Dripped bodies never reached the verifier: no rejection counted for them.
    assertTrue(Scrape.value(metrics, "packit_bot_webhooks_total{forge=\"github\",result=\"ignored\"}") == 3, metrics);
    assertTrue(!metrics.contains("result=\"rejected\""), metrics);
  }

  @Test
  void connectionsAreBoundedAndTheDeadlineFreesThem() throws Exception {
    URI base = startBot(HttpLimits.defaults().withReadDeadline(DEADLINE).withMaxConnections(4));
    List<CompletableFuture<Dripped>> drips = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      drips.add(drip(base, headersDrip(), "abcdefgh"));
    }
    Thread.sleep(500);
    // A fifth client waits in the listen backlog while four connections are open ...
    long t0 = System.nanoTime();
    HttpResponse<String> h = health(base);
    long ms = elapsedMillis(t0);
    assertEquals(200, h.statusCode(), h.body());
    // ... and is served once the deadline closed the drippers, not before and not much after.
    assertTrue(ms >= DEADLINE.toMillis() / 3, "the fifth connection was served after " + ms + " ms despite the limit");
    assertTrue(ms < DEADLINE.toMillis() + 4000, "the fifth connection waited " + ms + " ms");
    for (CompletableFuture<Dripped> f : drips) {
      assertTrue(f.get(30, TimeUnit.SECONDS).closedAfterMillis() >= 0);
    }
  }

  @Test
  void drippingClientsCannotHoldUpShutdown() throws Exception {
    // A deadline far away: only close() can end these connections.
    URI base = startBot(HttpLimits.defaults().withReadDeadline(Duration.ofSeconds(60)).withStopTimeout(Duration.ofSeconds(1)));
    List<CompletableFuture<Dripped>> drips = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      drips.add(drip(base, headersDrip(), "abcdefgh"));
      drips.add(drip(base, bodyHead(), "{\"zen\":1}"));
    }
    Thread.sleep(500);
    assertEquals(200, health(base).statusCode());
    long t0 = System.nanoTime();
    bot.close();
    bot = null;
    long ms = elapsedMillis(t0);
    // In-flight requests (the body drippers) get the stop timeout, then everything is closed.
    assertTrue(ms < 1000 + 4000, "close() took " + ms + " ms with dripping clients connected");
    for (CompletableFuture<Dripped> f : drips) {
      Dripped d = f.get(30, TimeUnit.SECONDS);
      assertTrue(d.closedAfterMillis() >= 0 && d.closedAfterMillis() < 10_000, "a dripper outlived close(): " + d);
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000);
      throw new AssertionError("the port still accepts connections after close()");
    } catch (IOException expected) {
      // connection refused: the server is gone
    }
  }

  @Test
  void oversizedBodiesAreRefusedBeforeOrWhileReading() throws Exception {
    URI base = startBot(HttpLimits.defaults().withReadDeadline(DEADLINE));
    // A declared length over the cap is refused at once, without waiting for a byte of the body.
    CompletableFuture<Dripped> declared = drip(base, "POST /webhooks/github HTTP/1.1\r\nHost: bot\r\n"
        + "X-GitHub-Event: ping\r\nContent-Length: 100000000\r\n\r\n", "x");
    Dripped d = declared.get(30, TimeUnit.SECONDS);
    assertTrue(d.response().startsWith("HTTP/1.1 413"), d.toString());
    assertTrue(d.closedAfterMillis() < DEADLINE.toMillis(), "refused after " + d.closedAfterMillis() + " ms");

    // A chunked body is counted as it arrives.
    StringBuilder chunked = new StringBuilder("POST /webhooks/github HTTP/1.1\r\nHost: bot\r\nX-GitHub-Event: ping\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 10; i++) {
      chunked.append("400\r\n").append("y".repeat(1024)).append("\r\n");
    }
    Dripped c = drip(base, chunked.toString(), "y").get(30, TimeUnit.SECONDS);
    assertTrue(c.response().startsWith("HTTP/1.1 413"), c.toString());
    assertTrue(c.closedAfterMillis() < DEADLINE.toMillis(), "refused after " + c.closedAfterMillis() + " ms");

    // Headers over the cap: 431.
    Dripped big = drip(base, "GET /healthz HTTP/1.1\r\nHost: bot\r\nX-Big: " + "z".repeat(20_000) + "\r\n\r\n", "z")
        .get(30, TimeUnit.SECONDS);
    assertTrue(big.response().startsWith("HTTP/1.1 431"), big.toString());
    assertEquals(200, health(base).statusCode());
  }
}
