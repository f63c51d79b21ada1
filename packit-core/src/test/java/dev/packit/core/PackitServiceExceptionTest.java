package dev.packit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PackitServiceExceptionTest {
  private static PackitServiceException.Builder base(int status) {
    return PackitServiceException.builder().service("github").method("GET")
        .url("https://api.github.com/repos/a/b?access_token=SECRET1234").status(status);
  }

  @Test
  void builderPicksTheLeafByStatus() {
    assertInstanceOf(NotFoundException.class, base(404).build());
    assertInstanceOf(NotFoundException.class, base(410).build());
    assertInstanceOf(AuthenticationException.class, base(401).build());
    assertInstanceOf(AuthenticationException.class, base(403).build());
    assertInstanceOf(RateLimitedException.class, base(403).retryAfter(Duration.ofSeconds(60)).build());
    assertInstanceOf(RateLimitedException.class, base(429).build());
    assertInstanceOf(ConflictException.class, base(409).build());
    assertInstanceOf(ConflictException.class, base(400).buildConflict());
    assertEquals(PackitServiceException.class, base(500).build().getClass());
  }

  @Test
  void retryableFollowsStatusUnlessOverridden() {
    assertTrue(base(503).build().retryable());
    assertTrue(base(429).build().retryable());
    assertFalse(base(404).build().retryable());
    assertFalse(base(503).retryable(false).build().retryable());
  }

  @Test
  void messageCarriesTheDetailsButNoSecret() {
    PackitServiceException e = base(422).requestId("ABCD:1234").attempts(3)
        .body("{\"message\":\"Validation Failed\",\"token\":\"SECRET5678\"}").build();
    String m = e.getMessage();
    assertTrue(m.startsWith("github: GET https://api.github.com/repos/a/b?access_token=*** returned 422 (request id ABCD:1234) after 3 attempts: "), m);
    assertTrue(m.contains("Validation Failed"), m);
    assertFalse(m.contains("SECRET"), m);
    assertFalse(e.url().contains("SECRET"));
    assertFalse(e.bodyExcerpt().contains("SECRET"));
    assertEquals(3, e.attempts());
    assertEquals("ABCD:1234", e.requestId().orElseThrow());
  }

  @Test
  void toBuilderKeepsTheDetails() {
    RateLimitedException e = (RateLimitedException) base(429).retryAfter(Duration.ofSeconds(5)).build();
    PackitServiceException again = e.toBuilder().attempts(4).build();
    assertInstanceOf(RateLimitedException.class, again);
    assertEquals(Duration.ofSeconds(5), ((RateLimitedException) again).retryAfter().orElseThrow());
    assertEquals(4, again.attempts());
  }

  @Test
  void invalidInputRendersItsLocation() {
    InvalidInputException e = new InvalidInputException(
        InputLocation.of(".packit.yaml").at(12, 5).field("jobs[2].trigger"), "unknown trigger 'push'");
    assertEquals(".packit.yaml:12:5: jobs[2].trigger: unknown trigger 'push'", e.getMessage());
    assertEquals("sources:3: bad line", new InvalidInputException(InputLocation.of("sources").at(3, 0), "bad line").getMessage());
  }
}
