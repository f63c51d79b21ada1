package dev.packit.bot;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where the bot's jobs wait: in this process, or on RabbitMQ shared by several bot instances.
 *
 * <pre>{@code
 * PackitBot.builder().queue(BotQueue.inProcess(4));
 * PackitBot.builder().queue(BotQueue.rabbitMq(URI.create("amqp://guest:guest@127.0.0.1:5672/%2F"))
 *     .withShards(8).withPreferredShards(Set.of(0, 2, 4, 6)));
 * }</pre>
 *
 * @since 0.2.0
 */
public sealed interface BotQueue {
  /**
   * The embedded queue: nothing survives a restart.
   *
   * @param lanes how many packages may run at once (one package's jobs run one at a time, in order)
   * @return the choice
   */
  static InProcess inProcess(int lanes) {
    return new InProcess(lanes);
  }

  /**
   * RabbitMQ with the defaults: prefix {@code packit-bot}, 8 shards, no preferred shards, 5 s standby.
   *
   * @param uri the broker, {@code amqp://} or {@code amqps://}
   * @return the choice
   */
  static RabbitMq rabbitMq(URI uri) {
    return new RabbitMq(uri, "packit-bot", 8, Set.of(), Duration.ofSeconds(5));
  }

  /**
   * In-process lanes.
   *
   * <pre>{@code
   * BotQueue q = new BotQueue.InProcess(4);
   * }</pre>
   *
   * @param lanes how many packages may run at once, at least 1
   */
  record InProcess(int lanes) implements BotQueue {
    /** Validates the lane count. */
    public InProcess {
      if (lanes < 1) {
        throw new IllegalArgumentException("the in-process queue needs at least 1 lane, got " + lanes);
      }
    }
  }

  /**
   * Durable RabbitMQ queues, sharded by package, shared by every bot instance with the same prefix.
   *
   * <pre>{@code
   * BotQueue q = BotQueue.rabbitMq(uri).withPrefix("packit-bot").withShards(8);
   * }</pre>
   *
   * @param uri the broker
   * @param prefix names: {@code <prefix>.jobs} (exchange), {@code <prefix>.jobs.<n>}, {@code <prefix>.dead}
   * @param shards shard count, the same on every instance
   * @param preferredShards shards this instance takes at once; the others after {@code standbyDelay}
   * @param standbyDelay how long this instance waits before taking shards it does not prefer
   */
  record RabbitMq(URI uri, String prefix, int shards, Set<Integer> preferredShards, Duration standbyDelay)
      implements BotQueue {
    /** Validates the components. */
    public RabbitMq {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(prefix, "prefix");
      preferredShards = Set.copyOf(preferredShards);
      Objects.requireNonNull(standbyDelay, "standbyDelay");
      if (shards < 1) {
        throw new IllegalArgumentException("RabbitMQ shards must be at least 1, got " + shards);
      }
    }

    /**
     * @param p the name prefix
     * @return a copy
     */
    public RabbitMq withPrefix(String p) {
      return new RabbitMq(uri, p, shards, preferredShards, standbyDelay);
    }

    /**
     * @param n the shard count
     * @return a copy
     */
    public RabbitMq withShards(int n) {
      return new RabbitMq(uri, prefix, n, preferredShards, standbyDelay);
    }

    /**
     * @param s the preferred shards
     * @return a copy
     */
    public RabbitMq withPreferredShards(Set<Integer> s) {
      return new RabbitMq(uri, prefix, shards, s, standbyDelay);
    }

    /**
     * @param d the standby delay
     * @return a copy
     */
    public RabbitMq withStandbyDelay(Duration d) {
      return new RabbitMq(uri, prefix, shards, preferredShards, d);
    }
  }
}
