package dev.packit.fedora.bodhi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.NotFoundException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.Interceptor;
import dev.packit.core.http.RequestBody;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.http.Sleeper;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bodhi's REST API: releases, updates, creating and editing updates with CSRF and authentication.
 *
 * <pre>{@code
 * BodhiClient bodhi = BodhiClient.builder()
 *     .baseUri(URI.create("https://bodhi.fedoraproject.org/"))
 *     .authenticator(auth)                 // needed only to save updates
 *     .build();
 * List<BodhiRelease> active = bodhi.releases(BodhiClient.ACTIVE_STATES);
 * try {
 *   SavedUpdates saved = bodhi.createUpdate(UpdateRequest.builder()
 *       .builds(List.of("packit-1.2.0-1.fc42")).notes("New upstream release 1.2.0").build());
 * } catch (UpdateAlreadyExistsException e) {
 *   // Packit treats this as done
 * }
 * }</pre>
 *
 * <p>Saving: the client opens a session with the authenticator's header on
 * {@code GET oidc/login-token} (Bodhi answers with an {@code auth_tkt} cookie), fetches
 * {@code GET csrf} and posts the update as JSON with {@code csrf_token}, keeping the session cookies
 * in between (the token lives in the signed session cookie). A CSRF mismatch or a 401 clears the
 * session and is retried once. Error bodies become {@link BodhiException}s with the parsed errors;
 * "Update for X already exists" and "Update already exists using this side tag" become
 * {@link UpdateAlreadyExistsException}, with the existing alias looked up by build when possible.
 *
 * <p>Immutable and thread-safe (the session is shared and synchronised); share one instance.
 */
public final class BodhiClient {
  /** The release states Packit's aliases use: current, pending and frozen. */
  public static final List<String> ACTIVE_STATES = List.of("current", "pending", "frozen");
  private static final Pattern ALREADY_EXISTS = Pattern.compile("Update for (\\S+) already exists");
  private static final String SIDE_TAG_EXISTS = "Update already exists using this side tag";

  private final URI baseUri;
  private final HttpService http;
  private final BodhiAuthenticator authenticator;
  private final CookieJar cookies = new CookieJar();
  private final Object sessionLock = new Object();
  private volatile boolean loggedIn;
  private volatile String csrfToken;

  private BodhiClient(Builder b) {
    this.baseUri = b.baseUri;
    this.authenticator = b.authenticator;
    this.http = HttpService.builder().service("bodhi").baseUri(b.baseUri).transport(b.transport)
        .retryPolicy(b.retryPolicy).sleeper(b.sleeper).clock(b.clock).interceptor(cookies).build();
  }

  /**
   * Returns a builder for Fedora's production Bodhi.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the base URI.
   *
   * @return e.g. {@code https://bodhi.fedoraproject.org/}
   */
  public URI baseUri() {
    return baseUri;
  }

  // ------------------------------------------------------------------------------ releases

  /**
   * Lists the releases in the given states, all pages.
   *
   * @param states e.g. {@link #ACTIVE_STATES}; empty for all releases
   * @return the releases in Bodhi's order
   */
  public List<BodhiRelease> releases(Collection<String> states) {
    List<BodhiRelease> out = new ArrayList<>();
    int page = 1;
    int pages;
    do {
      StringBuilder q = new StringBuilder("releases/?");
      for (String s : states) {
        q.append("state=").append(enc(s)).append('&');
      }
      q.append("page=").append(page);
      JsonNode json = getJson(q.toString());
      for (JsonNode r : json.path("releases")) {
        out.add(release(r));
      }
      pages = Math.max(1, json.path("pages").asInt(1));
      page++;
    } while (page <= pages && page <= 1_000);
    return out;
  }

  /**
   * Returns one release.
   *
   * @param name e.g. {@code F42}
   * @return the release, or empty when Bodhi does not know it
   */
  public Optional<BodhiRelease> release(String name) {
    try {
      return Optional.of(release(getJson("releases/" + enc(name))));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------------------ updates

  /**
   * Returns one page of updates.
   *
   * @param query the query
   * @param page the page, from 1
   * @return the page
   */
  public BodhiPage<BodhiUpdate> updates(UpdateQuery query, int page) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be >= 1: " + page);
    }
    JsonNode json = getJson("updates/" + query.toQueryString(page));
    List<BodhiUpdate> items = new ArrayList<>();
    for (JsonNode u : json.path("updates")) {
      items.add(update(u, List.of()));
    }
    return new BodhiPage<>(items, json.path("page").asInt(page), json.path("pages").asInt(1), json.path("total").asInt(items.size()));
  }

