package dev.packit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpServiceRetryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime(T0);
  }

  private HttpService.Builder service(RetryPolicy policy) {
    return HttpService.builder()
        .service("test")
        .baseUri(wm.baseUrl())
        .retryPolicy(policy)
        // A fresh client per test: java.net.http silently resends a GET once when a *pooled*
        // connection turns out dead, which would hide our own retry from the assertions.
        .transport(HttpTransport.jdk(java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build()))
        .clock(time)
        .sleeper(time);
  }

  private static RetryPolicy noJitter(int attempts) {
    return RetryPolicy.defaults().withMaxAttempts(attempts).withJitter(0)
        .withBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10));
  }

  private static void failThenSucceed(String path, int failures, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure,
      boolean isPost) {
    String state = Scenario.STARTED;
    for (int i = 0; i < failures; i++) {
      String next = "after-" + (i + 1);
      wm.stubFor((isPost ? post(urlEqualTo(path)) : get(urlEqualTo(path))).inScenario(path)
          .whenScenarioStateIs(state).willReturn(failure).willSetStateTo(next));
      state = next;
    }
    wm.stubFor((isPost ? post(urlEqualTo(path)) : get(urlEqualTo(path))).inScenario(path)
        .whenScenarioStateIs(state).willReturn(aResponse().withStatus(200).withBody("ok")));
  }

  @Test
  void getIsRetriedOn503WithExponentialBackoff() {
    failThenSucceed("/r", 2, aResponse().withStatus(503), false);
    String body = service(noJitter(4)).build().executeText(HttpRequest.get("r"));
    assertEquals("ok", body);
    wm.verify(3, getRequestedFor(urlEqualTo("/r")));
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), time.sleeps);
  }

  @Test
  void getIsRetriedOnConnectionReset() {
    failThenSucceed("/reset", 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), false);
    assertEquals("ok", service(noJitter(3)).build().executeText(HttpRequest.get("reset")));
    wm.verify(2, getRequestedFor(urlEqualTo("/reset")));
    assertEquals(List.of(Duration.ofMillis(100)), time.sleeps);
  }

  @Test
  void connectionResetOnEveryAttemptBecomesPackitIoExceptionWithAttempts() {
    wm.stubFor(get(urlEqualTo("/dead")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    PackitIoException e = assertThrows(PackitIoException.class,
        () -> service(noJitter(3)).build().execute(HttpRequest.get("dead")));
    assertEquals(3, e.attempts());
    assertTrue(e.getMessage().contains("GET " + wm.baseUrl() + "/dead"), e.getMessage());
    wm.verify(3, getRequestedFor(urlEqualTo("/dead")));
  }

  @Test
  void plainPostIsNotRetried() {
    failThenSucceed("/p", 1, aResponse().withStatus(503), true);
    HttpService svc = service(noJitter(4)).build();
    PackitServiceException e = assertThrows(PackitServiceException.class,
        () -> svc.execute(HttpRequest.post("p", RequestBody.ofString("x")).build()));
    assertEquals(503, e.status());
    assertEquals(1, e.attempts());
    wm.verify(1, postRequestedFor(urlEqualTo("/p")));
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void plainPostIsNotRetriedOnConnectionReset() {
    failThenSucceed("/pr", 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), true);
    PackitIoException e = assertThrows(PackitIoException.class,
        () -> service(noJitter(4)).build().execute(HttpRequest.post("pr", RequestBody.ofString("x")).build()));
    assertEquals(1, e.attempts());
    wm.verify(1, postRequestedFor(urlEqualTo("/pr")));
  }

  @Test
  void postMarkedIdempotentIsRetriedWithItsBody() {
    failThenSucceed("/pi", 2, aResponse().withStatus(502), true);
    String body = service(noJitter(4)).build()
        .executeText(HttpRequest.post("pi", RequestBody.ofString("payload")).idempotent(true).build());
    assertEquals("ok", body);
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> reqs = wm.findAll(postRequestedFor(urlEqualTo("/pi")));
    assertEquals(3, reqs.size());
    reqs.forEach(r -> assertEquals("payload", r.getBodyAsString()));
  }

  @Test
  void retryAfterSecondsIsHonoured() {
    failThenSucceed("/ra", 1, aResponse().withStatus(503).withHeader("Retry-After", "7"), false);
    assertEquals("ok", service(noJitter(3)).build().executeText(HttpRequest.get("ra")));
    assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps);
  }

  @Test
  void retryAfterHttpDateIsMeasuredAgainstTheInjectedClock() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.plusSeconds(42).atOffset(ZoneOffset.UTC));
    failThenSucceed("/rd", 1, aResponse().withStatus(429).withHeader("Retry-After", date), false);
    assertEquals("ok", service(noJitter(3)).build().executeText(HttpRequest.get("rd")));
    assertEquals(List.of(Duration.ofSeconds(42)), time.sleeps);
  }

  @Test
  void githubPrimaryRateLimitWaitsForTheReset() {
    long reset = T0.getEpochSecond() + 90;
    failThenSucceed("/gh", 1, aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(reset)), false);
    assertEquals("ok", service(noJitter(3)).build().executeText(HttpRequest.get("gh")));
    assertEquals(List.of(Duration.ofSeconds(90)), time.sleeps);
  }

  @Test
  void gitlabRateLimitResetOn429IsHonoured() {
    long reset = T0.getEpochSecond() + 12;
    failThenSucceed("/gl", 1, aResponse().withStatus(429).withHeader("RateLimit-Reset", Long.toString(reset)), false);
    assertEquals("ok", service(noJitter(3)).build().executeText(HttpRequest.get("gl")));
    assertEquals(List.of(Duration.ofSeconds(12)), time.sleeps);
  }

  @Test
  void aWaitBeyondTheTotalTimeGivesUpAtOnceWithRetryAfter() {
    wm.stubFor(get(urlEqualTo("/long")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
        .withHeader("X-GitHub-Request-Id", "ABCD:1234")));
    RateLimitedException e = assertThrows(RateLimitedException.class,
        () -> service(noJitter(5).withMaxTotalTime(Duration.ofMinutes(2))).build().execute(HttpRequest.get("long")));
    assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
    assertEquals(1, e.attempts());
    assertEquals("ABCD:1234", e.requestId().orElseThrow());
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void boundedTotalTimeStopsRetriesEvenWithAttemptsLeft() {
    wm.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(503)));
    RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(100).withJitter(0)
        .withBackoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(8)).withMaxTotalTime(Duration.ofSeconds(20));
    PackitServiceException e = assertThrows(PackitServiceException.class,
        () -> service(policy).build().execute(HttpRequest.get("slow")));
    // 1 + 2 + 4 + 8 = 15 s; another 8 s would end at 23 s > 20 s.
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)),
        time.sleeps);
    assertEquals(5, e.attempts());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("after 5 attempts"), e.getMessage());
  }

  @Test
  void maxAttemptsIsRespectedAndRecorded() {
    wm.stubFor(get(urlEqualTo("/always")).willReturn(aResponse().withStatus(500)));
    PackitServiceException e = assertThrows(PackitServiceException.class,
        () -> service(noJitter(3)).build().execute(HttpRequest.get("always")));
    assertEquals(3, e.attempts());
    wm.verify(3, getRequestedFor(urlEqualTo("/always")));
  }

  @Test
  void jitterStaysWithinTheConfiguredSpread() {
    wm.stubFor(get(urlEqualTo("/j")).willReturn(aResponse().withStatus(503)));
    RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(6).withJitter(0.5)
        .withBackoff(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1)).withMaxTotalTime(Duration.ofHours(1));
    RandomGenerator rnd = RandomGenerator.of("L64X128MixRandom");
    assertThrows(PackitServiceException.class,
        () -> service(policy).random(rnd).build().execute(HttpRequest.get("j")));
    assertEquals(5, time.sleeps.size());
    time.sleeps.forEach(d -> assertTrue(d.toMillis() >= 500 && d.toMillis() <= 1500, d.toString()));
    assertTrue(time.sleeps.stream().distinct().count() > 1, "jitter should vary the waits: " + time.sleeps);
  }

  @Test
  void notFoundIsNotRetried() {
    wm.stubFor(get(urlEqualTo("/nf")).willReturn(aResponse().withStatus(404)));
    assertThrows(dev.packit.core.NotFoundException.class, () -> service(noJitter(4)).build().execute(HttpRequest.get("nf")));
    wm.verify(1, getRequestedFor(urlEqualTo("/nf")));
  }

  @Test
  void noneNeverRetries() {
    wm.stubFor(get(urlEqualTo("/n")).willReturn(aResponse().withStatus(503)));
    PackitServiceException e = assertThrows(PackitServiceException.class,
        () -> service(RetryPolicy.none()).build().execute(HttpRequest.get("n")));
    assertEquals(1, e.attempts());
  }
}
