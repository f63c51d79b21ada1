package dev.packit.testkit.internal.koji;

import org.jspecify.annotations.Nullable;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.packit.core.InvalidInputException;
import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.spec.SpecOptions;
import dev.packit.fedora.internal.xmlrpc.KojiArgs;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCall;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import dev.packit.fedora.internal.xmlrpc.XmlRpcFault;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The sandbox's fake Koji hub (tests reach it through {@link dev.packit.testkit.SandboxKoji}), speaking XML-RPC over HTTP: sessions, builds, tasks, targets, tags and side tags,
 * with builds that move from BUILDING to COMPLETE (or FAILED) when its clock says so.
 *
 * <pre>{@code
 * FakeKojiHub hub = FakeKojiHub.builder().gitRoot(root.resolve("git")).build();  // FedoraSandbox mounts it at /kojihub
 * hub.onMessage(m -> bus.publish(m.topic(), m.body()));
 * long task = koji.build(...);                       // any Koji client pointed at sandbox.baseUri() + "kojihub"
 * hub.advance(Duration.ofMinutes(5));                // builds finish, messages are emitted
 * }</pre>
 *
 * <p>Login: {@code sslLogin} posted to {@code /kojihub/ssllogin} with an {@code Authorization:
 * Negotiate <base64>} header. The fake cannot check Kerberos; by its convention a token that
 * decodes to printable text such as {@code packit@FEDORAPROJECT.ORG} logs in as the part before
 * {@code @}, anything else as {@linkplain Builder#defaultUser the default user}. Sessions travel as
 * {@code Koji-Session-*} headers or {@code session-id}/{@code session-key}/{@code callnum} query
 * parameters, with Koji's callnum rules ({@code SequenceError}, {@code RetryError}).
 *
 * <p>NVRs come from the spec file in the sandbox's git repository at the requested commit, evaluated
 * by {@link SpecFile} with {@code %dist} set from the target's build tag ({@code .fc44}), or from
 * {@link Builder#nvrResolver}. Every build state change is delivered to the {@link
 * #onMessage} listeners as a {@code buildsys.build.state.change} body shaped like Fedora's hub
 * plugin; scratch builds emit {@code buildsys.task.state.change}; a build landing in a side tag also
 * emits {@code buildsys.tag}. Thread-safe.
 */
public final class FakeKojiHub implements HttpHandler {
  /**
   * A message the hub emitted, as fedora-messaging would carry it.
   *
   * <pre>{@code
   * hub.onMessage(m -> System.out.println(m.topic() + " " + m.body().get("nvr")));
   * }</pre>
   */
  public record Message(String id, String topic, Map<String, Object> headers, Map<String, Object> body) {
    /** Freezes the maps. */
    public Message {
      Objects.requireNonNull(topic, "topic == null");
      headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }
  }

  /**
   * What a build was asked to build; handed to an {@link Builder#nvrResolver}.
   *
   * <pre>{@code
   * FakeKojiHub.builder().nvrResolver(src -> Optional.of("hello-1.1.0-1.fc44")).build();
   * }</pre>
   */
  public record Source(String url, String repository, String commit, String target, boolean scratch) {}

  private static final XmlRpcCodec CODEC = XmlRpcCodec.defaults();
  private static final DateTimeFormatter PY_STR = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final Pattern GIT_SRC = Pattern.compile("git\\+(\\w+://[^#]+?)(?:\\.git)?/?#([0-9a-fA-F]{7,40})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration buildDuration;
  private final Path gitRoot;
  private final String defaultUser;
  private final String webUrl;
  private final String topicPrefix;
  private final boolean headerAuth;
  private final Duration sessionLifetime;
  private final Function<Source, Optional<String>> nvrResolver;
  private final List<Consumer<Message>> listeners = new CopyOnWriteArrayList<>();

  // All state below is guarded by "this".
  private Duration offset = Duration.ZERO;
  private final Set<String> failingPackages = new HashSet<>();
  private Set<String> sideTagSuffixes;
  private final Map<Long, User> users = new LinkedHashMap<>();
  private final Map<Long, Session> sessions = new HashMap<>();
  private final Map<Long, Task> tasks = new TreeMap<>();
  private final Map<Long, Build> builds = new TreeMap<>();
  private final Map<String, Long> packages = new LinkedHashMap<>();
  private final Map<String, Tag> tags = new LinkedHashMap<>();
  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final Set<String> admins = new HashSet<>();
  private volatile String remoteUserHeader;
  private long nextTaskId = 80_860_894L;
  private long nextBuildId = 1_874_074L;
  private long nextSessionId = 123_456_789L;
  private long nextTagId = 12_345L;
  private long nextEventId = 67_495_748L;
  private long nextUserId = 1_043L;
  private int calls;

  private FakeKojiHub(Builder b) {
    this.clock = b.clock;
    this.buildDuration = b.buildDuration;
    this.gitRoot = b.gitRoot;
    this.defaultUser = b.defaultUser;
    this.webUrl = b.webUrl;
    this.topicPrefix = b.topicPrefix;
    this.headerAuth = b.headerAuth;
    this.sessionLifetime = b.sessionLifetime;
    this.nvrResolver = b.nvrResolver;
    this.failingPackages.addAll(b.failingPackages);
    user(defaultUser);
    for (String release : b.releases) {
      addRelease(release);
    }
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link FakeKojiHub}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration buildDuration = Duration.ofMinutes(2);
    private Path gitRoot;
    private String defaultUser = "packit";
    private String webUrl = "https://koji.fedoraproject.org";
    private String topicPrefix = "org.fedoraproject.prod";
    private boolean headerAuth = true;
    private Duration sessionLifetime = Duration.ofHours(24);
    private Function<Source, Optional<String>> nvrResolver = s -> Optional.empty();
    private final Set<String> failingPackages = new HashSet<>();
    private final List<String> releases = new ArrayList<>(List.of("rawhide:44", "f43", "f42", "f41"));

    Builder() {}

    /**
     * @param clock the hub's clock; {@link FakeKojiHub#advance} moves the hub ahead of it
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * @param d how long a build runs before it finishes (default 2 minutes)
     * @return this builder
     */
    public Builder buildDuration(Duration d) {
      this.buildDuration = Objects.requireNonNull(d, "buildDuration == null");
      return this;
    }

    /**
     * @param root folder holding bare repositories as {@code <name>.git} (e.g. {@code rpms/hello.git}), read for spec files
     * @return this builder
     */
    public Builder gitRoot(Path root) {
      this.gitRoot = root;
      return this;
    }

    /**
     * @param user the user a login without a readable principal becomes (default {@code packit})
     * @return this builder
     */
    public Builder defaultUser(String user) {
      this.defaultUser = Objects.requireNonNull(user, "defaultUser == null");
      return this;
    }

    /**
     * @param url the web root put in messages ({@code base_url}, {@code url})
     * @return this builder
     */
    public Builder webUrl(String url) {
      this.webUrl = Objects.requireNonNull(url, "webUrl == null");
      return this;
    }

    /**
     * @param prefix topic prefix of emitted messages (default {@code org.fedoraproject.prod})
     * @return this builder
     */
    public Builder topicPrefix(String prefix) {
      this.topicPrefix = Objects.requireNonNull(prefix, "topicPrefix == null");
      return this;
    }

    /**
     * @param headerAuth whether {@code sslLogin} answers {@code header-auth: true} (hub 1.30 and later; default)
     * @return this builder
     */
    public Builder headerAuth(boolean headerAuth) {
      this.headerAuth = headerAuth;
      return this;
    }

    /**
     * @param lifetime how long a session lives after its login or renewal on the hub's clock
     *     (Koji's {@code SessionRenewalTimeout}, default 24 hours); then calls get {@code AuthExpired}
     * @return this builder
     */
    public Builder sessionLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("sessionLifetime must be positive: " + lifetime);
      }
      this.sessionLifetime = lifetime;
      return this;
    }

    /**
     * @param resolver returns the NVR to build for a source, or empty to read the spec from git
     * @return this builder
     */
    public Builder nvrResolver(Function<Source, Optional<String>> resolver) {
      this.nvrResolver = Objects.requireNonNull(resolver, "nvrResolver == null");
      return this;
    }

    /**
     * @param pkg a package whose builds fail
     * @return this builder
     */
    public Builder failingPackage(String pkg) {
      this.failingPackages.add(pkg);
      return this;
    }

    /**
     * @param releases releases to create targets for, as {@code f41} or {@code rawhide:44}; replaces the defaults
     * @return this builder
     */
    public Builder releases(String... releases) {
      this.releases.clear();
      this.releases.addAll(List.of(releases));
      return this;
    }

    /**
     * Builds the hub.
     *
     * @return the hub
     */
    public FakeKojiHub build() {
      return new FakeKojiHub(this);
    }
  }

  // ------------------------------------------------------------------ test controls

  /**
   * Sits behind an authenticating proxy, as the real hub sits behind Apache and reads {@code
   * REMOTE_USER}: {@code sslLogin} logs in the user named by this request header (realm dropped),
   * which the proxy sets from {@code mod_auth_gssapi}'s user or the client certificate's CN, and
   * refuses a login without it. The proxy must strip the header from client requests.
   *
   * <pre>{@code
   * sandbox.koji().trustRemoteUser("X-Remote-User");
   * }</pre>
   *
   * @param header the header name, or null for the sandbox's own convention (the Negotiate token)
   */
  public void trustRemoteUser(@Nullable String header) {
    this.remoteUserHeader = header;
  }

  /**
   * Registers a listener for emitted messages; called on the thread that moved the build.
   *
   * @param listener receives each message
   */
  public void onMessage(Consumer<Message> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /**
   * Moves the hub's time ahead and finishes every build that is due.
   *
   * @param d how far to move
   */
  public void advance(Duration d) {
    synchronized (this) {
      offset = offset.plus(d);
    }
    step();
  }

  /** Finishes every build that is due by the hub's current time. */
  public void step() {
    List<Message> out = new ArrayList<>();
    synchronized (this) {
      Instant now = now();
      for (Task t : tasks.values()) {
        if (!t.state.finished() && !t.createTime.plus(buildDuration).isAfter(now)) {
          finish(t, now, out);
        }
      }
    }
    deliver(out);
  }

  /**
   * Makes builds of a package fail from now on.
   *
   * @param pkg the package name
   */
  public synchronized void failPackage(String pkg) {
    failingPackages.add(pkg);
  }

  /**
   * Restricts side-tag suffixes as the hub's sidetag plugin {@code allowed_suffixes} does; others get
   * {@code GenericError "<suffix> suffix is not allowed for sidetag"}. By default every suffix is allowed.
   *
   * @param suffixes the allowed suffixes
   */
  public synchronized void allowSideTagSuffixes(String... suffixes) {
    sideTagSuffixes = new HashSet<>(List.of(suffixes));
  }

  /** Expires every session: the next call with one gets {@code AuthExpired}. */
  public synchronized void expireSessions() {
    sessions.values().forEach(s -> s.expired = true);
  }

  /**
   * Lets a user create high-priority tasks.
   *
   * @param user the user name
   */
  public synchronized void grantAdmin(String user) {
    admins.add(user);
  }

  /**
   * Adds a package to a tag's package list (as {@code checkTagPackage} sees it).
   *
   * @param tag tag name, created if missing
   * @param pkg package name
   */
  public synchronized void addPackage(String tag, String pkg) {
    tag(tag).packages.add(pkg);
    packageId(pkg);
  }

  /**
   * Adds a release's tags and targets: {@code fNN-build}, {@code fNN-updates-candidate},
   * targets {@code fNN} and {@code fNN-candidate}; {@code rawhide:NN} adds target {@code rawhide}.
   *
   * @param release {@code f41} or {@code rawhide:44}
   */
  public synchronized void addRelease(String release) {
    if (release.startsWith("rawhide:")) {
      String n = release.substring("rawhide:".length());
      String build = "f" + n + "-build";
      addTarget("rawhide", build, "f" + n);
      addTarget("f" + n, build, "f" + n);
      addTarget("f" + n + "-candidate", build, "f" + n);
    } else {
      String build = release + "-build";
      addTarget(release + "-candidate", build, release + "-updates-candidate");
      addTarget(release, build, release + "-updates-candidate");
    }
  }

  /**
   * Adds a build target.
   *
   * @param name target name
   * @param buildTag build tag name
   * @param destTag destination tag name
   */
  public synchronized void addTarget(String name, String buildTag, String destTag) {
    targets.put(name, new Target(targets.size() + 1L, name, tag(buildTag), tag(destTag)));
  }

  /**
   * Returns a snapshot of every build the hub knows, as {@code getBuild} returns them.
   *
   * @return build structs by id
   */
  public synchronized List<Map<String, Object>> builds() {
    return builds.values().stream().map(this::buildInfo).collect(Collectors.toList());
  }

  /**
   * Returns a snapshot of every task, as {@code getTaskInfo(id, request=True)} returns them.
   *
   * @return task structs
   */
  public synchronized List<Map<String, Object>> tasks() {
    return tasks.values().stream().map(t -> taskInfo(t, true)).collect(Collectors.toList());
  }

  /**
   * Returns how many XML-RPC HTTP requests the hub has answered (a multicall counts once).
   *
   * @return the request count
   */
  public synchronized int httpCalls() {
    return calls;
  }

  /**
   * Returns, for each open session id, how many times it was renewed ({@code sslLogin(renew=True)}).
   *
   * <pre>{@code
   * assertEquals(Map.of(123456789L, 1), hub.sessionRenewals()); // one session, renewed once
   * }</pre>
   *
   * @return session id to renewal count, in login order
   */
  public synchronized Map<Long, Integer> sessionRenewals() {
    Map<Long, Integer> out = new TreeMap<>();
    sessions.values().forEach(s -> out.put(s.id, s.renewals));
    return out;
  }

  /**
   * Imports a COMPLETE build directly, as if built long ago, and tags it.
   *
   * @param nvr name-version-release
   * @param tag tag to put it in, or {@code null}
   * @return the build id
   */
  public synchronized long importBuild(String nvr, @Nullable String tag) {
    String[] nvrParts = splitNvr(nvr);
    Build b = new Build(nextBuildId++, nvrParts[0], nvrParts[1], nvrParts[2], users.values().iterator().next(), null, null, now());
    b.state = BuildState.COMPLETE;
    b.completionTime = now();
    builds.put(b.id, b);
    if (tag != null) {
      tag(tag).tagged.add(0, b.id);
      tag(tag).packages.add(b.name);
    }
    return b.id;
  }

  private Instant now() {
    return clock.instant().plus(offset);
  }

  // ------------------------------------------------------------------ HTTP

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        // byte for byte what kojixmlrpc answers (real-hub-1.35/http-GET.405.response.txt)
        ex.getResponseHeaders().set("Allow", "POST");
        text(ex, 405, "Method Not Allowed\nThis is an XML-RPC server. Only POST requests are accepted.\n");
        return;
      }
      XmlRpcCall call;
      try (InputStream in = ex.getRequestBody()) {
        call = CODEC.decodeCall(in, "POST " + ex.getRequestURI().getPath());
      } catch (InvalidInputException e) {
        text(ex, 400, "Bad Request: " + e.getMessage() + "\n");
        return;
      }
      Object result;
      List<Message> out = new ArrayList<>();
      byte[] body;
      synchronized (this) {
        calls++;
      }
      step();
      try {
        synchronized (this) {
          Request req = new Request(ex, call);
          result = dispatchTop(req, out);
        }
        body = CODEC.encodeResponse(result);
      } catch (Fault f) {
        body = CODEC.encodeFault(new XmlRpcFault(f.code, f.getMessage()));
      } catch (RuntimeException e) {
        body = CODEC.encodeFault(new XmlRpcFault(1, "<class '" + e.getClass().getSimpleName() + "'>: " + e.getMessage()));
      }
      deliver(out);
      ex.getResponseHeaders().set("Content-Type", "text/xml");
      ex.getResponseHeaders().set("Koji-Version", "1.35.0");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  private static void text(HttpExchange ex, int status, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private void deliver(List<Message> out) {
    for (Message m : out) {
      for (Consumer<Message> l : listeners) {
        l.accept(m);
      }
    }
  }

  /** A Koji fault raised while dispatching. */
  private static final class Fault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Fault(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private static Fault generic(String msg) {
    return new Fault(1000, msg);
  }

  private static final class Request {
    final HttpExchange ex;
    final XmlRpcCall call;
    final Map<String, String> query = new HashMap<>();
    Session session;

    Request(HttpExchange ex, XmlRpcCall call) {
      this.ex = ex;
      this.call = call;
      String raw = ex.getRequestURI().getRawQuery();
      if (raw != null) {
        for (String kv : raw.split("&")) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            query.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
      }
    }

    String param(String header, String queryName) {
      String h = ex.getRequestHeaders().getFirst(header);
      return h != null ? h : query.get(queryName);
    }
  }

  private Object dispatchTop(Request req, List<Message> out) {
    boolean login = req.ex.getRequestURI().getPath().endsWith("/ssllogin");
    String sid = req.param("Koji-Session-Id", "session-id");
    String key = req.param("Koji-Session-Key", "session-key");
    String callnum = req.param("Koji-Session-Callnum", "callnum");
    Long n = null;
    if (sid != null) {
      Session s = sessions.get(parseLong(sid));
      if (s == null || !s.key.equals(key)) {
        if (!(login && "sslLogin".equals(req.call.methodName()))) {
          throw new Fault(1002, "Invalid session or bad credentials");
        }
      } else if (expired(s) && !login) {
        throw new Fault(1007, "session \"" + s.id + "\" has expired");
      } else {
        if (callnum != null) {
          // koji/auth.py: the hub compares with the last callnum it stored, and stores one only
          // when the call commits (a write): a repeated read runs again, a repeated write is
          // refused (real-hub-1.35: getBuild.retransmitted-read, build.fault-RetryError).
          n = parseLong(callnum);
          if (s.lastCallnum != null && s.lastCallnum > n) {
            throw new Fault(1008, s.lastCallnum + " > " + n + " (session " + s.id + ")");
          }
          if (s.lastCallnum != null && s.lastCallnum.longValue() == n) {
            throw new Fault(1009, "unable to retry call " + n + " (method " + req.call.methodName() + ") for session " + s.id);
          }
        }
        req.session = s;
      }
    }
    if (login) {
      if (!"sslLogin".equals(req.call.methodName())) {
        throw generic("only sslLogin is served at /ssllogin");
      }
      return sslLogin(req, KojiArgs.decode(req.call.params()));
    }
    Object result = dispatch(req, req.call.methodName(), req.call.params(), out, true);
    if (n != null && req.session != null && writes(req.call)) {
      req.session.lastCallnum = n; // the call committed
    }
    return result;
  }

  /** Hub methods that only read; anything else commits, and only a commit stores the callnum. */
  private static final Pattern READ =
      Pattern.compile("^(get|list|query|has|check|search|count)[A-Z].*|^echo$|^hello$|^getAPIVersion$");

  private static boolean writes(XmlRpcCall call) {
    if (!"multiCall".equals(call.methodName())) {
      return !READ.matcher(call.methodName()).matches();
    }
    if (!call.params().isEmpty() && call.params().get(0) instanceof List<?> inner) {
      for (Object c : inner) {
        if (c instanceof Map<?, ?> m && m.get("methodName") instanceof String name && !READ.matcher(name).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Koji 1.35 expires a session {@code SessionRenewalTimeout} (24 h) after its login or last renewal. */
  private boolean expired(Session s) {
    return s.expired || !now().isBefore(s.renewTime.plus(sessionLifetime));
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new Fault(1002, "Invalid session or bad credentials");
    }
  }

  private Map<String, Object> sslLogin(Request req, KojiArgs.Decoded a) {
    String trusted = remoteUserHeader;
    String auth = req.ex.getRequestHeaders().getFirst("Authorization");
    String name = defaultUser;
    if (trusted != null) {
      String remote = req.ex.getRequestHeaders().getFirst(trusted);
      if (remote == null || remote.isBlank()) {
        throw new Fault(1002, "No remote user or client certificate (the proxy authenticated nobody)");
      }
      // Koji maps REMOTE_USER (krb principal) or the certificate's CN to a user, without the realm
      name = remote.contains("@") ? remote.substring(0, remote.indexOf('@')) : remote.trim();
    } else if (auth == null || !auth.regionMatches(true, 0, "Negotiate ", 0, 10)) {
      throw new Fault(1002, "No remote user or client certificate (GSSAPI required)");
    } else {
      try {
        String principal = new String(Base64.getDecoder().decode(auth.substring(10).trim()), StandardCharsets.UTF_8);
        if (principal.matches("[A-Za-z0-9._-]+(@[A-Za-z0-9.-]+)?")) {
          name = principal.contains("@") ? principal.substring(0, principal.indexOf('@')) : principal;
        }
      } catch (IllegalArgumentException e) {
        // not base64 text: the default user
      }
    }
    User u = user(name);
    boolean renew = Boolean.TRUE.equals(a.kwargs().get("renew"));
    Session s;
    if (renew && req.param("Koji-Session-Id", "session-id") != null
        && sessions.get(parseLong(req.param("Koji-Session-Id", "session-id"))) != null) {
      // Koji renews in place: the same session id with a new key, and the session keeps its last
      // callnum (real-hub-1.35: sslLogin.renew-same-id, getLoggedInUser.fault-SequenceError-after-renew).
      s = sessions.get(parseLong(req.param("Koji-Session-Id", "session-id")));
      s.key = newKey(u);
      s.expired = false;
      s.renewTime = now();
      s.renewals++;
    } else {
      s = new Session(nextSessionId++, newKey(u), u, now());
      sessions.put(s.id, s);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("session-id", s.id);
    r.put("session-key", s.key);
    r.put("header-auth", headerAuth);
    return r;
  }

  private static String newKey(User u) {
    String alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder().append(u.id).append('-');
    for (int i = 0; i < 19; i++) {
      sb.append(alnum.charAt(RANDOM.nextInt(alnum.length())));
    }
    return sb.toString();
  }

  private User requireLogin(Request req) {
    if (req.session == null) {
      throw new Fault(1004, "you must be logged in for this operation");
    }
    return req.session.user;
  }

  private Object dispatch(Request req, String method, List<Object> params, List<Message> out, boolean top) {
    KojiArgs.Decoded a = KojiArgs.decode(params);
    checkKwargs(method, a);
    switch (method) {
      case "getSessionInfo":
        return req.session == null ? null : sessionInfo(req.session);
      case "createEmptyBuild":
        return createEmptyBuild(req, a);
      case "hello":
        return "Hello World!";
      case "getAPIVersion":
        return 1L;
      case "getKojiVersion":
        return "1.35.0";
      case "getLoggedInUser":
        return req.session == null ? null : userInfo(req.session.user);
      case "logout":
        if (req.session != null) {
          sessions.remove(req.session.id);
        }
        return null;
      case "multiCall":
        if (!top) {
          throw generic("multicall calls cannot be nested");
        }
        return multiCall(req, a.arg(0, "calls", List.of()), out);
      case "build":
        return build(req, a, out);
      case "getBuild":
        return getBuild(a);
      case "listBuilds":
        return listBuilds(a);
      case "getTaskInfo":
        return getTaskInfo(a);
      case "listTasks":
        return listTasks(a);
      case "getTaskResult":
        return getTaskResult(a);
      case "cancelTask":
        return cancelTask(req, a, out);
      case "getBuildTarget":
        return getBuildTarget(a);
      case "getBuildTargets":
        return getBuildTargets(a);
      case "getTag":
        return getTag(a);
      case "getPackageID":
        return packages.get(str(a.arg(0, "name", null)));
      case "listTagged":
        return listTagged(a);
      case "getLatestBuilds":
        return listTaggedLatest(str(a.arg(0, "tag", null)), (String) a.arg(2, "package", null));
      case "checkTagPackage":
        return checkTagPackage(a);
      case "createSideTag":
        return createSideTag(req, a);
      case "removeSideTag":
        return removeSideTag(req, a);
      case "listSideTags":
        return listSideTags(a);
      default:
        throw generic("Invalid method: " + method);
    }
  }

  private static String methodOf(Object call) {
    return call instanceof Map<?, ?> m && m.get("methodName") instanceof String name ? name : "multiCall";
  }

  private static String faultName(int code) {
    return switch (code) {
      case 1002 -> "AuthError";
      case 1004 -> "ActionNotAllowed";
      case 1007 -> "AuthExpired";
      case 1008 -> "SequenceError";
      case 1009 -> "RetryError";
      case 1019 -> "ParameterError";
      default -> "GenericError";
    };
  }

  /**
   * Keyword arguments each served method takes, with the Python function name the hub's {@code
   * ParameterError} names (real-hub-1.35: getBuildTarget.fault-ParameterError, listBuilds.fault-ParameterError).
   */
  private static final Map<String, Map.Entry<String, Set<String>>> KWARGS = Map.of(
      "getBuildTarget", Map.entry("get_build_target()", Set.of("info", "event", "strict")),
      "listBuilds", Map.entry("RootExports.listBuilds()", Set.of("packageID", "userID", "taskID", "prefix", "state", "volumeID",
          "source", "createdBefore", "createdAfter", "completeBefore", "completeAfter", "type", "typeInfo", "queryOpts",
          "pattern", "cgID", "draft")),
      "getBuild", Map.entry("get_build()", Set.of("buildInfo", "strict")),
      "getTag", Map.entry("get_tag()", Set.of("tagInfo", "strict", "event", "blocked")),
      "getTaskInfo", Map.entry("RootExports.getTaskInfo()", Set.of("task_id", "request", "strict")),
      "listSideTags", Map.entry("listSideTags()", Set.of("basetag", "user", "queryOpts")),
      "createSideTag", Map.entry("createSideTag()", Set.of("basetag", "debuginfo", "suffix")));

  private static void checkKwargs(String method, KojiArgs.Decoded a) {
    Map.Entry<String, Set<String>> known = KWARGS.get(method);
    if (known != null) {
      for (String k : a.kwargs().keySet()) {
        if (!known.getValue().contains(k)) {
          throw new Fault(1019, known.getKey() + " got an unexpected keyword argument '" + k + "'");
        }
      }
    }
  }

  private Map<String, Object> sessionInfo(Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("authtype", 2L);
    m.put("callnum", s.lastCallnum);
    m.put("exclusive", null);
    m.put("expired", expired(s));
    m.put("master", null);
    m.put("renew_time", s.renewals == 0 ? null : pyTime(s.renewTime));
    m.put("renew_ts", s.renewals == 0 ? null : s.renewTime.toEpochMilli() / 1000.0);
    m.put("user_id", s.user.id);
    return m;
  }

  private static String pyTime(Instant t) {
    return PY_STR.format(t.atOffset(ZoneOffset.UTC)) + "+00:00";
  }

  private List<Object> multiCall(Request req, Object calls, List<Message> out) {
    if (!(calls instanceof List)) {
      throw new Fault(1019, "multiCall expects a list of calls");
    }
    List<Object> results = new ArrayList<>();
    for (Object c : (List<?>) calls) {
      try {
        if (!(c instanceof Map) || !(((Map<?, ?>) c).get("methodName") instanceof String)) {
          throw new Fault(1019, "each multicall entry needs methodName and params");
        }
        Map<?, ?> m = (Map<?, ?>) c;
        Object p = m.get("params");
        @SuppressWarnings("unchecked")
        List<Object> ps = p instanceof List ? (List<Object>) p : List.of();
        List<Object> one = new ArrayList<>();
        one.add(dispatch(req, (String) m.get("methodName"), ps, out, false));
        results.add(one);
      } catch (Fault f) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", (long) f.code);
        fault.put("faultString", f.getMessage());
        // The real hub (KojiTraceback = normal) adds the Python traceback to faults inside multiCall only.
        fault.put("traceback", List.of("Traceback (most recent call last):\n", "  File \"FakeKojiHub\", in " + methodOf(c) + "\n",
            "koji." + faultName(f.code) + ": " + f.getMessage() + "\n"));
        results.add(fault);
      }
    }
    return results;
  }

  // ------------------------------------------------------------------ builds and tasks

  private Object build(Request req, KojiArgs.Decoded a, List<Message> out) {
    User u = requireLogin(req);
    String src = str(a.arg(0, "src", null));
    String targetName = str(a.arg(1, "target", null));
    Map<?, ?> opts = a.arg(2, "opts", null) instanceof Map ? (Map<?, ?>) a.arg(2, "opts", null) : Map.of();
    Object priority = a.arg(3, "priority", null);
    if (priority instanceof Number && ((Number) priority).longValue() < 0 && !admins.contains(u.name)) {
      throw new Fault(1004, "only admins may create high-priority tasks");
    }
    Target target = targets.get(targetName);
    if (target == null) {
      throw generic("No such build target: " + targetName);
    }
    Matcher m = GIT_SRC.matcher(src);
    if (!m.matches()) {
      throw generic("Invalid source URL (expected git+<url>#<commit>): " + src);
    }
    boolean scratch = Boolean.TRUE.equals(opts.get("scratch"));
    String repoUrl = m.group(1);
    String repository = URI.create(repoUrl).getPath().replaceAll("^/+", "").replaceAll("^git/", "");
    Source source = new Source(src, repository, m.group(2), targetName, scratch);
    Instant now = now();
    Task t = new Task(nextTaskId++, "build", u, List.of(src, targetName, new LinkedHashMap<>(opts)), now);
    t.priority = priority instanceof Number ? ((Number) priority).longValue() : 20;
    t.target = target;
    t.source = source;
    tasks.put(t.id, t);
    String nvr;
    try {
      nvr = nvrResolver.apply(source).orElseGet(() -> nvrFromGit(source, target));
    } catch (RuntimeException e) {
      nvr = null;
      t.failure = "cannot determine the NVR: " + e.getMessage();
    }
    t.state = TaskState.OPEN;
    t.startTime = now;
    if (scratch) {
      out.add(taskMessage(t, TaskState.FREE));
      return t.id;
    }
    if (nvr != null) {
      String[] p = splitNvr(nvr);
      String fullNvr = nvr;
      Optional<Build> existing = builds.values().stream()
          .filter(b -> b.nvr().equals(fullNvr) && (b.state == BuildState.COMPLETE || b.state == BuildState.BUILDING))
          .findFirst();
      if (existing.isPresent()) {
        t.failure = "Build already exists (id=" + existing.get().id + ", state=" + existing.get().state + "): " + nvr;
      } else {
        Build b = new Build(nextBuildId++, p[0], p[1], p[2], u, t, src, now);
        builds.put(b.id, b);
        t.build = b;
        packageId(b.name);
        out.add(buildMessage(b, null));
      }
    }
    return t.id;
  }

  private void finish(Task t, Instant now, List<Message> out) {
    TaskState old = t.state;
    t.completionTime = now;
    boolean fail = t.failure != null || t.source != null && failingPackages.contains(packageOf(t));
    if (t.build == null && !fail && t.source != null && !t.source.scratch()) {
      fail = true;
      if (t.failure == null) {
        t.failure = "no build record";
      }
    }
    t.state = fail ? TaskState.FAILED : TaskState.CLOSED;
    if (fail && t.failure == null) {
      t.failure = "BuildError: error building package (arch x86_64), mock exited with status 1";
    }
    Build b = t.build;
    if (b != null) {
      BuildState before = b.state;
      b.state = fail ? BuildState.FAILED : BuildState.COMPLETE;
      b.completionTime = now;
      Tag dest = t.target.dest;
      if (!fail) {
        dest.tagged.add(0, b.id);
        dest.packages.add(b.name);
      }
      out.add(buildMessage(b, before));
      if (!fail && dest.sideTagOwner != null) {
        out.add(tagMessage(b, dest));
      }
    } else if (t.source != null && t.source.scratch()) {
      out.add(taskMessage(t, old));
    }
  }

  private String packageOf(Task t) {
    if (t.build != null) {
      return t.build.name;
    }
    String repo = t.source.repository();
    return repo.substring(repo.lastIndexOf('/') + 1);
  }

  private Object cancelTask(Request req, KojiArgs.Decoded a, List<Message> out) {
    requireLogin(req);
    Task t = tasks.get(num(a.arg(0, "task_id", null)));
    if (t == null || t.state.finished()) {
      return null;
    }
    t.state = TaskState.CANCELED;
    t.completionTime = now();
    if (t.build != null) {
      BuildState before = t.build.state;
      t.build.state = BuildState.CANCELED;
      t.build.completionTime = now();
      out.add(buildMessage(t.build, before));
    }
    return null;
  }

  private Object createEmptyBuild(Request req, KojiArgs.Decoded a) {
    User u = requireLogin(req);
    if (!admins.contains(u.name)) {
      throw new Fault(1004, "admin permission required (logged in as " + u.name + ")");
    }
    Build b = new Build(nextBuildId++, str(a.arg(0, "name", null)), str(a.arg(1, "version", null)), str(a.arg(2, "release", null)),
        u, null, null, now());
    b.state = BuildState.COMPLETE; // an empty build is complete at once (real-hub-1.35/getBuild.hit)
    b.completionTime = now();
    builds.put(b.id, b);
    return b.id;
  }

  private Object getBuild(KojiArgs.Decoded a) {
    Object info = a.arg(0, "buildInfo", null);
    if (info instanceof Map<?, ?> m && !(m.get("name") != null && m.get("version") != null && m.get("release") != null)
        && m.get("id") == null) {
      throw generic("did not provide name, version, and release");
    }
    boolean strict = Boolean.TRUE.equals(a.arg(1, "strict", false));
    Build b = findBuild(info);
    if (b == null) {
      if (strict) {
        throw generic("No such build: " + info);
      }
      return null;
    }
    return buildInfo(b);
  }

  private Build findBuild(Object info) {
    if (info instanceof Number) {
      return builds.get(((Number) info).longValue());
    }
    if (info instanceof String) {
      String s = (String) info;
      if (s.matches("\\d+")) {
        return builds.get(Long.parseLong(s));
      }
      return builds.values().stream().filter(b -> b.nvr().equals(s)).reduce((x, y) -> y).orElse(null);
    }
    if (info instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) info;
      return builds.values().stream().filter(b -> b.name.equals(m.get("name")) && b.version.equals(m.get("version"))
          && b.release.equals(m.get("release"))).reduce((x, y) -> y).orElse(null);
    }
    return null;
  }

  private Object listBuilds(KojiArgs.Decoded a) {
    Map<String, Object> kw = new HashMap<>(a.kwargs());
    String[] names = {"packageID", "userID", "taskID", "prefix", "state"};
    for (int i = 0; i < names.length && i < a.args().size(); i++) {
      kw.put(names[i], a.args().get(i));
    }
    List<Object> out = new ArrayList<>();
    for (Build b : builds.values()) {
      if (kw.get("packageID") != null && num(kw.get("packageID")) != packageId(b.name)) {
        continue;
      }
      if (kw.get("userID") != null && num(kw.get("userID")) != b.owner.id) {
        continue;
      }
      if (kw.get("taskID") != null && (b.task == null || num(kw.get("taskID")) != b.task.id)) {
        continue;
      }
      if (kw.get("prefix") != null && !b.name.startsWith(str(kw.get("prefix")))) {
        continue;
      }
      if (kw.get("state") != null && num(kw.get("state")) != b.state.code) {
        continue;
      }
      if (kw.get("completeAfter") != null && (b.completionTime == null || seconds(b.completionTime) <= dbl(kw.get("completeAfter")))) {
        continue;
      }
      if (kw.get("completeBefore") != null && (b.completionTime == null || seconds(b.completionTime) >= dbl(kw.get("completeBefore")))) {
        continue;
      }
      if (kw.get("createdAfter") != null && seconds(b.creationTime) <= dbl(kw.get("createdAfter"))) {
        continue;
      }
      out.add(buildInfo(b));
    }
    return out;
  }

  private Object getTaskInfo(KojiArgs.Decoded a) {
    Object id = a.arg(0, "task_id", null);
    boolean request = Boolean.TRUE.equals(a.arg(1, "request", false));
    boolean strict = Boolean.TRUE.equals(a.arg(2, "strict", false));
    if (id instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object one : (List<?>) id) {
        Task t = tasks.get(num(one));
        out.add(t == null ? null : taskInfo(t, request));
      }
      return out;
    }
    Task t = tasks.get(num(id));
    if (t == null) {
      if (strict) {
        throw generic("No such task: " + id);
      }
      return null;
    }
    return taskInfo(t, request);
  }

  private Object listTasks(KojiArgs.Decoded a) {
    Object o = a.arg(0, "opts", null);
    Map<?, ?> opts = o instanceof Map ? (Map<?, ?>) o : Map.of();
    List<Object> out = new ArrayList<>();
    for (Task t : tasks.values()) {
      if (opts.get("method") != null && !t.method.equals(opts.get("method"))) {
        continue;
      }
      if (opts.get("owner") != null && num(opts.get("owner")) != t.owner.id) {
        continue;
      }
      if (opts.get("state") instanceof List && !((List<?>) opts.get("state")).stream().anyMatch(s -> num(s) == t.state.code)) {
        continue;
      }
      if (opts.get("createdAfter") != null && seconds(t.createTime) <= dbl(opts.get("createdAfter"))) {
        continue;
      }
      out.add(taskInfo(t, true));
    }
    return out;
  }

  private Object getTaskResult(KojiArgs.Decoded a) {
    Task t = tasks.get(num(a.arg(0, "taskId", null)));
    if (t == null) {
      throw generic("No such task: " + a.arg(0, "taskId", null));
    }
    if (t.state == TaskState.FAILED) {
      throw new Fault(1005, t.failure);
    }
    if (t.state != TaskState.CLOSED) {
      throw generic("Task " + t.id + " is not finished");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("brootid", 1L);
    r.put("srpms", List.of());
    r.put("rpms", List.of());
    r.put("logs", List.of());
    return r;
  }

  // ------------------------------------------------------------------ targets, tags, side tags

  private Object getBuildTarget(KojiArgs.Decoded a) {
    Object info = a.arg(0, "info", null);
    boolean strict = Boolean.TRUE.equals(a.arg(2, "strict", false));
    Target t = info instanceof Number
        ? targets.values().stream().filter(x -> x.id == num(info)).findFirst().orElse(null)
        : targets.get(str(info));
    if (t == null) {
      if (strict) {
        throw generic("No such build target: " + info);
      }
      return null;
    }
    return targetInfo(t);
  }

  private Object getBuildTargets(KojiArgs.Decoded a) {
    Object info = a.arg(0, "info", null);
    Object buildTag = a.arg(2, "buildTagID", null);
    Object destTag = a.arg(3, "destTagID", null);
    List<Object> out = new ArrayList<>();
    for (Target t : targets.values()) {
      if (info != null && !t.name.equals(info) && !(info instanceof Number && num(info) == t.id)) {
        continue;
      }
      if (buildTag != null && !matchesTag(t.build, buildTag) || destTag != null && !matchesTag(t.dest, destTag)) {
        continue;
      }
      out.add(targetInfo(t));
    }
    return out;
  }

  private static boolean matchesTag(Tag tag, Object ref) {
    return ref instanceof Number ? tag.id == num(ref) : tag.name.equals(ref);
  }

  private Object getTag(KojiArgs.Decoded a) {
    Object info = a.arg(0, "tagInfo", null);
    Tag t = info instanceof Number ? tags.values().stream().filter(x -> x.id == num(info)).findFirst().orElse(null) : tags.get(str(info));
    if (t == null) {
      if (Boolean.TRUE.equals(a.arg(1, "strict", false))) {
        throw generic("No such tagInfo: '" + info + "'");
      }
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id);
    m.put("name", t.name);
    m.put("arches", "x86_64 aarch64");
    m.put("locked", false);
    m.put("perm", null);
    m.put("perm_id", null);
    m.put("maven_support", false);
    m.put("maven_include_all", false);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (t.sideTagOwner != null) {
      extra.put("sidetag", true);
      extra.put("sidetag_user", t.sideTagOwner.name);
      extra.put("sidetag_user_id", t.sideTagOwner.id);
    }
    m.put("extra", extra);
    return m;
  }

  private Object listTagged(KojiArgs.Decoded a) {
    String tagName = str(a.arg(0, "tag", null));
    Tag tag = tags.get(tagName);
    boolean strict = !Boolean.FALSE.equals(a.arg(9, "strict", true));
    if (tag == null) {
      if (strict) {
        throw generic("No such tagInfo: '" + tagName + "'");
      }
      return List.of();
    }
    boolean latest = Boolean.TRUE.equals(a.arg(4, "latest", false));
    String pkg = (String) a.arg(5, "package", null);
    String prefix = (String) a.arg(3, "prefix", null);
    String owner = (String) a.arg(6, "owner", null);
    List<Object> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (long id : tag.tagged) {
      Build b = builds.get(id);
      if (pkg != null && !pkg.equals(b.name) || prefix != null && !b.name.startsWith(prefix)
          || owner != null && !owner.equals(b.owner.name)) {
        continue;
      }
      if (latest && !seen.add(b.name)) {
        continue;
      }
      Map<String, Object> info = buildInfo(b);
      info.put("tag_id", tag.id);
      info.put("tag_name", tag.name);
      out.add(info);
    }
    return out;
  }

  private Object listTaggedLatest(String tagName, String pkg) {
    Tag tag = tags.get(tagName);
    if (tag == null) {
      throw generic("No such tagInfo: '" + tagName + "'");
    }
    Map<String, Object> kw = new LinkedHashMap<>();
    kw.put("latest", true);
    if (pkg != null) {
      kw.put("package", pkg);
    }
    return listTagged(new KojiArgs.Decoded(List.of(tagName), kw));
  }

  private Object checkTagPackage(KojiArgs.Decoded a) {
    Tag tag = tags.get(str(a.arg(0, "tag", null)));
    String pkg = str(a.arg(1, "pkg", null));
    if (tag == null) {
      throw generic("No such tagInfo: '" + a.arg(0, "tag", null) + "'");
    }
    // Side tags and candidate tags inherit the packages of the release's build tag.
    for (Tag t = tag; t != null; t = t.parent) {
      if (t.packages.contains(pkg)) {
        return true;
      }
    }
    return false;
  }

  private Object createSideTag(Request req, KojiArgs.Decoded a) {
    User u = requireLogin(req);
    String base = str(a.arg(0, "basetag", null));
    Tag baseTag = tags.get(base);
    if (baseTag == null) {
      throw generic("No such tagInfo: '" + base + "'");
    }
    if (!base.endsWith("-build")) {
      // the hub's sidetag policy refuses: ActionNotAllowed "policy violation (sidetag): <deny text>"
      throw new Fault(1004, "policy violation (sidetag): side tags only on *-build tags");
    }
    String suffix = (String) a.arg(2, "suffix", null);
    if (suffix != null && sideTagSuffixes != null && !sideTagSuffixes.contains(suffix)) {
      throw generic(suffix + " suffix is not allowed for sidetag");
    }
    long id = nextTagId++;
    String name = base + "-side-" + id + (suffix == null ? "" : "-" + suffix);
    Tag side = new Tag(id, name);
    side.parent = baseTag;
    side.sideTagOwner = u;
    side.debuginfo = Boolean.TRUE.equals(a.arg(1, "debuginfo", false));
    tags.put(name, side);
    targets.put(name, new Target(targets.size() + 1L, name, side, side));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("id", id);
    r.put("task_id", null);
    r.put("request", null);
    return r;
  }

  private Object removeSideTag(Request req, KojiArgs.Decoded a) {
    User u = requireLogin(req);
    Object ref = a.arg(0, "sidetag", null);
    Tag t = ref instanceof Number ? tags.values().stream().filter(x -> x.id == num(ref)).findFirst().orElse(null) : tags.get(str(ref));
    if (t == null || t.sideTagOwner == null) {
      throw generic("Not a sidetag: " + ref);
    }
    if (t.sideTagOwner.id != u.id && !admins.contains(u.name)) {
      throw new Fault(1004, "This is not your sidetag");
    }
    tags.remove(t.name);
    targets.remove(t.name);
    return null;
  }

  private Object listSideTags(KojiArgs.Decoded a) {
    Object base = a.arg(0, "basetag", null);
    Object user = a.arg(1, "user", null);
    List<Object> out = new ArrayList<>();
    for (Tag t : tags.values()) {
      if (t.sideTagOwner == null || base != null && !matchesTag(t.parent, base)
          || user != null && !(user instanceof Number ? t.sideTagOwner.id == num(user) : t.sideTagOwner.name.equals(user))) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id);
      m.put("name", t.name);
      m.put("user_id", t.sideTagOwner.id);
      m.put("user_name", t.sideTagOwner.name);
      out.add(m);
    }
    return out;
  }

  // ------------------------------------------------------------------ NVR from git

  private String nvrFromGit(Source source, Target target) {
    if (gitRoot == null) {
      throw new IllegalStateException("no git root configured and no NVR resolver answered for " + source.url());
    }
    Path dir = gitRoot.resolve(source.repository() + ".git").normalize();
    if (!dir.startsWith(gitRoot) || !Files.isDirectory(dir)) {
      throw new IllegalStateException("no repository " + source.repository() + " in the sandbox");
    }
    String pkg = source.repository().substring(source.repository().lastIndexOf('/') + 1);
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
         RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(source.commit());
      if (id == null) {
        throw new IllegalStateException("no commit " + source.commit() + " in " + source.repository());
      }
      RevCommit commit = walk.parseCommit(id);
      try (TreeWalk tw = TreeWalk.forPath(repo, pkg + ".spec", commit.getTree())) {
        if (tw == null) {
          throw new IllegalStateException(pkg + ".spec is missing at " + source.commit());
        }
        ObjectLoader loader = repo.open(tw.getObjectId(0));
        // The real spec evaluator (macros, conditionals, %autorelease); no shell, as rpmbuild would not run one here.
        Nevr nevr = SpecFile.parse(loader.getBytes(1 << 20))
            .requireNevr(SpecOptions.builder().define("dist", distTag(target).isEmpty() ? "%{nil}" : distTag(target)).build());
        return nevr.name() + "-" + nevr.version() + "-" + nevr.release();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + source.repository() + ": " + e.getMessage(), e);
    }
  }

  private static String distTag(Target target) {
    Matcher m = Pattern.compile("^f(\\d+)").matcher(target.build.name);
    if (m.find()) {
      return ".fc" + m.group(1);
    }
    m = Pattern.compile("^epel(\\d+)").matcher(target.build.name);
    return m.find() ? ".el" + m.group(1) : "";
  }

  private static String[] splitNvr(String nvr) {
    int r = nvr.lastIndexOf('-');
    int v = r > 0 ? nvr.lastIndexOf('-', r - 1) : -1;
    if (v <= 0) {
      throw new IllegalArgumentException("not an NVR: " + nvr);
    }
    return new String[] {nvr.substring(0, v), nvr.substring(v + 1, r), nvr.substring(r + 1)};
  }

  // ------------------------------------------------------------------ structs and messages

  private User user(String name) {
    for (User u : users.values()) {
      if (u.name.equals(name)) {
        return u;
      }
    }
    User u = new User(nextUserId++, name);
    users.put(u.id, u);
    return u;
  }

  private long packageId(String name) {
    return packages.computeIfAbsent(name, n -> 31_141L + packages.size());
  }

  private Tag tag(String name) {
    return tags.computeIfAbsent(name, n -> new Tag(nextTagId++, n));
  }

  private Map<String, Object> userInfo(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id);
    m.put("name", u.name);
    m.put("status", 0L);
    m.put("usertype", 0L);
    m.put("krb_principals", List.of(u.name + "@FEDORAPROJECT.ORG"));
    return m;
  }

  private Map<String, Object> targetInfo(Target t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id);
    m.put("name", t.name);
    m.put("build_tag", t.build.id);
    m.put("dest_tag", t.dest.id);
    m.put("build_tag_name", t.build.name);
    m.put("dest_tag_name", t.dest.name);
    return m;
  }

  private Map<String, Object> buildInfo(Build b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("build_id", b.id);
    m.put("id", b.id);
    m.put("completion_time", b.completionTime == null ? null : pyStr(b.completionTime));
    m.put("completion_ts", b.completionTime == null ? null : seconds(b.completionTime));
    m.put("creation_event_id", b.eventId);
    m.put("creation_time", pyStr(b.creationTime));
    m.put("creation_ts", seconds(b.creationTime));
    m.put("draft", false);
    m.put("epoch", null);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (b.source != null) {
      extra.put("source", Map.of("original_url", b.source));
    }
    m.put("extra", extra);
    m.put("name", b.name);
    m.put("nvr", b.nvr());
    m.put("owner_id", b.owner.id);
    m.put("owner_name", b.owner.name);
    m.put("package_id", packageId(b.name));
    m.put("package_name", b.name);
    m.put("release", b.release);
    m.put("source", b.source);
    m.put("start_time", pyStr(b.creationTime));
    m.put("start_ts", seconds(b.creationTime));
    m.put("state", (long) b.state.code);
    m.put("task_id", b.task == null ? null : b.task.id);
    m.put("version", b.version);
    m.put("volume_id", 0L);
    m.put("volume_name", "DEFAULT");
    m.put("cg_id", null);
    m.put("cg_name", null);
    return m;
  }

  private Map<String, Object> taskInfo(Task t, boolean request) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id);
    m.put("state", (long) t.state.code);
    m.put("create_time", pyStr(t.createTime));
    m.put("create_ts", seconds(t.createTime));
    m.put("start_time", t.startTime == null ? null : pyStr(t.startTime));
    m.put("start_ts", t.startTime == null ? null : seconds(t.startTime));
    m.put("completion_time", t.completionTime == null ? null : pyStr(t.completionTime));
    m.put("completion_ts", t.completionTime == null ? null : seconds(t.completionTime));
    m.put("channel_id", 1L);
    m.put("host_id", t.startTime == null ? null : 303L);
    m.put("parent", null);
    m.put("label", null);
    m.put("waiting", null);
    m.put("awaited", null);
    m.put("owner", t.owner.id);
    m.put("method", t.method);
    m.put("arch", "noarch");
    m.put("priority", t.priority);
    m.put("weight", 0.2);
    if (request) {
      m.put("request", t.request);
    }
    return m;
  }

  /** {@code buildsys.tag} (TagV1); the fake sends it only for side tags, where Packit listens. */
  private Message tagMessage(Build b, Tag tag) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tag", tag.name);
    body.put("tag_id", tag.id);
    body.put("build_id", b.id);
    body.put("name", b.name);
    body.put("version", b.version);
    body.put("release", b.release);
    body.put("user", b.owner.name);
    body.put("owner", b.owner.name);
    body.put("base_url", webUrl);
    body.put("instance", "primary");
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("fedora_messaging_schema", "koji_fedoramessaging.tag.TagV1");
    headers.put("fedora_messaging_user_" + b.owner.name, true);
    headers.put("fedora_messaging_rpm_" + b.name, true);
    headers.put("sent-at", iso(now()));
    return new Message(messageId(), topicPrefix + ".buildsys.tag", headers, body);
  }

  private Message buildMessage(Build b, BuildState old) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("base_url", webUrl);
    body.put("files_base_url", webUrl.replace("koji.", "kojipkgs.").replaceAll("/+$", ""));
    body.put("name", b.name);
    body.put("version", b.version);
    body.put("release", b.release);
    body.put("epoch", null);
    body.put("attribute", "state");
    body.put("old", old == null ? null : (long) old.code);
    body.put("new", (long) b.state.code);
    body.put("build_id", b.id);
    body.put("url", webUrl + "/koji/buildinfo?buildID=" + b.id);
    body.put("task_id", b.task == null ? null : b.task.id);
    body.put("request", b.task == null ? null : b.task.request);
    body.put("owner", b.owner.name);
    body.put("instance", "primary");
    body.put("completion_time", b.completionTime == null ? null : iso(b.completionTime));
    body.put("creation_time", iso(b.creationTime));
    if (b.task != null) {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("children", List.of());
      task.put("host_name", null);
      task.put("id", b.task.id);
      task.put("owner", b.owner.name);
      task.put("request", b.task.request);
      task.put("result", null);
      task.put("url", webUrl + "/koji/taskinfo?taskID=" + b.task.id);
      body.put("task", task);
    } else {
      body.put("task", null);
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("fedora_messaging_schema", "koji_fedoramessaging.build.BuildStateChangeV1");
    headers.put("fedora_messaging_user_" + b.owner.name, true);
    headers.put("fedora_messaging_rpm_" + b.name, true);
    headers.put("sent-at", iso(now()));
    return new Message(messageId(), topicPrefix + ".buildsys.build.state.change", headers, body);
  }

  private Message taskMessage(Task t, TaskState old) {
    Map<String, Object> info = taskInfo(t, true);
    info.put("url", webUrl + "/koji/taskinfo?taskID=" + t.id);
    info.put("children", List.of());
    info.put("result", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", t.id);
    body.put("info", info);
    body.put("method", t.method);
    body.put("attribute", "state");
    body.put("old", old.name());
    body.put("new", t.state.name());
    String src = String.valueOf(t.request.get(0));
    body.put("srpm", src.substring(src.lastIndexOf('/') + 1));
    body.put("owner", t.owner.name);
    body.put("base_url", webUrl);
    body.put("files_base_url", webUrl.replace("koji.", "kojipkgs."));
    body.put("instance", "primary");
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("fedora_messaging_schema", "koji_fedoramessaging.task.TaskStateChangeV1");
    headers.put("sent-at", iso(now()));
    return new Message(messageId(), topicPrefix + ".buildsys.task.state.change", headers, body);
  }

  private String messageId() {
    return now().atZone(ZoneOffset.UTC).getYear() + "-" + UUID.randomUUID();
  }

  /** Python's {@code str(datetime)} of an aware UTC datetime, as the hub sends times. */
  static String pyStr(Instant i) {
    String s = PY_STR.format(i.atOffset(ZoneOffset.UTC));
    int micros = i.getNano() / 1000;
    return s + (micros == 0 ? "" : String.format(".%06d", micros)) + "+00:00";
  }

  /** Python's {@code datetime.isoformat()} of an aware UTC datetime, as the messages carry times. */
  static String iso(Instant i) {
    return pyStr(i).replace(' ', 'T');
  }

  private static double seconds(Instant i) {
    return i.getEpochSecond() + i.getNano() / 1_000_000 / 1000.0;
  }

  private static long num(Object o) {
    if (o instanceof Number) {
      return ((Number) o).longValue();
    }
    if (o instanceof String && ((String) o).matches("-?\\d+")) {
      return Long.parseLong((String) o);
    }
    throw new Fault(1019, "expected an integer, got " + o);
  }

  private static double dbl(Object o) {
    if (o instanceof Number) {
      return ((Number) o).doubleValue();
    }
    throw new Fault(1019, "expected a number, got " + o);
  }

  private static String str(Object o) {
    if (o instanceof String) {
      return (String) o;
    }
    throw new Fault(1019, "expected a string, got " + o);
  }

  // ------------------------------------------------------------------ model

  private enum BuildState {
    BUILDING(0), COMPLETE(1), DELETED(2), FAILED(3), CANCELED(4);

    final int code;

    BuildState(int code) {
      this.code = code;
    }
  }

  private enum TaskState {
    FREE(0), OPEN(1), CLOSED(2), CANCELED(3), ASSIGNED(4), FAILED(5);

    final int code;

    TaskState(int code) {
      this.code = code;
    }

    boolean finished() {
      return this == CLOSED || this == CANCELED || this == FAILED;
    }
  }

  private static final class User {
    final long id;
    final String name;

    User(long id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private static final class Session {
    final long id;
    String key;
    final User user;
    Long lastCallnum;
    boolean expired;
    Instant renewTime;
    int renewals;

    Session(long id, String key, User user, Instant renewTime) {
      this.id = id;
      this.key = key;
      this.user = user;
      this.renewTime = renewTime;
    }
  }

  private static final class Tag {
    final long id;
    final String name;
    final Set<String> packages = new LinkedHashSet<>();
    final List<Long> tagged = new ArrayList<>(); // newest first
    Tag parent;
    User sideTagOwner;
    boolean debuginfo;

    Tag(long id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private static final class Target {
    final long id;
    final String name;
    final Tag build;
    final Tag dest;

    Target(long id, String name, Tag build, Tag dest) {
      this.id = id;
      this.name = name;
      this.build = build;
      this.dest = dest;
      if (dest != build && dest.parent == null) {
        dest.parent = build;
      }
    }
  }

  private final class Task {
    final long id;
    final String method;
    final User owner;
    final List<Object> request;
    final Instant createTime;
    Instant startTime;
    Instant completionTime;
    TaskState state = TaskState.FREE;
    long priority = 20;
    Target target;
    Source source;
    Build build;
    String failure;

    Task(long id, String method, User owner, List<Object> request, Instant createTime) {
      this.id = id;
      this.method = method;
      this.owner = owner;
      this.request = request;
      this.createTime = createTime;
    }
  }

  private final class Build {
    final long id;
    final String name;
    final String version;
    final String release;
    final User owner;
    final Task task;
    final String source;
    final Instant creationTime;
    final long eventId = nextEventId++;
    BuildState state = BuildState.BUILDING;
    Instant completionTime;

    Build(long id, String name, String version, String release, User owner, Task task, String source, Instant creationTime) {
      this.id = id;
      this.name = name;
      this.version = version;
      this.release = release;
      this.owner = owner;
      this.task = task;
      this.source = source;
      this.creationTime = creationTime;
    }

    String nvr() {
      return name + "-" + version + "-" + release;
    }
  }
}