  /**
   * Returns every update matching a query, all pages (mind queries by user: they can be long).
   *
   * @param query the query
   * @return the updates
   */
  public List<BodhiUpdate> allUpdates(UpdateQuery query) {
    List<BodhiUpdate> out = new ArrayList<>();
    int page = 1;
    BodhiPage<BodhiUpdate> p;
    do {
      p = updates(query, page++);
      out.addAll(p.items());
    } while (p.page() < p.pages() && page <= 1_000);
    return out;
  }

  /**
   * Returns one update.
   *
   * @param alias e.g. {@code FEDORA-2025-0c53f2476d}
   * @return the update, or empty when it does not exist
   */
  public Optional<BodhiUpdate> update(String alias) {
    try {
      JsonNode json = getJson("updates/" + enc(alias));
      return Optional.of(update(json.has("update") ? json.get("update") : json, List.of()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Creates an update.
   *
   * @param request what to save
   * @return the saved update(s)
   * @throws UpdateAlreadyExistsException when the builds or the side tag already have an update
   * @throws BodhiException when Bodhi refused it for another reason
   */
  public SavedUpdates createUpdate(UpdateRequest request) {
    return save(request, null);
  }

  /**
   * Edits an update: replaces its builds (or side tag builds), notes, type, severity and bugs.
   *
   * @param alias the update to edit
   * @param request the new content
   * @return the saved update(s)
   * @throws BodhiException when Bodhi refused it
   */
  public SavedUpdates editUpdate(String alias, UpdateRequest request) {
    Objects.requireNonNull(alias, "alias == null");
    return save(request, alias);
  }

  /**
   * Returns the CSRF token of the current session, fetching it when there is none.
   *
   * @return the token
   */
  public Secret csrfToken() {
    synchronized (sessionLock) {
      ensureSession();
      String t = csrfToken;
      if (t == null) {
        JsonNode json = getJson("csrf");
        t = json.path("csrf_token").asText("");
        if (t.isEmpty()) {
          throw PackitServiceException.builder().service("bodhi").method("GET").url(baseUri.resolve("csrf").toString())
              .status(200).detail("response has no csrf_token").retryable(false).build();
        }
        csrfToken = t;
      }
      return Secret.of(t);
    }
  }

  private SavedUpdates save(UpdateRequest request, String alias) {
    Objects.requireNonNull(request, "request == null");
    for (int attempt = 1; ; attempt++) {
      Map<String, Object> body = new LinkedHashMap<>(request.toFields());
      if (alias != null) {
        body.put("edited", alias);
      }
      body.put("csrf_token", csrfToken().reveal());
      HttpRequest.Builder rb = HttpRequest.post("updates/", RequestBody.ofJson(body, http.objectMapper()))
          .header("Accept", "application/json");
      try (HttpResponse r = http.exchangeBuffered(rb.build())) {
        String text = r.text();
        if (r.isSuccessful()) {
          return saved(parse(text, "POST", "updates/"));
        }
        BodhiException e = error(r.status(), "POST", "updates/", text, r.header("x-request-id").orElse(null), request);
        boolean sessionProblem = r.status() == 401 || e.mentions("CSRF tokens do not match");
        if (sessionProblem && attempt == 1) {
          resetSession();
          continue;
        }
        throw e;
      }
    }
  }

  private void ensureSession() {
    if (authenticator == null || loggedIn) {
      return;
    }
    URI target = baseUri.resolve("oidc/login-token");
    HttpRequest req = HttpRequest.get(target)
        .withHeader("Authorization", authenticator.authorization(target).reveal());
    try (HttpResponse r = http.exchangeBuffered(req)) {
      String text = r.text();
      if (!r.isSuccessful()) {
        authenticator.invalidate();
        throw error(r.status(), "GET", "oidc/login-token", text, r.header("x-request-id").orElse(null), null);
      }
    }
    loggedIn = true;
  }

  private void resetSession() {
    synchronized (sessionLock) {
      cookies.clear();
      csrfToken = null;
      loggedIn = false;
      if (authenticator != null) {
        authenticator.invalidate();
      }
    }
  }

  // ------------------------------------------------------------------------------ JSON

  private JsonNode getJson(String relative) {
    try (HttpResponse r = http.exchangeBuffered(HttpRequest.get(relative).withHeader("Accept", "application/json"))) {
      String text = r.text();
      if (!r.isSuccessful()) {
        throw error(r.status(), "GET", relative, text, r.header("x-request-id").orElse(null), null);
      }
      return parse(text, "GET", relative);
    }
  }

  private JsonNode parse(String text, String method, String relative) {
    try {
      return http.objectMapper().readTree(text);
    } catch (IOException e) {
      throw PackitServiceException.builder().service("bodhi").method(method).url(baseUri.resolve(relative).toString())
          .status(200).detail("response is not JSON: " + e.getMessage()).body(text).retryable(false).cause(e).build();
    }
  }

  private PackitServiceException errorWithoutBody(int status, String method, String relative, String text, String requestId) {
    return PackitServiceException.builder().service("bodhi").method(method).url(baseUri.resolve(relative).toString())
        .status(status).requestId(requestId).body(text).build();
  }

  /** Maps an error response: Bodhi's cornice body when present, else the generic leaf by status. */
  private BodhiException error(int status, String method, String relative, String text, String requestId,
      UpdateRequest request) {
    List<BodhiError> errors = parseErrors(http.objectMapper(), text);
    PackitServiceException.Builder details = PackitServiceException.builder().service("bodhi").method(method)
        .url(baseUri.resolve(relative).toString()).status(status).requestId(requestId).body(text);
    if (!errors.isEmpty()) {
      StringBuilder detail = new StringBuilder();
      for (BodhiError e : errors) {
        detail.append(detail.length() == 0 ? "" : "; ").append(e.name()).append(": ").append(e.description());
      }
      details.detail(detail.toString());
    }
    List<String> nvrs = new ArrayList<>();
    boolean sideTag = false;
    for (BodhiError e : errors) {
      Matcher m = ALREADY_EXISTS.matcher(e.description());
      if (m.find()) {
        nvrs.add(m.group(1));
      }
      sideTag |= e.description().contains(SIDE_TAG_EXISTS);
    }
    if (!nvrs.isEmpty() || sideTag) {
      return new UpdateAlreadyExistsException(details, errors, nvrs, findAlias(nvrs, request));
    }
    if (status >= 400 && status < 500) {
      boolean notTaggedYet = errors.stream().anyMatch(e -> e.description().startsWith("Invalid tag:"));
      details.retryable(notTaggedYet || status == 429 || status == 408);
    }
    if (status >= 500 && errors.stream().anyMatch(e -> !e.name().isEmpty() && Character.isUpperCase(e.name().charAt(0)))) {
      // a reported exception class (ValueError, ...) will happen again
      details.retryable(false);
    }
    if (status == 404) {
      throw errorWithoutBody(status, method, relative, text, requestId);
    }
    return BodhiException.of(details, errors);
  }

  private String findAlias(List<String> nvrs, UpdateRequest request) {
    if (nvrs.isEmpty()) {
      return null;
    }
    try {
      BodhiPage<BodhiUpdate> p = updates(UpdateQuery.builder().builds(List.of(nvrs.get(0))).build(), 1);
      return p.items().isEmpty() ? null : p.items().get(0).alias();
    } catch (RuntimeException e) {
      return null; // best effort: the exception still says the update exists
    }
  }

  static List<BodhiError> parseErrors(ObjectMapper mapper, String text) {
    List<BodhiError> out = new ArrayList<>();
    try {
      JsonNode json = mapper.readTree(text);
      for (JsonNode e : json.path("errors")) {
        out.add(new BodhiError(e.path("location").asText(""), e.path("name").asText(""), e.path("description").asText("")));
      }
    } catch (IOException | RuntimeException ignored) {
      // not Bodhi's error shape (an HTML proxy page, ...): the generic exception carries the excerpt
    }
    return out;
  }

  private static SavedUpdates saved(JsonNode json) {
    List<String> caveats = new ArrayList<>();
    for (JsonNode c : json.path("caveats")) {
      caveats.add(c.path("description").asText(c.asText()));
    }
    List<BodhiUpdate> updates = new ArrayList<>();
    if (json.has("updates")) {
      for (JsonNode u : json.get("updates")) {
        updates.add(update(u, caveats));
      }
    } else {
      updates.add(update(json, caveats));
    }
    return new SavedUpdates(updates, caveats);
  }

  static BodhiRelease release(JsonNode r) {
    return new BodhiRelease(r.path("name").asText(""), r.path("long_name").asText(""), r.path("version").asText(""),
        r.path("id_prefix").asText(""), r.path("branch").asText(""), r.path("dist_tag").asText(""),
        r.path("stable_tag").asText(""), r.path("testing_tag").asText(""), r.path("candidate_tag").asText(""),
        r.path("override_tag").asText(""), r.path("state").asText(""), r.path("composed_by_bodhi").asBoolean(true),
        r.path("create_automatic_updates").asBoolean(false), r.path("eol").isNull() ? "" : r.path("eol").asText(""));
  }

  static BodhiUpdate update(JsonNode u, List<String> caveats) {
    List<String> builds = new ArrayList<>();
    for (JsonNode b : u.path("builds")) {
      builds.add(b.isTextual() ? b.asText() : b.path("nvr").asText(""));
    }
    List<Long> bugs = new ArrayList<>();
    for (JsonNode b : u.path("bugs")) {
      bugs.add(b.isNumber() ? b.asLong() : b.path("bug_id").asLong());
    }
    JsonNode release = u.path("release");
    JsonNode user = u.path("user");
    List<String> own = new ArrayList<>(caveats);
    for (JsonNode c : u.path("caveats")) {
      own.add(c.path("description").asText(c.asText()));
    }
    return new BodhiUpdate(u.path("alias").asText(""), u.path("title").asText(""), u.path("status").asText(""),
        u.path("request").isNull() ? "" : u.path("request").asText(""), u.path("type").asText(""),
        u.path("severity").asText(""), u.path("url").asText(""), u.path("notes").asText(""),
        release.isTextual() ? release.asText() : release.path("name").asText(""),
        user.isTextual() ? user.asText() : user.path("name").asText(""), builds, bugs,
        u.path("stable_karma").asInt(0), u.path("unstable_karma").asInt(0), u.path("karma").asInt(0),
        u.path("from_tag").isNull() ? "" : u.path("from_tag").asText(""), own);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "BodhiClient[" + baseUri + (authenticator == null ? "" : ", " + authenticator) + "]";
  }

  /** Keeps Bodhi's session cookies (session with the CSRF token, {@code auth_tkt}) per host. */
  private static final class CookieJar implements Interceptor {
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    @Override
    public HttpResponse intercept(Chain chain) throws IOException {
      HttpRequest req = chain.request();
      if (!cookies.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        cookies.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        req = req.withHeader("Cookie", sb.toString());
      }
      HttpResponse r = chain.proceed(req);
      for (String header : r.headers().allValues("Set-Cookie")) {
        try {
          for (HttpCookie c : HttpCookie.parse(header)) {
            if (c.getMaxAge() == 0) {
              cookies.remove(c.getName());
            } else {
              cookies.put(c.getName(), c.getValue());
            }
          }
        } catch (IllegalArgumentException ignored) {
          // a malformed cookie is not ours to fix
        }
      }
      return r;
    }

    void clear() {
      cookies.clear();
    }

    @Override
    public String toString() {
      return "CookieJar[" + cookies.size() + " cookies]";
    }
  }

  /** Configures a {@link BodhiClient}. */
  public static final class Builder {
    private URI baseUri = URI.create("https://bodhi.fedoraproject.org/");
    private HttpTransport transport = HttpTransport.jdk();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private BodhiAuthenticator authenticator;

    Builder() {}

    /**
     * @param uri Bodhi's root, ending in {@code /} (default production)
     * @return this builder
     */
    public Builder baseUri(URI uri) {
      Objects.requireNonNull(uri, "uri == null");
      this.baseUri = uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
      return this;
    }

    /**
     * @param transport the HTTP transport (default the JDK client)
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    /**
     * @param policy retry policy for idempotent requests
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * @param sleeper how retries wait
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * @param authenticator how to open a session for saving updates (reads need none)
     * @return this builder
     */
    public Builder authenticator(BodhiAuthenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator == null");
      return this;
    }

    /** @return the client */
    public BodhiClient build() {
      return new BodhiClient(this);
    }
  }
}
