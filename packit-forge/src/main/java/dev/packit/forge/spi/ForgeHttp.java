package dev.packit.forge.spi;

import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.Interceptor;
import java.util.List;

/**
 * Builds the {@link HttpService} of a forge client from its options: the base URI, transport,
 * retry policy, sleeper and clock, and the client's interceptors (authentication first, then rate
 * limits). Errors it raises are {@code PackitServiceException} leaves naming the service and host.
 *
 * <pre>{@code
 * List<Interceptor> chain = List.of(Interceptor.token(Secret.of(token)));
 * Rest rest = new Rest(ForgeHttp.service("tiny", options, chain), Headers.of("Accept", "application/json"));
 * }</pre>
 *
 * @since 0.2.0
 */
public final class ForgeHttp {
  private ForgeHttp() {}

  /**
   * @param service the service name in errors and logs ({@code github}, {@code gitlab}, {@code pagure})
   * @param o the options
   * @param interceptors auth and rate-limit interceptors, outermost first
   * @return the service
   */
  public static HttpService service(String service, ClientOptions o, List<Interceptor> interceptors) {
    HttpService.Builder b = HttpService.builder()
        .service(service)
        .baseUri(o.baseUri())
        .transport(o.transport())
        .retryPolicy(o.retry())
        .sleeper(o.sleeper())
        .clock(o.clock());
    for (Interceptor i : interceptors) {
      b.interceptor(i);
    }
    return b.build();
  }

  /** The default transport. */
  public static HttpTransport defaultTransport() {
    return HttpTransport.jdk();
  }
}
