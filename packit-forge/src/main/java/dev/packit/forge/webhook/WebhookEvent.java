package dev.packit.forge.webhook;

import dev.packit.forge.ForgeKind;

/**
 * A parsed webhook event. Switch on the concrete type:
 *
 * <pre>{@code
 * WebhookEvent event = WebhookParser.create().parse(delivery);
 * if (event instanceof ReleaseEvent r && r.isNewRelease()) {
 *   proposeDownstream(r.repository(), r.tag());
 * } else if (event instanceof CommentEvent c) {
 *   c.command().ifPresent(cmd -> handle(cmd));
 * }
 * }</pre>
 */
public sealed interface WebhookEvent permits ReleaseEvent, PushEvent, PullRequestEvent, CommentEvent, OtherEvent {
  /** Returns the forge that sent the event. */
  ForgeKind forge();

  /** Returns the forge's event name: {@code X-GitHub-Event} or {@code X-Gitlab-Event}. */
  String eventType();

  /** Returns the action ({@code published}, {@code opened}, {@code create}...), empty when the event has none. */
  String action();
}
