package dev.packit.forge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.WebhookRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookVerifierTest {
  private static final String SECRET = "s3cr3t-for-tests-only";
  private static final String TOKEN = "gitlab-token-for-tests";
  private static final WebhookVerifier VERIFIER = WebhookVerifier.builder()
      .githubSecret(Secret.of(SECRET)).gitlabToken(Secret.of(TOKEN)).build();

  static Stream<Path> githubDeliveries() throws IOException {
    return list(Fixtures.dir("github"));
  }

  static Stream<Path> gitlabDeliveries() throws IOException {
    return list(Fixtures.dir("gitlab"));
  }

  private static Stream<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().startsWith("webhook_")).sorted().forEach(out::add);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no webhook deliveries in " + dir);
    }
    return out.stream();
  }

  private static WebhookDelivery github(byte[] body, String signature) {
    return signature == null
        ? WebhookDelivery.ofSingleValues(Map.of("X-GitHub-Event", "release"), body)
        : WebhookDelivery.ofSingleValues(Map.of("x-github-event", "release", "x-hub-signature-256", signature), body);
  }

  @ParameterizedTest
  @MethodSource("githubDeliveries")
  void realGitHubDeliverySignedWithTheSecretIsAcceptedAndAFlippedByteIsNot(Path file) throws IOException {
    byte[] body = Files.readAllBytes(file);
    String signature = WebhookVerifier.githubSignature(Secret.of(SECRET), body);

    WebhookVerification ok = VERIFIER.verify(github(body, signature));
    assertTrue(ok.accepted(), ok::toString);
    assertEquals(ForgeKind.GITHUB, ok.forge().orElseThrow());

    for (int pos : new int[] {0, body.length / 2, body.length - 1}) {
      byte[] tampered = body.clone();
      tampered[pos] ^= 0x01;
      WebhookVerification bad = VERIFIER.verify(github(tampered, signature));
      assertFalse(bad.accepted(), "tampered at " + pos);
      assertEquals(Reason.SIGNATURE_MISMATCH, bad.reason().orElseThrow());
    }

    WebhookVerification unsigned = VERIFIER.verify(github(body, null));
    assertEquals(Reason.MISSING_SIGNATURE, unsigned.reason().orElseThrow());

    String otherSecret = WebhookVerifier.githubSignature(Secret.of("another secret"), body);
    WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
        () -> VERIFIER.verifyOrThrow(github(body, otherSecret)));
    assertEquals(Reason.SIGNATURE_MISMATCH, e.reason());
    assertEquals(401, e.httpStatus());
    assertFalse(e.getMessage().contains(SECRET), "message leaks the secret: " + e.getMessage());
    assertFalse(e.getMessage().contains(otherSecret.substring(7)), "message leaks the signature");
  }

  @ParameterizedTest
  @MethodSource("gitlabDeliveries")
  void realGitLabDeliveryWithTheTokenIsAcceptedAndAWrongTokenIsNot(Path file) throws IOException {
    byte[] body = Files.readAllBytes(file);
    WebhookDelivery ok = WebhookDelivery.ofSingleValues(
        Map.of("X-Gitlab-Event", "Release Hook", "X-Gitlab-Token", TOKEN), body);
    assertEquals(ForgeKind.GITLAB, VERIFIER.verifyOrThrow(ok));

    String wrong = TOKEN.substring(0, TOKEN.length() - 1) + "X";
    WebhookVerification bad = VERIFIER.verify(WebhookDelivery.ofSingleValues(
        Map.of("X-Gitlab-Event", "Release Hook", "X-Gitlab-Token", wrong), body));
    assertEquals(Reason.TOKEN_MISMATCH, bad.reason().orElseThrow());
    assertFalse(bad.toString().contains(wrong) || bad.toString().contains(TOKEN), bad::toString);

    WebhookVerification prefix = VERIFIER.verify(WebhookDelivery.ofSingleValues(
        Map.of("X-Gitlab-Event", "Release Hook", "X-Gitlab-Token", TOKEN + TOKEN), body));
    assertEquals(Reason.TOKEN_MISMATCH, prefix.reason().orElseThrow());

    WebhookVerification missing = VERIFIER.verify(
        WebhookDelivery.ofSingleValues(Map.of("X-Gitlab-Event", "Release Hook"), body));
    assertEquals(Reason.MISSING_TOKEN, missing.reason().orElseThrow());
  }

  @Test
  void gitHubsPublishedTestVectorVerifies() {
    // From GitHub's "Validating webhook deliveries" documentation.
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String published = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    Secret secret = Secret.of("It's a Secret to Everybody");
    assertEquals(published, WebhookVerifier.githubSignature(secret, body));
    WebhookVerifier v = WebhookVerifier.builder().githubSecret(secret).build();
    assertTrue(v.verify(github(body, published)).accepted());
    assertTrue(v.verify(github(body, published.toUpperCase().replace("SHA256=", "sha256="))).accepted(),
        "hex digits compare case-insensitively");
  }

  @Test
  void malformedSignaturesAreRejectedAsMalformed() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String good = WebhookVerifier.githubSignature(Secret.of(SECRET), body);
    for (String s : List.of("sha1=" + good.substring(7), good.substring(7), good + "00", good.substring(0, good.length() - 1) + "g",
        "sha256=")) {
      assertEquals(Reason.MALFORMED_SIGNATURE, VERIFIER.verify(github(body, s)).reason().orElseThrow(), s);
    }
  }

  @Test
  void deliveriesFromUnknownOrUnconfiguredForgesAreRejected() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    WebhookVerification unknown = VERIFIER.verify(WebhookDelivery.ofSingleValues(Map.of("X-Gogs-Event", "push"), body));
    assertEquals(Reason.UNKNOWN_SOURCE, unknown.reason().orElseThrow());
    assertTrue(unknown.forge().isEmpty());
    // Gitea speaks Forgejo's protocol: known, but this verifier has no Forgejo secret
    WebhookVerification gitea = VERIFIER.verify(WebhookDelivery.ofSingleValues(Map.of("X-Gitea-Event", "push"), body));
    assertEquals(Reason.NOT_CONFIGURED, gitea.reason().orElseThrow());

    WebhookVerifier githubOnly = WebhookVerifier.builder().githubSecret(Secret.of(SECRET)).build();
    WebhookVerification gitlab = githubOnly.verify(WebhookDelivery.ofSingleValues(
        Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", TOKEN), body));
    assertEquals(Reason.NOT_CONFIGURED, gitlab.reason().orElseThrow());
  }

  @Test
  void bodiesOverTheLimitAreRejectedBeforeAndWhileReading() {
    WebhookVerifier small = WebhookVerifier.builder().githubSecret(Secret.of(SECRET)).maxBodyBytes(100).build();
    byte[] body = new byte[101];
    String sig = WebhookVerifier.githubSignature(Secret.of(SECRET), body);
    WebhookVerification v = small.verify(github(body, sig));
    assertEquals(Reason.BODY_TOO_LARGE, v.reason().orElseThrow());
    assertEquals(413, v.rejection().orElseThrow().httpStatus());
    assertTrue(small.verify(github(new byte[100], WebhookVerifier.githubSignature(Secret.of(SECRET), new byte[100])))
        .accepted());

    WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
        () -> WebhookDelivery.read(Map.of("X-GitHub-Event", List.of("push")), new ByteArrayInputStream(new byte[4097]), 4096));
    assertEquals(Reason.BODY_TOO_LARGE, e.reason());
    WebhookDelivery read = WebhookDelivery.read(Map.of("X-GitHub-Event", List.of("push")),
        new ByteArrayInputStream(new byte[4096]), 4096);
    assertEquals(4096, read.bodyLength());
  }

  @Test
  void secretsNeverPrint() {
    String s = VERIFIER.toString();
    assertFalse(s.contains(SECRET) || s.contains(TOKEN), s);
    WebhookDelivery d = WebhookDelivery.ofSingleValues(Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", TOKEN),
        new byte[3]);
    assertFalse(d.toString().contains(TOKEN), d::toString);
    assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.builder().githubSecret(Secret.of("")));
    assertThrows(IllegalStateException.class, () -> WebhookVerifier.builder().build());
  }
}
