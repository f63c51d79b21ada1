package dev.packit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final String CANARY = "ghp_CANARY0123456789abcdefABCDEF";

  @Test
  void urlsLoseUserinfoAndSecretQueryParameters() {
    assertEquals("https://***@example.com/x?private_token=***&page=2",
        Redaction.url("https://bot:s3cret@example.com/x?private_token=abc&page=2"));
    assertEquals("https://koji/kojihub?session-id=***&session-key=***&callnum=3",
        Redaction.url("https://koji/kojihub?session-id=123&session-key=9-abcdef&callnum=3"));
    assertEquals("https://api.github.com/repos/a/b?per_page=100", Redaction.url("https://api.github.com/repos/a/b?per_page=100"));
    assertEquals("", Redaction.url((String) null));
  }

  @Test
  void textLosesEverySecretShape() {
    String text = "Authorization: token " + CANARY + "\n{\"password\": \"hunter22\", \"user\": \"bob\"}"
        + " Bearer abcdefgh12345678 see https://u:p@host/a?access_token=zzz " + CANARY;
    String out = Redaction.text(text);
    assertFalse(out.contains(CANARY), out);
    assertFalse(out.contains("hunter22"), out);
    assertFalse(out.contains("abcdefgh12345678"), out);
    assertFalse(out.contains("zzz"), out);
    assertFalse(out.contains("u:p@"), out);
    assertTrue(out.contains("\"user\": \"bob\""), out);
  }

  @Test
  void explicitSecretsAreRemovedWhateverTheirShape() {
    assertEquals("value *** here", Redaction.text("value plainword here", List.of("plainword")));
  }

  @Test
  void sensitiveHeadersAreMasked() {
    assertEquals(Redaction.MASK, Redaction.header("AUTHORIZATION", "token x"));
    assertEquals(Redaction.MASK, Redaction.header("X-Hub-Signature-256", "sha256=abc"));
    assertEquals("application/json", Redaction.header("Accept", "application/json"));
  }

  @Test
  void secretNeverPrintsItself() {
    Secret s = Secret.of(CANARY);
    assertFalse(s.toString().contains(CANARY));
    assertEquals(CANARY, s.reveal());
    assertEquals(Secret.of(CANARY), s);
    assertFalse(Secret.of("other").equals(s));
  }
}
