package dev.packit.fedora.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import dev.packit.core.PackitIoException;
import dev.packit.core.Redaction;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fedora-messaging over AMQP 0-9-1 (RabbitMQ): subscribe with topic bindings on {@code amq.topic},
 * acknowledge after the handler succeeded, recover after connection loss; publish with
 * fedora-messaging's headers and properties.
 *
 * <pre>{@code
 * // Fedora's public, read-only broker: TLS client certificate CN=fedora, SASL EXTERNAL
 * SSLContext tls = AmqpTls.fromPem(Path.of("fedora-cert.pem"), Path.of("fedora-key.pem"), Path.of("cacert.pem"));
 * try (AmqpMessageSource source = AmqpMessageSource.builder()
 *     .uri(URI.create("amqps://rabbitmq.fedoraproject.org/%2Fpublic_pubsub"))
 *     .tls(tls).externalAuth()
 *     .queue(UUID.randomUUID().toString(), false)   // the broker only allows UUID queue names
 *     .build()) {
 *   source.subscribe(List.of("org.fedoraproject.prod.buildsys.build.state.change"), m -> System.out.println(m));
 *   Thread.sleep(60_000);
 * }
 * }</pre>
 *
 * <p>Queues: by default every subscription gets a server-named, exclusive, auto-delete queue
 * (gone with the connection); {@link Builder#queue(String, boolean)} names one, durable or not (a
 * durable named queue keeps messages while the bot is down). The connection recovers
 * automatically (topology included: exchanges, queues, bindings, consumers) every
 * {@link Builder#recoveryInterval(Duration)}. Each subscription has its own channel with
 * {@link Builder#prefetch(int) prefetch} unacknowledged messages; its handler runs on the
 * client's consumer thread for that channel, one message at a time. A failing handler's message
 * is requeued; after {@link Builder#maxDeliveries(int)} failed deliveries of the same message id
 * it is rejected without requeue. The URI's password is redacted from {@code toString()} and logs.
 * Thread-safe.
 */
public final class AmqpMessageSource implements MessageSource, MessagePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(AmqpMessageSource.class);
  /** Where fedora-messaging's default configuration binds. */
  public static final String EXCHANGE = "amq.topic";

  private final String redactedUri;
  private final String queueName;
  private final boolean durable;
  private final int prefetch;
  private final int maxDeliveries;
  private final Clock clock;
  private final Connection connection;
  private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
  private final Object publishLock = new Object();
  private final Duration publishTimeout;
  private Channel publishChannel;
  private final FailureCounter failures = new FailureCounter(10_000);

  private AmqpMessageSource(Builder b, Connection connection) {
    this.redactedUri = Redaction.url(b.uri.toString());
    this.queueName = b.queueName;
    this.durable = b.durable;
    this.prefetch = b.prefetch;
    this.maxDeliveries = b.maxDeliveries;
    this.clock = b.clock;
    this.connection = connection;
    this.publishTimeout = b.publishTimeout;
    if (connection instanceof Recoverable r) {
      r.addRecoveryListener(new RecoveryListener() {
        @Override
        public void handleRecovery(Recoverable recoverable) {
          LOG.info("AMQP connection to {} recovered", redactedUri);
        }

        @Override
        public void handleRecoveryStarted(Recoverable recoverable) {
          LOG.warn("AMQP connection to {} lost; recovering", redactedUri);
        }
      });
    }
  }

  /**
   * Returns a builder.
   *
   * @return a new builder (default URI {@code amqp://guest:guest@localhost:5672/%2F})
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the connection is open (it may be recovering).
   *
   * @return {@code true} if open
   */
  public boolean isOpen() {
    return connection.isOpen();
  }

  @Override
  public Subscription subscribe(List<String> bindings, MessageHandler handler) {
    Objects.requireNonNull(handler, "handler == null");
    List<String> keys = List.copyOf(Objects.requireNonNull(bindings, "bindings == null"));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one topic binding is needed (use # for all topics)");
    }
    keys.forEach(TopicPattern::of);
    try {
      Channel ch = connection.createChannel();
      ch.basicQos(prefetch);
      String q;
      if (queueName == null) {
        q = ch.queueDeclare("", false, true, true, null).getQueue();
      } else {
        // a named non-durable queue is auto-deleted with its last consumer, as fedora-messaging's CLI does
        q = ch.queueDeclare(queueName, durable, false, !durable, null).getQueue();
      }
      for (String key : keys) {
        ch.queueBind(q, EXCHANGE, key);
      }
      Sub sub = new Sub(ch, q, keys, handler);
      sub.consumerTag = ch.basicConsume(q, false, sub::deliver, tag -> LOG.warn("consumer {} on {} cancelled by the broker", tag, q));
      subscriptions.add(sub);
      return sub;
    } catch (IOException | com.rabbitmq.client.ShutdownSignalException e) {
      // AlreadyClosedException (a ShutdownSignalException) while the connection is recovering
      throw new PackitIoException("amqp", "SUBSCRIBE " + keys, redactedUri, 1, e);
    }
  }

  @Override
  public void publish(MessageEnvelope message) {
    Objects.requireNonNull(message, "message == null");
    MessageEnvelope m = message.withWireDefaults(clock);
    Map<String, Object> headers = new LinkedHashMap<>(m.headers());
    Object priority = headers.get("priority");
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .contentEncoding("utf-8")
        .deliveryMode(2)
        .messageId(m.id())
        .priority(priority instanceof Number n ? n.intValue() : 0)
        .headers(headers)
        .build();
    byte[] body = FedoraMessages.toJson(m.body());
    synchronized (publishLock) {
      try {
        if (publishChannel == null || !publishChannel.isOpen()) {
          publishChannel = connection.createChannel();
          publishChannel.confirmSelect();
        }
        publishChannel.basicPublish(EXCHANGE, m.topic(), props, body);
        publishChannel.waitForConfirmsOrDie(publishTimeout.toMillis());
      } catch (IOException | TimeoutException | com.rabbitmq.client.ShutdownSignalException e) {
        throw new PackitIoException("amqp", "PUBLISH " + m.topic(), redactedUri, 1, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PackitIoException("amqp", "PUBLISH " + m.topic(), redactedUri, 1, e);
      }
    }
  }

  @Override
  public void close() {
    for (Sub s : subscriptions) {
      s.close();
    }
    try {
      if (connection.isOpen()) {
        connection.close(5_000);
      }
    } catch (IOException e) {
      LOG.debug("closing the AMQP connection to {}: {}", redactedUri, e.toString());
    }
  }

  @Override
  public String toString() {
    return "AmqpMessageSource[" + redactedUri + ", subscriptions=" + subscriptions.size() + "]";
  }

  static Map<String, Object> decodeHeaders(Map<String, Object> raw) {
    if (raw == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, decode(v)));
    return out;
  }

  private static Object decode(Object v) {
    if (v instanceof LongString ls) {
      return new String(ls.getBytes(), StandardCharsets.UTF_8);
    }
    if (v instanceof Date d) {
      return d.toInstant().toString();
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(decode(o));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), decode(val)));
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    return v;
  }

  private final class Sub implements Subscription {
    final Channel channel;
    final String queue;
    final List<String> bindings;
    final MessageHandler handler;
    volatile String consumerTag;

    Sub(Channel channel, String queue, List<String> bindings, MessageHandler handler) {
      this.channel = channel;
      this.queue = queue;
      this.bindings = bindings;
      this.handler = handler;
    }

    void deliver(String tag, Delivery d) throws IOException {
      long deliveryTag = d.getEnvelope().getDeliveryTag();
      AMQP.BasicProperties p = d.getProperties();
      String topic = d.getEnvelope().getRoutingKey();
      String id = p.getMessageId();
      FedoraMessage typed;
      try {
        typed = FedoraMessages.fromDelivery(topic, id, decodeHeaders(p.getHeaders()), d.getBody(), p.getContentEncoding());
      } catch (RuntimeException e) {
        LOG.warn("rejecting unparsable message {} on {}: {}", id, topic, e.getMessage());
        channel.basicReject(deliveryTag, false);
        return;
      }
      try {
        handler.handle(typed);
        channel.basicAck(deliveryTag, false);
        if (id != null) {
          failures.clear(id);
        }
      } catch (Exception e) {
        int failed = id == null ? 1 : failures.increment(id);
        boolean requeue = failed < maxDeliveries;
        if (requeue) {
          LOG.info("handler failed on message {} on {} (failure {}), requeueing: {}", id, topic, failed, e.toString());
        } else {
          LOG.warn("handler failed on message {} on {} {} times, dropping it: {}", id, topic, failed, e.toString());
          if (id != null) {
            failures.clear(id);
          }
        }
        channel.basicNack(deliveryTag, false, requeue);
      }
    }

    @Override
    public List<String> bindings() {
      return bindings;
    }

    @Override
    public String queue() {
      return queue;
    }

    @Override
    public void close() {
      subscriptions.remove(this);
      try {
        if (channel.isOpen()) {
          if (consumerTag != null) {
            channel.basicCancel(consumerTag);
          }
          channel.close();
        }
      } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
        LOG.debug("closing subscription on {}: {}", queue, e.toString());
      }
    }
  }

  /** Failure counts per message id, bounded so a flood of failing messages cannot grow it forever. */
  private static final class FailureCounter {
    private final int max;
    private final LinkedHashMap<String, Integer> counts;

    FailureCounter(int max) {
      this.max = max;
      this.counts = new LinkedHashMap<>(16, 0.75f, true);
    }

    synchronized int increment(String id) {
      int n = counts.merge(id, 1, Integer::sum);
      if (counts.size() > max) {
        String eldest = counts.keySet().iterator().next();
        counts.remove(eldest);
      }
      return n;
    }

    synchronized void clear(String id) {
      counts.remove(id);
    }
  }

  /** Configures an {@link AmqpMessageSource}; {@link #build()} connects. */
  public static final class Builder {
    private URI uri = URI.create("amqp://guest:guest@localhost:5672/%2F");
    private SSLContext tls;
    private boolean external;
    private String queueName;
    private boolean durable;
    private int prefetch = 25;
    private int maxDeliveries = 5;
    private Duration recoveryInterval = Duration.ofSeconds(5);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration publishTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private String appName = "packit-java";

    Builder() {}

    /**
     * Sets the broker URI: {@code amqp://user:password@host:port/vhost} or {@code amqps://...}
     * (the vhost is URL-encoded: {@code %2F} is {@code /}).
     *
     * @param uri the broker URI
     * @return this builder
     */
    public Builder uri(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri == null");
      return this;
    }

    /**
     * Uses TLS with this context (client certificate and trusted CAs, see {@link AmqpTls}); the
     * broker's host name is verified.
     *
     * @param context the TLS context
     * @return this builder
     */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context == null");
      return this;
    }

    /**
     * Authenticates with SASL EXTERNAL: the TLS client certificate is the identity.
     *
     * @return this builder
     */
    public Builder externalAuth() {
      this.external = true;
      return this;
    }

    /**
     * Consumes from a named queue instead of a server-named exclusive one.
     *
     * @param name queue name (Fedora's public broker only allows UUIDs)
     * @param durable whether the queue survives broker restarts and keeps messages while nobody consumes
     * @return this builder
     */
    public Builder queue(String name, boolean durable) {
      this.queueName = Objects.requireNonNull(name, "name == null");
      this.durable = durable;
      return this;
    }

    /**
     * Sets how many unacknowledged messages the broker sends ahead (default 25, as fedora-messaging).
     *
     * @param prefetch at least 1
     * @return this builder
     */
    public Builder prefetch(int prefetch) {
      if (prefetch < 1 || prefetch > 65_535) {
        throw new IllegalArgumentException("prefetch must be within 1..65535: " + prefetch);
      }
      this.prefetch = prefetch;
      return this;
    }

    /**
     * Sets how often a message is delivered to a failing handler before it is rejected (default 5).
     *
     * @param maxDeliveries at least 1
     * @return this builder
     */
    public Builder maxDeliveries(int maxDeliveries) {
      if (maxDeliveries < 1) {
        throw new IllegalArgumentException("maxDeliveries must be >= 1: " + maxDeliveries);
      }
      this.maxDeliveries = maxDeliveries;
      return this;
    }

    /**
     * Sets the pause between reconnection attempts (default 5 s).
     *
     * @param interval the pause
     * @return this builder
     */
    public Builder recoveryInterval(Duration interval) {
      this.recoveryInterval = Objects.requireNonNull(interval, "interval == null");
      return this;
    }

    /**
     * Sets the TCP connection timeout (default 30 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /**
     * Sets how long {@link AmqpMessageSource#publish(MessageEnvelope)} waits for the broker's confirm (default 30 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder publishTimeout(Duration timeout) {
      this.publishTimeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /**
     * Sets the clock for the {@code sent-at} header of published messages.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the {@code app} client property the broker shows for this connection.
     *
     * @param name application name
     * @return this builder
     */
    public Builder appName(String name) {
      this.appName = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /**
     * Connects to the broker.
     *
     * @return the connected source; close it when done
     * @throws PackitIoException when the broker cannot be reached or refuses the connection
     */
    public AmqpMessageSource build() {
      String redacted = Redaction.url(uri.toString());
      ConnectionFactory f = new ConnectionFactory();
      try {
        f.setUri(uri);
      } catch (NoSuchAlgorithmException | java.security.KeyManagementException | IllegalArgumentException e) {
        throw new IllegalArgumentException("bad AMQP URI " + redacted + ": " + e.getMessage(), e);
      }
      if (tls != null) {
        f.useSslProtocol(tls);
        f.enableHostnameVerification();
      } else if ("amqps".equalsIgnoreCase(uri.getScheme())) {
        // setUri installs a trust-everything manager for amqps; use the JDK's trust store instead
        try {
          f.useSslProtocol(SSLContext.getDefault());
          f.enableHostnameVerification();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("no default TLS context", e);
        }
      }
      if (external) {
        f.setSaslConfig(DefaultSaslConfig.EXTERNAL);
      }
      f.setAutomaticRecoveryEnabled(true);
      f.setTopologyRecoveryEnabled(true);
      f.setNetworkRecoveryInterval(recoveryInterval.toMillis());
      f.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
      f.setRequestedHeartbeat(30);
      Map<String, Object> props = new LinkedHashMap<>(f.getClientProperties());
      props.put("app", appName);
      props.put("app_url", "https://packit.dev/");
      f.setClientProperties(props);
      try {
        Connection c = f.newConnection(appName + "-" + CONNECTIONS.incrementAndGet());
        return new AmqpMessageSource(this, c);
      } catch (IOException | TimeoutException e) {
        throw new PackitIoException("amqp", "CONNECT", redacted, 1, e);
      }
    }
  }

  private static final AtomicInteger CONNECTIONS = new AtomicInteger();
}
