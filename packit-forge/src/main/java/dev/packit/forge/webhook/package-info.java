/**
 * Webhook deliveries from GitHub and GitLab: verification of the signature or token over the raw
 * bytes, parsing into typed events, and Packit's comment commands.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder().githubSecret(Secret.of(secret)).build();
 * WebhookDelivery delivery = WebhookDelivery.of(headers, rawBody);
 * verifier.verifyOrThrow(delivery);                  // WebhookRejectedException on a bad signature
 * WebhookEvent event = WebhookParser.create().parse(delivery);
 * if (event instanceof ReleaseEvent release && release.isNewRelease()) {
 *   System.out.println(release.tag());
 * }
 * }</pre>
 */
@NullMarked
package dev.packit.forge.webhook;

import org.jspecify.annotations.NullMarked;
