package dev.packit.core.internal.http;

import dev.packit.core.http.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a {@link RequestBody} to {@code java.net.http} in {@link #CHUNK}-byte buffers, opening
 * the body once per subscription and reading only as far as the client asked for (constant memory).
 *
 * <p>The JDK's {@code BodyPublishers.ofInputStream} hands out 16 KiB buffers: for a multi-gigabyte
 * upload that is more than 100,000 trips through the client's reactive pipeline per gigabyte, which
 * cost more CPU than the socket writes themselves. 256 KiB buffers cut that 16-fold, and stay below
 * half a G1 region even at {@code -Xmx64m}, so they are never humongous allocations.
 */
final class StreamPublisher implements Flow.Publisher<ByteBuffer> {
  static final int CHUNK = 256 * 1024;

  private final RequestBody body;

  StreamPublisher(RequestBody body) {
    this.body = Objects.requireNonNull(body, "body == null");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber == null");
    Sub s = new Sub(subscriber);
    subscriber.onSubscribe(s);
  }

  private final class Sub implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile Throwable requestError;
    private boolean done;
    private InputStream in;

    Sub(Flow.Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        requestError = new IllegalArgumentException("non-positive request: " + n); // rule 3.9
      } else {
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      drain();
    }

    /** One thread at a time emits; a request() from inside onNext only raises the demand (no recursion). */
    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      while (true) {
        while (!done) {
          if (cancelled) {
            done = true;
            closeQuietly();
            break;
          }
          if (requestError != null) {
            done = true;
            closeQuietly();
            subscriber.onError(requestError);
            break;
          }
          if (demand.get() == 0) {
            break;
          }
          ByteBuffer next;
          try {
            if (in == null) {
              in = body.open();
            }
            byte[] chunk = new byte[CHUNK];
            int n = in.readNBytes(chunk, 0, chunk.length);
            next = n == 0 ? null : ByteBuffer.wrap(chunk, 0, n);
          } catch (IOException | RuntimeException e) {
            done = true;
            closeQuietly();
            subscriber.onError(e);
            break;
          }
          if (next == null) {
            done = true;
            closeQuietly();
            subscriber.onComplete();
            break;
          }
          demand.decrementAndGet();
          subscriber.onNext(next);
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void closeQuietly() {
      InputStream s = in;
      in = null;
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // the body was read or abandoned; nothing to report
        }
      }
    }
  }
}
