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
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
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
 * in between (the token lives in the signed session cookie). Bug ids go out as strings, the form
 * Bodhi's schema accepts.
 *
 * <p>Sessions expire: Bodhi's {@code auth_tkt} lasts {@code authtkt.timeout} (24 hours by default)
 * and, once expired, Bodhi answers a save with <b>403</b> "... failed permission check", not 401.
 * The client tracks the cookie's {@code Max-Age}/{@code Expires} (else the session age, against
 * {@link Builder#sessionLifetime}) on the injected {@link Clock} and logs in again shortly before
 * the session ends. A 403 that may mean an expired session ("failed permission check", or no
 * Bodhi error body), a 401, or "CSRF tokens do not match" clears the session, logs in again and
 * retries the save once; if the retry is refused again, or Bodhi refused an ACL ("X does not have
 * commit access to Y"), it is a {@link BodhiPermissionException}. Never more than one retry.
 *
 * <p>Error bodies become {@link BodhiException}s with the parsed errors;
 * "Update for X already exists" and "Update already exists using this side tag" become
 * {@link UpdateAlreadyExistsException}, with the existing alias looked up by build when possible;
 * editing an alias Bodhi does not know (400 "Cannot find update to edit") is an
 * {@link UnknownUpdateException}. Querying updates of a user Bodhi has never seen (400 "Invalid
 * users specified") returns no updates; an unknown release (400 "Invalid releases specified")
 * throws, since it is a wrong name rather than an empty answer.
 *
 * <p>Immutable and thread-safe (the session is shared and synchronised); share one instance.
 */
public final class BodhiClient {
  /** The release states Packit's aliases use: current, pending and frozen. */
  public static final List<String> ACTIVE_STATES = List.of("current", "pending", "frozen");
  private static final Pattern ALREADY_EXISTS = Pattern.compile("Update for (\\S+) already exists");
  private static final String SIDE_TAG_EXISTS = "Update already exists using this side tag";
  private static final String CANNOT_FIND_UPDATE = "Cannot find update to edit";

  private final URI baseUri;
  private final HttpService http;
  private final BodhiAuthenticator authenticator;
  private final Clock clock;
  private final Duration sessionLifetime;
  private final Duration renewBefore;
  private final CookieJar cookies;
  private final Object sessionLock = new Object();
  private volatile boolean loggedIn;
  /** When the current Bodhi session ({@code auth_tkt}) stops working; null when not logged in. */
  private volatile Instant sessionExpiresAt;
  private volatile String csrfToken;

  private BodhiClient(Builder b) {
    this.baseUri = b.baseUri;
    this.authenticator = b.authenticator;
    this.clock = b.clock;
    this.sessionLifetime = b.sessionLifetime;
    this.renewBefore = b.renewBefore;
    this.cookies = new CookieJar(b.clock);
    HttpService.Builder hb = HttpService.builder().service("bodhi").baseUri(b.baseUri);
    if (b.options != null) {
      hb.options(b.options); // User-Agent and timeout; the four below are the builder's, possibly overridden
    }
    this.http = hb.transport(b.transport).retryPolicy(b.retryPolicy).sleeper(b.sleeper).clock(b.clock).interceptor(cookies).build();
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
   * @return the page; empty when the query names a user Bodhi does not know (Bodhi answers 400
   *     "Invalid users specified": a user who never logged in has no updates)
   * @throws BodhiException 400 "Invalid releases specified: X" for a release Bodhi does not know
   */
  public BodhiPage<BodhiUpdate> updates(UpdateQuery query, int page) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be >= 1: " + page);
    }
    JsonNode json;
    try {
      json = getJson("updates/" + query.toQueryString(page));
    } catch (BodhiException e) {
      // Bodhi knows only users who logged in once: for anyone else "their updates" are none,
      // unlike an unknown release, which is a wrong name and stays an error
      if (e.status() == 400 && !e.errors().isEmpty()
          && e.errors().stream().allMatch(err -> err.description().startsWith("Invalid users specified"))) {
        return new BodhiPage<>(List.of(), page, 1, 0);
      }
      throw e;
    }
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
   * @return the updates; none for a user Bodhi does not know
   * @throws BodhiException 400 "Invalid releases specified: X" for a release Bodhi does not know
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
   * @throws UnknownUpdateException when Bodhi has no update with this alias
   * @throws BodhiPermissionException when the session's user may not edit it
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
        BodhiException e = error(r.status(), "POST", "updates/", text, r.header("x-request-id").orElse(null), request,
            alias, attempt > 1);
        if (attempt == 1 && mayBeSessionProblem(r.status(), e)) {
          // one fresh login and one retry; the second answer stands, whatever it is
          resetSession(r.status() == 401);
          continue;
        }
        throw e;
      }
    }
  }

  /** A 401, a stale CSRF token, or a 403 an expired {@code auth_tkt} produces (not an ACL refusal). */
  private static boolean mayBeSessionProblem(int status, BodhiException e) {
    if (status == 401 || e.mentions("CSRF tokens do not match")) {
      return true;
    }
    return (status == 403 && (e.errors().isEmpty() || e.mentions("failed permission check")))
        || e.mentions("No ACLs for anonymous user");
  }

  private void ensureSession() {
    if (authenticator == null) {
      return;
    }
    Instant expires = sessionExpiresAt;
    if (loggedIn && expires != null && !clock.instant().isBefore(expires.minus(renewBefore))) {
      // the auth_tkt is about to expire: Bodhi would answer 403, so start a new session now
      resetSession(false);
    }
    if (loggedIn) {
      return;
    }
    URI target = baseUri.resolve("oidc/login-token");
    HttpRequest req = HttpRequest.get(target)
        .withHeader("Authorization", authenticator.authorization(target).reveal());
    Instant started = clock.instant();
    try (HttpResponse r = http.exchangeBuffered(req)) {
      String text = r.text();
      if (!r.isSuccessful()) {
        authenticator.invalidate();
        throw error(r.status(), "GET", "oidc/login-token", text, r.header("x-request-id").orElse(null), null, null,
            false);
      }
    }
    Instant cookieExpiry = cookies.expiry("auth_tkt");
    Instant byAge = started.plus(sessionLifetime);
    sessionExpiresAt = cookieExpiry != null && cookieExpiry.isBefore(byAge) ? cookieExpiry : byAge;
    loggedIn = true;
  }

  /**
   * Forgets the session (cookies, CSRF token); the next save logs in again.
   *
   * @param credentialsRejected whether the authenticator's cached credentials are bad too
   */
  private void resetSession(boolean credentialsRejected) {
    synchronized (sessionLock) {
      cookies.clear();
      csrfToken = null;
      loggedIn = false;
      sessionExpiresAt = null;
      if (credentialsRejected && authenticator != null) {
        authenticator.invalidate();
      }
    }
  }

  // ------------------------------------------------------------------------------ JSON

  private JsonNode getJson(String relative) {
    try (HttpResponse r = http.exchangeBuffered(HttpRequest.get(relative).withHeader("Accept", "application/json"))) {
      String text = r.text();
      if (!r.isSuccessful()) {
        throw error(r.status(), "GET", relative, text, r.header("x-request-id").orElse(null), null, null, false);
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
      UpdateRequest request, String editedAlias, boolean afterFreshLogin) {
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
    if (editedAlias != null && errors.stream().anyMatch(e -> e.description().startsWith(CANNOT_FIND_UPDATE))) {
      return new UnknownUpdateException(details.retryable(false), errors, editedAlias);
    }
    if (status == 403 && "POST".equals(method)) {
      return new BodhiPermissionException(details.retryable(false), errors, afterFreshLogin);
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
      // a single update carries the caveats inside its own object: take them once
      updates.add(update(json, List.of()));
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

  /**
   * Keeps Bodhi's session cookies (session with the CSRF token, {@code auth_tkt}) and when each
   * expires, measured on the injected clock ({@link HttpCookie} would use the system clock).
   */
  private static final class CookieJar implements Interceptor {
    private static final DateTimeFormatter NETSCAPE =
        DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss zzz", Locale.ROOT);
    private final Clock clock;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    CookieJar(Clock clock) {
      this.clock = clock;
    }

    @Override
    public HttpResponse intercept(Chain chain) throws IOException {
      HttpRequest req = chain.request();
      Instant now = clock.instant();
      expiries.forEach((name, at) -> {
        if (!now.isBefore(at)) {
          cookies.remove(name);
          expiries.remove(name, at);
        }
      });
      if (!cookies.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        cookies.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        req = req.withHeader("Cookie", sb.toString());
      }
      HttpResponse r = chain.proceed(req);
      for (String header : r.headers().allValues("Set-Cookie")) {
        try {
          for (HttpCookie c : HttpCookie.parse(header)) {
            Instant expiry = expiry(header, now);
            if (c.getMaxAge() == 0 || (expiry != null && !now.isBefore(expiry))) {
              cookies.remove(c.getName());
              expiries.remove(c.getName());
            } else {
              cookies.put(c.getName(), c.getValue());
              if (expiry != null) {
                expiries.put(c.getName(), expiry);
              } else {
                expiries.remove(c.getName());
              }
            }
          }
        } catch (IllegalArgumentException ignored) {
          // a malformed cookie is not ours to fix
        }
      }
      return r;
    }

    /** Max-Age wins over Expires (RFC 6265 5.3); null for a session cookie. */
    static Instant expiry(String setCookie, Instant now) {
      Instant expires = null;
      for (String part : setCookie.split(";")) {
        String p = part.strip();
        int eq = p.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = p.substring(eq + 1).strip();
        if (name.equals("max-age")) {
          try {
            return now.plusSeconds(Math.max(0, Long.parseLong(value)));
          } catch (NumberFormatException ignored) {
            // RFC 6265: ignore a malformed attribute
          }
        } else if (name.equals("expires")) {
          expires = parseDate(value);
        }
      }
      return expires;
    }

    private static Instant parseDate(String value) {
      for (DateTimeFormatter f : List.of(DateTimeFormatter.RFC_1123_DATE_TIME, NETSCAPE)) {
        try {
          return ZonedDateTime.parse(value, f).toInstant();
        } catch (DateTimeParseException ignored) {
          // try the next format
        }
      }
      return null;
    }

    Instant expiry(String name) {
      return cookies.containsKey(name) ? expiries.get(name) : null;
    }

    void clear() {
      cookies.clear();
      expiries.clear();
    }

    @Override
    public String toString() {
      return "CookieJar[" + cookies.size() + " cookies]";
    }
  }

  /** Configures a {@link BodhiClient}. */
  public static final class Builder {
    private URI baseUri = dev.packit.fedora.FedoraInstance.production().bodhi();
    private HttpTransport transport = HttpTransport.jdk();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private BodhiAuthenticator authenticator;
    private Duration sessionLifetime = Duration.ofHours(24);
    private Duration renewBefore = Duration.ofMinutes(5);
    private dev.packit.core.http.HttpClientOptions options;

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
     * Applies the shared client settings: transport (when set), retry policy, sleeper, clock, {@code User-Agent} and timeout (when set).
     * Setters called afterwards override single settings.
     *
     * @param options the shared settings, e.g. {@code FedoraServices.options()}
     * @return this builder
     * @since 0.2.0
     */
    public Builder options(dev.packit.core.http.HttpClientOptions options) {
      this.options = Objects.requireNonNull(options, "options == null");
      options.transport().ifPresent(t -> this.transport = t);
      this.retryPolicy = options.retryPolicy();
      this.sleeper = options.sleeper();
      this.clock = options.clock();
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
     * @param clock the clock retries, cookie expiry and the session age are measured on
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

    /**
     * How long a Bodhi session lasts when the {@code auth_tkt} cookie states no {@code Max-Age} or
     * {@code Expires}: Bodhi's {@code authtkt.timeout}, 24 hours by default.
     *
     * @param lifetime the session lifetime, positive
     * @return this builder
     */
    public Builder sessionLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime == null");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("sessionLifetime must be positive: " + lifetime);
      }
      this.sessionLifetime = lifetime;
      return this;
    }

    /**
     * How long before the session's end the client logs in again (default 5 minutes), so that a
     * save never races the expiry.
     *
     * @param margin the margin, zero or positive
     * @return this builder
     */
    public Builder renewBefore(Duration margin) {
      Objects.requireNonNull(margin, "margin == null");
      if (margin.isNegative()) {
        throw new IllegalArgumentException("renewBefore must not be negative: " + margin);
      }
      this.renewBefore = margin;
      return this;
    }

    /** @return the client */
    public BodhiClient build() {
      return new BodhiClient(this);
    }
  }
}
