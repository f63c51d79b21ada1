package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.packit.core.PackitIoException;
import dev.packit.fedora.messaging.AmqpMessageSource;
import dev.packit.fedora.messaging.MessageEnvelope;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real RabbitMQ consumer whose connection drops (through {@link TcpFaultProxy}) before a handler
 * runs or after it ran but before the acknowledgement: the broker redelivers, the source recovers,
 * nothing is lost and the handler sees some messages twice. Skips when no broker is reachable on
 * 127.0.0.1:5672, fails instead under {@code PACKIT_CI=true}.
 */
@Tag("integration")
class AmqpConnectionDropTest {
  private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F";

  @Test
  void droppedConnectionsRedeliverAndLoseNothing() throws Exception {
    AmqpMessageSource publisher;
    try {
      publisher = AmqpMessageSource.builder().uri(URI.create(BROKER)).connectTimeout(Duration.ofSeconds(3)).build();
    } catch (PackitIoException e) {
      String msg = "no RabbitMQ broker reachable at 127.0.0.1:5672 (start one with `source .ci/services.sh`): " + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
      return;
    }
    String queue = "packit-faults-" + UUID.randomUUID();
    String topic = "org.fedoraproject.test.packit-faults." + UUID.randomUUID().toString().replace("-", "");
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    Random random = new Random(42);
    AtomicInteger dropsBefore = new AtomicInteger();
    AtomicInteger dropsAfter = new AtomicInteger();
    try (publisher; TcpFaultProxy proxy = TcpFaultProxy.start(new InetSocketAddress("127.0.0.1", 5672));
        AmqpMessageSource consumer = AmqpMessageSource.builder()
            .uri(URI.create("amqp://guest:guest@127.0.0.1:" + proxy.port() + "/%2F"))
            .queue(queue, true).recoveryInterval(Duration.ofMillis(200)).prefetch(1).maxDeliveries(20).build()) {
      consumer.subscribe(List.of(topic), m -> {
        String id = m.envelope().id();
        boolean drop;
        boolean before;
        synchronized (random) {
          drop = random.nextDouble() < 0.3;
          before = random.nextBoolean();
        }
        if (drop && before) {
          dropsBefore.incrementAndGet();
          proxy.dropConnections();
          throw new IllegalStateException("connection dropped before " + id + " was handled");
        }
        handled.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (drop) {
          dropsAfter.incrementAndGet();
          proxy.dropConnections(); // handled, but the acknowledgement cannot reach the broker
        }
      });
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        MessageEnvelope e = new MessageEnvelope("faults-" + i + "-" + UUID.randomUUID(), topic, Map.of(), Map.of("n", i));
        sent.add(e.id());
        publisher.publish(e);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!handled.keySet().containsAll(sent) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(handled.keySet().containsAll(sent), "lost: " + sent.stream().filter(s -> !handled.containsKey(s)).toList()
          + " (" + proxy + ")");
      assertTrue(proxy.drops() > 0, proxy.toString());
      int duplicates = handled.values().stream().mapToInt(a -> a.get() - 1).sum();
      System.out.printf("amqp faults: %d messages, %d drops before handling, %d after (before the ack), "
          + "%d handled twice or more, %d connections%n", sent.size(), dropsBefore.get(), dropsAfter.get(), duplicates,
          proxy.connections());
      assertTrue(proxy.connections() > 1, "the consumer reconnected: " + proxy);
      assertEquals(sent.size(), handled.size());
    } finally {
      ConnectionFactory f = new ConnectionFactory();
      f.setUri(BROKER);
      try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
        ch.queueDelete(queue);
      }
    }
  }
}
