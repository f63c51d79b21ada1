package dev.packit.testkit;

/**
 * What the sandbox's fault injector does to a request (or a message) it picks.
 *
 * <pre>{@code
 * sandbox.faults(FaultPlan.rate(0.2).kinds(FaultKind.RESET, FaultKind.TOO_MANY_REQUESTS));
 * }</pre>
 *
 * <p>HTTP faults happen either before the fake service acts (nothing changed server-side) or after
 * it acted (the change is made, the answer is lost or late): the second is the hard case for
 * creates. {@link #TOO_MANY_REQUESTS} is always before, as real rate limiters answer.
 */
public enum FaultKind {
  /** The connection is closed without a response. */
  RESET,
  /** {@code 500 Internal Server Error}. */
  ERROR_500,
  /** {@code 502 Bad Gateway}. */
  ERROR_502,
  /** {@code 503 Service Unavailable}. */
  ERROR_503,
  /** {@code 429 Too Many Requests} with a {@code Retry-After} header; always before the action. */
  TOO_MANY_REQUESTS,
  /** The response comes after {@link FaultPlan#slowDelay()}, meant to be longer than the client's timeout. */
  SLOW,
  /** The response announces a {@code Content-Length} larger than what is sent, then the connection closes. */
  TRUNCATED,
  /**
   * fedora-messaging: the consumer's connection drops, before the handler ran or after it ran but
   * before the acknowledgement, so the broker delivers the message again.
   */
  MESSAGE_REDELIVERY;

  /** @return whether this kind applies to HTTP requests (all but {@link #MESSAGE_REDELIVERY}) */
  public boolean http() {
    return this != MESSAGE_REDELIVERY;
  }
}
