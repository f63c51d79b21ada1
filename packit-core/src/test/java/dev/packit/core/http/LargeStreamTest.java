package dev.packit.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 2 GiB up and 2 GiB down through {@link HttpService} in a JVM with a 64 MiB heap (its own
 * surefire execution, see packit-core/pom.xml): if any layer buffered a body, this would run out of
 * memory. Bytes are generated on the fly on both sides; counts and CRC32s must match. A JDK
 * {@code com.sun.net.httpserver} server is used because WireMock buffers bodies.
 */
class LargeStreamTest {
  static final long SIZE = 2L << 30;
  private static final byte[] BLOCK = new byte[1 << 16];

  static {
    new Random(42).nextBytes(BLOCK);
  }

  private static HttpServer server;
  private static ExecutorService executor;
  private static final AtomicLong downloadServerCrc = new AtomicLong();
  private static final CountDownLatch downloadDone = new CountDownLatch(1);

  /** Deterministic bytes: a random 64 KiB block, xor-ed with the block number so blocks differ. */
  static final class Generated extends InputStream {
    private final long size;
    private long pos;

    Generated(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (pos >= size) {
        return -1;
      }
      int b = (BLOCK[(int) (pos & 0xffff)] ^ (int) (pos >>> 16)) & 0xff;
      pos++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        long p = pos + i;
        b[off + i] = (byte) (BLOCK[(int) (p & 0xffff)] ^ (int) (p >>> 16));
      }
      pos += n;
      return n;
    }
  }

  @BeforeAll
  static void start() throws IOException {
    // -Dtest=LargeStreamTest also selects it in the default execution, with a big heap: skip there.
    Assumptions.assumeTrue(Boolean.getBoolean("packit.largeStreams"),
        "runs in the large-streams surefire execution (-Xmx64m) only");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/upload", ex -> {
      CRC32 crc = new CRC32();
      long count = 0;
      byte[] buf = new byte[1 << 16];
      try (InputStream in = ex.getRequestBody()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          crc.update(buf, 0, n);
          count += n;
        }
      }
      byte[] answer = (count + " " + crc.getValue()).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, answer.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    });
    server.createContext("/download", ex -> {
      ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
      ex.sendResponseHeaders(200, SIZE);
      CRC32 crc = new CRC32();
      byte[] buf = new byte[1 << 16];
      try (InputStream in = new Generated(SIZE); OutputStream out = ex.getResponseBody()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          crc.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      downloadServerCrc.set(crc.getValue());
      downloadDone.countDown();
    });
    executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private static HttpService service() {
    return HttpService.builder().service("big")
        .baseUri("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/")
        .build();
  }

  @Test
  void heapIsReallySmall() {
    long max = Runtime.getRuntime().maxMemory();
    assertTrue(max <= 80L << 20, "the large-streams execution must run with -Xmx64m, max heap is " + max);
  }

  @Test
  void uploadsTwoGibibytesInConstantMemory() {
    AtomicReference<CheckedInputStream> sent = new AtomicReference<>();
    RequestBody body = RequestBody.ofInputStreamSupplier(() -> {
      CheckedInputStream in = new CheckedInputStream(new Generated(SIZE), new CRC32());
      sent.set(in);
      return in;
    }, SIZE, "application/octet-stream");
    String answer = service().executeText(HttpRequest.put("upload", body).build());
    String[] parts = answer.split(" ");
    assertEquals(SIZE, Long.parseLong(parts[0]), "bytes received by the server");
    assertEquals(sent.get().getChecksum().getValue(), Long.parseLong(parts[1]), "CRC32 of what was sent vs received");
  }

  @Test
  void downloadsTwoGibibytesInConstantMemory() throws InterruptedException {
    CRC32 crc = new CRC32();
    long count = 0;
    try (HttpResponse r = service().execute(HttpRequest.get("download"))) {
      assertEquals(Long.toString(SIZE), r.header("Content-Length").orElseThrow());
      byte[] buf = new byte[1 << 16];
      InputStream in = r.body();
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
        count += n;
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(SIZE, count);
    // The server computed the CRC of what it generated while sending it.
    assertTrue(downloadDone.await(30, TimeUnit.SECONDS), "server handler did not finish");
    assertEquals(downloadServerCrc.get(), crc.getValue());
  }
}
