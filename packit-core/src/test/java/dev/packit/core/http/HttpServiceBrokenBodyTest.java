package dev.packit.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitIoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A response whose body breaks off (the connection closes before Content-Length bytes) is a failed
 * attempt like a lost response: idempotent requests are sent again, others fail naming the call.
 * Found by the sandbox fault injection: a truncated GET body used to fail at once with
 * "http: reading the response body".
 */
class HttpServiceBrokenBodyTest {
  private final AtomicInteger sent = new AtomicInteger();

  /** The first {@code broken} answers cut off after half the body, then whole ones. */
  private HttpTransport transport(int broken) {
    return request -> {
      int n = sent.incrementAndGet();
      byte[] body = "{\"name\":\"hello\",\"version\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);
      Headers h = Headers.of("Content-Type", "application/json");
      if (n > broken) {
        return HttpResponse.of(200, h, body);
      }
      InputStream half = new ByteArrayInputStream(body, 0, body.length / 2);
      InputStream eof = new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException("EOF reached while reading");
        }
      };
      return HttpResponse.of(200, h, new SequenceInputStream(half, eof));
    };
  }

  private HttpService service(int broken) {
    FakeTime time = new FakeTime(Instant.parse("2026-11-23T12:00:00Z"));
    return HttpService.builder().service("test").baseUri("http://example.test/").transport(transport(broken))
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(3).withJitter(0)).clock(time).sleeper(time).build();
  }

  @Test
  void anIdempotentRequestIsSentAgainWhenItsBodyBreaksOff() {
    Map<?, ?> m = service(2).executeJson(HttpRequest.get("thing"), Map.class);
    assertEquals("hello", m.get("name"));
    assertEquals(3, sent.get());
    try (HttpResponse r = service(1).executeBuffered(HttpRequest.get("thing"))) {
      assertTrue(r.text().contains("1.0"));
    }
  }

  @Test
  void theAttemptsAreBounded() {
    PackitIoException e = assertThrows(PackitIoException.class, () -> service(10).executeText(HttpRequest.get("thing")));
    assertEquals(3, sent.get());
    assertEquals(3, e.attempts());
    assertTrue(e.getMessage().startsWith("test: GET http://example.test/thing failed after 3 attempts"), e.getMessage());
  }

  @Test
  void aPostIsNotSentAgain() {
    HttpRequest post = HttpRequest.post("http://example.test/things", RequestBody.ofBytes(new byte[] {1}, "x/y")).build();
    PackitIoException e = assertThrows(PackitIoException.class, () -> service(1).executeBuffered(post));
    assertEquals(1, sent.get());
    assertTrue(e.getMessage().contains("POST"), e.getMessage());
  }

  @Test
  void exchangeBufferedKeepsAnyStatus() {
    HttpService http = HttpService.builder().service("test").baseUri("http://example.test/")
        .transport(r -> HttpResponse.of(404, Headers.empty(), "gone")).sleeper(d -> { }).build();
    try (HttpResponse r = http.exchangeBuffered(HttpRequest.get("x"))) {
      assertEquals(404, r.status());
      assertEquals("gone", r.text());
    }
  }
}
