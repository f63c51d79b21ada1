package dev.packit.core.http;

import dev.packit.core.Secret;
import dev.packit.core.internal.http.HeaderInterceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Sees every attempt of a request on its way to the transport, and the response on its way back.
 * Authentication is an interceptor; so are extra headers, metrics and custom rate limiting.
 *
 * <pre>{@code
 * Interceptor auth = Interceptor.bearer(Secret.of(System.getenv("GITHUB_TOKEN")));
 * Interceptor api = Interceptor.header("X-GitHub-Api-Version", "2022-11-28");
 * Interceptor timing = chain -> {
 *   long t0 = System.nanoTime();
 *   try (var ignored = MDC.putCloseable("attempt", "" + chain.attempt())) {
 *     return chain.proceed(chain.request());
 *   }
 * };
 * HttpService svc = HttpService.builder().service("github").baseUri("https://api.github.com/")
 *     .interceptor(auth).interceptor(api).build();
 * }</pre>
 *
 * <p>Order: interceptors run in the order they were added, the first one outermost. They run
 * <em>once per attempt</em> (so a token provider is asked again on every retry), inside the retry
 * loop and outside redirect handling: {@link HttpService} follows redirects below the last
 * interceptor and strips credentials when a redirect leaves the original host. A
 * {@link RuntimeException} thrown by an interceptor ends the call without retry; an
 * {@link IOException} is treated like a transport failure. Implementations must be thread-safe
 * and their {@code toString()} must not print secrets.
 */
@FunctionalInterface
public interface Interceptor {

  /**
   * Handles one attempt: usually {@code return chain.proceed(modified(chain.request()));}.
   *
   * @param chain the rest of the pipeline
   * @return the response
   * @throws IOException when the exchange fails
   */
  HttpResponse intercept(Chain chain) throws IOException;

  /** The rest of the pipeline, handed to an interceptor. */
  interface Chain {
    /** @return the request as the previous interceptor passed it (URI absolute) */
    HttpRequest request();

    /**
     * Passes a request on to the next interceptor, or to redirect handling and the transport.
     *
     * @param request the request to send
     * @return the response
     * @throws IOException when the exchange fails
     */
    HttpResponse proceed(HttpRequest request) throws IOException;

    /** @return the service name, such as {@code github} */
    String service();

    /** @return the attempt number, from 1 */
    int attempt();
  }

  /**
   * Sends {@code Authorization: Bearer <token>} (GitHub apps, GitLab, Bodhi OIDC).
   *
   * @param token the token
   * @return the interceptor; its {@code toString()} masks the token
   */
  static Interceptor bearer(Secret token) {
    Objects.requireNonNull(token, "token == null");
    return bearer(() -> token);
  }

  /**
   * Sends {@code Authorization: Bearer <token>}, asking the supplier on every attempt (for tokens
   * that expire and are refreshed).
   *
   * @param token supplies the current token
   * @return the interceptor
   */
  static Interceptor bearer(Supplier<Secret> token) {
    Objects.requireNonNull(token, "token == null");
    return new HeaderInterceptor("Authorization", () -> Secret.of("Bearer " + token.get().reveal()), true,
        "bearer");
  }

  /**
   * Sends {@code Authorization: token <token>} (GitHub personal tokens, Pagure API keys).
   *
   * @param token the token
   * @return the interceptor; its {@code toString()} masks the token
   */
  static Interceptor token(Secret token) {
    Objects.requireNonNull(token, "token == null");
    return new HeaderInterceptor("Authorization", () -> Secret.of("token " + token.reveal()), true, "token");
  }

  /**
   * Sends HTTP basic authentication.
   *
   * @param user the user name
   * @param password the password
   * @return the interceptor; its {@code toString()} masks the credentials
   */
  static Interceptor basic(String user, Secret password) {
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(password, "password == null");
    return new HeaderInterceptor("Authorization", () -> Secret.of("Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8))), true, "basic");
  }

  /**
   * Sends a header holding a secret, e.g. GitLab's {@code PRIVATE-TOKEN}; it is dropped when a
   * redirect leaves the original host.
   *
   * @param name the header name
   * @param value supplies the value on every attempt
   * @return the interceptor; its {@code toString()} masks the value
   */
  static Interceptor secretHeader(String name, Supplier<Secret> value) {
    Headers.checkName(name);
    Objects.requireNonNull(value, "value == null");
    return new HeaderInterceptor(name, value, true, "secret header");
  }

  /**
   * Sends a plain header on every request (replacing a value the request set).
   *
   * @param name the header name
   * @param value the value
   * @return the interceptor
   */
  static Interceptor header(String name, String value) {
    Headers.checkName(name);
    Headers.checkValue(name, value);
    Secret v = Secret.of(value);
    // A name such as PRIVATE-TOKEN marks a credential even when added as a plain header.
    return new HeaderInterceptor(name, () -> v, dev.packit.core.Redaction.isSensitiveHeader(name), "header");
  }
}
