package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.MessageEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each fault kind, before and after the service acts, against a counting service. */
@Tag("integration")
class SandboxFaultsTest {
  private FedoraSandbox sandbox;
  private final AtomicInteger acted = new AtomicInteger();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private URI uri;

  @BeforeEach
  void start() {
    sandbox = FedoraSandbox.start();
    sandbox.mount("/counter", "counts POSTs", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        byte[] b = ("{\"count\":" + acted.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(201, b.length);
        ex.getResponseBody().write(b);
      }
    });
    uri = sandbox.baseUri().resolve("counter/x");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<InputStream> post() throws IOException, InterruptedException {
    return post(Duration.ofSeconds(20));
  }

  private HttpResponse<InputStream> post(Duration timeout) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static FaultPlan only(FaultKind kind, boolean after) {
    return FaultPlan.rate(1).kinds(kind).afterShare(after ? 1 : 0).slowDelay(Duration.ofSeconds(3));
  }

  @Test
  void aResetClosesTheConnectionBeforeOrAfterTheAction() {
    sandbox.faults(only(FaultKind.RESET, false));
    assertThrows(IOException.class, this::post);
    assertEquals(0, acted.get());
    sandbox.faults(only(FaultKind.RESET, true));
    assertThrows(IOException.class, this::post);
    assertEquals(1, acted.get(), "the service acted, the answer was lost " + sandbox.faults().summary());
    assertEquals(2, sandbox.faults().injected(FaultKind.RESET));
    assertEquals(1, sandbox.faults().injectedAfterAction());
  }

  @Test
  void serverErrorsAndRateLimits() throws Exception {
    int[] expected = {500, 502, 503};
    FaultKind[] kinds = {FaultKind.ERROR_500, FaultKind.ERROR_502, FaultKind.ERROR_503};
    for (int i = 0; i < kinds.length; i++) {
      sandbox.faults(only(kinds[i], true));
      try (InputStream in = post().body()) {
        in.readAllBytes();
      }
      HttpResponse<InputStream> r = post();
      r.body().close();
      assertEquals(expected[i], r.statusCode());
    }
    assertEquals(6, acted.get(), "after-faults let the service act");
    sandbox.faults(only(FaultKind.TOO_MANY_REQUESTS, true).retryAfter(Duration.ofSeconds(3)));
    HttpResponse<InputStream> limited = post();
    limited.body().close();
    assertEquals(429, limited.statusCode());
    assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(6, acted.get(), "a 429 comes before the service acts, whatever afterShare says");
  }

  @Test
  void aSlowResponseOutlastsTheClientTimeout() {
    sandbox.faults(only(FaultKind.SLOW, true));
    assertThrows(HttpTimeoutException.class, () -> post(Duration.ofSeconds(1)));
    assertEquals(1, acted.get());
  }

  @Test
  void aTruncatedBodyEndsEarly() throws Exception {
    sandbox.faults(only(FaultKind.TRUNCATED, true));
    HttpResponse<InputStream> r = post();
    assertEquals(201, r.statusCode());
    long declared = r.headers().firstValueAsLong("Content-Length").orElseThrow();
    try (InputStream in = r.body()) {
      assertThrows(IOException.class, in::readAllBytes, "declared " + declared + " bytes");
    }
    assertEquals(1, acted.get());
  }

  @Test
  void theRateAndTheServicesAreHonoured() throws Exception {
    SandboxFaults faults = sandbox.faults(FaultPlan.rate(0.3).seed(42).kinds(FaultKind.ERROR_503).services("counter"));
    int failed = 0;
    for (int i = 0; i < 200; i++) {
      HttpResponse<InputStream> r = post();
      r.body().close();
      failed += r.statusCode() == 503 ? 1 : 0;
    }
    assertEquals(failed, faults.injected());
    assertTrue(failed > 30 && failed < 90, "about 30 % of 200: " + failed);
    assertEquals(Map.of("counter", 200L), faults.requestsByService());
    sandbox.faults(FaultPlan.rate(1).services("pagure"));
    HttpResponse<InputStream> r = post();
    r.body().close();
    assertEquals(201, r.statusCode(), "other services are not faulted");
  }

  @Test
  void messagesAreRedeliveredAndSometimesHandledTwice() throws Exception {
    SandboxFaults faults = sandbox.faults(FaultPlan.rate(0.5).seed(3).kinds(FaultKind.MESSAGE_REDELIVERY)
        .maxFaultsPerMessage(3));
    List<String> seen = new CopyOnWriteArrayList<>();
    sandbox.messages().subscribe(List.of("org.fedoraproject.test.#"),
        faults.wrap((FedoraMessage m) -> seen.add(m.envelope().id())));
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      MessageEnvelope e = new MessageEnvelope("msg-" + i, "org.fedoraproject.test.thing", Map.of(), Map.of("n", i));
      sent.add(e.id());
      sandbox.messages().publish(e);
    }
    assertTrue(sandbox.messages().awaitIdle(Duration.ofSeconds(20)));
    assertTrue(seen.containsAll(sent), "nothing lost");
    assertTrue(faults.injected(FaultKind.MESSAGE_REDELIVERY) > 5, faults.summary());
    assertTrue(seen.size() > sent.size(), "an acknowledgement lost after handling means a second delivery");
  }
}
