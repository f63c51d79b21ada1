package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One recorded exchange of {@code ../shared/fixtures/<forge>/<name>.json} + {@code .meta.json},
 * turned into a WireMock stub on a local server and into a matcher of the request a client sent.
 */
record Recording(String forge, String name, String method, String path, Map<String, String> query, int status,
    Map<String, String> headers, byte[] body, String upstreamBase) {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Headers describing the recorded transfer, not the resource; WireMock sets its own. */
  private static final Set<String> DROPPED = Set.of("content-encoding", "transfer-encoding", "content-length", "connection");

  /** Loads a recording. */
  static Recording load(String forge, String name) {
    Path dir = Fixtures.dir(forge);
    try {
      JsonNode meta = MAPPER.readTree(dir.resolve(name + ".meta.json").toFile());
      byte[] raw = Files.readAllBytes(bodyFile(dir, name));
      JsonNode parsed = raw.length == 0 ? null : parseOrNull(raw);
      // plain-text responses (Pagure raw files, HTML 404 pages) are stored as a JSON string
      byte[] body = parsed != null && parsed.isTextual() ? parsed.asText().getBytes(StandardCharsets.UTF_8) : raw;
      // Forgejo metas keep the path in "url" and the whole address in "full_url"
      String recorded = meta.get("url").asText().startsWith("/") && meta.hasNonNull("full_url")
          ? meta.get("full_url").asText() : meta.get("url").asText();
      URI url = URI.create(recorded.replace(":443/", "/"));
      String upstream = url.getScheme() + "://" + url.getHost();
      Map<String, String> query = new LinkedHashMap<>();
      if (url.getRawQuery() != null) {
        for (String kv : url.getRawQuery().split("&")) {
          int eq = kv.indexOf('=');
          String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
          String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
          query.put(k, v);
        }
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : meta.path("headers").properties()) {
        if (!DROPPED.contains(e.getKey().toLowerCase(Locale.ROOT))) {
          headers.put(e.getKey(), e.getValue().asText());
        }
      }
      // %2E is an encoded unreserved '.', equivalent to '.' (RFC 3986 6.2.2.2); clients send '.'
      String path = url.getRawPath().replace("%2E", ".").replace("%2e", ".");
      return new Recording(forge, name, meta.get("method").asText(), path, query, meta.get("status").asInt(), headers, body,
          upstream);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recording " + forge + "/" + name, e);
    }
  }

  /** The body file: {@code <name>.json}, or {@code <name>.<ext>} for a text body (Forgejo's {@code pr_patch.patch}). */
  private static Path bodyFile(Path dir, String name) throws IOException {
    Path json = dir.resolve(name + ".json");
    if (Files.exists(json)) {
      return json;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> {
        String f = p.getFileName().toString();
        return f.startsWith(name + ".") && !f.endsWith(".meta.json") && f.indexOf('.', name.length() + 1) < 0;
      }).findFirst().orElseThrow(() -> new IOException("no body file for recording " + name + " in " + dir));
    }
  }

  private static JsonNode parseOrNull(byte[] raw) {
    try {
      return MAPPER.readTree(raw);
    } catch (IOException e) {
      return null; // a text body (a patch), kept as bytes
    }
  }

  /** The recording's meta file, parsed. */
  JsonNode meta() {
    try {
      return MAPPER.readTree(Fixtures.dir(forge).resolve(name + ".meta.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names of every recording (pair) in a forge folder. */
  static Set<String> all(String forge) {
    Path dir = Fixtures.dir(forge);
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".meta.json"))
          .forEach(n -> names.add(n.substring(0, n.length() - ".meta.json".length())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** The body as parsed JSON. */
  JsonNode json() {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as text. */
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The response, with absolute URLs of the recorded API rewritten to the local server. */
  ResponseDefinitionBuilder response(String localBase, String... overrides) {
    ResponseDefinitionBuilder r = aResponse().withStatus(status);
    Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k, rewrite(v, localBase)));
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      h.put(overrides[i], overrides[i + 1]);
    }
    h.forEach(r::withHeader);
    return r.withBody(rewrite(text(), localBase).getBytes(StandardCharsets.UTF_8));
  }

  private String rewrite(String s, String localBase) {
    String base = localBase.endsWith("/") ? localBase.substring(0, localBase.length() - 1) : localBase;
    String out = s.replace(upstreamBase + ":443/", base + "/");
    if (upstreamBase.equals("https://api.github.com")) {
      return out.replace(upstreamBase, base);
    }
    // Pagure and GitLab: only API links (pagination), not web links shown to users
    return out.replace(upstreamBase + "/api/", base + "/api/");
  }

  /** The request matcher: method, path and query. */
  MappingBuilder mapping() {
    MappingBuilder m = request(method, urlPathEqualTo(path));
    query.forEach((k, v) -> m.withQueryParam(k, equalTo(v)));
    return m;
  }

  /** Stubs this recording on {@code wm}. */
  StubMapping stub(WireMockServer wm) {
    return wm.stubFor(mapping().willReturn(response(wm.baseUrl())));
  }

  /** A pattern matching the request this recording answered (method, path, query). */
  RequestPatternBuilder sent() {
    RequestPatternBuilder p = requestedFor(method, urlPathEqualTo(path));
    query.forEach((k, v) -> p.withQueryParam(k, equalTo(v)));
    return p;
  }

  /** Query parameter names as recorded. */
  List<String> queryNames() {
    return new ArrayList<>(query.keySet());
  }
}
