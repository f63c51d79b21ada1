package dev.packit.forge.spi;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.WebhookEvent;
import java.net.URI;
import java.util.Optional;

/**
 * Plugs a forge into packit-forge: {@link ForgeKind#guess(URI)}, {@link dev.packit.forge.Forges} and
 * {@link dev.packit.forge.webhook.WebhookParser} find every provider through the JDK
 * {@link java.util.ServiceLoader}. The four built-in forges are providers too.
 *
 * <pre>{@code
 * public final class TinyForgeProvider implements ForgeProvider {
 *   public static final ForgeKind TINY = ForgeKind.of("tiny");
 *   public ForgeKind kind() { return TINY; }
 *   public boolean matches(URI url) { return "tiny.example".equals(url.getHost()); }
 *   public ForgeBuilder<?, ? extends Forge> builder() { return new TinyForge.Builder(); }
 * }
 * // register it: module-info.java   provides dev.packit.forge.spi.ForgeProvider with my.TinyForgeProvider;
 * //              and, for the class path, META-INF/services/dev.packit.forge.spi.ForgeProvider
 * }</pre>
 *
 * <p>Providers are loaded once, with a public no-argument constructor, and must be thread-safe.
 * Built-in providers are asked first, then the others by id; two providers of one id are an error
 * that names both classes.
 *
 * @since 0.2.0
 */
public interface ForgeProvider {

  /**
   * Returns the kind this provider serves; its {@link ForgeKind#id()} is the provider's id.
   *
   * @return the kind, such as {@code ForgeKind.of("tiny")}
   */
  ForgeKind kind();

  /**
   * Tells whether a repository or instance URL is on a forge of this kind, by what the URL alone
   * shows (its host name). No network: a neutral host name answers false.
   *
   * @param url a repository or instance URL
   * @return whether this provider claims it
   */
  boolean matches(URI url);

  /**
   * Returns the base URI {@link #builder()} takes for a URL on a host of this kind: the API root or
   * the instance root. The default is the host's root ({@code scheme://authority/}); an instance served
   * below a path cannot be told from a repository URL, so callers set that base URI on the builder.
   *
   * @param url a repository or instance URL
   * @return the base URI
   */
  default URI baseUri(URI url) {
    return URI.create((url.getScheme() == null ? "https" : url.getScheme()) + "://" + url.getRawAuthority() + "/");
  }

  /**
   * Returns a new builder of this forge's client; {@link dev.packit.forge.Forges} sets the base URI
   * and credentials, callers may set the rest.
   *
   * @return a fresh builder
   */
  ForgeBuilder<?, ? extends Forge> builder();

  /**
   * Parses a webhook payload of this forge, for forges whose events {@link
   * dev.packit.forge.webhook.WebhookParser} does not know. Verification of the delivery stays the
   * caller's (the built-in {@link dev.packit.forge.webhook.WebhookVerifier} knows the four built-in
   * forges only).
   *
   * @param eventType the event name the delivery carries
   * @param body the JSON body
   * @param source a name for error messages
   * @return the event, or empty when this provider does not parse webhooks
   */
  default Optional<WebhookEvent> parseWebhook(String eventType, byte[] body, String source) {
    return Optional.empty();
  }
}
