package dev.packit.forge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.packit.core.InvalidInputException;
import dev.packit.core.Secret;
import dev.packit.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes webhook handling (GitHub, GitLab, Forgejo): the parser yields an event or {@link InvalidInputException} (with the line
 * and column of a JSON syntax error), and the verifier accepts a delivery only when the body and the
 * signature or token are exactly the signed ones.
 */
class WebhookFuzzTest {
  private static final List<String[]> EVENTS = List.of(
      new String[] {"X-GitHub-Event", "release"}, new String[] {"X-GitHub-Event", "push"},
      new String[] {"X-GitHub-Event", "pull_request"}, new String[] {"X-GitHub-Event", "issue_comment"},
      new String[] {"X-GitHub-Event", "check_run"}, new String[] {"X-GitHub-Event", "installation"},
      new String[] {"X-Gitlab-Event", "Release Hook"}, new String[] {"X-Gitlab-Event", "Push Hook"},
      new String[] {"X-Gitlab-Event", "Tag Push Hook"}, new String[] {"X-Gitlab-Event", "Merge Request Hook"},
      new String[] {"X-Gitlab-Event", "Note Hook"}, new String[] {"X-Gitlab-Event", "Issue Hook"},
      new String[] {"X-Forgejo-Event", "release"}, new String[] {"X-Forgejo-Event", "push"},
      new String[] {"X-Forgejo-Event", "pull_request"}, new String[] {"X-Forgejo-Event", "issue_comment"},
      new String[] {"X-Forgejo-Event", "action_run_success"}, new String[] {"X-Gitea-Event", "pull_request"});

  private static List<byte[]> deliveries() {
    List<byte[]> seeds = new ArrayList<>(Fuzz.fixtureSeeds("github", n -> n.startsWith("webhook_")));
    seeds.addAll(Fuzz.fixtureSeeds("gitlab", n -> n.startsWith("webhook_")));
    seeds.addAll(Fuzz.fixtureSeeds("forgejo/webhooks", n -> n.endsWith(".json") && !n.endsWith(".meta.json") && !n.startsWith("fedmsg")));
    seeds.add("{\"action\": \"published\", \"release\": {\"tag_name\": \"v1.0\"}, \"repository\": {\"full_name\": \"o/r\"}}"
        .getBytes(StandardCharsets.UTF_8));
    return seeds;
  }

  @Test
  void anyPayloadParsesOrFailsWithInvalidInput() {
    WebhookParser parser = WebhookParser.create();
    Fuzz.target("webhook")
        .seeds(deliveries())
        .tokens("{", "}", "[", "]", "\"action\"", "\"repository\"", "\"comment\"", "\"body\"", "\"/packit build\"",
            "\"/packit propose-downstream\"", "\"object_kind\"", "\"ref\"", "\"is_pull\"", "\"synchronized\"", "\"refs/tags/\"", "null", "[[[[[[[[[[[[",
            "{\"a\":{\"a\":{\"a\":", "1e999999", "\"\\ud800\"", "\"\\u0000\"", "12345678901234567890")
        .expect(InvalidInputException.class)
        // Syntax errors name their line; Jackson's size limits (StreamConstraintsException) carry none.
        .rejectionsMust(t -> !(t.getCause() instanceof JsonProcessingException)
            || t.getCause() instanceof StreamConstraintsException
            || ((InvalidInputException) t).location().line() > 0)
        .run(bytes -> {
          String[] event = EVENTS.get(Math.floorMod(Arrays.hashCode(bytes), EVENTS.size()));
          parser.parse(WebhookDelivery.ofSingleValues(Map.of(event[0], event[1], "X-GitHub-Delivery", "d-1"), bytes))
              .toString();
        });
  }

  @Test
  void onlyTheSignedBodyWithTheRightSignatureOrTokenIsAccepted() {
    String secret = "fuzz-secret";
    String token = "fuzz-token";
    WebhookVerifier verifier = WebhookVerifier.builder().githubSecret(Secret.of(secret)).gitlabToken(Secret.of(token))
        .maxBodyBytes(64 * 1024).build();
    List<byte[]> seeds = deliveries();
    byte[] signed = seeds.get(0);
    String signature = WebhookVerifier.githubSignature(Secret.of(secret), signed);
    WebhookVerifier forgejo = WebhookVerifier.builder().forgejoSecret(Secret.of(secret)).maxBodyBytes(64 * 1024).build();
    String forgejoSignature = WebhookVerifier.forgejoSignature(Secret.of(secret), signed);
    List<byte[]> all = new ArrayList<>(seeds);
    all.add(forgejoSignature.getBytes(StandardCharsets.ISO_8859_1));
    all.add(signature.getBytes(StandardCharsets.ISO_8859_1));
    all.add(token.getBytes(StandardCharsets.ISO_8859_1));
    Fuzz.target("webhook-signature")
        .seeds(all)
        .tokens("sha256=", "sha1=", signature, signature.toUpperCase(java.util.Locale.ROOT), token, " ", "=", forgejoSignature)
        .run(bytes -> {
          // the fuzzed bytes as the body, with the right signature and token
          WebhookVerification body = verifier.verify(WebhookDelivery.ofSingleValues(
              Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", signature), bytes));
          assertEquals(Arrays.equals(bytes, signed), body.accepted(), "GitHub body " + body);
          // the fuzzed bytes as the signature or token, over the signed body
          String header = new String(bytes, StandardCharsets.ISO_8859_1);
          WebhookVerification sig = verifier.verify(WebhookDelivery.ofSingleValues(
              Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", header), signed));
          // surrounding whitespace and the case of the hex digits do not matter
          assertEquals(header.trim().equalsIgnoreCase(signature), sig.accepted(), "GitHub signature " + sig);
          WebhookVerification fj = forgejo.verify(WebhookDelivery.ofSingleValues(
              Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", header), signed));
          assertEquals(header.trim().equalsIgnoreCase(forgejoSignature), fj.accepted(), "Forgejo signature " + fj);
          WebhookVerification fjBody = forgejo.verify(WebhookDelivery.ofSingleValues(
              Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", forgejoSignature), bytes));
          assertEquals(Arrays.equals(bytes, signed), fjBody.accepted(), "Forgejo body " + fjBody);
          WebhookVerification tok = verifier.verify(WebhookDelivery.ofSingleValues(
              Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", header), signed));
          assertEquals(header.equals(token), tok.accepted(), "GitLab token " + tok);
        });
  }
}
