package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends the sandbox's fake Bodhi the requests that produced the recordings of a real Bodhi 8.1.1
 * ({@code ../shared/fixtures/bodhi/real-server-8.1}) and compares the answers: the same status,
 * the same keys at every level with the same JSON types (values differ: aliases, dates), and for
 * error bodies the same entries. Every recording of the folder must be compared; where they
 * disagree, the fake is wrong.
 */
@Tag("integration")
@ExtendWith(FedoraSandboxExtension.class)
class BodhiFakeMatchesRecordingsTest {
  private static final String DIR = "bodhi/real-server-8.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A raw client: it must send what BodhiClient never sends (numbers for bugs, a stale token). */
  private static final class Raw {
    final HttpClient http = HttpClient.newHttpClient();
    final URI base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    Raw(URI base) {
      this.base = base;
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      return send(b.GET());
    }

    HttpResponse<String> post(String path, JsonNode body) throws Exception {
      return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
      if (!cookies.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        cookies.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        b.header("Cookie", sb.toString());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String h : r.headers().allValues("Set-Cookie")) {
        String pair = h.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      return r;
    }

    String csrf() throws Exception {
      return JSON.readTree(get("csrf", null).body()).path("csrf_token").asText();
    }
  }

  private static Set<String> recordings() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(Fixtures.dir(DIR))) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".meta.json"))
          .forEach(n -> names.add(n.substring(0, n.length() - ".meta.json".length())));
    }
    return names;
  }

  private static JsonNode recorded(String name) {
    try {
      return JSON.readTree(Fixtures.dir(DIR).resolve(name + ".json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int recordedStatus(String name) {
    try {
      return JSON.readTree(Fixtures.dir(DIR).resolve(name + ".meta.json").toFile()).path("status").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final Set<String> compared = new TreeSet<>();
  private final List<String> mismatches = new ArrayList<>();

  /** Compares status and shape; {@code exactErrors}: error entries must be equal too. */
  private JsonNode compare(String name, HttpResponse<String> fake, boolean exactErrors) throws IOException {
    compared.add(name);
    JsonNode real = recorded(name);
    JsonNode mine = JSON.readTree(fake.body());
    if (fake.statusCode() != recordedStatus(name)) {
      mismatches.add(name + ": status " + fake.statusCode() + " != recorded " + recordedStatus(name) + " (" + fake.body() + ")");
    }
    shape(name, "$", real, mine);
    if (exactErrors && !real.path("errors").equals(mine.path("errors"))) {
      mismatches.add(name + ": errors " + mine.path("errors") + " != recorded " + real.path("errors"));
    }
    return mine;
  }

  /** Same keys at every object level, same JSON types where both are non-null. */
  private void shape(String name, String path, JsonNode real, JsonNode fake) {
    if (real.isNull() || fake.isNull()) {
      return; // nullable in Bodhi's JSON (avatar, request, from_tag, ...)
    }
    if (real.getNodeType() != fake.getNodeType() && !(real.isNumber() && fake.isNumber())) {
      mismatches.add(name + ": " + path + " is " + fake.getNodeType() + ", recorded " + real.getNodeType());
      return;
    }
    if (real.isObject()) {
      Set<String> realKeys = new TreeSet<>();
      real.fieldNames().forEachRemaining(realKeys::add);
      Set<String> fakeKeys = new TreeSet<>();
      fake.fieldNames().forEachRemaining(fakeKeys::add);
      if (!realKeys.equals(fakeKeys)) {
        Set<String> missing = new TreeSet<>(realKeys);
        missing.removeAll(fakeKeys);
        Set<String> extra = new TreeSet<>(fakeKeys);
        extra.removeAll(realKeys);
        mismatches.add(name + ": " + path + " keys: missing " + missing + ", extra " + extra);
      }
      for (Iterator<String> it = real.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (fake.has(k)) {
          shape(name, path + "." + k, real.get(k), fake.get(k));
        }
      }
    } else if (real.isArray() && real.size() > 0) {
      for (int i = 0; i < fake.size(); i++) {
        shape(name, path + "[" + i + "]", real.get(0), fake.get(i));
      }
    }
  }

  private static ObjectNode update(String csrf, String... builds) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("builds").addAll(Stream.of(builds).map(JSON.getNodeFactory()::textNode).toList());
    body.put("notes", "raw single");
    body.put("type", "enhancement");
    body.putArray("bugs").add("123456").add("654321");
    body.put("csrf_token", csrf);
    return body;
  }

  @Test
  void fakeAnswersAsTheRecordedBodhi(FedoraSandbox sandbox) throws Exception {
    Raw raw = new Raw(sandbox.bodhi().baseUri());
    sandbox.bodhi().revokeToken("revoked-token");

    compare("login_bad_token", raw.get("oidc/login-token", "Bearer revoked-token"), true);
    assertEquals(202, raw.get("oidc/login-token", "Bearer good-token").statusCode());
    HttpResponse<String> csrf = raw.get("csrf", null);
    compare("csrf", csrf, false);
    String token = JSON.readTree(csrf.body()).path("csrf_token").asText();

    ObjectNode numbers = update(token, "foo-20.0-1.fc43");
    numbers.putArray("bugs").add(123456);
    compare("error_bugs_int", raw.post("updates/", numbers), true);

    ObjectNode stale = update("0123456789abcdef0123456789abcdef01234567", "foo-20.0-1.fc43");
    stale.put("notes", "x");
    compare("error_bad_csrf", raw.post("updates/", stale), true);

    JsonNode single = compare("create_single", raw.post("updates/", update(token, "foo-20.0-1.fc43")), false);
    String alias = single.path("alias").asText();
    assertEquals(List.of(123456L, 654321L), List.of(single.path("bugs").get(0).path("bug_id").asLong(),
        single.path("bugs").get(1).path("bug_id").asLong()));

    // the comma-joined string bodhi-client sends is the same bugs
    ObjectNode joined = update(token, "bar-1.0-1.fc43");
    joined.put("bugs", "123456,654321");
    JsonNode joinedUpdate = JSON.readTree(raw.post("updates/", joined).body());
    assertEquals(2, joinedUpdate.path("bugs").size(), joinedUpdate.toString());

    JsonNode exists = compare("error_exists", raw.post("updates/", update(token, "foo-20.0-1.fc43")), false);
    assertEquals("Update for foo-20.0-1.fc43 already exists", exists.path("errors").get(0).path("description").asText());

    JsonNode split = compare("create_split", raw.post("updates/", update(token, "foo-21.0-1.fc43", "foo-21.0-1.fc42")), false);
    assertEquals(2, split.path("updates").size());
    assertEquals("Your update is being split into 2, one for each release.",
        split.path("caveats").get(0).path("description").asText());

    compare("query_by_build", raw.get("updates/?builds=foo-20.0-1.fc43", null), false);
    compare("get_update", raw.get("updates/" + alias, null), false);
    compare("update_404", raw.get("updates/FEDORA-2026-ffffffffff", null), true);
    compare("get_release", raw.get("releases/F42", null), false);
    compare("releases_page2", raw.get("releases/?page=2&rows_per_page=5", null), false);
    compare("release_404", raw.get("releases/F99", null), true);

    assertEquals(recordings(), compared, "recordings in ../shared/fixtures/" + DIR + " not compared with the fake");
    if (!mismatches.isEmpty()) {
      fail("the fake Bodhi differs from the recorded real one:\n" + String.join("\n", mismatches));
    }
  }

  @Test
  void fakeRefusesWhatBodhisValidatorsRefuse(FedoraSandbox sandbox) throws Exception {
    Raw raw = new Raw(sandbox.bodhi().baseUri());
    // no session: pyramid's permission check, before the body is looked at
    HttpResponse<String> anonymous = raw.post("updates/", update("x", "foo-1-1.fc43"));
    assertEquals(403, anonymous.statusCode());
    assertTrue(anonymous.body().contains("failed permission check"), anonymous.body());

    raw.get("oidc/login-token", "Bearer t");
    String token = raw.csrf();
    ObjectNode letters = update(token, "foo-1-1.fc43");
    letters.putArray("bugs").add("12x");
    HttpResponse<String> bad = raw.post("updates/", letters);
    assertEquals(400, bad.statusCode());
    assertEquals("Invalid bug ID specified: ['12x']", JSON.readTree(bad.body()).path("errors").get(0).path("description").asText());

    ObjectNode edit = update(token, "foo-1-1.fc43");
    edit.put("edited", "FEDORA-2026-ffffffffff");
    HttpResponse<String> unknown = raw.post("updates/", edit);
    assertEquals(400, unknown.statusCode());
    assertEquals("Cannot find update to edit: FEDORA-2026-ffffffffff",
        JSON.readTree(unknown.body()).path("errors").get(0).path("description").asText());

    HttpResponse<String> user = raw.get("updates/?user=nobody", null);
    assertEquals(400, user.statusCode());
    assertEquals("Invalid users specified: nobody", JSON.readTree(user.body()).path("errors").get(0).path("description").asText());
    HttpResponse<String> release = raw.get("updates/?releases=F99", null);
    assertEquals(400, release.statusCode());
    assertEquals("Invalid releases specified: F99", JSON.readTree(release.body()).path("errors").get(0).path("description").asText());
    assertEquals(200, raw.get("updates/?releases=f43", null).statusCode(), "Bodhi also matches the upper-cased name");

    // side tags (validate_from_tag): allowed for Rawhide, one update per side tag
    ObjectNode side = update(token);
    side.remove("builds");
    side.put("from_tag", "f44-build-side-1");
    JsonNode sideUpdate = JSON.readTree(raw.post("updates/", side).body());
    assertEquals("f44-build-side-1", sideUpdate.path("from_tag").asText(), sideUpdate.toString());
    sandbox.bodhi().status(sideUpdate.path("alias").asText(), "obsolete");
    HttpResponse<String> again = raw.post("updates/", side);
    assertEquals(400, again.statusCode());
    assertEquals("Update already exists using this side tag",
        JSON.readTree(again.body()).path("errors").get(0).path("description").asText());
    ObjectNode blank = update(token);
    blank.remove("builds");
    blank.put("from_tag", " ");
    assertTrue(raw.post("updates/", blank).body().contains("You may not specify an empty from_tag."));
  }
}
