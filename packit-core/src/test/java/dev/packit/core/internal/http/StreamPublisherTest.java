package dev.packit.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.http.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StreamPublisherTest {

  /** Records what it receives; requests one more from inside onNext, as the JDK's HTTP/1.1 writer does. */
  private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> sizes = new ArrayList<>();
    final List<Integer> depths = new ArrayList<>();
    final boolean requestMoreInOnNext;
    Flow.Subscription subscription;
    Throwable error;
    boolean complete;

    Recorder(boolean requestMoreInOnNext) {
      this.requestMoreInOnNext = requestMoreInOnNext;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(ByteBuffer item) {
      sizes.add(item.remaining());
      depths.add(Thread.currentThread().getStackTrace().length);
      byte[] b = new byte[item.remaining()];
      item.get(b);
      bytes.writeBytes(b);
      if (requestMoreInOnNext) {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onComplete() {
      complete = true;
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }

  @Test
  void sendsEveryByteInLargeChunksWithoutRecursingWhenRequestedFromOnNext() {
    byte[] content = random(5 * StreamPublisher.CHUNK + 123);
    Recorder r = new Recorder(true);
    new StreamPublisher(RequestBody.ofBytes(content, "application/octet-stream")).subscribe(r);
    r.subscription.request(1);
    assertTrue(r.complete, "completed");
    assertArrayEquals(content, r.bytes.toByteArray());
    assertEquals(List.of(StreamPublisher.CHUNK, StreamPublisher.CHUNK, StreamPublisher.CHUNK, StreamPublisher.CHUNK,
        StreamPublisher.CHUNK, 123), r.sizes);
    // request(1) from onNext is served by the loop already running, not by a nested call
    assertEquals(1, r.depths.stream().distinct().count(), "stack depth per onNext: " + r.depths);
  }

  @Test
  void readsOnlyAsFarAsDemanded() {
    byte[] content = random(3 * StreamPublisher.CHUNK);
    Recorder r = new Recorder(false);
    new StreamPublisher(RequestBody.ofBytes(content, "application/octet-stream")).subscribe(r);
    r.subscription.request(2);
    assertEquals(2, r.sizes.size());
    assertTrue(!r.complete && r.error == null);
    r.subscription.request(Long.MAX_VALUE);
    r.subscription.request(Long.MAX_VALUE); // no overflow
    assertTrue(r.complete);
    assertArrayEquals(content, r.bytes.toByteArray());
  }

  @Test
  void openFailureAndBadRequestsArriveAsOnError() {
    Recorder r = new Recorder(false);
    new StreamPublisher(RequestBody.ofInputStreamSupplier(() -> {
      throw new IOException("no such archive");
    }, 10, "application/octet-stream")).subscribe(r);
    r.subscription.request(1);
    assertInstanceOf(IOException.class, r.error);
    assertEquals("no such archive", r.error.getMessage());

    Recorder bad = new Recorder(false);
    new StreamPublisher(RequestBody.ofString("x")).subscribe(bad);
    bad.subscription.request(0);
    assertInstanceOf(IllegalArgumentException.class, bad.error);
  }

  @Test
  void cancelClosesTheStream() {
    AtomicBoolean closed = new AtomicBoolean();
    byte[] content = random(2 * StreamPublisher.CHUNK);
    Recorder r = new Recorder(false);
    new StreamPublisher(RequestBody.ofInputStreamSupplier(() -> new FilterInputStream(new ByteArrayInputStream(content)) {
      @Override
      public void close() throws IOException {
        closed.set(true);
        super.close();
      }
    }, content.length, "application/octet-stream")).subscribe(r);
    r.subscription.request(1);
    r.subscription.cancel();
    assertTrue(closed.get(), "stream closed on cancel");
    r.subscription.request(5);
    assertEquals(1, r.sizes.size(), "nothing after cancel");
    assertTrue(!r.complete && r.error == null);
  }
}
