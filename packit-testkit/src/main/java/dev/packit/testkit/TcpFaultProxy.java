package dev.packit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that can drop every connection through it at once: a network failure
 * for clients of non-HTTP services, such as an AMQP consumer of RabbitMQ. Dropped connections are
 * reset (both sides); new ones are accepted as before, so clients that recover reconnect.
 *
 * <pre>{@code
 * try (TcpFaultProxy proxy = TcpFaultProxy.start(new InetSocketAddress("127.0.0.1", 5672))) {
 *   AmqpMessageSource bus = AmqpMessageSource.builder()
 *       .uri(URI.create("amqp://guest:guest@127.0.0.1:" + proxy.port() + "/%2F"))
 *       .queue(UUID.randomUUID().toString(), true).build();
 *   ...
 *   proxy.dropConnections();        // unacknowledged deliveries go back to the queue
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TcpFaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger drops = new AtomicInteger();
  private volatile boolean closed;

  private TcpFaultProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  /**
   * Starts a proxy on a free loopback port.
   *
   * @param target where connections are forwarded
   * @return the running proxy; close it when done
   */
  public static TcpFaultProxy start(InetSocketAddress target) {
    Objects.requireNonNull(target, "target == null");
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpFaultProxy proxy = new TcpFaultProxy(server, target);
      Thread t = new Thread(proxy::acceptLoop, "packit-tcp-proxy-" + server.getLocalPort());
      t.setDaemon(true);
      t.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the TCP proxy", e);
    }
  }

  /** @return the proxy's port on 127.0.0.1 */
  public int port() {
    return server.getLocalPort();
  }

  /** @return connections accepted so far */
  public int connections() {
    return accepted.get();
  }

  /** @return how many times {@link #dropConnections()} dropped at least one connection */
  public int drops() {
    return drops.get();
  }

  /** Resets every connection open through the proxy now. */
  public void dropConnections() {
    boolean any = false;
    for (Socket s : open) {
      any = true;
      reset(s);
    }
    if (any) {
      drops.incrementAndGet();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        Socket upstream;
        try {
          upstream = new Socket(target.getAddress(), target.getPort());
        } catch (IOException e) {
          reset(client);
          continue;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // dropped or closed: end both sides below
      } finally {
        reset(from);
        reset(to);
      }
    }, "packit-tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void reset(Socket s) {
    open.remove(s);
    try {
      s.setSoLinger(true, 0); // RST, not FIN: the peer sees a network failure
    } catch (SocketException e) {
      // already closed
    }
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** Stops accepting and resets every open connection. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      reset(s);
    }
  }

  @Override
  public String toString() {
    return "TcpFaultProxy[127.0.0.1:" + port() + " -> " + target + ", " + accepted.get() + " connections, "
        + drops.get() + " drops]";
  }
}
