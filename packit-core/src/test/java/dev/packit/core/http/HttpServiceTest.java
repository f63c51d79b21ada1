package dev.packit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.packit.core.AuthenticationException;
import dev.packit.core.ConflictException;
import dev.packit.core.NotFoundException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.PackitVersion;
import dev.packit.core.RateLimitedException;
import dev.packit.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpServiceTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime(Instant.parse("2026-11-23T12:00:00Z"));

  private HttpService.Builder service() {
    return HttpService.builder().service("test").baseUri(wm.baseUrl() + "/api/v1")
        .clock(time).sleeper(time).retryPolicy(RetryPolicy.defaults().withJitter(0));
  }

  record Repo(String name, int stars) {}

  @Test
  void resolvesRelativeUrisSendsUserAgentAndMapsJson() {
    wm.stubFor(get(urlEqualTo("/api/v1/repos/o/r")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"name\":\"r\",\"stars\":3,\"extra\":true}")));
    Repo repo = service().build().executeJson(HttpRequest.get("repos/o/r"), Repo.class);
    assertEquals(new Repo("r", 3), repo);
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/repos/o/r"))
        .withHeader("User-Agent", equalTo(PackitVersion.userAgent()))
        .withHeader("Accept", equalTo("application/json")));
    assertTrue(PackitVersion.userAgent().startsWith("packit-java/"));
  }

  @Test
  void jsonWithGenericTypeAndJsonBody() {
    wm.stubFor(post(urlEqualTo("/api/v1/items")).withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalTo("{\"title\":\"x\"}"))
        .willReturn(aResponse().withStatus(201).withBody("[{\"name\":\"a\",\"stars\":1},{\"name\":\"b\",\"stars\":2}]")));
    List<Repo> repos = service().build().executeJson(
        HttpRequest.post("items", RequestBody.ofJson(Map.of("title", "x"))).build(), new TypeReference<List<Repo>>() {});
    assertEquals(List.of(new Repo("a", 1), new Repo("b", 2)), repos);
  }

  @Test
  void invalidJsonIsANonRetryableServiceException() {
    wm.stubFor(get(urlEqualTo("/api/v1/bad")).willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));
    PackitServiceException e = assertThrows(PackitServiceException.class,
        () -> service().build().executeJson(HttpRequest.get("bad"), Repo.class));
    assertFalse(e.retryable());
    assertEquals(200, e.status());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    assertTrue(e.bodyExcerpt().contains("oops"), e.bodyExcerpt());
  }

  @Test
  void voidJsonAcceptsEmptyBody() {
    wm.stubFor(post(urlEqualTo("/api/v1/void")).willReturn(aResponse().withStatus(204)));
    assertNull(service().build().executeJson(HttpRequest.post("void", RequestBody.ofString("")).build(), Void.class));
  }

  @Test
  void errorsMapToTypedLeavesWithRequestIdAndExcerpt() {
    wm.stubFor(get(urlEqualTo("/api/v1/404")).willReturn(aResponse().withStatus(404)
        .withHeader("X-GitHub-Request-Id", "C0DE:42").withBody("{\"message\":\"Not Found\"}")));
    wm.stubFor(get(urlEqualTo("/api/v1/401")).willReturn(aResponse().withStatus(401).withBody("Bad credentials")));
    wm.stubFor(get(urlEqualTo("/api/v1/403")).willReturn(aResponse().withStatus(403).withBody("forbidden")));
    wm.stubFor(get(urlEqualTo("/api/v1/409")).willReturn(aResponse().withStatus(409)
        .withHeader("X-Request-Id", "req-9").withBody("already exists")));
    wm.stubFor(get(urlEqualTo("/api/v1/429")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
    wm.stubFor(get(urlEqualTo("/api/v1/422")).willReturn(aResponse().withStatus(422).withBody("Validation Failed")));
    HttpService svc = service().build();

    NotFoundException nf = assertThrows(NotFoundException.class, () -> svc.execute(HttpRequest.get("404")));
    assertEquals("test", nf.service());
    assertEquals("GET", nf.method());
    assertEquals(404, nf.status());
    assertEquals("C0DE:42", nf.requestId().orElseThrow());
    assertTrue(nf.bodyExcerpt().contains("Not Found"));
    assertEquals(wm.baseUrl() + "/api/v1/404", nf.url());
    assertEquals(1, nf.attempts());
    assertFalse(nf.retryable());

    assertInstanceOf(AuthenticationException.class, assertThrows(PackitServiceException.class,
        () -> svc.execute(HttpRequest.get("401"))));
    assertInstanceOf(AuthenticationException.class, assertThrows(PackitServiceException.class,
        () -> svc.execute(HttpRequest.get("403"))));
    ConflictException c = assertThrows(ConflictException.class, () -> svc.execute(HttpRequest.get("409")));
    assertEquals("req-9", c.requestId().orElseThrow());
    RateLimitedException rl = assertThrows(RateLimitedException.class,
        () -> svc.toBuilder().retryPolicy(RetryPolicy.none()).build().execute(HttpRequest.get("429")));
    assertEquals(Duration.ofMinutes(10), rl.retryAfter().orElseThrow());
    assertTrue(rl.retryable());
    PackitServiceException plain = assertThrows(PackitServiceException.class, () -> svc.execute(HttpRequest.get("422")));
    assertEquals(PackitServiceException.class, plain.getClass());
    assertTrue(plain.getMessage().contains("returned 422"), plain.getMessage());
  }

  @Test
  void githubRateLimit403IsRateLimitedNotAuthentication() {
    wm.stubFor(get(urlEqualTo("/api/v1/limited")).willReturn(aResponse().withStatus(403)
        .withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(time.instant().getEpochSecond() + 3600))));
    RateLimitedException e = assertThrows(RateLimitedException.class,
        () -> service().build().execute(HttpRequest.get("limited")));
    assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
  }

  @Test
  void exchangeReturnsErrorsWithoutThrowing() {
    wm.stubFor(get(urlEqualTo("/api/v1/x")).willReturn(aResponse().withStatus(404).withBody("nope")));
    try (HttpResponse r = service().build().exchange(HttpRequest.get("x"))) {
      assertEquals(404, r.status());
      assertEquals("nope", r.text());
    }
  }

  @Test
  void sameHostRedirectIsFollowedWithCredentials() {
    wm.stubFor(get(urlEqualTo("/api/v1/old")).willReturn(aResponse().withStatus(301).withHeader("Location", "/api/v1/new")));
    wm.stubFor(get(urlEqualTo("/api/v1/new")).willReturn(aResponse().withStatus(200).withBody("moved")));
    HttpService svc = service().interceptor(Interceptor.token(Secret.of("s3cr3t-token-value"))).build();
    assertEquals("moved", svc.executeText(HttpRequest.get("old")));
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/new")).withHeader("Authorization", equalTo("token s3cr3t-token-value")));
  }

  @Test
  void crossHostRedirectDropsAuthorizationAndCookies() {
    wm.stubFor(get(urlEqualTo("/api/v1/asset")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", other.baseUrl() + "/signed/asset?X-Amz-Signature=abc")));
    other.stubFor(get(urlEqualTo("/signed/asset?X-Amz-Signature=abc")).willReturn(aResponse().withStatus(200).withBody("bytes")));
    HttpService svc = service()
        .interceptor(Interceptor.bearer(Secret.of("ghp_CANARYxxxxxxxxxxxxxxxxxxxx")))
        .interceptor(Interceptor.secretHeader("X-Custom-Auth", () -> Secret.of("custom-secret")))
        .interceptor(Interceptor.header("X-GitHub-Api-Version", "2022-11-28"))
        .build();
    HttpRequest req = HttpRequest.builder("GET", java.net.URI.create("asset"))
        .header("Cookie", "session=abc").header("Accept", "application/octet-stream").build();
    assertEquals("bytes", svc.executeText(req));
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/asset")).withHeader("Authorization", matching("Bearer ghp_.*"))
        .withHeader("X-Custom-Auth", equalTo("custom-secret")).withHeader("Cookie", equalTo("session=abc")));
    other.verify(getRequestedFor(urlEqualTo("/signed/asset?X-Amz-Signature=abc"))
        .withHeader("Authorization", absent())
        .withHeader("X-Custom-Auth", absent())
        .withHeader("Cookie", absent())
        .withHeader("Accept", equalTo("application/octet-stream"))
        .withHeader("User-Agent", equalTo(PackitVersion.userAgent())));
  }

  @Test
  void redirectFromOtherHostBackToOriginalStaysWithoutCredentials() {
    wm.stubFor(get(urlEqualTo("/api/v1/a")).willReturn(aResponse().withStatus(307).withHeader("Location", other.baseUrl() + "/b")));
    other.stubFor(get(urlEqualTo("/b")).willReturn(aResponse().withStatus(307).withHeader("Location", wm.baseUrl() + "/api/v1/c")));
    wm.stubFor(get(urlEqualTo("/api/v1/c")).willReturn(aResponse().withStatus(200).withBody("c")));
    HttpService svc = service().interceptor(Interceptor.bearer(Secret.of("tok-123456789"))).build();
    assertEquals("c", svc.executeText(HttpRequest.get("a")));
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/c")).withHeader("Authorization", absent()));
  }

  @Test
  void seeOtherTurnsPostIntoGetAnd307KeepsTheBody() {
    wm.stubFor(post(urlEqualTo("/api/v1/form")).willReturn(aResponse().withStatus(303).withHeader("Location", "/api/v1/done")));
    wm.stubFor(get(urlEqualTo("/api/v1/done")).willReturn(aResponse().withStatus(200).withBody("done")));
    wm.stubFor(post(urlEqualTo("/api/v1/keep")).willReturn(aResponse().withStatus(307).withHeader("Location", "/api/v1/kept")));
    wm.stubFor(post(urlEqualTo("/api/v1/kept")).willReturn(aResponse().withStatus(200).withBody("kept")));
    HttpService svc = service().build();
    assertEquals("done", svc.executeText(HttpRequest.post("form", RequestBody.ofString("a=1")).build()));
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/done")).withHeader("Content-Type", absent()));
    assertEquals("kept", svc.executeText(HttpRequest.post("keep", RequestBody.ofString("payload")).build()));
    assertEquals("payload", wm.findAll(postRequestedFor(urlEqualTo("/api/v1/kept"))).get(0).getBodyAsString());
  }

  @Test
  void redirectIsReturnedWhenNotFollowedAndLoopsAreCut() {
    wm.stubFor(get(urlEqualTo("/api/v1/r")).willReturn(aResponse().withStatus(302).withHeader("Location", "/api/v1/r")));
    try (HttpResponse r = service().build().execute(HttpRequest.builder("GET", java.net.URI.create("r"))
        .followRedirects(false).build())) {
      assertEquals(302, r.status());
      assertEquals("/api/v1/r", r.header("location").orElseThrow());
    }
    dev.packit.core.PackitIoException e = assertThrows(dev.packit.core.PackitIoException.class,
        () -> service().maxRedirects(3).build().execute(HttpRequest.get("r")));
    assertTrue(e.getMessage().contains("more than 3 redirects"), e.getMessage());
    assertEquals(1, e.attempts());
  }

  @Test
  void interceptorsRunInOrderOncePerAttempt() {
    wm.stubFor(get(urlEqualTo("/api/v1/i")).inScenario("i").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    wm.stubFor(get(urlEqualTo("/api/v1/i")).inScenario("i").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("fine")));
    List<String> calls = new ArrayList<>();
    int[] tokens = {0};
    HttpService svc = service()
        .interceptor(chain -> {
          calls.add("outer " + chain.attempt() + " " + chain.service());
          HttpResponse r = chain.proceed(chain.request().withHeader("X-Order", "outer"));
          calls.add("outer got " + r.status());
          return r;
        })
        .interceptor(chain -> {
          calls.add("inner sees " + chain.request().headers().firstValue("X-Order").orElse("-"));
          return chain.proceed(chain.request());
        })
        .interceptor(Interceptor.bearer(() -> Secret.of("token-" + (++tokens[0]))))
        .build();
    assertEquals("fine", svc.executeText(HttpRequest.get("i")));
    assertEquals(List.of("outer 1 test", "inner sees outer", "outer got 503",
        "outer 2 test", "inner sees outer", "outer got 200"), calls);
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/i")).withHeader("Authorization", equalTo("Bearer token-2")));
  }

  @Test
  void relativeUriWithoutBaseIsRejected() {
    HttpService svc = HttpService.builder().service("nobase").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> svc.execute(HttpRequest.get("x")));
    assertTrue(e.getMessage().contains("no base URI"));
  }

  @Test
  void builderRejectsClientThatFollowsRedirects() {
    assertThrows(IllegalArgumentException.class, () -> HttpTransport.jdk(java.net.http.HttpClient.newBuilder()
        .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()));
  }

  @Test
  void unknownLengthBodyIsSentChunkedAndArrivesWhole() {
    wm.stubFor(post(urlEqualTo("/api/v1/chunked")).willReturn(aResponse().withStatus(200).withBody("got it")));
    byte[] data = new byte[300_000];
    java.util.Arrays.fill(data, (byte) 'x');
    RequestBody body = RequestBody.ofInputStreamSupplier(() -> new java.io.ByteArrayInputStream(data), -1, "text/plain");
    assertEquals("got it", service().build().executeText(HttpRequest.post("chunked", body).build()));
    com.github.tomakehurst.wiremock.verification.LoggedRequest r =
        wm.findAll(postRequestedFor(urlEqualTo("/api/v1/chunked"))).get(0);
    assertEquals(data.length, r.getBody().length);
    assertEquals("chunked", r.getHeader("Transfer-Encoding"));
  }

  @Test
  void perRequestTimeoutFailsTheAttemptAsIo() {
    wm.stubFor(get(urlEqualTo("/api/v1/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
    dev.packit.core.PackitIoException e = assertThrows(dev.packit.core.PackitIoException.class,
        () -> service().retryPolicy(RetryPolicy.none()).build()
            .execute(HttpRequest.builder("GET", java.net.URI.create("slow")).timeout(Duration.ofMillis(200)).build()));
    assertInstanceOf(java.net.http.HttpTimeoutException.class, e.getCause());
    assertTrue(e.retryable());
  }

  @Test
  void oneServiceServesManyThreads() throws Exception {
    wm.stubFor(get(urlEqualTo("/api/v1/n")).willReturn(aResponse().withStatus(200).withBody("n")));
    HttpService svc = service().interceptor(Interceptor.bearer(Secret.of("tok-concurrent-1"))).build();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> svc.executeText(HttpRequest.get("n"))));
      }
      for (java.util.concurrent.Future<String> f : futures) {
        assertEquals("n", f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    wm.verify(40, getRequestedFor(urlEqualTo("/api/v1/n")).withHeader("Authorization", equalTo("Bearer tok-concurrent-1")));
  }
}
