package dev.packit.fedora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.http.Headers;
import dev.packit.core.http.HttpClientOptions;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.SourceEntry;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Forges;
import dev.packit.forge.RepoId;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Issue 14: one client-options value reaches every builder; a builder's own setter still overrides it. */
class SharedClientOptionsTest {
  /** Records every request and answers 503, so a client with no retries sends exactly one. */
  private static final class Recording implements HttpTransport {
    final List<HttpRequest> sent = new CopyOnWriteArrayList<>();

    @Override
    public HttpResponse send(HttpRequest request) {
      sent.add(request);
      return HttpResponse.of(503, Headers.of(), "down");
    }
  }

  private static void quietly(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException expected) {
      // 503: the request was sent, which is all this test looks at
    }
  }

  @Test
  void theSharedTransportRetriesAndUserAgentReachEachClient() {
    Recording t = new Recording();
    HttpClientOptions o = HttpClientOptions.defaults().withTransport(t).withRetryPolicy(RetryPolicy.none())
        .withUserAgent("my-bot/1.0");
    URI base = URI.create("https://fedora.example/");
    quietly(() -> KojiClient.builder().hub(base.resolve("kojihub")).options(o).build().getBuild("hello-1-1"));
    quietly(() -> BodhiClient.builder().baseUri(base.resolve("bodhi/")).options(o).build().releases(BodhiClient.ACTIVE_STATES));
    quietly(() -> LookasideClient.builder().baseUri(base.resolve("repo/pkgs/")).options(o).build()
        .exists("hello", new SourceEntry("hello-1.tar.gz", HashType.SHA512, "ab".repeat(64))));
    quietly(() -> Forges.builder(URI.create("https://forgejo.example/o/r"), ForgeKind.FORGEJO).options(o).build()
        .branches(RepoId.of("o/r")).toList());
    assertEquals(List.of("/kojihub", "/bodhi/releases/", "/repo/pkgs/rpms/hello/hello-1.tar.gz/sha512/" + "ab".repeat(64)
        + "/hello-1.tar.gz"), t.sent.subList(0, 3).stream().map(r -> r.uri().getPath()).toList(), t.sent.toString());
    assertEquals(4, t.sent.size(), "one request each, no retries: " + t.sent);
    assertEquals("forgejo.example", t.sent.get(3).uri().getHost());
    for (HttpRequest r : t.sent.subList(0, 3)) {
      assertEquals("my-bot/1.0", r.headers().firstValue("User-Agent").orElse(""), r.uri().toString());
    }
  }

  @Test
  void aSetterAfterOptionsOverridesOneSetting() {
    Recording shared = new Recording();
    Recording own = new Recording();
    HttpClientOptions o = HttpClientOptions.defaults().withTransport(shared).withRetryPolicy(RetryPolicy.none());
    quietly(() -> BodhiClient.builder().baseUri(URI.create("https://bodhi.example/")).options(o).transport(own).build()
        .releases(BodhiClient.ACTIVE_STATES));
    assertTrue(shared.sent.isEmpty());
    assertEquals(1, own.sent.size());
    assertFalse(own.sent.get(0).headers().firstValue("User-Agent").orElse("").isEmpty(), "packit-java's own User-Agent");
  }
}
