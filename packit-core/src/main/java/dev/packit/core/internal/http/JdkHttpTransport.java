package dev.packit.core.internal.http;

import dev.packit.core.http.Headers;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** {@link HttpTransport} on {@link HttpClient}: streaming both ways, redirects never followed. */
public final class JdkHttpTransport implements HttpTransport {
  // The JDK refuses to let callers set these; it derives them itself.
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;

  public JdkHttpTransport(HttpClient client) {
    this.client = Objects.requireNonNull(client, "client == null");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      // HttpClient would resend Authorization to whatever host a redirect names.
      throw new IllegalArgumentException("the HttpClient must not follow redirects (use HttpClient.Redirect.NEVER): "
          + "HttpService follows them itself and keeps credentials on the original host");
    }
  }

  public static JdkHttpTransport shared() {
    return Holder.SHARED;
  }

  private static final class Holder {
    // HTTP/1.1: the in-process fakes and lookaside speak it, and h2c upgrades of bodies are fragile.
    static final JdkHttpTransport SHARED = new JdkHttpTransport(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build());
  }

  @Override
  public HttpResponse send(dev.packit.core.http.HttpRequest request) throws IOException {
    if (!request.uri().isAbsolute()) {
      throw new IllegalArgumentException("the transport needs an absolute URI; HttpService resolves relative ones");
    }
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri());
    request.timeout().ifPresent(b::timeout);
    request.headers().toMap().forEach((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> b.header(name, v));
      }
    });
    BodyPublisher publisher = BodyPublishers.noBody();
    if (request.body().isPresent()) {
      RequestBody body = request.body().get();
      if (!request.headers().contains("Content-Type")) {
        b.header("Content-Type", body.contentType());
      }
      publisher = publisher(body);
    }
    b.method(request.method(), publisher);
    java.net.http.HttpResponse<InputStream> response;
    try {
      response = client.send(b.build(), BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while waiting for the response");
      io.initCause(e);
      throw io;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.headers().map().forEach((k, v) -> {
      if (!k.startsWith(":")) { // HTTP/2 pseudo-headers
        map.put(k, v);
      }
    });
    return HttpResponse.of(response.statusCode(), Headers.of(map), response.body());
  }

  static BodyPublisher publisher(RequestBody body) {
    long length = body.contentLength();
    if (length == 0) {
      return BodyPublishers.noBody();
    }
    // Pulled in 256 KiB chunks as the client asks for them: constant memory whatever the size.
    StreamPublisher stream = new StreamPublisher(body);
    return length > 0 ? BodyPublishers.fromPublisher(stream, length) : BodyPublishers.fromPublisher(stream);
  }

  @Override
  public String toString() {
    return "HttpTransport.jdk(" + client.version() + ")";
  }
}
