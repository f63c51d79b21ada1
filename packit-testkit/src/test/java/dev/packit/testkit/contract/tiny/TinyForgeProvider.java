package dev.packit.testkit.contract.tiny;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.PushEvent;
import dev.packit.forge.webhook.WebhookEvent;
import dev.packit.forge.webhook.WebhookRepository;
import dev.packit.forge.spi.ForgeProvider;
import dev.packit.forge.spi.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The "tiny" forge's provider: hosts ending in {@code .tiny.test}; the API is below {@code api/v1/}. */
public final class TinyForgeProvider implements ForgeProvider {
  /** The tiny forge's kind. */
  public static final ForgeKind TINY = ForgeKind.of("tiny");

  /** For the ServiceLoader. */
  public TinyForgeProvider() {}

  @Override
  public ForgeKind kind() {
    return TINY;
  }

  @Override
  public boolean matches(URI url) {
    return url.getHost() != null && url.getHost().endsWith(".tiny.test");
  }

  @Override
  public ForgeBuilder<?, ? extends Forge> builder() {
    return new TinyForge.Builder();
  }

  /** Push events only: {@code {"ref", "before", "after", "pusher", "repository": {"full_name"}}}. */
  @Override
  public Optional<WebhookEvent> parseWebhook(String eventType, byte[] body, String source) {
    if (!eventType.equals("push")) {
      return Optional.empty();
    }
    JsonNode n = Json.parse(body);
    String full = Json.textAt(n, "repository", "full_name");
    int slash = full.lastIndexOf('/');
    return Optional.of(new PushEvent(TINY, eventType, new WebhookRepository(full.substring(0, slash), full.substring(slash + 1),
        URI.create("https://git.tiny.test/" + full), URI.create("https://git.tiny.test/" + full + ".git")), Json.text(n, "ref"), Json.text(n, "before"), Json.text(n, "after"), Json.text(n, "pusher"),
        false, false, false, List.of()));
  }
}
