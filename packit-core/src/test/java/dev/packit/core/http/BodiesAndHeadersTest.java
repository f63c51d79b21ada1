package dev.packit.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodiesAndHeadersTest {
  @TempDir
  Path dir;

  private static String text(RequestBody b) throws IOException {
    try (InputStream in = b.open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void headersAreCaseInsensitiveImmutableAndOrdered() {
    Headers h = Headers.of("Accept", "a", "X-Multi", "1", "x-multi", "2");
    assertEquals(Optional.of("a"), h.firstValue("ACCEPT"));
    assertEquals(List.of("1", "2"), h.allValues("X-MULTI"));
    Headers h2 = h.with("accept", "b").without("x-multi");
    assertEquals(List.of("b"), h2.allValues("Accept"));
    assertFalse(h2.contains("X-Multi"));
    assertEquals(List.of("a"), h.allValues("accept"), "the original is unchanged");
    assertEquals(Headers.of("accept", "a", "x-multi", "1", "X-MULTI", "2"), h);
    assertEquals(Headers.of("accept", "a", "x-multi", "1", "X-MULTI", "2").hashCode(), h.hashCode());
    assertThrows(IllegalArgumentException.class, () -> Headers.of("Bad Name", "v"));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("X", "a\r\nInjected: 1"));
    assertThrows(UnsupportedOperationException.class, () -> h.allValues("accept").add("z"));
  }

  @Test
  void bodiesReopenFromTheStart() throws IOException {
    Path f = Files.writeString(dir.resolve("f.txt"), "file content");
    RequestBody file = RequestBody.ofFile(f, "text/plain");
    assertEquals(12, file.contentLength());
    assertEquals("file content", text(file));
    assertEquals("file content", text(file));
    RequestBody s = RequestBody.ofString("zß");
    assertEquals(3, s.contentLength());
    assertEquals("text/plain; charset=UTF-8", s.contentType());
    int[] opened = {0};
    RequestBody sup = RequestBody.ofInputStreamSupplier(() -> {
      opened[0]++;
      return new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8));
    }, 3, "application/octet-stream");
    assertEquals("abc", text(sup));
    assertEquals("abc", text(sup));
    assertEquals(2, opened[0]);
    assertTrue(sup.repeatable());
  }

  @Test
  void formAndJsonBodies() throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("user", "a b");
    form.put("password", "p&=ss");
    RequestBody b = RequestBody.ofForm(form);
    assertEquals("user=a+b&password=p%26%3Dss", text(b));
    assertEquals("application/x-www-form-urlencoded", b.contentType());
    assertFalse(b.toString().contains("p%26"), b.toString());
    record Pr(String title, Instant created) {}
    assertEquals("{\"title\":\"t\",\"created\":null}", text(RequestBody.ofJson(new Pr("t", null))));
    assertThrows(IllegalArgumentException.class, () -> RequestBody.ofJson(new Object() {
      @SuppressWarnings("unused")
      public Object getSelf() {
        return this;
      }
    }));
  }

  @Test
  void requestDefaultsAndValidation() {
    assertTrue(HttpRequest.get("x").idempotent());
    assertTrue(HttpRequest.put("x", RequestBody.ofString("")).build().idempotent());
    assertFalse(HttpRequest.post("x", RequestBody.ofString("")).build().idempotent());
    assertFalse(HttpRequest.patch("x", RequestBody.ofString("")).build().idempotent());
    assertTrue(HttpRequest.post("x", RequestBody.ofString("")).idempotent(true).build().idempotent());
    assertEquals("DELETE", HttpRequest.builder("delete", URI.create("x")).build().method());
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.builder("GET", URI.create("x")).timeout(Duration.ZERO).build());
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.builder("G T", URI.create("x")).build());
    HttpRequest r = HttpRequest.get("x").toBuilder().header("A", "1").build();
    assertEquals(r, r.toBuilder().build());
  }

  @Test
  void retryPolicyBackoffGrowsAndIsCapped() {
    RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), 3, Duration.ofSeconds(1));
    assertEquals(Duration.ofMillis(100), p.backoff(1));
    assertEquals(Duration.ofMillis(300), p.backoff(2));
    assertEquals(Duration.ofMillis(900), p.backoff(3));
    assertEquals(Duration.ofSeconds(1), p.backoff(4));
    assertEquals(Duration.ofSeconds(1), p.backoff(60));
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertThrows(IllegalArgumentException.class, () -> p.withMaxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> p.withJitter(1.5));
  }

  @Test
  void responseDecodesCharsetAndReadsOnce() {
    HttpResponse r = HttpResponse.of(200, Headers.of("Content-Type", "text/plain; charset=ISO-8859-1"),
        new byte[] {(byte) 0xe9});
    assertEquals("é", r.text());
    assertTrue(r.isSuccessful());
    assertEquals("", HttpResponse.of(200, Headers.empty(), new byte[0]).text());
    assertThrows(IllegalArgumentException.class, () -> HttpResponse.of(42, Headers.empty(), "x"));
  }
}
