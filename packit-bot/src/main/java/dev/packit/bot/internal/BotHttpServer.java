package dev.packit.bot.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import dev.packit.bot.HttpLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP server, on Jetty's core handler API. Reading is non-blocking, so a client that
 * drips its headers or body holds no worker thread, and {@link HttpLimits} bound what it can hold
 * otherwise: a total read deadline per request (headers: a sweeper closes connections that have
 * not delivered their headers in time; body: 408 and close), a connection limit, a header size
 * limit and a body size limit (413, checked against {@code Content-Length} before reading and
 * while reading). Only a request that arrived whole reaches {@link Routes#withBody}.
 *
 * <pre>{@code
 * BotHttpServer server = new BotHttpServer("bot-1", 8080, HttpLimits.defaults(), 1 << 20, routes).start();
 * URI base = server.uri();
 * server.close();   // in-flight requests get HttpLimits.stopTimeout to finish
 * }</pre>
 */
public final class BotHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BotHttpServer.class);
  // waitingSince of a connection whose request is being handled: no deadline runs then.
  private static final long HANDLING = Long.MIN_VALUE;

  /** A response: status, content type and a small text body. */
  public record Reply(int status, String contentType, String body) {
    public static Reply text(int status, String body) {
      return new Reply(status, "text/plain; charset=utf-8", body);
    }
  }

  /** What the server serves. Called on worker threads, concurrently. */
  public interface Routes {
    /**
     * Answers a request that needs no body (or refuses one before its body is read).
     *
     * @return the reply, or null to read the body and call {@link #withBody}
     */
    Reply beforeBody(String method, String path);

    /** Answers a request whose body arrived whole within the limits. */
    Reply withBody(String method, String path, Map<String, List<String>> headers, byte[] body);

    /** Answers a request whose body is larger than the limit. */
    Reply tooLarge(String path, long limit);

    /** Tells that a request missed the read deadline ({@code headers} or {@code body}). */
    default void deadlineMissed(String phase) {}

    /**
     * Whether the bot itself serves a path (webhooks, health, metrics): such paths never reach a
     * mounted handler.
     */
    default boolean own(String path) {
      return true;
    }
  }

  private static final class Conn {
    // System.nanoTime() when the connection began to wait for a request's headers, or HANDLING.
    volatile long waitingSince = System.nanoTime();
  }

  private final String instance;
  private final HttpLimits limits;
  private final long maxBodyBytes;
  private final Routes routes;
  private final Map<String, Handler> mounts;
  private final Server server;
  private final String host;
  private final ServerConnector connector;
  private final Map<EndPoint, Conn> connections = new ConcurrentHashMap<>();
  private final AtomicLong deadlineClosed = new AtomicLong();
  private volatile boolean running;

  public BotHttpServer(String instance, int port, HttpLimits limits, long maxBodyBytes, Routes routes) {
    this(instance, port, limits, maxBodyBytes, routes, Map.of());
  }

  /**
   * A server that also hands the paths under each prefix (longest first) to a Jetty handler:
   * a status page, for instance. The bot's own paths come first.
   *
   * @param instance the bot instance, for thread names and logs
   * @param port the port, 0 for any free one
   * @param limits the HTTP limits
   * @param maxBodyBytes the webhook body limit
   * @param routes the bot's own endpoints
   * @param mounts path prefix ({@code /} or {@code /status/}) to handler
   */
  public BotHttpServer(String instance, int port, HttpLimits limits, long maxBodyBytes, Routes routes,
      Map<String, Handler> mounts) {
    this(instance, null, port, limits, maxBodyBytes, routes, mounts);
  }

  /**
   * A server listening on one address only.
   *
   * @param instance the bot instance
   * @param host the address to listen on ({@code 127.0.0.1}); null for every interface
   * @param port the port, 0 for any free one
   * @param limits the HTTP limits
   * @param maxBodyBytes the webhook body limit
   * @param routes the bot's own endpoints
   * @param mounts path prefix to handler
   */
  public BotHttpServer(String instance, String host, int port, HttpLimits limits, long maxBodyBytes, Routes routes,
      Map<String, Handler> mounts) {
    this.host = host;
    this.mounts = new LinkedHashMap<>();
    mounts.entrySet().stream().sorted((a, b) -> b.getKey().length() - a.getKey().length())
        .forEach(e -> this.mounts.put(e.getKey(), e.getValue()));
    this.instance = instance;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.maxBodyBytes = maxBodyBytes;
    this.routes = Objects.requireNonNull(routes, "routes");
    QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(4, limits.maxThreads()));
    threads.setName("bot-http-" + instance);
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setRequestHeaderSize(limits.maxHeaderBytes());
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setPort(port);
    if (host != null) {
      connector.setHost(host);
    }
    // The per-read idle timeout backs up the deadlines below; it never extends them.
    connector.setIdleTimeout(Math.max(limits.readDeadline().toMillis(), 1000));
    connector.addBean(new Connection.Listener() {
      @Override
      public void onOpened(Connection c) {
        connections.put(c.getEndPoint(), new Conn());
      }

      @Override
      public void onClosed(Connection c) {
        connections.remove(c.getEndPoint());
      }
    });
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    server.setStopTimeout(limits.stopTimeout().toMillis());
    for (Handler h : this.mounts.values()) {
      h.setServer(server);
      server.addBean(h, true); // started and stopped with the server
    }
    server.setHandler(new GracefulHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        serve(request, response, callback);
        return true;
      }
    }));
  }

  /**
   * Starts listening.
   *
   * @return this server
   */
  public BotHttpServer start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the bot's HTTP server on port " + connector.getPort() + ": " + e, e);
    }
    running = true;
    sweep();
    return this;
  }

  /** @return the local port */
  public int port() {
    return connector.getLocalPort();
  }

  /** @return {@code http://127.0.0.1:<port>/} */
  public URI uri() {
    // a wildcard address is reached on loopback; an IPv6 literal needs brackets
    String h = host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port() + "/");
  }

  /** @return connections closed or answered 408 because they missed the read deadline */
  long deadlineClosed() {
    return deadlineClosed.get();
  }

  /** @return connections open now */
  int openConnections() {
    return connections.size();
  }

  // Closes connections that have been waiting for a request's headers longer than the deadline:
  // the per-read idle timeout alone would let a client that sends a byte a second stay forever.
  private void sweep() {
    if (!running) {
      return;
    }
    long now = System.nanoTime();
    long deadline = limits.readDeadline().toNanos();
    for (Map.Entry<EndPoint, Conn> e : connections.entrySet()) {
      long since = e.getValue().waitingSince;
      if (since != HANDLING && now - since > deadline) {
        connections.remove(e.getKey());
        deadlineClosed.incrementAndGet();
        routes.deadlineMissed("headers");
        LOG.info(Kv.line("event", "http.deadline", "bot", instance, "phase", "headers",
            "remote", e.getKey().getRemoteSocketAddress()));
        e.getKey().close();
      }
    }
    long tick = Math.max(20, Math.min(500, limits.readDeadline().toMillis() / 10));
    server.getScheduler().schedule(this::sweep, tick, TimeUnit.MILLISECONDS);
  }

  private void serve(Request request, Response response, Callback callback) {
    Conn conn = connections.get(request.getConnectionMetaData().getConnection().getEndPoint());
    if (conn != null) {
      conn.waitingSince = HANDLING;
    }
    // Once the response is sent, the connection waits for its next request: the deadline restarts.
    Callback done = new Callback() {
      @Override
      public void succeeded() {
        restart();
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        restart();
        callback.failed(x);
      }

      private void restart() {
        if (conn != null) {
          conn.waitingSince = System.nanoTime();
        }
      }

      @Override
      public InvocationType getInvocationType() {
        return callback.getInvocationType();
      }
    };
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    if (!mounts.isEmpty() && !routes.own(path)) {
      for (Map.Entry<String, Handler> m : mounts.entrySet()) {
        if (path.startsWith(m.getKey()) || (path + "/").equals(m.getKey())) {
          try {
            if (m.getValue().handle(request, response, done)) {
              return;
            }
          } catch (Exception e) {
            LOG.error(Kv.line("event", "http.failed", "bot", instance, "path", path, "error", e.toString()));
            send(response, Reply.text(500, "internal error\n"), false, done);
            return;
          }
        }
      }
    }
    Reply early;
    try {
      early = routes.beforeBody(method, path);
    } catch (RuntimeException e) {
      LOG.error(Kv.line("event", "http.failed", "bot", instance, "path", path, "error", e.toString()));
      early = Reply.text(500, "internal error\n");
    }
    if (early != null) {
      send(response, early, false, done);
      return;
    }
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      send(response, routes.tooLarge(path, maxBodyBytes), true, done);
      return;
    }
    new BodyReader(request, response, done, method, path).start();
  }

  /** Reads a body without blocking, within the size limit and the read deadline. */
  private final class BodyReader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback done;
    private final String method;
    private final String path;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Scheduler.Task timer;

    BodyReader(Request request, Response response, Callback done, String method, String path) {
      this.request = request;
      this.response = response;
      this.done = done;
      this.method = method;
      this.path = path;
    }

    void start() {
      // The deadline counts from the request's first byte, so slow headers use up the body's time.
      long left = request.getBeginNanoTime() + limits.readDeadline().toNanos() - System.nanoTime();
      if (left <= 0) {
        timeout();
        return;
      }
      timer = server.getScheduler().schedule(this::timeout, left, TimeUnit.NANOSECONDS);
      run();
    }

    @Override
    public void run() {
      while (true) {
        if (finished.get()) {
          return;
        }
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          if (finish()) {
            done.failed(chunk.getFailure());
          }
          return;
        }
        try {
          if (finished.get()) {
            return;
          }
          ByteBuffer b = chunk.getByteBuffer();
          if (body.size() + (long) b.remaining() > maxBodyBytes) {
            if (finish()) {
              send(response, routes.tooLarge(path, maxBodyBytes), true, done);
            }
            return;
          }
          byte[] bytes = new byte[b.remaining()];
          b.get(bytes);
          body.write(bytes, 0, bytes.length);
          if (chunk.isLast()) {
            if (finish()) {
              process();
            }
            return;
          }
        } finally {
          chunk.release();
        }
      }
    }

    private boolean finish() {
      if (!finished.compareAndSet(false, true)) {
        return false;
      }
      Scheduler.Task t = timer;
      if (t != null) {
        t.cancel();
      }
      return true;
    }

    private void timeout() {
      if (!finish()) {
        return;
      }
      deadlineClosed.incrementAndGet();
      routes.deadlineMissed("body");
      LOG.info(Kv.line("event", "http.deadline", "bot", instance, "phase", "body", "path", path,
          "remote", request.getConnectionMetaData().getRemoteSocketAddress(), "bytes", body.size()));
      send(response, Reply.text(408, "the request did not arrive within " + limits.readDeadline().toMillis() + " ms\n"),
          true, done);
    }

    private void process() {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (HttpField f : request.getHeaders()) {
        headers.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
      }
      Reply r;
      try {
        r = routes.withBody(method, path, headers, body.toByteArray());
      } catch (RuntimeException e) {
        LOG.error(Kv.line("event", "http.failed", "bot", instance, "path", path, "error", e.toString()));
        r = Reply.text(500, "internal error\n");
      }
      send(response, r, false, done);
    }
  }

  private static void send(Response response, Reply r, boolean close, Callback callback) {
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(r.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    if (close) {
      // The rest of the body is not wanted: Jetty closes the connection after this response.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /** Stops accepting, lets in-flight requests finish within the stop timeout, closes every connection. */
  @Override
  public void close() {
    running = false;
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn(Kv.line("event", "http.stop_failed", "bot", instance, "error", e.toString()));
    }
  }
}
