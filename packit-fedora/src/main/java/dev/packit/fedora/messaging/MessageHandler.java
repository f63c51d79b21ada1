package dev.packit.fedora.messaging;

/**
 * Handles one typed message. Returning normally acknowledges the message; throwing makes the
 * source redeliver it (up to the source's redelivery limit).
 *
 * <pre>{@code
 * MessageHandler handler = message -> {
 *   if (message instanceof KojiBuildStateChange b) {
 *     store.record(b.nvr(), b.newState());
 *   }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface MessageHandler {
  /**
   * Handles a message.
   *
   * @param message the typed message
   * @throws Exception to have the message redelivered
   */
  void handle(FedoraMessage message) throws Exception;
}
