package dev.packit.core;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret value (token, password, webhook secret) that never prints itself.
 *
 * <pre>{@code
 * Secret token = Secret.of(System.getenv("GITHUB_TOKEN"));
 * String header = "token " + token.reveal();   // only where it is sent
 * token.toString();                            // "Secret[***]"
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #equals(Object)} compares in constant time.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the secret, not {@code null}
   * @return the wrapper
   */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "secret value == null"));
  }

  /**
   * Returns the secret itself; call it only where the value is sent, never to print it.
   *
   * @return the secret value
   */
  public String reveal() {
    return value;
  }

  /** @return whether the secret is empty */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // equal secrets must share a hash; a value-derived hash would leak bits of the secret
  }

  @Override
  public String toString() {
    return "Secret[" + Redaction.MASK + "]";
  }
}
