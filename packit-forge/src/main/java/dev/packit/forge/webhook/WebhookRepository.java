package dev.packit.forge.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * The repository a webhook event is about.
 *
 * <pre>{@code
 * WebhookRepository repo = release.repository();
 * repo.fullName();   // "fedora/src/python-teamcity-messages"
 * repo.namespace();  // "fedora/src"  (GitLab groups nest)
 * }</pre>
 *
 * @param namespace owner, organisation or (nested) group; everything before the last {@code /}
 * @param name the repository name
 * @param webUrl the repository's web page
 * @param cloneUrl the HTTPS clone URL
 */
public record WebhookRepository(String namespace, String name, URI webUrl, URI cloneUrl) {
  /** Validates the components. */
  public WebhookRepository {
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(webUrl, "webUrl == null");
    Objects.requireNonNull(cloneUrl, "cloneUrl == null");
  }

  /** Returns {@code namespace/name}. */
  public String fullName() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
