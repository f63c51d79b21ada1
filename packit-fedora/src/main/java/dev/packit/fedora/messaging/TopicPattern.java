package dev.packit.fedora.messaging;

import java.util.Objects;

/**
 * An AMQP topic binding pattern: words separated by {@code .}, {@code *} matches exactly one word,
 * {@code #} zero or more words, as RabbitMQ's topic exchange does.
 *
 * <pre>{@code
 * TopicPattern.of("org.fedoraproject.*.buildsys.#").matches("org.fedoraproject.prod.buildsys.tag");   // true
 * }</pre>
 *
 * @param pattern the binding key
 */
public record TopicPattern(String pattern) {
  /** Validates the pattern. */
  public TopicPattern {
    Objects.requireNonNull(pattern, "pattern == null");
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("a topic pattern must not be empty (use # for all topics)");
    }
  }

  /**
   * Returns the pattern.
   *
   * @param pattern the binding key
   * @return the pattern
   */
  public static TopicPattern of(String pattern) {
    return new TopicPattern(pattern);
  }

  /**
   * Whether a topic matches.
   *
   * @param topic a routing key
   * @return {@code true} if the topic matches
   */
  public boolean matches(String topic) {
    return match(pattern.split("\\.", -1), 0, topic.split("\\.", -1), 0);
  }

  private static boolean match(String[] p, int i, String[] t, int j) {
    while (i < p.length) {
      if (p[i].equals("#")) {
        if (i == p.length - 1) {
          return true;
        }
        for (int k = j; k <= t.length; k++) {
          if (match(p, i + 1, t, k)) {
            return true;
          }
        }
        return false;
      }
      if (j >= t.length || !(p[i].equals("*") || p[i].equals(t[j]))) {
        return false;
      }
      i++;
      j++;
    }
    return j == t.length;
  }
}
