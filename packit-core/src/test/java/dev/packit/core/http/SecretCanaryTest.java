package dev.packit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.packit.core.AuthenticationException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Canary secrets go in through every door; none may come out in a log line, a message or a toString(). */
class SecretCanaryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String GH_TOKEN = "ghp_CANARYabcdefghijklmnopqrstuvwxyz01";
  static final String PRIVATE_TOKEN = "CANARY_PT_1234";
  static final String USERINFO_PW = "CANARY_PW_9";
  static final String ACCESS_TOKEN = "CANARY_AT_77";
  static final String SIG = "CANARY_SIG_5";
  static final String BASIC_PW = "CANARY_BASIC_3";
  static final String BASIC_B64 = Base64.getEncoder().encodeToString(("bot:" + BASIC_PW).getBytes(StandardCharsets.UTF_8));
  static final String CUSTOM = "plainCanaryValue42";
  static final String COOKIE = "CANARY_COOKIE_8";
  static final String FORM_PW = "CANARY_FORM_6";
  static final List<String> CANARIES = List.of(GH_TOKEN, PRIVATE_TOKEN, USERINFO_PW, ACCESS_TOKEN, SIG, BASIC_PW,
      BASIC_B64, CUSTOM, COOKIE, FORM_PW);

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final List<String> texts = new ArrayList<>();
  private PrintStream originalErr;

  @BeforeEach
  void captureLogs() {
    assertTrue(LoggerFactory.getLogger("dev.packit.core.http").isDebugEnabled(),
        "the HTTP logger must be at DEBUG for this test to mean anything (src/test/resources/simplelogger.properties)");
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    originalErr.print(captured.toString(StandardCharsets.UTF_8));
  }

  private HttpService service() {
    FakeTime time = new FakeTime(Instant.parse("2026-11-23T12:00:00Z"));
    return HttpService.builder().service("github").baseUri(wm.baseUrl())
        .clock(time).sleeper(time)
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2))
        .interceptor(Interceptor.bearer(Secret.of(GH_TOKEN)))
        .interceptor(Interceptor.secretHeader("X-Custom-Auth", () -> Secret.of(CUSTOM)))
        .build();
  }

  private void collect(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      texts.add(String.valueOf(c.getMessage()));
      texts.add(c.toString());
      for (Throwable s : c.getSuppressed()) {
        collect(s);
      }
    }
    if (t instanceof PackitServiceException e) {
      texts.add(e.url());
      texts.add(e.bodyExcerpt());
      texts.add(e.requestId().orElse(""));
    }
    if (t instanceof PackitIoException e) {
      texts.add(e.url());
    }
  }

  @Test
  void noCanaryLeaks() {
    String echo = "Bad credentials: Authorization: Bearer " + GH_TOKEN + " token " + GH_TOKEN + " raw " + GH_TOKEN
        + " custom " + CUSTOM + " basic " + BASIC_B64 + " cookie " + COOKIE
        + " {\"password\": \"" + USERINFO_PW + "\"} ?private_token=" + PRIVATE_TOKEN;
    wm.stubFor(get(urlPathEqualTo("/echo")).willReturn(aResponse().withStatus(401).withBody(echo)
        .withHeader("X-GitHub-Request-Id", "ID-" + GH_TOKEN)));
    wm.stubFor(get(urlPathEqualTo("/boom")).willReturn(aResponse().withStatus(500).withBody("server said " + CUSTOM)));
    wm.stubFor(get(urlPathEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(get(urlPathEqualTo("/away")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", other.baseUrl() + "/signed?sig=" + SIG + "&x=1")));
    other.stubFor(any(urlPathEqualTo("/signed")).willReturn(aResponse().withStatus(404).withBody("no " + SIG)));
    wm.stubFor(any(urlPathEqualTo("/basic")).willReturn(aResponse().withStatus(403).withBody("denied " + BASIC_B64)));

    HttpService svc = service();

    // 1. the token is echoed back by the service, the URL carries private_token.
    AuthenticationException auth = assertThrows(AuthenticationException.class,
        () -> svc.execute(HttpRequest.builder("GET", URI.create("echo?private_token=" + PRIVATE_TOKEN + "&page=2"))
            .header("Cookie", "session=" + COOKIE).build()));
    collect(auth);
    assertTrue(auth.getMessage().contains("private_token=***"), auth.getMessage());

    // 2. userinfo password in the URL, retried 500.
    PackitServiceException boom = assertThrows(PackitServiceException.class,
        () -> svc.execute(HttpRequest.get(wm.baseUrl().replace("://", "://bot:" + USERINFO_PW + "@") + "/boom")));
    collect(boom);

    // 3. connection reset on a URL with access_token.
    PackitIoException io = assertThrows(PackitIoException.class,
        () -> svc.execute(HttpRequest.get("reset?access_token=" + ACCESS_TOKEN)));
    collect(io);

    // 4. a cross-host redirect to a signed URL.
    collect(assertThrows(PackitServiceException.class, () -> svc.execute(HttpRequest.get("away"))));

    // 5. basic auth, echoed base64.
    HttpService basic = svc.toBuilder().interceptors(List.of(Interceptor.basic("bot", Secret.of(BASIC_PW)))).build();
    collect(assertThrows(AuthenticationException.class, () -> basic.execute(HttpRequest.get("basic"))));

    // 6. toString() of everything that might hold a secret.
    HttpRequest req = HttpRequest.builder("POST", URI.create("https://bot:" + USERINFO_PW + "@x.org/p?private_token="
            + PRIVATE_TOKEN + "&sig=" + SIG + "&access_token=" + ACCESS_TOKEN))
        .header("Authorization", "Bearer " + GH_TOKEN)
        .header("Cookie", "a=" + COOKIE)
        .header("X-Custom-Auth", CUSTOM)
        .body(RequestBody.ofForm(Map.of("user", "bot", "password", FORM_PW)))
        .timeout(Duration.ofSeconds(5))
        .build();
    texts.add(req.toString());
    texts.add(req.headers().toString());
    texts.add(svc.toString());
    texts.add(basic.toString());
    texts.add(Interceptor.bearer(Secret.of(GH_TOKEN)).toString());
    texts.add(Interceptor.token(Secret.of(GH_TOKEN)).toString());
    texts.add(Interceptor.header("PRIVATE-TOKEN", PRIVATE_TOKEN).toString());
    texts.add(MultipartBody.builder().field("password", FORM_PW).build().toString());
    texts.add(HttpResponse.of(200, Headers.of("Set-Cookie", "s=" + COOKIE), "").toString());

    String logs = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = logs.lines().toList();
    assertTrue(lines.stream().filter(l -> l.contains("DEBUG dev.packit.core.http")).count() >= 7,
        "expected one DEBUG line per exchange, got:\n" + logs);
    assertTrue(logs.contains("github GET " + wm.baseUrl() + "/echo?private_token=***&page=2 -> 401"), logs);
    assertTrue(logs.contains("(attempt 2)"), logs);
    assertTrue(logs.contains("/signed?sig=***&x=1 -> 404"), logs);

    for (String canary : CANARIES) {
      for (String line : lines) {
        assertFalse(line.contains(canary), () -> "log line leaks " + canary + ": " + line);
      }
      for (String text : texts) {
        assertFalse(text.contains(canary), () -> "text leaks " + canary + ": " + text);
      }
    }
  }
}
