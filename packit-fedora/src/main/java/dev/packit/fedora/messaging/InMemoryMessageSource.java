package dev.packit.fedora.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process message bus with the {@link MessageSource} contract: topic bindings, one queue
 * and one delivery thread per subscription, acknowledgement after the handler returns and
 * redelivery when it throws. The sandbox's fakes publish to it.
 *
 * <pre>{@code
 * try (InMemoryMessageSource bus = InMemoryMessageSource.create()) {
 *   bus.subscribe(List.of("org.fedoraproject.prod.buildsys.#"), m -> System.out.println(m));
 *   bus.publish(MessageEnvelope.of("org.fedoraproject.prod.buildsys.tag",
 *       "koji_fedoramessaging.tag.TagV1", body));
 *   bus.awaitIdle(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Messages published before a subscription exists are not delivered to it (like a
 * topic exchange); {@link #published()} keeps everything that was published.
 */
public final class InMemoryMessageSource implements MessageSource, MessagePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryMessageSource.class);

  private final Clock clock;
  private final int maxDeliveries;
  private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
  private final List<MessageEnvelope> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger queueCounter = new AtomicInteger();
  private final AtomicLong pending = new AtomicLong();
  private volatile boolean closed;

  private InMemoryMessageSource(Clock clock, int maxDeliveries) {
    this.clock = clock;
    this.maxDeliveries = maxDeliveries;
  }

  /**
   * Creates a bus on the system clock that delivers a failing message at most 5 times.
   *
   * @return the bus
   */
  public static InMemoryMessageSource create() {
    return create(Clock.systemUTC(), 5);
  }

  /**
   * Creates a bus.
   *
   * @param clock clock for the {@code sent-at} header
   * @param maxDeliveries how often a message is delivered to a failing handler before it is dropped, at least 1
   * @return the bus
   */
  public static InMemoryMessageSource create(Clock clock, int maxDeliveries) {
    Objects.requireNonNull(clock, "clock == null");
    if (maxDeliveries < 1) {
      throw new IllegalArgumentException("maxDeliveries must be >= 1: " + maxDeliveries);
    }
    return new InMemoryMessageSource(clock, maxDeliveries);
  }

  @Override
  public Subscription subscribe(List<String> bindings, MessageHandler handler) {
    Objects.requireNonNull(handler, "handler == null");
    List<TopicPattern> patterns = new ArrayList<>();
    for (String b : Objects.requireNonNull(bindings, "bindings == null")) {
      patterns.add(TopicPattern.of(b));
    }
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("at least one topic binding is needed (use # for all topics)");
    }
    if (closed) {
      throw new IllegalStateException("the message source is closed");
    }
    Sub sub = new Sub("amq.gen-inmemory-" + queueCounter.incrementAndGet(), List.copyOf(bindings), patterns, handler);
    subscriptions.add(sub);
    sub.thread.start();
    return sub;
  }

  @Override
  public void publish(MessageEnvelope message) {
    Objects.requireNonNull(message, "message == null");
    if (closed) {
      throw new IllegalStateException("the message source is closed");
    }
    MessageEnvelope m = message.withWireDefaults(clock);
    published.add(m);
    for (Sub s : subscriptions) {
      if (s.matches(m.topic())) {
        pending.incrementAndGet();
        s.queue.addLast(new Delivery(m, 1));
      }
    }
  }

  /**
   * Returns every message published so far, in order.
   *
   * @return an immutable copy
   */
  public List<MessageEnvelope> published() {
    return List.copyOf(published);
  }

  /**
   * Waits until every published message was acknowledged or dropped.
   *
   * @param timeout how long to wait
   * @return {@code true} if idle, {@code false} on timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (pending) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(pending, left);
      }
    }
    return true;
  }

  private void done() {
    if (pending.decrementAndGet() <= 0) {
      synchronized (pending) {
        pending.notifyAll();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Sub s : subscriptions) {
      s.close();
    }
  }

  private record Delivery(MessageEnvelope envelope, int attempt) {}

  private final class Sub implements Subscription, Runnable {
    final String queueName;
    final List<String> bindings;
    final List<TopicPattern> patterns;
    final MessageHandler handler;
    final LinkedBlockingDeque<Delivery> queue = new LinkedBlockingDeque<>();
    final Thread thread;
    volatile boolean stopped;

    Sub(String queueName, List<String> bindings, List<TopicPattern> patterns, MessageHandler handler) {
      this.queueName = queueName;
      this.bindings = bindings;
      this.patterns = patterns;
      this.handler = handler;
      this.thread = new Thread(this, "packit-inmemory-bus-" + queueName);
      this.thread.setDaemon(true);
    }

    boolean matches(String topic) {
      if (stopped) {
        return false;
      }
      for (TopicPattern p : patterns) {
        if (p.matches(topic)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void run() {
      while (!stopped) {
        Delivery d;
        try {
          d = queue.pollFirst(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          break;
        }
        if (d == null) {
          continue;
        }
        FedoraMessage typed;
        try {
          typed = FedoraMessages.typed(d.envelope(), "message " + d.envelope().messageIdOrTopic());
        } catch (RuntimeException e) {
          LOG.warn("dropping unparsable message {} on {}: {}", d.envelope().id(), d.envelope().topic(), e.getMessage());
          done();
          continue;
        }
        try {
          handler.handle(typed);
          done();
        } catch (Exception e) {
          if (d.attempt() >= maxDeliveries) {
            LOG.warn("dropping message {} on {} after {} failed deliveries: {}", d.envelope().id(), d.envelope().topic(),
                d.attempt(), e.toString());
            done();
          } else {
            LOG.info("handler failed on message {} (delivery {}), redelivering: {}", d.envelope().id(), d.attempt(), e.toString());
            queue.addFirst(new Delivery(d.envelope(), d.attempt() + 1));
          }
        }
      }
      // undelivered messages of a closed subscription no longer count as pending
      for (Delivery ignored : queue) {
        done();
      }
      queue.clear();
    }

    @Override
    public List<String> bindings() {
      return bindings;
    }

    @Override
    public String queue() {
      return queueName;
    }

    @Override
    public void close() {
      stopped = true;
      subscriptions.remove(this);
      if (Thread.currentThread() != thread) {
        try {
          thread.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
