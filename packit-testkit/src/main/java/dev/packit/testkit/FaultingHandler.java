package dev.packit.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Serves a request through the fake service, or injects the fault {@link SandboxFaults} decided:
 * before the service acts (the service never sees the request) or after (the service's response
 * is captured, then lost, delayed or cut).
 *
 * <p>Closing the connection relies on the JDK server closing it when a handler throws.
 */
final class FaultingHandler implements HttpHandler {
  private final String service;
  private final HttpHandler delegate;
  private final SandboxFaults faults;

  FaultingHandler(String service, HttpHandler delegate, SandboxFaults faults) {
    this.service = service;
    this.delegate = delegate;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    SandboxFaults.Decision d = faults.decide(service);
    if (d == null) {
      delegate.handle(exchange);
      return;
    }
    if (!d.after()) {
      if (d.kind() == FaultKind.SLOW) {
        pause(d);
        delegate.handle(exchange);
        return;
      }
      exchange.getRequestBody().readAllBytes();
      inject(exchange, d, 200, new Headers(), "{\"sandbox\":\"this body is cut short\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    CapturingExchange captured = new CapturingExchange(exchange);
    try {
      delegate.handle(captured);
    } finally {
      captured.getRequestBody().close();
    }
    if (d.kind() == FaultKind.SLOW) {
      pause(d);
      replay(exchange, captured);
      return;
    }
    inject(exchange, d, captured.status, captured.responseHeaders, captured.body.toByteArray());
  }

  private void inject(HttpExchange exchange, SandboxFaults.Decision d, int status, Headers headers, byte[] body)
      throws IOException {
    String why = "sandbox fault " + d.kind() + (d.after() ? " after " : " before ") + service + " acted on "
        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    switch (d.kind()) {
      case ERROR_500:
        error(exchange, 500, why);
        return;
      case ERROR_502:
        error(exchange, 502, why);
        return;
      case ERROR_503:
        error(exchange, 503, why);
        return;
      case TOO_MANY_REQUESTS:
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(d.plan().retryAfter().toSeconds()));
        error(exchange, 429, why);
        return;
      case TRUNCATED:
        boolean bodiless = "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304 || status < 200;
        if (!bodiless) {
          exchange.getResponseHeaders().putAll(headers);
          exchange.sendResponseHeaders(status <= 0 ? 200 : status, body.length + 16L);
          OutputStream out = exchange.getResponseBody();
          out.write(body, 0, body.length / 2);
          out.flush();
        }
        throw new IOException(why);
      case RESET:
      default:
        throw new IOException(why);
    }
  }

  private static void error(HttpExchange exchange, int status, String why) throws IOException {
    byte[] b = ("{\"error\":\"" + why + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, b.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(b);
    }
  }

  private static void replay(HttpExchange exchange, CapturingExchange captured) throws IOException {
    if (captured.status <= 0) {
      throw new IOException("the sandbox service sent no response");
    }
    exchange.getResponseHeaders().putAll(captured.responseHeaders);
    byte[] b = captured.body.toByteArray();
    boolean bodiless = "HEAD".equals(exchange.getRequestMethod()) || captured.status == 204 || captured.status == 304;
    if (bodiless || captured.declaredLength < 0) {
      exchange.sendResponseHeaders(captured.status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(captured.status, b.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(b);
    }
  }

  private static void pause(SandboxFaults.Decision d) throws IOException {
    try {
      Thread.sleep(d.plan().slowDelay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while delaying a response", e);
    }
  }

  /** An exchange whose response is kept in memory instead of sent. */
  private static final class CapturingExchange extends HttpExchange {
    private final HttpExchange real;
    final Headers responseHeaders = new Headers();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = -1;
    long declaredLength;
    private InputStream in;
    private OutputStream out = body;

    CapturingExchange(HttpExchange real) {
      this.real = real;
      this.in = real.getRequestBody();
    }

    @Override
    public Headers getRequestHeaders() {
      return real.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return real.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
      return real.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
      return real.getHttpContext();
    }

    @Override
    public void close() {
      try {
        in.close();
        out.close();
      } catch (IOException e) {
        // in-memory streams do not fail
      }
    }

    @Override
    public InputStream getRequestBody() {
      return in;
    }

    @Override
    public OutputStream getResponseBody() {
      return out;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
      if (status > 0) {
        throw new IOException("headers already sent");
      }
      status = rCode;
      declaredLength = responseLength;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return real.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
      return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return real.getLocalAddress();
    }

    @Override
    public String getProtocol() {
      return real.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
      return real.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      real.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
      if (i != null) {
        in = i;
      }
      if (o != null) {
        out = o;
      }
    }

    @Override
    public HttpPrincipal getPrincipal() {
      return real.getPrincipal();
    }

    @Override
    public String toString() {
      return "CapturingExchange[" + getRequestMethod() + " " + getRequestURI() + "]";
    }
  }

  @Override
  public String toString() {
    return "FaultingHandler[" + service + " " + delegate + "]";
  }

}
