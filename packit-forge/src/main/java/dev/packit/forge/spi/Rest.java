package dev.packit.forge.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.NotFoundException;
import dev.packit.core.http.Headers;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.RequestBody;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The forge clients' view of {@link HttpService}: whole (small) JSON responses, 404 as empty for
 * lookups, creates marked non-idempotent (so the HTTP layer never repeats them on its own: use
 * {@link Creates}). Thread-safe.
 *
 * <pre>{@code
 * Rest rest = new Rest(ForgeHttp.service("tiny", options, List.of()), Headers.of("Accept", "application/json"));
 * Optional<JsonNode> repo = rest.find(options.baseUri().resolve("api/repos/" + Rest.path("team/tool")))
 *     .map(Rest.Response::json);                                       // empty on 404
 * ObjectNode body = Json.object().put("title", "Update");
 * Rest.Response created = rest.json("POST", options.baseUri().resolve("api/repos/team/tool/pulls"), body, false);
 * }</pre>
 *
 * @since 0.2.0
 */
public final class Rest {
  private final HttpService http;
  private final Headers defaults;

  /**
   * @param http the shared HTTP front door (auth, retries, error mapping)
   * @param defaults headers sent with every request (Accept, API version)
   */
  public Rest(HttpService http, Headers defaults) {
    this.http = Objects.requireNonNull(http, "http == null");
    this.defaults = Objects.requireNonNull(defaults, "defaults == null");
  }

  /**
   * A fully read response.
   *
   * <pre>{@code
   * Rest.Response r = rest.get(options.baseUri().resolve("api/v1/version"));
   * JsonNode version = r.status() == 200 ? r.json() : null;
   * }</pre>
   */
  public record Response(int status, Headers headers, byte[] body) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      return Json.parse(body);
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
      java.util.List<String> all = headers.allValues(name);
      // several Link headers are one list of links (RFC 8288)
      return all.isEmpty() ? null : "Link".equalsIgnoreCase(name) ? String.join(", ", all) : all.get(0);
    }
  }

  /** GET with extra headers given as name, value pairs; any error status is thrown as a {@code PackitServiceException} leaf. */
  public Response get(URI uri, String... headerPairs) {
    HttpRequest.Builder b = HttpRequest.builder("GET", uri);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      b.header(headerPairs[i], headerPairs[i + 1]);
    }
    return send(b.build());
  }

  /** GET that turns a 404 into empty. */
  public Optional<Response> find(URI uri, String... headerPairs) {
    try {
      return Optional.of(get(uri, headerPairs));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** HEAD. */
  public Response head(URI uri) {
    return send(HttpRequest.builder("HEAD", uri).build());
  }

  /**
   * Sends a request with a JSON body.
   *
   * @param method POST, PATCH, PUT
   * @param uri the target
   * @param body the JSON body
   * @param idempotent whether the HTTP layer may repeat it on its own
   */
  public Response json(String method, URI uri, JsonNode body, boolean idempotent, String... headerPairs) {
    HttpRequest.Builder b = HttpRequest.builder(method, uri)
        .body(RequestBody.ofBytes(Json.bytes(body), "application/json"))
        .idempotent(idempotent);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      b.header(headerPairs[i], headerPairs[i + 1]);
    }
    return send(b.build());
  }

  /** Sends a form-encoded body (Pagure). */
  public Response form(String method, URI uri, java.util.Map<String, String> fields, boolean idempotent) {
    return send(HttpRequest.builder(method, uri).body(RequestBody.ofForm(fields)).idempotent(idempotent).build());
  }

  /** Sends any body (a multipart upload). */
  public Response send(String method, URI uri, RequestBody body, boolean idempotent) {
    return send(HttpRequest.builder(method, uri).body(body).idempotent(idempotent).build());
  }

  /** Sends a request without body (POST without content, DELETE). */
  public Response empty(String method, URI uri, boolean idempotent) {
    return send(HttpRequest.builder(method, uri).idempotent(idempotent).build());
  }

  private Response send(HttpRequest request) {
    HttpRequest.Builder b = request.toBuilder();
    for (String name : defaults.names()) {
      if (!request.headers().contains(name)) {
        for (String v : defaults.allValues(name)) {
          b.header(name, v);
        }
      }
    }
    // Buffered: a body cut short is fetched again (when the request is idempotent), not returned half.
    try (HttpResponse r = http.executeBuffered(b.build())) {
      return new Response(r.status(), r.headers(), r.bytes());
    }
  }

  /** Encodes one path segment (a branch or tag with {@code /} becomes {@code %2F}). */
  public static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Encodes a file path: each segment, keeping the slashes. */
  public static String path(String p) {
    StringBuilder sb = new StringBuilder();
    for (String part : p.split("/", -1)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(seg(part));
    }
    return sb.toString();
  }

  /** Encodes a query value. */
  public static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
