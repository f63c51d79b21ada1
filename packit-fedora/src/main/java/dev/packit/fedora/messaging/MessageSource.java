package dev.packit.fedora.messaging;

import java.util.List;

/**
 * Where fedora-messaging messages come from: the Fedora broker ({@link AmqpMessageSource}) or an
 * in-process bus ({@link InMemoryMessageSource}, used by the sandbox and tests).
 *
 * <pre>{@code
 * try (MessageSource source = AmqpMessageSource.fedoraPublicBroker()) {
 *   source.subscribe(List.of("org.fedoraproject.prod.buildsys.build.state.change"), m -> {
 *     if (m instanceof KojiBuildStateChange b) System.out.println(b.nvr() + " " + b.newState());
 *   });
 *   Thread.sleep(60_000);
 * }
 * }</pre>
 *
 * <p>Contract, which every implementation keeps: a message is acknowledged only after the handler
 * returned normally; a handler that throws gets the message again (bounded by the source's
 * redelivery limit, after which the message is dropped and logged); a message whose body cannot
 * be parsed is dropped and logged, never redelivered. Messages of one subscription are handled one
 * at a time, in order. Implementations are thread-safe.
 */
public interface MessageSource extends AutoCloseable {
  /**
   * Subscribes a handler to the messages whose topic matches any of the bindings.
   *
   * @param bindings AMQP topic patterns, e.g. {@code org.fedoraproject.prod.buildsys.#}
   * @param handler the handler
   * @return the running subscription
   */
  Subscription subscribe(List<String> bindings, MessageHandler handler);

  /** Stops all subscriptions and releases connections; idempotent. */
  @Override
  void close();
}
