package dev.packit.testkit.internal.bodhi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.messaging.MessagePublisher;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Bodhi speaking the real JSON: releases (paged), updates (query, get, create, edit),
 * {@code /csrf} bound to a session cookie, {@code /oidc/login-token} answering with an
 * {@code auth_tkt} cookie, and cornice error bodies. Thread-safe (one lock for the state).
 */
public final class BodhiService implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter BODHI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern DIST = Pattern.compile("\\.(fc\\d+|el\\d+(?:_\\d+)?)$");

  private final String prefix;
  private final URI publicBase;
  private final Clock clock;
  private final MessagePublisher bus;
  private final SecureRandom random = new SecureRandom();
  private final List<ObjectNode> releases = new ArrayList<>();
  private final Map<String, ObjectNode> updates = new LinkedHashMap<>();
  private final Map<String, String> csrfBySession = new ConcurrentHashMap<>();
  private final Map<String, String> userByTicket = new ConcurrentHashMap<>();
  private volatile String defaultUser = "packit";

  /**
   * Creates the service.
   *
   * @param prefix the mount prefix, e.g. {@code /bodhi}
   * @param publicBase the URI clients use, ending in {@code /}
   * @param clock clock for dates
   * @param bus where update messages are published
   */
  public BodhiService(String prefix, URI publicBase, Clock clock, MessagePublisher bus) {
    this.prefix = prefix;
    this.publicBase = publicBase;
    this.clock = clock;
    this.bus = bus;
    defaultReleases();
  }

  /** Generated releases with Bodhi's shape: rawhide (F44), a branched F43, stable F42 and F41, EPEL, ELN. */
  private void defaultReleases() {
    addRelease("F44", "Fedora 44", "44", "FEDORA", "rawhide", "f44", "pending", false, true);
    addRelease("F44C", "Fedora 44 Containers", "44", "FEDORA-CONTAINER", "rawhide", "f44-container", "pending", false, false);
    addRelease("F43", "Fedora 43", "43", "FEDORA", "f43", "f43", "current", true, false);
    addRelease("F43F", "Fedora 43 Flatpaks", "43", "FEDORA-FLATPAK", "f43", "f43-flatpak", "current", true, false);
    addRelease("F42", "Fedora 42", "42", "FEDORA", "f42", "f42", "current", true, false);
    addRelease("F41", "Fedora 41", "41", "FEDORA", "f41", "f41", "archived", true, false);
    addRelease("EPEL-10.2", "Fedora EPEL 10.2", "10.2", "FEDORA-EPEL", "epel10", "epel10.2", "current", true, false);
    addRelease("EPEL-10.1", "Fedora EPEL 10.1", "10.1", "FEDORA-EPEL", "epel10.1", "epel10.1", "current", true, false);
    addRelease("EPEL-9", "Fedora EPEL 9", "9", "FEDORA-EPEL", "epel9", "epel9", "current", true, false);
    addRelease("ELN", "Fedora ELN", "eln", "FEDORA", "eln", "eln", "pending", false, true);
  }

  /**
   * Adds (or replaces) a release with Bodhi's JSON fields.
   *
   * @param name e.g. {@code F45}
   * @param longName e.g. {@code Fedora 45}
   * @param version e.g. {@code 45}
   * @param idPrefix e.g. {@code FEDORA}
   * @param branch dist-git branch
   * @param distTag dist tag, also the prefix of the Koji tags
   * @param state release state
   * @param composedByBodhi whether manual updates are accepted
   * @param automatic whether Bodhi creates updates on its own
   */
  public synchronized void addRelease(String name, String longName, String version, String idPrefix, String branch,
      String distTag, String state, boolean composedByBodhi, boolean automatic) {
    releases.removeIf(r -> r.path("name").asText().equals(name));
    ObjectNode r = JSON.createObjectNode();
    r.put("name", name);
    r.put("long_name", longName);
    r.put("version", version);
    r.put("id_prefix", idPrefix);
    r.put("branch", branch);
    r.put("dist_tag", distTag);
    r.put("stable_tag", idPrefix.equals("FEDORA") && branch.equals("rawhide") ? distTag : distTag + "-updates");
    r.put("testing_tag", distTag + "-updates-testing");
    r.put("candidate_tag", distTag + "-updates-candidate");
    r.put("pending_signing_tag", distTag + "-signing-pending");
    r.put("pending_testing_tag", distTag + "-updates-testing-pending");
    r.put("pending_stable_tag", distTag + "-updates-pending");
    r.put("override_tag", distTag + "-override");
    r.put("mail_template", idPrefix.equals("FEDORA-EPEL") ? "fedora_epel_errata_template" : "fedora_errata_template");
    r.put("state", state);
    r.put("composed_by_bodhi", composedByBodhi);
    r.put("create_automatic_updates", automatic);
    r.put("package_manager", idPrefix.equals("FEDORA") ? "dnf" : "unspecified");
    r.putNull("testing_repository");
    r.putNull("released_on");
    r.putNull("eol");
    r.put("setting_status", state.equals("current") ? "post_beta" : "pre_beta");
    releases.add(r);
  }

  /**
   * Sets the user that sessions opened with any bearer token belong to.
   *
   * @param user the username
   */
  public void defaultUser(String user) {
    this.defaultUser = user;
  }

  /** @return copies of the stored updates, in creation order */
  public synchronized List<JsonNode> updates() {
    List<JsonNode> out = new ArrayList<>();
    updates.values().forEach(u -> out.add(u.deepCopy()));
    return out;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath().substring(prefix.length());
      Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
      String method = ex.getRequestMethod();
      if (method.equals("GET") && (path.equals("/releases/") || path.equals("/releases"))) {
        listReleases(ex, query);
      } else if (method.equals("GET") && path.startsWith("/releases/")) {
        oneRelease(ex, URLDecoder.decode(path.substring("/releases/".length()), StandardCharsets.UTF_8));
      } else if (method.equals("GET") && path.equals("/csrf")) {
        csrf(ex);
      } else if (method.equals("GET") && path.equals("/oidc/login-token")) {
        login(ex);
      } else if (method.equals("GET") && (path.equals("/updates/") || path.equals("/updates"))) {
        listUpdates(ex, query);
      } else if (method.equals("GET") && path.startsWith("/updates/")) {
        oneUpdate(ex, URLDecoder.decode(path.substring("/updates/".length()), StandardCharsets.UTF_8));
      } else if (method.equals("POST") && (path.equals("/updates/") || path.equals("/updates"))) {
        save(ex);
      } else {
        error(ex, 404, "url", "path", "The resource could not be found.");
      }
    }
  }

  private synchronized void listReleases(HttpExchange ex, Map<String, List<String>> q) throws IOException {
    List<String> states = q.getOrDefault("state", List.of());
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode r : releases) {
      if (states.isEmpty() || states.contains(r.path("state").asText())) {
        matching.add(r);
      }
    }
    matching.sort((a, b) -> a.path("name").asText().compareTo(b.path("name").asText()));
    page(ex, q, "releases", matching);
  }

  private void page(HttpExchange ex, Map<String, List<String>> q, String key, List<ObjectNode> all) throws IOException {
    int rows = intParam(q, "rows_per_page", 20);
    int page = intParam(q, "page", 1);
    if (rows < 1 || rows > 100 || page < 1) {
      error(ex, 400, "querystring", rows < 1 || rows > 100 ? "rows_per_page" : "page", "Invalid value");
      return;
    }
    int pages = Math.max(1, (all.size() + rows - 1) / rows);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode arr = out.putArray(key);
    for (int i = (page - 1) * rows; i < Math.min(all.size(), page * rows); i++) {
      arr.add(all.get(i));
    }
    out.put("page", page);
    out.put("pages", pages);
    out.put("rows_per_page", rows);
    out.put("total", all.size());
    send(ex, 200, out);
  }

  private synchronized void oneRelease(HttpExchange ex, String name) throws IOException {
    for (ObjectNode r : releases) {
      if (r.path("name").asText().equalsIgnoreCase(name)) {
        send(ex, 200, r);
        return;
      }
    }
    error(ex, 404, "url", "name", "No such release");
  }

  private void csrf(HttpExchange ex) throws IOException {
    String session = cookie(ex, "session");
    if (session == null || !csrfBySession.containsKey(session)) {
      session = token(16);
      csrfBySession.put(session, token(20));
      ex.getResponseHeaders().add("Set-Cookie", "session=" + session + "; Path=/; HttpOnly");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("csrf_token", csrfBySession.get(session));
    send(ex, 200, out);
  }

  private void login(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= "Bearer ".length()) {
      error(ex, 401, "header", "Authorization", "Unauthorized: no access token");
      return;
    }
    String ticket = token(16);
    userByTicket.put(ticket, defaultUser);
    ex.getResponseHeaders().add("Set-Cookie", "auth_tkt=" + ticket + "; Path=/; HttpOnly");
    send(ex, 202, JSON.createObjectNode().put("user", defaultUser));
  }

  private synchronized void listUpdates(HttpExchange ex, Map<String, List<String>> q) throws IOException {
    List<String> builds = csv(q, "builds");
    List<String> aliases = csv(q, "alias");
    List<String> packages = csv(q, "packages");
    List<String> rels = csv(q, "releases");
    String status = first(q, "status");
    String user = first(q, "user");
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode u : updates.values()) {
      List<String> nvrs = nvrs(u);
      if (!builds.isEmpty() && nvrs.stream().noneMatch(builds::contains)) {
        continue;
      }
      if (!aliases.isEmpty() && !aliases.contains(u.path("alias").asText())) {
        continue;
      }
      if (!packages.isEmpty() && nvrs.stream().noneMatch(n -> packages.contains(packageOf(n)))) {
        continue;
      }
      if (!rels.isEmpty() && !rels.contains(u.path("release").path("name").asText())) {
        continue;
      }
      if (status != null && !status.equals(u.path("status").asText())) {
        continue;
      }
      if (user != null && !user.equals(u.path("user").path("name").asText())) {
        continue;
      }
      out.add(u);
    }
    page(ex, q, "updates", out);
  }

  private synchronized void oneUpdate(HttpExchange ex, String alias) throws IOException {
    ObjectNode u = updates.get(alias);
    if (u == null) {
      error(ex, 404, "url", "id", "Invalid update id");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("update", u);
    out.put("can_edit", false);
    send(ex, 200, out);
  }

  private void save(HttpExchange ex) throws IOException {
    String session = cookie(ex, "session");
    String ticket = cookie(ex, "auth_tkt");
    JsonNode body;
    try {
      body = JSON.readTree(ex.getRequestBody());
    } catch (IOException e) {
      error(ex, 400, "body", "body", "Invalid JSON");
      return;
    }
    String expected = session == null ? null : csrfBySession.get(session);
    if (expected == null || !expected.equals(body.path("csrf_token").asText())) {
      error(ex, 403, "body", "csrf_token",
          "CSRF tokens do not match. This happens if you have the page open for a long time. Please reload the page and try to submit your data again. Make sure to save your input somewhere before reloading.");
      return;
    }
    String user = ticket == null ? null : userByTicket.get(ticket);
    if (user == null) {
      error(ex, 403, "body", "user", "You must be logged in to create or edit updates.");
      return;
    }
    List<String> errors = new ArrayList<>();
    List<String> errorFields = new ArrayList<>();
    String type = body.path("type").asText("");
    if (!List.of("newpackage", "security", "bugfix", "enhancement").contains(type)) {
      errors.add("\"" + type + "\" is not one of newpackage, security, bugfix, enhancement");
      errorFields.add("type");
    }
    String notes = body.path("notes").asText("");
    if (notes.strip().length() < 2) {
      errors.add("Shorter than minimum length 2");
      errorFields.add("notes");
    }
    List<String> builds = new ArrayList<>();
    JsonNode b = body.path("builds");
    if (b.isArray()) {
      b.forEach(n -> builds.add(n.asText()));
    } else if (b.isTextual()) {
      for (String s : b.asText().split("[,\\s]+")) {
        if (!s.isBlank()) {
          builds.add(s);
        }
      }
    }
    String fromTag = body.path("from_tag").isTextual() ? body.path("from_tag").asText() : "";
    if (builds.isEmpty() && fromTag.isEmpty()) {
      errors.add("You must specify either builds or from_tag.");
      errorFields.add("builds");
    }
    if (!errors.isEmpty()) {
      errors(ex, 400, errorFields, errors);
      return;
    }
    saveValid(ex, body, user, type, notes, builds, fromTag);
  }

  private synchronized void saveValid(HttpExchange ex, JsonNode body, String user, String type, String notes,
      List<String> builds, String fromTag) throws IOException {
    String edited = body.path("edited").isTextual() ? body.path("edited").asText() : null;
    ObjectNode existing = edited == null ? null : updates.get(edited);
    if (edited != null && existing == null) {
      error(ex, 400, "body", "edited", "Cannot find update to edit: " + edited);
      return;
    }
    if (builds.isEmpty()) {
      // the fake has no Koji: a side tag update takes the builds it listed before, or none
      if (existing != null) {
        builds.addAll(nvrs(existing));
      }
    }
    List<String> fields = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (edited == null && !fromTag.isEmpty()) {
      for (ObjectNode u : updates.values()) {
        if (fromTag.equals(u.path("from_tag").asText()) && !u.path("status").asText().equals("unpushed")) {
          fields.add("from_tag");
          errors.add("Update already exists using this side tag");
          break;
        }
      }
    }
    for (String nvr : builds) {
      for (ObjectNode u : updates.values()) {
        if (u != existing && nvrs(u).contains(nvr) && !u.path("status").asText().equals("unpushed")) {
          fields.add("builds");
          errors.add("Update for " + nvr + " already exists");
        }
      }
    }
    ObjectNode release = releaseFor(builds, fromTag);
    if (release == null) {
      fields.add("builds");
      errors.add("Unable to determine release from build: " + String.join(",", builds));
    } else if (!release.path("composed_by_bodhi").asBoolean()) {
      fields.add("builds");
      errors.add("Cannot manually create updates for a Release which is not composed by Bodhi.\n"
          + "Read the 'Automatic updates' page in Bodhi docs about this error.");
    }
    if (!errors.isEmpty()) {
      errors(ex, 400, fields, errors);
      return;
    }
    String now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(BODHI_TIME);
    String alias = existing != null ? edited
        : release.path("id_prefix").asText() + "-" + LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).getYear() + "-" + token(5);
    ObjectNode u = existing != null ? existing : JSON.createObjectNode();
    u.put("alias", alias);
    u.put("title", String.join(" ", builds));
    u.put("display_name", body.path("display_name").asText(""));
    u.put("notes", notes);
    u.put("type", type);
    u.put("severity", body.path("severity").asText("unspecified"));
    u.put("suggest", body.path("suggest").asText("unspecified"));
    u.put("autokarma", body.path("autokarma").asBoolean(true));
    u.put("stable_karma", body.path("stable_karma").asInt(3));
    u.put("unstable_karma", body.path("unstable_karma").asInt(-3));
    u.put("close_bugs", body.path("close_bugs").asBoolean(true));
    u.put("status", existing != null ? existing.path("status").asText("pending") : "pending");
    u.put("request", "testing");
    u.put("karma", 0);
    u.put("locked", false);
    u.put("pushed", false);
    u.put("critpath", false);
    if (fromTag.isEmpty()) {
      u.putNull("from_tag");
    } else {
      u.put("from_tag", fromTag);
    }
    if (existing == null) {
      u.put("date_submitted", now);
    }
    u.put("date_modified", now);
    u.put("url", publicBase.resolve("updates/" + alias).toString());
    ObjectNode rel = JSON.createObjectNode();
    for (String k : List.of("name", "long_name", "version", "id_prefix", "branch", "dist_tag", "state")) {
      rel.set(k, release.get(k));
    }
    u.set("release", rel);
    ArrayNode bs = u.putArray("builds");
    for (String nvr : builds) {
      bs.addObject().put("nvr", nvr).put("type", "rpm").put("signed", false).put("epoch", 0);
    }
    ArrayNode bugs = u.putArray("bugs");
    body.path("bugs").forEach(n -> bugs.addObject().put("bug_id", n.asLong()));
    u.putObject("user").put("name", user);
    u.putArray("comments");
    updates.put(alias, u);

    ObjectNode out = u.deepCopy();
    out.putArray("caveats");
    send(ex, 200, out);
    publish(existing == null ? "bodhi.update.request.testing" : "bodhi.update.edit", u, user);
  }

  private void publish(String subject, ObjectNode update, String agent) {
    if (bus == null) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("update", JSON.convertValue(update, Map.class));
    body.put("agent", agent);
    bus.publish(MessageEnvelope.of("org.fedoraproject.prod." + subject, "bodhi.messages.schemas.update.UpdateRequestTestingV1",
        body));
  }

  private ObjectNode releaseFor(List<String> builds, String fromTag) {
    String dist = null;
    if (!builds.isEmpty()) {
      Matcher m = DIST.matcher(builds.get(0));
      if (m.find()) {
        dist = m.group(1).replace("_", ".").replace("el", "epel");
        if (dist.startsWith("fc")) {
          dist = "f" + dist.substring(2);
        }
      }
    } else if (fromTag.contains("-")) {
      dist = fromTag.substring(0, fromTag.indexOf('-'));
    }
    if (dist == null) {
      return null;
    }
    for (ObjectNode r : releases) {
      boolean plain = r.path("id_prefix").asText().equals("FEDORA") || r.path("id_prefix").asText().equals("FEDORA-EPEL");
      if (plain && (r.path("dist_tag").asText().equals(dist) || r.path("branch").asText().equals(dist))) {
        return r;
      }
    }
    return null;
  }

  // --------------------------------------------------------------------------------- helpers

  private static List<String> nvrs(JsonNode u) {
    List<String> out = new ArrayList<>();
    u.path("builds").forEach(b -> out.add(b.path("nvr").asText()));
    return out;
  }

  private static String packageOf(String nvr) {
    int r = nvr.lastIndexOf('-');
    int v = r <= 0 ? -1 : nvr.lastIndexOf('-', r - 1);
    return v <= 0 ? nvr : nvr.substring(0, v);
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String cookie(HttpExchange ex, String name) {
    List<String> headers = ex.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String h : headers) {
      for (String part : h.split(";")) {
        String p = part.trim();
        if (p.startsWith(name + "=")) {
          return p.substring(name.length() + 1);
        }
      }
    }
    return null;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static List<String> csv(Map<String, List<String>> q, String key) {
    List<String> out = new ArrayList<>();
    for (String v : q.getOrDefault(key, List.of())) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private static String first(Map<String, List<String>> q, String key) {
    List<String> v = q.get(key);
    return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
  }

  private static int intParam(Map<String, List<String>> q, String key, int dflt) {
    String v = first(q, key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void error(HttpExchange ex, int status, String location, String name, String description) throws IOException {
    errors(ex, status, List.of(name), List.of(description), location);
  }

  private static void errors(HttpExchange ex, int status, List<String> names, List<String> descriptions) throws IOException {
    errors(ex, status, names, descriptions, "body");
  }

  private static void errors(HttpExchange ex, int status, List<String> names, List<String> descriptions, String location)
      throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.put("status", "error");
    ArrayNode arr = out.putArray("errors");
    for (int i = 0; i < names.size(); i++) {
      arr.addObject().put("location", location).put("name", names.get(i)).put("description", descriptions.get(i));
    }
    send(ex, status, out);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public String toString() {
    return "BodhiService[" + prefix + ", " + releases.size() + " releases]".toLowerCase(Locale.ROOT);
  }
}
