package dev.packit.fedora.messaging;

import java.util.List;

/**
 * A running subscription; closing it stops deliveries (messages in flight finish first).
 *
 * <pre>{@code
 * try (Subscription s = source.subscribe(List.of("org.fedoraproject.prod.buildsys.#"), handler)) {
 *   ...
 * }
 * }</pre>
 */
public interface Subscription extends AutoCloseable {
  /**
   * Returns the topic bindings of this subscription.
   *
   * @return AMQP topic patterns ({@code *} = one word, {@code #} = zero or more words)
   */
  List<String> bindings();

  /**
   * Returns the queue the subscription consumes from.
   *
   * @return the queue name (server-named queues have the name the broker chose)
   */
  String queue();

  /** Stops deliveries; idempotent. */
  @Override
  void close();
}
