package dev.packit.core.http;

import dev.packit.core.internal.http.JdkHttpTransport;
import java.io.IOException;
import java.net.http.HttpClient;

/**
 * Sends one HTTP request and returns the response as it came: no retries, no redirects, no error
 * mapping (that is {@link HttpService}'s job). The seam for tests, proxies and users' own stacks.
 *
 * <pre>{@code
 * HttpTransport jdk = HttpTransport.jdk();                         // java.net.http, shared
 * HttpTransport proxied = HttpTransport.jdk(HttpClient.newBuilder()
 *     .proxy(ProxySelector.of(new InetSocketAddress("proxy", 3128)))
 *     .followRedirects(HttpClient.Redirect.NEVER).build());
 * HttpTransport fake = req -> HttpResponse.of(200, Headers.empty(), "{}");
 * }</pre>
 *
 * <p>Implementations MUST be thread safe, MUST NOT follow redirects (a redirect followed by the
 * transport would carry {@code Authorization} to whatever host the server names) and MUST stream
 * bodies in both directions. The request's URI is absolute and its headers final.
 */
@FunctionalInterface
public interface HttpTransport {

  /**
   * Sends a request.
   *
   * @param request the request, with an absolute URI
   * @return the response, whatever its status; the caller closes it
   * @throws IOException when the exchange fails (connection refused or reset, timeout, ...)
   */
  HttpResponse send(HttpRequest request) throws IOException;

  /**
   * The default transport on {@link java.net.http.HttpClient}: HTTP/1.1, redirects never
   * followed, 10 s connect timeout. One shared instance.
   *
   * @return the shared default transport
   */
  static HttpTransport jdk() {
    return JdkHttpTransport.shared();
  }

  /**
   * A transport on the caller's {@link HttpClient} (proxy, TLS, executor of their choosing).
   *
   * @param client a client whose redirect policy is {@link HttpClient.Redirect#NEVER}
   * @return the transport
   * @throws IllegalArgumentException when the client follows redirects
   */
  static HttpTransport jdk(HttpClient client) {
    return new JdkHttpTransport(client);
  }

  /**
   * A transport that fails every request, for code paths that must not touch the network.
   *
   * @return the offline transport
   */
  static HttpTransport offline() {
    return request -> {
      throw new IOException("offline: no network access allowed");
    };
  }
}
