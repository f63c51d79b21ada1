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
import java.time.Duration;
import java.time.Instant;
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
 * {@code auth_tkt} cookie, and cornice error bodies. Where it and a recording of the real Bodhi
 * 8.1.1 ({@code shared/fixtures/bodhi/real-server-8.1}) disagree, the recording wins:
 * {@code BodhiFakeMatchesRecordingsTest} sends both the same requests and compares the shapes.
 *
 * <p>As Bodhi does: the {@code auth_tkt} expires {@code authtkt.timeout} (24 h) after login on the
 * injected clock, and a save with an expired or missing ticket is 403 "failed permission check"
 * (checked before the body); bug ids must be strings (or one comma/space separated string), with
 * colander's 400 {@code bugs.N: 123 is not a string} otherwise and {@code Invalid bug ID specified}
 * for non-numbers; a stale CSRF token is 400; builds of several releases are split into one update
 * per release; {@code GET updates/<alias>} wraps the update in {@code {"update", "can_edit",
 * "ci_allowed"}}; an unknown alias to edit, user or release is 400. Side tags follow
 * {@code validate_from_tag}: one update per side tag whatever its status (unless it is the one
 * edited), and side-tag updates are accepted for releases not composed by Bodhi. Not modelled:
 * Koji checks of builds and side tags, obsoleting older updates, real ACLs (only the submitter
 * may edit an update; others get Bodhi's 403 "does not have commit access").
 * Thread-safe (one lock for the state).
 */
public final class BodhiService implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter BODHI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern DIST = Pattern.compile("\\.(fc\\d+|el\\d+(?:_\\d+)?)$");

  private final String prefix;
  private final URI publicBase;
  private static final String CSRF_MISMATCH = "CSRF tokens do not match.  This happens if you have the page open for a long"
      + " time. Please reload the page and try to submit your data again. Make sure to save your input somewhere before"
      + " reloading. ";
  private static final String BAD_TOKEN =
      "invalid_token: The access token provided is expired, revoked, malformed, or invalid for other reasons.";
  private static final List<String> TYPES = List.of("newpackage", "security", "bugfix", "enhancement");
  private static final List<String> SEVERITIES = List.of("unspecified", "urgent", "high", "medium", "low");

  private volatile Clock clock;
  private volatile Duration sessionTimeout = Duration.ofHours(24);
  private final MessagePublisher bus;
  private final SecureRandom random = new SecureRandom();
  private final List<ObjectNode> releases = new ArrayList<>();
  private final Map<String, ObjectNode> updates = new LinkedHashMap<>();
  private final Map<String, String> csrfBySession = new ConcurrentHashMap<>();
  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final Map<String, Long> userIds = new ConcurrentHashMap<>();
  private final java.util.Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
  private long nextUpdateId = 1;
  private long nextCommentId = 1;

  /** An {@code auth_tkt}: whose it is and when it was issued. */
  private record Ticket(String user, Instant issued) {}
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

  /**
   * Sets the clock the fake issues and expires sessions and dates updates on.
   *
   * @param clock the clock, e.g. a test's fake time
   */
  public void clock(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock == null");
  }

  /**
   * Sets how long an {@code auth_tkt} lasts (Bodhi's {@code authtkt.timeout}, default 24 hours).
   *
   * @param timeout the lifetime
   */
  public void sessionTimeout(Duration timeout) {
    this.sessionTimeout = java.util.Objects.requireNonNull(timeout, "timeout == null");
  }

  /**
   * Makes {@code oidc/login-token} refuse an access token, as Bodhi does for a revoked one.
   *
   * @param token the bearer token (without {@code Bearer })
   */
  public void revokeToken(String token) {
    revokedTokens.add(token);
  }

  private long userId(String user) {
    return userIds.computeIfAbsent(user, u -> (long) userIds.size() + 1);
  }

  /**
   * Sets an update's status, as Bodhi's composer or obsoleting would ({@code obsolete},
   * {@code unpushed}, {@code testing}, {@code stable}, ...).
   *
   * @param alias the update
   * @param status the new status
   * @throws IllegalArgumentException when there is no such update
   */
  public synchronized void status(String alias, String status) {
    ObjectNode u = updates.get(alias);
    if (u == null) {
      throw new IllegalArgumentException("no update " + alias + " in the fake Bodhi");
    }
    u.put("status", status);
    if (!status.equals("pending")) {
      u.putNull("request");
    }
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
    page(ex, q, key, all, JSON.createObjectNode());
  }

  private void page(HttpExchange ex, Map<String, List<String>> q, String key, List<ObjectNode> all, ObjectNode extra)
      throws IOException {
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
    out.setAll(extra);
    send(ex, 200, out);
  }

  private synchronized void oneRelease(HttpExchange ex, String name) throws IOException {
    for (ObjectNode r : releases) {
      if (r.path("name").asText().equalsIgnoreCase(name)) {
        send(ex, 200, r);
        return;
      }
    }
    error(ex, 404, "body", "name", "No such release");
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
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()).strip() : "";
    if (token.isEmpty() || revokedTokens.contains(token)) {
      error(ex, 401, "body", "InvalidTokenError", BAD_TOKEN);
      return;
    }
    String ticket = token(16);
    String user = defaultUser;
    Instant now = clock.instant();
    tickets.put(ticket, new Ticket(user, now));
    userId(user);
    // what pyramid's AuthTktCookieHelper sets with Bodhi's timeout = max_age = authtkt.timeout
    ex.getResponseHeaders().add("Set-Cookie", "auth_tkt=" + ticket + "; Max-Age=" + sessionTimeout.toSeconds() + "; Path=/; expires="
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plus(sessionTimeout).atZone(ZoneOffset.UTC))
        + "; SameSite=Strict; HttpOnly");
    send(ex, 202, JSON.createObjectNode().put("user", user));
  }

  /** The user of a valid, unexpired {@code auth_tkt}, or null. */
  private String sessionUser(HttpExchange ex) {
    String ticket = cookie(ex, "auth_tkt");
    Ticket t = ticket == null ? null : tickets.get(ticket);
    if (t == null) {
      return null;
    }
    if (!clock.instant().isBefore(t.issued().plus(sessionTimeout))) {
      tickets.remove(ticket);
      return null;
    }
    return t.user();
  }

  private synchronized void listUpdates(HttpExchange ex, Map<String, List<String>> q) throws IOException {
    List<String> builds = csv(q, "builds");
    List<String> aliases = csv(q, "alias");
    List<String> packages = csv(q, "packages");
    List<String> rels = csv(q, "releases");
    String status = first(q, "status");
    String user = first(q, "user");
    // Bodhi's validate_releases / validate_username: unknown names are a 400, not an empty page
    List<String> badReleases = new ArrayList<>();
    java.util.Set<String> releaseNames = new java.util.HashSet<>();
    for (String r : rels) {
      switch (r) {
        case "__current__", "__pending__", "__archived__" -> {
          String state = r.replace("_", "");
          for (ObjectNode rel : releases) {
            String st = rel.path("state").asText();
            if (st.equals(state) || state.equals("pending") && st.equals("frozen")) {
              releaseNames.add(rel.path("name").asText());
            }
          }
        }
        default -> {
          ObjectNode rel = releaseNamed(r);
          if (rel == null) {
            badReleases.add(r);
          } else {
            releaseNames.add(rel.path("name").asText());
          }
        }
      }
    }
    List<String> names = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    if (!badReleases.isEmpty()) {
      names.add("releases");
      descriptions.add("Invalid releases specified: " + String.join(", ", badReleases));
    }
    if (user != null && !knownUser(user)) {
      names.add("user");
      descriptions.add("Invalid users specified: " + user);
    }
    if (!names.isEmpty()) {
      errors(ex, 400, names, descriptions, "querystring");
      return;
    }
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
      if (!rels.isEmpty() && !releaseNames.contains(u.path("release").path("name").asText())) {
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
    ObjectNode extra = JSON.createObjectNode();
    extra.put("chrome", true);
    extra.put("display_user", true);
    extra.put("display_request", true);
    extra.putNull("package");
    page(ex, q, "updates", out, extra);
  }

  private boolean knownUser(String user) {
    if (user.equals("bodhi") || userIds.containsKey(user)) {
      return true;
    }
    return updates.values().stream().anyMatch(u -> u.path("user").path("name").asText().equals(user));
  }

  /** A release by name, upper-cased name or version, as Bodhi's validators look it up. */
  private ObjectNode releaseNamed(String r) {
    for (ObjectNode rel : releases) {
      String name = rel.path("name").asText();
      if (name.equals(r) || name.equals(r.toUpperCase(Locale.ROOT)) || rel.path("version").asText().equals(r)) {
        return rel;
      }
    }
    return null;
  }

  private synchronized void oneUpdate(HttpExchange ex, String alias) throws IOException {
    ObjectNode u = updates.get(alias);
    if (u == null) {
      error(ex, 404, "url", "id", "Invalid update id");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("update", u);
    String viewer = sessionUser(ex);
    out.put("can_edit", viewer != null && viewer.equals(u.path("user").path("name").asText()));
    out.put("ci_allowed", false);
    send(ex, 200, out);
  }

  private void save(HttpExchange ex) throws IOException {
    // pyramid checks the 'create' permission before cornice validates anything
    String user = sessionUser(ex);
    if (user == null) {
      error(ex, 403, "body", "HTTPForbidden", "Unauthorized: new_update__POST failed permission check");
      return;
    }
    String session = cookie(ex, "session");
    JsonNode body;
    try {
      body = JSON.readTree(ex.getRequestBody());
    } catch (IOException e) {
      error(ex, 400, "body", "body", "Invalid JSON");
      return;
    }
    if (body == null || !body.isObject()) {
      error(ex, 400, "body", "body", "Invalid JSON");
      return;
    }
    // colander (SaveUpdateSchema): every schema error at once
    List<String> fields = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String expected = session == null ? null : csrfBySession.get(session);
    if (expected == null || !expected.equals(body.path("csrf_token").asText())) {
      fields.add("csrf_token");
      errors.add(CSRF_MISMATCH);
    }
    List<String> builds = strings(body.path("builds"), "builds", fields, errors);
    List<String> bugs = strings(body.path("bugs"), "bugs", fields, errors);
    String type = body.path("type").asText("");
    if (body.path("type").isMissingNode() || body.path("type").isNull()) {
      fields.add("type");
      errors.add("Required");
    } else if (!TYPES.contains(type)) {
      fields.add("type");
      errors.add("\"" + type + "\" is not one of " + String.join(", ", TYPES));
    }
    String severity = body.path("severity").asText("unspecified");
    if (!SEVERITIES.contains(severity)) {
      fields.add("severity");
      errors.add("\"" + severity + "\" is not one of " + String.join(", ", SEVERITIES));
    }
    String notes = body.path("notes").asText("");
    if (body.path("notes").isMissingNode() || body.path("notes").isNull()) {
      fields.add("notes");
      errors.add("A description is required for the update.");
    } else if (notes.length() < 2) {
      fields.add("notes");
      errors.add("Shorter than minimum length 2");
    }
    if (!errors.isEmpty()) {
      errors(ex, 400, fields, errors);
      return;
    }
    String fromTag = body.path("from_tag").isTextual() ? body.path("from_tag").asText() : null;
    saveValid(ex, body, user, type, severity, notes, body.path("builds").isMissingNode() ? null : builds,
        body.path("bugs").isMissingNode() || body.path("bugs").isNull() ? null : bugs, fromTag);
  }

  /**
   * A colander sequence of strings that accepts a scalar, then Bodhi's {@code splitter}: a string
   * is split on commas and spaces; a non-string item is {@code name.N: X is not a string}.
   */
  private static List<String> strings(JsonNode node, String name, List<String> fields, List<String> errors) {
    List<String> out = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isNull()) {
        continue;
      }
      if (!item.isTextual()) {
        String child = name.equals("bugs") ? "bug" : "build";
        fields.add(name + "." + i);
        errors.add(pythonRepr(item) + " is not a string: {'" + child + "': ''}");
        continue;
      }
      for (String s : item.asText().replace(',', ' ').split("\\s+")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static String pythonRepr(JsonNode n) {
    if (n.isBoolean()) {
      return n.asBoolean() ? "True" : "False";
    }
    return n.toString();
  }

  private synchronized void saveValid(HttpExchange ex, JsonNode body, String user, String type, String severity,
      String notes, List<String> buildsOrNull, List<String> bugsOrNull, String fromTag) throws IOException {
    String edited = body.path("edited").isTextual() && !body.path("edited").asText().isEmpty()
        ? body.path("edited").asText() : null;
    ObjectNode existing = edited == null ? null : updates.get(edited);
    List<String> fields = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int status = 400;
    // validate_from_tag: one update per side tag, whatever its status, unless it is the one edited
    if (fromTag != null && !fromTag.isBlank()) {
      for (ObjectNode u : updates.values()) {
        if (fromTag.equals(u.path("from_tag").asText()) && !u.path("alias").asText().equals(edited)) {
          errors(ex, 400, List.of("from_tag"), List.of("Update already exists using this side tag"));
          return;
        }
      }
    }
    List<String> builds = buildsOrNull == null ? new ArrayList<>() : new ArrayList<>(buildsOrNull);
    if (builds.isEmpty() && existing != null) {
      // the fake has no Koji: a side tag update keeps the builds it had
      builds.addAll(nvrs(existing));
    }
    // validate_builds
    if (edited != null && existing == null) {
      fields.add("builds");
      errors.add("Cannot find update to edit: " + edited);
    } else {
      for (String nvr : builds) {
        boolean taken = false;
        for (ObjectNode u : updates.values()) {
          if (u != existing && nvrs(u).contains(nvr) && !u.path("status").asText().equals("unpushed")) {
            fields.add("builds");
            errors.add("Update for " + nvr + " already exists");
            taken = true;
            break;
          }
        }
        if (taken) {
          break;
        }
      }
    }
    // validate_builds_or_from_tag_exist
    if (buildsOrNull == null && fromTag == null && existing == null) {
      fields.add("builds,from_tag");
      errors.add("You must specify either builds or from_tag.");
    } else if (buildsOrNull != null && buildsOrNull.isEmpty() && fromTag == null) {
      fields.add("builds");
      errors.add("You may not specify an empty list of builds.");
    }
    if (fromTag != null && fromTag.isBlank()) {
      fields.add("from_tag");
      errors.add("You may not specify an empty from_tag.");
    }
    // validate_acls: the fake's ACL is the submitter's ownership of the update
    if (existing != null && !existing.path("user").path("name").asText().equals(user)) {
      fields.add("builds");
      errors.add(user + " does not have commit access to " + packageOf(nvrs(existing).isEmpty() ? "" : nvrs(existing).get(0)));
      status = 403;
    }
    // validate_bugs
    List<Long> bugIds = new ArrayList<>();
    if (bugsOrNull != null) {
      try {
        for (String b : bugsOrNull) {
          bugIds.add(Long.parseLong(b.strip()));
        }
      } catch (NumberFormatException e) {
        fields.add("bugs");
        errors.add("Invalid bug ID specified: " + pythonList(bugsOrNull));
      }
    }
    if (type.equals("security") && severity.equals("unspecified")) {
      fields.add("severity");
      errors.add("Must specify severity for a security update");
    }
    if (!errors.isEmpty()) {
      ObjectNode out = JSON.createObjectNode();
      out.put("status", "error");
      ArrayNode arr = out.putArray("errors");
      for (int i = 0; i < fields.size(); i++) {
        String location = fields.get(i).equals("bugs") ? "querystring" : "body";
        arr.addObject().put("location", location).put("name", fields.get(i)).put("description", errors.get(i));
      }
      send(ex, status, out);
      return;
    }
    // new_update: group the builds by release; one update per release
    Map<String, List<String>> byRelease = new LinkedHashMap<>();
    Map<String, ObjectNode> releaseByName = new LinkedHashMap<>();
    if (existing != null) {
      String rel = existing.path("release").path("name").asText();
      releaseByName.put(rel, releaseNamed(rel));
      byRelease.put(rel, builds);
    } else {
      List<String> unknown = new ArrayList<>();
      for (String nvr : builds.isEmpty() ? List.of("") : builds) {
        ObjectNode release = releaseFor(nvr.isEmpty() ? List.of() : List.of(nvr), fromTag == null ? "" : fromTag);
        if (release == null) {
          unknown.add(nvr);
          continue;
        }
        String name = release.path("name").asText();
        releaseByName.put(name, release);
        List<String> list = byRelease.computeIfAbsent(name, k -> new ArrayList<>());
        if (!nvr.isEmpty()) {
          list.add(nvr);
        }
      }
      if (!unknown.isEmpty()) {
        errors(ex, 400, List.of("builds"), List.of("Unable to determine release from build: " + String.join(",", unknown)));
        return;
      }
      if (fromTag == null) {
        for (ObjectNode release : releaseByName.values()) {
          if (!release.path("composed_by_bodhi").asBoolean()) {
            errors(ex, 400, List.of("builds"), List.of("Cannot manually create updates for a Release which is not composed by "
                + "Bodhi.\nRead the 'Automatic updates' page in Bodhi docs about this error."));
            return;
          }
        }
      }
    }
    ArrayNode caveats = JSON.createArrayNode();
    if (byRelease.size() > 1) {
      caveats.addObject().put("name", "releases")
          .put("description", "Your update is being split into " + byRelease.size() + ", one for each release.");
    }
    List<ObjectNode> saved = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byRelease.entrySet()) {
      ObjectNode release = releaseByName.get(e.getKey());
      saved.add(store(body, user, type, severity, notes, e.getValue(), bugsOrNull == null && existing != null
          ? bugIdsOf(existing) : bugIds, fromTag, release, existing, caveats));
    }
    ObjectNode out;
    if (saved.size() == 1) {
      out = saved.get(0).deepCopy();
      out.set("caveats", caveats);
    } else {
      out = JSON.createObjectNode();
      ArrayNode arr = out.putArray("updates");
      saved.forEach(u -> arr.add(u.deepCopy()));
      out.set("caveats", caveats);
    }
    send(ex, 200, out);
    for (ObjectNode u : saved) {
      publish(existing == null ? "bodhi.update.request.testing" : "bodhi.update.edit", u, user);
    }
  }

  private static String pythonList(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(items.get(i)).append('\'');
    }
    return sb.append(']').toString();
  }

  private static List<Long> bugIdsOf(JsonNode u) {
    List<Long> out = new ArrayList<>();
    u.path("bugs").forEach(b -> out.add(b.path("bug_id").asLong()));
    return out;
  }

  /** Creates or edits one update with every field the real Bodhi 8.1 returns. */
  private ObjectNode store(JsonNode body, String user, String type, String severity, String notes, List<String> builds,
      List<Long> bugIds, String fromTag, ObjectNode release, ObjectNode existing, ArrayNode caveats) {
    String now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(BODHI_TIME);
    String alias = existing != null ? existing.path("alias").asText()
        : release.path("id_prefix").asText() + "-" + LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).getYear() + "-" + token(5);
    ObjectNode u = existing != null ? existing : JSON.createObjectNode();
    List<String> before = existing == null ? List.of() : nvrs(existing);
    int mandatory = release.path("id_prefix").asText().equals("FEDORA-EPEL") ? 14 : 7;
    int stableDays = body.path("stable_days").asInt(existing != null ? existing.path("stable_days").asInt(0) : 0);
    boolean autotime = body.path("autotime").asBoolean(true);
    if (autotime && stableDays < mandatory) {
      stableDays = mandatory;
      caveats.addObject().put("name", "stable days")
          .put("description", "The number of stable days required was set to the mandatory release value of " + mandatory + " days");
    }
    u.put("autokarma", body.path("autokarma").asBoolean(true));
    u.put("autotime", autotime);
    u.put("stable_karma", body.path("stable_karma").asInt(3));
    u.put("stable_days", stableDays);
    u.put("unstable_karma", body.path("unstable_karma").asInt(-3));
    u.put("require_bugs", body.path("require_bugs").asBoolean(true));
    u.put("require_testcases", body.path("require_testcases").asBoolean(true));
    u.put("display_name", body.path("display_name").asText(""));
    u.put("notes", notes);
    u.put("type", type);
    u.put("status", existing != null ? existing.path("status").asText("pending") : "pending");
    u.put("request", "testing");
    u.put("severity", severity);
    u.put("suggest", body.path("suggest").asText("unspecified"));
    u.put("locked", false);
    u.put("pushed", false);
    u.put("critpath", false);
    u.putNull("critpath_groups");
    u.put("close_bugs", body.path("close_bugs").asBoolean(true));
    if (existing == null) {
      u.put("date_submitted", now);
      u.putNull("date_modified");
      u.putNull("date_approved");
      u.putNull("date_testing");
      u.putNull("date_stable");
    } else {
      u.put("date_modified", now);
    }
    u.put("alias", alias);
    u.putNull("test_gating_status");
    if (fromTag == null || fromTag.isEmpty()) {
      u.putNull("from_tag");
    } else {
      u.put("from_tag", fromTag);
    }
    u.putNull("date_pushed");
    u.put("meets_testing_requirements", false);
    u.put("url", publicBase.resolve("updates/" + alias).toString());
    u.put("title", String.join(" ", builds));
    u.put("version_hash", token(20));
    u.set("release", release.deepCopy());
    u.set("user", userJson(user));
    ArrayNode comments = existing != null ? u.withArray("comments") : u.putArray("comments");
    long updateId = existing != null ? existing.path("comments").path(0).path("update_id").asLong(nextUpdateId) : nextUpdateId++;
    if (existing == null) {
      comments.add(comment(updateId, "This update has been submitted for testing by " + user + ". ", now));
    } else {
      StringBuilder text = new StringBuilder(user + " edited this update.");
      List<String> added = builds.stream().filter(b -> !before.contains(b)).toList();
      List<String> removed = before.stream().filter(b -> !builds.contains(b)).toList();
      if (!added.isEmpty()) {
        text.append("\n\nNew build(s):\n");
        added.forEach(b -> text.append("\n- ").append(b));
      }
      if (!removed.isEmpty()) {
        text.append("\n\nRemoved build(s):\n");
        removed.forEach(b -> text.append("\n- ").append(b));
      }
      if (!added.isEmpty() || !removed.isEmpty()) {
        text.append("\n\nKarma has been reset.");
      }
      comments.add(comment(updateId, text.toString(), now));
      caveats.addObject().put("name", "builds").put("description", text.toString());
    }
    ArrayNode bs = u.putArray("builds");
    for (String nvr : builds) {
      bs.addObject().put("nvr", nvr).put("signed", false).put("release_id", releases.indexOf(release) + 1)
          .put("type", "rpm").put("epoch", 0);
    }
    ArrayNode bugs = u.putArray("bugs");
    for (long id : bugIds) {
      ObjectNode bug = bugs.addObject().put("bug_id", id);
      bug.putNull("title");
      bug.put("security", false).put("parent", false).putArray("feedback");
    }
    u.put("updateid", alias);
    u.put("karma", existing != null ? existing.path("karma").asInt(0) : 0);
    u.put("content_type", "rpm");
    if (existing == null) {
      u.putArray("test_cases");
    }
    updates.put(alias, u);
    return u;
  }

  private ObjectNode userJson(String name) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", userId(name));
    user.put("name", name);
    user.put("email", name + "@example.com");
    user.putNull("avatar");
    user.putNull("openid");
    ArrayNode groups = user.putArray("groups");
    if (!name.equals("bodhi")) {
      groups.addObject().put("name", "packager");
    }
    return user;
  }

  private ObjectNode comment(long updateId, String text, String now) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", nextCommentId++);
    c.put("karma", 0);
    c.put("karma_critpath", 0);
    c.put("text", text);
    c.put("timestamp", now);
    c.put("update_id", updateId);
    c.put("user_id", userId("bodhi"));
    c.putArray("bug_feedback");
    c.putArray("testcase_feedback");
    c.set("user", userJson("bodhi"));
    return c;
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
