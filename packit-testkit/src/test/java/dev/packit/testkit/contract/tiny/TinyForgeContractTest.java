package dev.packit.testkit.contract.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Forges;
import dev.packit.forge.RepoId;
import dev.packit.forge.capability.Releases;
import dev.packit.forge.webhook.PushEvent;
import dev.packit.forge.webhook.WebhookParser;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.ForgeReadContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The open forge set: a forge defined in test code, registered only through
 * {@code src/test/resources/META-INF/services}, is found by {@link ForgeKind#guess}, built by
 * {@link Forges} and passes the read half of the forge contract (on the sandbox's Forgejo, whose
 * API it speaks).
 */
@org.junit.jupiter.api.Tag("integration")
class TinyForgeContractTest extends ForgeReadContract {

  @Override
  protected Backend start() {
    FedoraSandbox sandbox = FedoraSandbox.start();
    return new Backend() {
      @Override
      public Forge forge(ForgeCredentials credentials) {
        // through Forges and the provider, as an application would; the instance lives below a path,
        // which a host-derived base URI cannot know, so it is set explicitly
        URI instance = sandbox.forgejo().instanceUri();
        return Forges.builder(instance, TinyForgeProvider.TINY).baseUri(instance).credentials(credentials).build();
      }

      @Override
      public ForgeCredentials user() {
        return ForgeCredentials.token(sandbox.forgejo().token("packit"));
      }

      @Override
      public RepoId createRepository(String name) {
        sandbox.createBareRepository("team/" + name);
        return RepoId.of("team/" + name);
      }

      @Override
      public void close() {
        sandbox.close();
      }
    };
  }

  @Test
  void theProviderIsFoundThroughTheServiceLoader() {
    URI url = URI.create("https://git.tiny.test/team/tool");
    assertSame(TinyForgeProvider.TINY, ForgeKind.guess(url).orElseThrow());
    assertSame(TinyForgeProvider.TINY, ForgeKind.of("TINY"));
    assertTrue(TinyForgeProvider.TINY.provider().orElseThrow() instanceof TinyForgeProvider);
    assertTrue(java.util.Arrays.asList(ForgeKind.values()).contains(TinyForgeProvider.TINY));
    Forge built = Forges.forUrl(url, ForgeCredentials.anonymous());
    assertTrue(built instanceof TinyForge, built.getClass().getName());
    assertEquals(URI.create("https://git.tiny.test/"), Forges.baseUri(url, TinyForgeProvider.TINY));
    assertSame(ForgeKind.GITHUB, ForgeKind.guess(URI.create("https://github.com/a/b")).orElseThrow(), "built-ins unchanged");
  }

  @Test
  void aForgeWithoutCapabilitiesSaysSo() {
    assertTrue(forge.capability(Releases.class).isEmpty());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> forge.latestRelease(RepoId.of("team/tool")));
    assertTrue(e.getMessage().contains("TINY") && e.getMessage().contains("Releases"), e.getMessage());
    assertEquals(false, forge.supportsReleases());
  }

  @Test
  void itsProviderParsesItsWebhooks() {
    byte[] body = ("{\"ref\":\"refs/heads/main\",\"before\":\"" + "0".repeat(40) + "\",\"after\":\"" + "1".repeat(40)
        + "\",\"pusher\":\"jane\",\"repository\":{\"full_name\":\"team/tool\"}}").getBytes(StandardCharsets.UTF_8);
    PushEvent push = (PushEvent) WebhookParser.create().parse(TinyForgeProvider.TINY, "push", body, "tiny.json");
    assertSame(TinyForgeProvider.TINY, push.forge());
    assertEquals("refs/heads/main", push.ref());
    assertThrows(IllegalArgumentException.class,
        () -> WebhookParser.create().parse(TinyForgeProvider.TINY, "release", body, "tiny.json"));
  }
}
