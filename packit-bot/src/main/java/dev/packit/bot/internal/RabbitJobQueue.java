package dev.packit.bot.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.packit.core.PackitIoException;
import dev.packit.core.Redaction;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs on a durable RabbitMQ setup shared by several bot instances.
 *
 * <pre>{@code
 * try (RabbitJobQueue queue = RabbitJobQueue.builder()
 *     .uri(URI.create("amqp://bot:secret@rabbit.example.org:5672/%2F"))
 *     .prefix("packit-bot").shards(8).instance("bot-1")
 *     .build()) {
 *   queue.start((job, redelivered) -> runner.run(job, redelivered));
 *   queue.submit(job);   // returns once the broker confirmed it
 * }
 * }</pre>
 *
 * <p>Topology (declared idempotently by every instance): a durable direct exchange
 * {@code <prefix>.jobs}; {@code shards} durable quorum queues {@code <prefix>.jobs.<n>}, bound
 * with routing key {@code <n>}, each with {@code x-single-active-consumer} (the broker lets one
 * consumer at a time receive from a shard and hands the shard to a waiting consumer of another
 * instance when that one goes away), {@code x-delivery-limit} (a job that crashed its worker that
 * many times is dead-lettered, not retried forever) and a dead-letter queue {@code <prefix>.dead}.
 * A job goes to shard {@link Shards#of(String, int) hash(package) mod shards}.
 *
 * <p>Each instance consumes every shard on its own channel with prefetch 1, and acknowledges a
 * job only after the handler returned: a job is never lost when an instance dies, one package
 * never runs in two places at once (one active consumer per shard, one unacknowledged job per
 * consumer), and one instance runs up to one job per shard it is active on. To spread shards over
 * instances that start together, give each one {@code preferredShards}: it subscribes to those
 * first and to the others only after {@code standbyDelay}, as a standby.
 */
public final class RabbitJobQueue implements JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitJobQueue.class);

  private final URI uri;
  private final String prefix;
  private final int shards;
  private final String instance;
  private final Set<Integer> preferred;
  private final Duration standbyDelay;
  private final int deliveryLimit;
  private final Duration publishTimeout;
  private final Connection connection;
  private final Channel publisher;
  private final Channel admin;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final Map<Channel, String> consumers = new HashMap<>();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile boolean closed;
  private volatile long readyCache = -1;
  private volatile long readyAt;

  private RabbitJobQueue(Builder b) {
    this.uri = Objects.requireNonNull(b.uri, "uri is required");
    this.prefix = b.prefix;
    this.shards = b.shards;
    this.instance = b.instance;
    this.preferred = Set.copyOf(b.preferred);
    this.standbyDelay = b.standbyDelay;
    this.deliveryLimit = b.deliveryLimit;
    this.publishTimeout = b.publishTimeout;
    ConnectionFactory f = new ConnectionFactory();
    try {
      f.setUri(uri);
    } catch (Exception e) {
      throw new IllegalArgumentException("bad AMQP URI " + Redaction.url(uri) + ": " + e.getMessage());
    }
    f.setConnectionTimeout((int) b.connectTimeout.toMillis());
    f.setRequestedHeartbeat(10);
    // Recovery would re-register consumers after a network blip; with single-active-consumer the
    // broker may have handed the shard on meanwhile, which is fine: the consumer waits its turn.
    f.setAutomaticRecoveryEnabled(true);
    f.setNetworkRecoveryInterval(2000);
    f.setClientProperties(new HashMap<>(Map.of("connection_name", "packit-bot " + instance)));
    try {
      this.connection = f.newConnection("packit-bot " + instance);
      this.publisher = connection.createChannel();
      publisher.confirmSelect();
      this.admin = connection.createChannel();
      declare(publisher);
    } catch (IOException | TimeoutException e) {
      throw new PackitIoException("amqp", "CONNECT", uri.toString(), 1, e);
    }
    this.workers = Executors.newFixedThreadPool(shards, r -> {
      Thread t = new Thread(r, "bot-worker-" + instance);
      t.setDaemon(true);
      return t;
    });
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bot-standby-" + instance);
      t.setDaemon(true);
      return t;
    });
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the exchange jobs are published to */
  public String exchange() {
    return prefix + ".jobs";
  }

  /**
   * Returns a shard's queue name.
   *
   * @param shard the shard
   * @return {@code <prefix>.jobs.<shard>}
   */
  public String queue(int shard) {
    return prefix + ".jobs." + shard;
  }

  /** @return the dead-letter queue */
  public String deadLetterQueue() {
    return prefix + ".dead";
  }

  private void declare(Channel ch) throws IOException {
    ch.exchangeDeclare(exchange(), "direct", true);
    ch.queueDeclare(deadLetterQueue(), true, false, false, null);
    for (int i = 0; i < shards; i++) {
      Map<String, Object> args = new HashMap<>();
      args.put("x-queue-type", "quorum");
      args.put("x-single-active-consumer", true);
      args.put("x-delivery-limit", deliveryLimit);
      args.put("x-dead-letter-exchange", "");
      args.put("x-dead-letter-routing-key", deadLetterQueue());
      ch.queueDeclare(queue(i), true, false, false, args);
      ch.queueBind(queue(i), exchange(), Integer.toString(i));
    }
  }

  @Override
  public void submit(Job job) {
    int shard = Shards.of(job.packageName(), shards);
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType("application/json").contentEncoding("utf-8").deliveryMode(2)
        .messageId(job.id()).timestamp(new java.util.Date(job.enqueuedAtMillis()))
        .headers(Map.of("packit-package", job.packageName(), "packit-job-type", job.kind()))
        .build();
    try {
      synchronized (publisher) {
        publisher.basicPublish(exchange(), Integer.toString(shard), false, props, job.toJson());
        publisher.waitForConfirmsOrDie(publishTimeout.toMillis());
      }
    } catch (IOException | TimeoutException e) {
      throw new PackitIoException("amqp", "PUBLISH job " + job.id(), uri.toString(), 1, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PackitIoException("amqp", "PUBLISH job " + job.id(), uri.toString(), 1, e);
    }
  }

  @Override
  public void start(JobHandler handler) {
    Objects.requireNonNull(handler, "handler");
    Set<Integer> first = new LinkedHashSet<>();
    Set<Integer> later = new LinkedHashSet<>();
    for (int i = 0; i < shards; i++) {
      (preferred.isEmpty() || preferred.contains(i) ? first : later).add(i);
    }
    first.forEach(s -> consume(s, handler));
    if (!later.isEmpty()) {
      scheduler.schedule(() -> later.forEach(s -> consume(s, handler)), standbyDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void consume(int shard, JobHandler handler) {
    if (closed) {
      return;
    }
    try {
      Channel ch = connection.createChannel();
      ch.basicQos(1);
      String queue = queue(shard);
      String consumerTag = ch.basicConsume(queue, false, instance + "-shard-" + shard, new DefaultConsumer(ch) {
        @Override
        public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
          // Off the client's dispatch thread: a job takes seconds, acks and heartbeats must not wait.
          workers.execute(() -> run(ch, queue, env, body, handler));
        }
      });
      synchronized (consumers) {
        consumers.put(ch, consumerTag);
      }
      LOG.info(Kv.line("event", "queue.subscribed", "bot", instance, "queue", queue));
    } catch (IOException e) {
      LOG.error(Kv.line("event", "queue.subscribe_failed", "bot", instance, "shard", shard, "error", e.toString()));
    }
  }

  private void run(Channel ch, String queue, Envelope env, byte[] body, JobHandler handler) {
    long tag = env.getDeliveryTag();
    Job job;
    try {
      job = Job.fromJson(body, queue + " delivery " + tag);
    } catch (RuntimeException e) {
      LOG.error(Kv.line("event", "job.malformed", "bot", instance, "queue", queue, "error", e.getMessage()));
      settle(() -> ch.basicReject(tag, false));
      return;
    }
    inFlight.incrementAndGet();
    try {
      handler.handle(job, env.isRedeliver());
      settle(() -> ch.basicAck(tag, false));
    } catch (Exception e) {
      LOG.warn(Kv.line("event", "job.requeued", "bot", instance, "job", job.id(), "error", e.toString()));
      settle(() -> ch.basicNack(tag, false, true));
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private interface Settle {
    void run() throws IOException;
  }

  private void settle(Settle s) {
    try {
      s.run();
    } catch (IOException | RuntimeException e) {
      // The channel is gone: the broker requeues the job itself, someone will run it again.
      LOG.warn(Kv.line("event", "job.settle_failed", "bot", instance, "error", e.toString()));
    }
  }

  @Override
  public QueueStats stats() {
    long now = System.nanoTime();
    if (readyCache < 0 || now - readyAt > TimeUnit.SECONDS.toNanos(1)) {
      long sum = 0;
      try {
        synchronized (admin) {
          for (int i = 0; i < shards; i++) {
            sum += admin.queueDeclarePassive(queue(i)).getMessageCount();
          }
        }
        readyCache = sum;
      } catch (IOException | RuntimeException e) {
        readyCache = -1;
      }
      readyAt = now;
    }
    return new QueueStats(readyCache, inFlight.get());
  }

  @Override
  public boolean healthy() {
    return !closed && connection.isOpen();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdownNow();
    synchronized (consumers) {
      for (Map.Entry<Channel, String> c : consumers.entrySet()) {
        try {
          c.getKey().basicCancel(c.getValue());
        } catch (IOException | RuntimeException e) {
          // closing anyway
        }
      }
    }
    workers.shutdown();
    try {
      workers.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close(5000);
    } catch (IOException | RuntimeException e) {
      // unacked jobs go back to their shards when the connection goes
    }
  }

  /**
   * Drops the connection at once, without acknowledging or waiting: what a crash looks like to
   * the broker. For tests that cannot kill a process.
   */
  public void abort() {
    closed = true;
    scheduler.shutdownNow();
    workers.shutdownNow();
    connection.abort();
  }

  /**
   * Deletes the exchange and every queue of a setup (tests, or tearing a deployment down).
   *
   * @param uri the broker
   * @param prefix the prefix
   * @param shards the number of shards
   */
  public static void deleteTopology(URI uri, String prefix, int shards) {
    ConnectionFactory f = new ConnectionFactory();
    try {
      f.setUri(uri);
      try (Connection c = f.newConnection("packit-bot cleanup"); Channel ch = c.createChannel()) {
        for (int i = 0; i < shards; i++) {
          ch.queueDelete(prefix + ".jobs." + i);
        }
        ch.queueDelete(prefix + ".dead");
        ch.exchangeDelete(prefix + ".jobs");
      }
    } catch (Exception e) {
      throw new PackitIoException("amqp", "DELETE " + prefix, uri.toString(), 1, e);
    }
  }

  @Override
  public String toString() {
    return "RabbitJobQueue[" + Redaction.url(uri) + ", prefix=" + prefix + ", shards=" + shards + ", instance=" + instance + "]";
  }

  /** Builds a {@link RabbitJobQueue}. */
  public static final class Builder {
    private URI uri;
    private String prefix = "packit-bot";
    private int shards = 8;
    private String instance = "bot";
    private Set<Integer> preferred = Set.of();
    private Duration standbyDelay = Duration.ofSeconds(5);
    private int deliveryLimit = 5;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration publishTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * @param uri the broker, {@code amqp://user:password@host:5672/vhost}
     * @return this builder
     */
    public Builder uri(URI uri) {
      this.uri = uri;
      return this;
    }

    /**
     * @param prefix names the exchange and queues (default {@code packit-bot})
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * @param shards how many shard queues (default 8); every instance must use the same number
     * @return this builder
     */
    public Builder shards(int shards) {
      if (shards < 1) {
        throw new IllegalArgumentException("shards must be at least 1: " + shards);
      }
      this.shards = shards;
      return this;
    }

    /**
     * @param instance this instance's name, in consumer tags and logs
     * @return this builder
     */
    public Builder instance(String instance) {
      this.instance = Objects.requireNonNull(instance, "instance");
      return this;
    }

    /**
     * @param shards shards to subscribe to at once; the others after {@code standbyDelay} (empty: all at once)
     * @return this builder
     */
    public Builder preferredShards(Set<Integer> shards) {
      this.preferred = Set.copyOf(shards);
      return this;
    }

    /**
     * @param delay how long to wait before standing by on the non-preferred shards (default 5 s)
     * @return this builder
     */
    public Builder standbyDelay(Duration delay) {
      this.standbyDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /**
     * @param limit deliveries of one job before it is dead-lettered (default 5)
     * @return this builder
     */
    public Builder deliveryLimit(int limit) {
      this.deliveryLimit = limit;
      return this;
    }

    /**
     * @param timeout how long to wait for the broker when connecting (default 10 s)
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** @return the queue, connected and with its topology declared */
    public RabbitJobQueue build() {
      return new RabbitJobQueue(this);
    }
  }
}
