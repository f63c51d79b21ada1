package dev.packit.bot;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the bot's HTTP server, so a slow or hostile client cannot hold it: every request
 * must arrive whole (headers and body) within {@link #readDeadline()}, at most
 * {@link #maxConnections()} connections are open at once, headers are capped at
 * {@link #maxHeaderBytes()}; the body cap is the webhook verifier's {@code maxBodyBytes}.
 *
 * <pre>{@code
 * PackitBot.builder()...httpLimits(HttpLimits.defaults().withReadDeadline(Duration.ofSeconds(5)).withMaxConnections(100))
 * }</pre>
 *
 * @param readDeadline the total time a client has to send one request, headers and body, counted
 *     from when its connection opened (or its previous response was sent) to the body's last byte;
 *     a connection over it is closed (while headers are read) or answered 408 and closed (while
 *     the body is read). It is a deadline, not an idle timeout: dripping a byte now and then does
 *     not extend it. An idle keep-alive connection is closed after it too.
 * @param maxConnections connections open at once; more wait in the listen backlog until one closes
 * @param maxHeaderBytes the request line and headers together (431 beyond)
 * @param maxThreads worker threads (request handling; reading is non-blocking and holds none)
 * @param stopTimeout how long {@link PackitBot#close()} lets in-flight requests finish
 */
public record HttpLimits(Duration readDeadline, int maxConnections, int maxHeaderBytes, int maxThreads,
    Duration stopTimeout) {

  /** Validates the limits. */
  public HttpLimits {
    Objects.requireNonNull(readDeadline, "readDeadline");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    if (readDeadline.isNegative() || readDeadline.isZero()) {
      throw new IllegalArgumentException("HTTP readDeadline must be positive: " + readDeadline);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("HTTP maxConnections must be at least 1: " + maxConnections);
    }
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("HTTP maxHeaderBytes must be at least 1024: " + maxHeaderBytes);
    }
    // Jetty needs threads for its acceptor and selector besides the workers.
    if (maxThreads < 8) {
      throw new IllegalArgumentException("HTTP maxThreads must be at least 8: " + maxThreads);
    }
    if (stopTimeout.isNegative()) {
      throw new IllegalArgumentException("HTTP stopTimeout must not be negative: " + stopTimeout);
    }
  }

  /**
   * GitHub gives up on a delivery after 10 s, so a request slower than that is never a real one.
   *
   * @return 10 s read deadline, 256 connections, 16 KiB of headers, 16 threads, 5 s stop timeout
   */
  public static HttpLimits defaults() {
    return new HttpLimits(Duration.ofSeconds(10), 256, 16 * 1024, 16, Duration.ofSeconds(5));
  }

  /**
   * @param d the new read deadline
   * @return a copy with it
   */
  public HttpLimits withReadDeadline(Duration d) {
    return new HttpLimits(d, maxConnections, maxHeaderBytes, maxThreads, stopTimeout);
  }

  /**
   * @param n the new connection limit
   * @return a copy with it
   */
  public HttpLimits withMaxConnections(int n) {
    return new HttpLimits(readDeadline, n, maxHeaderBytes, maxThreads, stopTimeout);
  }

  /**
   * @param n the new header size limit
   * @return a copy with it
   */
  public HttpLimits withMaxHeaderBytes(int n) {
    return new HttpLimits(readDeadline, maxConnections, n, maxThreads, stopTimeout);
  }

  /**
   * @param n the new worker thread count
   * @return a copy with it
   */
  public HttpLimits withMaxThreads(int n) {
    return new HttpLimits(readDeadline, maxConnections, maxHeaderBytes, n, stopTimeout);
  }

  /**
   * @param d the new stop timeout
   * @return a copy with it
   */
  public HttpLimits withStopTimeout(Duration d) {
    return new HttpLimits(readDeadline, maxConnections, maxHeaderBytes, maxThreads, d);
  }
}
