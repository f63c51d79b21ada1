package dev.packit.fedora.messaging;

import dev.packit.fedora.koji.KojiBuildState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.packit.core.PackitIoException;
import dev.packit.core.testing.Fixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against a real RabbitMQ ({@code PACKIT_AMQP_URL}, default the loopback broker .ci/services.sh
 * starts). Skips when no broker is reachable, fails instead under {@code PACKIT_CI=true}.
 */
@Tag("integration")
class AmqpMessageSourceIntegrationTest {
  private static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F";
  private URI uri;
  private AmqpMessageSource source;
  private AmqpMessageSource publisher;

  @BeforeEach
  void connect() {
    String env = System.getenv("PACKIT_AMQP_URL");
    uri = URI.create(env == null || env.isBlank() ? DEFAULT_URL : env);
    try {
      publisher = AmqpMessageSource.builder().uri(uri).connectTimeout(Duration.ofSeconds(3)).build();
    } catch (PackitIoException e) {
      String msg = "no RabbitMQ broker reachable at " + e.url() + " (start one with `source .ci/services.sh`): " + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
  }

  @AfterEach
  void disconnect() {
    if (source != null) {
      source.close();
    }
    if (publisher != null) {
      publisher.close();
    }
  }

  private AmqpMessageSource.Builder fast() {
    return AmqpMessageSource.builder().uri(uri).recoveryInterval(Duration.ofMillis(300)).prefetch(10);
  }

  private static MessageEnvelope fixture(String name) throws Exception {
    String json = Files.readString(Fixtures.dir("messages").resolve(name));
    return FedoraMessages.envelope(json, name);
  }

  @Test
  void publishesRealFixturesAndConsumesThemTypedAndAcked() throws Exception {
    String queue = UUID.randomUUID().toString();
    MessageEnvelope push = fixture("packit-service-fedmsg__git_receive.json");
    MessageEnvelope tag = fixture("packit-service__koji_build_tagged.json");
    MessageEnvelope build = fixture("packit-service__koji_build_completed_rawhide.json");
    BlockingQueue<FedoraMessage> received = new LinkedBlockingQueue<>();
    source = fast().queue(queue, true).build();
    Subscription sub = source.subscribe(List.of("org.fedoraproject.prod.pagure.git.receive", "org.fedoraproject.*.buildsys.#"),
        received::add);
    assertEquals(queue, sub.queue());
    publisher.publish(push);
    publisher.publish(tag);
    publisher.publish(build);
    publisher.publish(MessageEnvelope.of("org.fedoraproject.prod.copr.build.end", "copr.build.end", Map.of("x", 1)));

    DistGitPush p = assertInstanceOf(DistGitPush.class, received.poll(10, TimeUnit.SECONDS));
    assertEquals("forks/packit/rpms/nispor", p.fullName());
    assertEquals(push.id(), p.messageId());
    assertEquals("pagure.git.receive", p.envelope().schema().orElseThrow());
    assertTrue(p.envelope().users().contains("cathay4t"), "boolean headers survive the wire");
    assertEquals("2024-02-08T07:29:14+00:00", p.envelope().headers().get("sent-at"), "sent-at is kept, as a string");
    KojiTag t = assertInstanceOf(KojiTag.class, received.poll(10, TimeUnit.SECONDS));
    assertEquals("f40-build-side-12345", t.tag());
    KojiBuildStateChange b = assertInstanceOf(KojiBuildStateChange.class, received.poll(10, TimeUnit.SECONDS));
    assertEquals(KojiBuildState.COMPLETE, b.newState());
    assertNull(received.poll(300, TimeUnit.MILLISECONDS), "copr topic is not bound");
    source.close();
    source = null;

    // every message was acked: the durable queue is empty, nothing is redelivered
    try (Connection c = rawFactory().newConnection(); Channel ch = c.createChannel()) {
      GetResponse left = ch.basicGet(queue, false);
      assertNull(left, "message left unacked in " + queue + ": " + (left == null ? "" : left.getEnvelope().getRoutingKey()));
      ch.queueDelete(queue);
    }
  }

  @Test
  void publishedMessagesCarryFedoraMessagingProperties() throws Exception {
    try (Connection c = rawFactory().newConnection(); Channel ch = c.createChannel()) {
      String q = ch.queueDeclare("", false, true, true, null).getQueue();
      ch.queueBind(q, "amq.topic", "org.fedoraproject.prod.buildsys.tag");
      publisher.publish(fixture("packit-service__koji_build_tagged.json"));
      GetResponse r = null;
      for (int i = 0; i < 50 && r == null; i++) {
        r = ch.basicGet(q, true);
        if (r == null) {
          Thread.sleep(100);
        }
      }
      assertNotNull(r, "published message did not arrive");
      assertEquals("application/json", r.getProps().getContentType());
      assertEquals("utf-8", r.getProps().getContentEncoding());
      assertEquals(2, r.getProps().getDeliveryMode());
      assertEquals("0b2addd5-e1b8-4ebe-9e2a-9b1b21a8bbad", r.getProps().getMessageId());
      Map<String, Object> h = r.getProps().getHeaders();
      assertEquals("koji_fedoramessaging.tag.TagV1", h.get("fedora_messaging_schema").toString());
      assertNotNull(h.get("sent-at"));
      assertNotNull(h.get("priority"));
      String body = new String(r.getBody(), StandardCharsets.UTF_8);
      assertTrue(body.contains("\"tag\":\"f40-build-side-12345\""), body);
    }
  }

  @Test
  void handlerFailureLeadsToRedelivery() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BlockingQueue<String> ok = new LinkedBlockingQueue<>();
    source = fast().maxDeliveries(5).build();
    source.subscribe(List.of("org.fedoraproject.prod.buildsys.tag"), m -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("transient failure");
      }
      ok.add(m.messageId());
    });
    publisher.publish(fixture("packit-service__koji_build_tagged.json"));
    assertEquals("0b2addd5-e1b8-4ebe-9e2a-9b1b21a8bbad", ok.poll(10, TimeUnit.SECONDS));
    assertEquals(2, calls.get());
  }

  @Test
  void aMessageThatAlwaysFailsIsDroppedAfterMaxDeliveries() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    source = fast().maxDeliveries(3).build();
    source.subscribe(List.of("org.fedoraproject.prod.buildsys.tag"), m -> {
      calls.incrementAndGet();
      throw new IllegalStateException("permanent failure");
    });
    publisher.publish(fixture("packit-service__koji_build_tagged.json"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (calls.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    assertEquals(3, calls.get());
  }

  @Test
  void recoversAfterTheBrokerClosesTheConnection() throws Exception {
    BlockingQueue<FedoraMessage> received = new LinkedBlockingQueue<>();
    String app = "packit-recovery-" + UUID.randomUUID();
    source = fast().appName(app).build();
    source.subscribe(List.of("org.fedoraproject.prod.buildsys.tag"), received::add);
    publisher.publish(fixture("packit-service__koji_build_tagged.json"));
    assertNotNull(received.poll(10, TimeUnit.SECONDS));

    Assumptions.assumeTrue(closeConnectionsOf(app), "rabbitmqctl is not usable here; cannot force-close the connection");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    FedoraMessage again = null;
    while (again == null && System.nanoTime() < deadline) {
      publisher.publish(MessageEnvelope.of("org.fedoraproject.prod.buildsys.tag", "koji_fedoramessaging.tag.TagV1",
          Map.of("tag", "f42-updates-candidate", "tag_id", 7, "build_id", 8, "name", "n", "version", "1", "release", "1")));
      again = received.poll(300, TimeUnit.MILLISECONDS);
    }
    assertNotNull(again, "no message after the connection was force-closed: automatic recovery failed");
    assertTrue(source.isOpen());
    assertEquals("f42-updates-candidate", assertInstanceOf(KojiTag.class, again).tag());
  }

  /** Closes the connections whose client-provided name starts with {@code app} via rabbitmqctl. */
  private static boolean closeConnectionsOf(String app) throws Exception {
    String ctl = System.getenv().getOrDefault("RABBITMQCTL", "rabbitmqctl");
    ProcessBuilder list = new ProcessBuilder(ctl, "-q", "list_connections", "pid", "client_properties").redirectErrorStream(true);
    Process p;
    try {
      p = list.start();
    } catch (java.io.IOException e) {
      return false;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return false;
    }
    boolean closed = false;
    for (String line : out.split("\n")) {
      if (line.contains(app)) {
        String pid = line.split("\t")[0].trim();
        Process k = new ProcessBuilder(ctl, "-q", "close_connection", pid, "packit test: forced close")
            .redirectErrorStream(true).start();
        k.getInputStream().readAllBytes();
        closed |= k.waitFor(30, TimeUnit.SECONDS) && k.exitValue() == 0;
      }
    }
    assertFalse(!closed && out.contains(app), "rabbitmqctl close_connection failed");
    return closed;
  }

  private ConnectionFactory rawFactory() throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(uri);
    return f;
  }
}
