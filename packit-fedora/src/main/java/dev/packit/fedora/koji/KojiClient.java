package dev.packit.fedora.koji;

import org.jspecify.annotations.Nullable;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitIoException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.RequestBody;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.http.Sleeper;
import dev.packit.fedora.internal.xmlrpc.KojiArgs;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import dev.packit.fedora.internal.xmlrpc.XmlRpcFault;
import dev.packit.fedora.internal.xmlrpc.XmlRpcResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for a Koji hub over XML-RPC: builds, tasks, targets, tags, side tags and batched calls.
 *
 * <pre>{@code
 * KojiClient koji = KojiClient.builder()
 *     .hub(URI.create("https://koji.fedoraproject.org/kojihub"))
 *     .login(KojiLogin.keytab("packit@FEDORAPROJECT.ORG", Path.of("/etc/packit.keytab")))
 *     .build();
 * Optional<KojiBuild> done = koji.getBuild("python-ogr-0.34.0-1.fc40");
 * long task = koji.build(KojiBuildRequest.builder()
 *     .source("https://src.fedoraproject.org/rpms/python-ogr.git", commit).target("rawhide").build());
 * KojiTask finished = koji.waitForTask(task, Duration.ofHours(3));
 * }</pre>
 *
 * <p><b>Sessions.</b> Reads run anonymously. Writes ({@code build}, side tags) log in first when
 * a {@link KojiLogin} is configured; a read that the hub refuses with {@code ActionNotAllowed}
 * logs in and is retried once (as Packit does). Login is {@code sslLogin} at {@code
 * <hub>/ssllogin}; later calls carry {@code Koji-Session-Id}/{@code -Key}/{@code -Callnum} headers
 * when the hub answers {@code header-auth} (Koji 1.30 and later), else the {@code
 * session-id}/{@code session-key}/{@code callnum} query parameters. The callnum grows by one per
 * call; a retransmission (the HTTP layer retrying a timeout) sends the same bytes and callnum, so
 * the hub answers {@code RetryError} instead of running a write twice; a read ({@code get*},
 * {@code list*}, {@code query*}...) refused that way is asked once more with a new callnum. {@code AuthExpired} logs in
 * again with {@code renew=True} and retries once: the hub renews in place (same session id, new
 * key) and keeps the session's last callnum, so the callnums continue after the renewal. A {@code
 * SequenceError} naming this session moves the callnum past the hub's and sends once more; {@code
 * AuthError} drops the session and retries once.
 *
 * <p><b>Build submission.</b> When {@code build} ends in {@code RetryError} or a transport
 * failure, the client looks for the task ({@code listTasks} by method, owner and creation time,
 * matching source and target) before submitting again, so one request never makes two builds. {@code createSideTag} does the same
 * through {@code listSideTags(base, user=me)}, so a lost answer leaves no orphan side tag.
 *
 * <p>Faults are {@link KojiFaultException}s; HTTP errors and transport failures come from {@link
 * HttpService} ({@link PackitServiceException}, {@link PackitIoException}). Immutable
 * configuration, thread-safe; the session is shared by all threads, and calls on it go one at a
 * time (the hub refuses a callnum older than the last one it saw with {@code SequenceError}).
 */
public final class KojiClient {
  /** Hub methods that only read: asking again cannot do anything twice. */
  private static final java.util.regex.Pattern READ =
      java.util.regex.Pattern.compile("^(get|list|query|has|check|search|count)[A-Z].*|^echo$|^getAPIVersion$");
  private static final Logger LOG = LoggerFactory.getLogger(KojiClient.class);
  /** Fedora's hub. */
  public static final URI FEDORA_HUB = dev.packit.fedora.FedoraInstance.production().kojiHub();

  private final URI hub;
  private final HttpService http;
  /** For {@code /ssllogin}: TLS 1.2 when a client certificate is configured (see the constructor). */
  private final HttpService loginHttp;
  private final KojiLogin login;
  private final XmlRpcCodec codec;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int multicallBatchSize;
  private final Duration pollInitial;
  private final Duration pollMax;

  private final Object sessionLock = new Object();
  private volatile Session session;

  /** A logged-in session; the key is a secret and never printed. */
  private static final class Session {
    final long id;
    final String key;
    final boolean headerAuth;
    final AtomicLong callnum = new AtomicLong();
    // The hub wants callnums in order: calls on one session go one at a time, retransmissions included.
    final java.util.concurrent.locks.ReentrantLock calls = new java.util.concurrent.locks.ReentrantLock();
    volatile Long userId;
    volatile String userName;

    Session(long id, String key, boolean headerAuth, long firstCallnum) {
      this.id = id;
      this.key = key;
      this.headerAuth = headerAuth;
      this.callnum.set(firstCallnum);
    }

    @Override
    public String toString() {
      return "Session[" + id + "]";
    }
  }

  private KojiClient(Builder b) {
    this.hub = b.hub;
    this.login = b.login;
    this.codec = b.codec;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.multicallBatchSize = b.multicallBatchSize;
    this.pollInitial = b.pollInitial;
    this.pollMax = b.pollMax;
    HttpTransport transport = b.transport;
    HttpTransport loginTransport = b.transport;
    if (transport == null) {
      SSLContext ssl = b.sslContext != null ? b.sslContext : login == null ? null : login.sslContext().orElse(null);
      transport = ssl == null ? HttpTransport.jdk() : HttpTransport.jdk(HttpClient.newBuilder()
          .sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build());
      loginTransport = transport;
      if (login != null && login.sslContext().isPresent()) {
        // Apache asks for the client certificate on /ssllogin only (a per-location SSLVerifyClient):
        // over TLS 1.3 that is post-handshake authentication, which the JDK does not do (Apache
        // answers 403 "Cannot perform Post-Handshake Authentication"). TLS 1.2 renegotiates instead.
        javax.net.ssl.SSLParameters tls12 = new javax.net.ssl.SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        loginTransport = HttpTransport.jdk(HttpClient.newBuilder().sslContext(login.sslContext().get()).sslParameters(tls12)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build());
      }
    }
    this.http = HttpService.builder().service("koji").baseUri(hub).transport(transport).retryPolicy(b.retryPolicy)
        .sleeper(b.sleeper).clock(b.clock).timeout(b.timeout).userAgent(b.userAgent).build();
    this.loginHttp = loginTransport == transport ? http : HttpService.builder().service("koji").baseUri(hub)
        .transport(loginTransport).retryPolicy(b.retryPolicy).sleeper(b.sleeper).clock(b.clock).timeout(b.timeout)
        .userAgent(b.userAgent).build();
  }

  /**
   * Returns a builder (Fedora's hub, anonymous, default retries).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the hub URI.
   *
   * @return the XML-RPC endpoint
   */
  public URI hub() {
    return hub;
  }

  /**
   * Whether the client holds a session.
   *
   * @return true after a login
   */
  public boolean loggedIn() {
    return session != null;
  }

  @Override
  public String toString() {
    return "KojiClient[" + hub + (login == null ? ", anonymous" : ", " + login) + (session == null ? "" : ", " + session) + "]";
  }

  // ------------------------------------------------------------------ raw calls

  /**
   * Calls a hub method, with Koji's session handling.
   *
   * @param method the method
   * @param args positional arguments
   * @param kwargs keyword arguments (may be empty)
   * @return the decoded result
   * @throws KojiFaultException when the hub answers a fault
   */
  public Object call(String method, List<?> args, Map<String, ?> kwargs) {
    List<Object> params = KojiArgs.encode(args, kwargs);
    boolean relogged = false;
    boolean renewed = false;
    boolean dropped = false;
    boolean reissued = false;
    boolean resynced = false;
    while (true) {
      Session s = session;
      try {
        return invoke(s, method, params);
      } catch (KojiFaultException f) {
        KojiFault fault = f.fault();
        if (fault == KojiFault.RETRY_ERROR && s != null && !reissued && READ.matcher(method).matches()) {
          // The hub ran the read, its answer was lost, and it refuses the retransmission: ask again
          // with a new callnum. Writes are not asked again (build looks for its task instead).
          reissued = true;
          continue;
        }
        if (fault == KojiFault.SEQUENCE_ERROR && s != null && !resynced && resync(s, f.faultString())) {
          // The hub refused the call before running it (its callnum is behind the hub's last
          // one, e.g. after another client used the session): safe to send again, ahead of it.
          resynced = true;
          continue;
        }
        if (fault == KojiFault.AUTH_EXPIRED && s != null && login != null && !renewed) {
          renewed = true;
          LOG.debug("koji session {} expired; renewing", s.id);
          login(s, true);
          continue;
        }
        if (fault == KojiFault.ACTION_NOT_ALLOWED && s == null && login != null && !relogged) {
          relogged = true;
          login(null, false);
          continue;
        }
        if (fault == KojiFault.AUTH_ERROR && s != null && !dropped) {
          dropped = true;
          synchronized (sessionLock) {
            if (session == s) {
              session = null;
            }
          }
          continue;
        }
        throw f;
      }
    }
  }

  /** The hub's text, {@code koji/auth.py}: {@code "<last> > <sent> (session <id>)"}. */
  private static final java.util.regex.Pattern SEQUENCE =
      java.util.regex.Pattern.compile("(\\d+) > (\\d+) \\(session (\\d+)\\)");

  /** Moves the session's callnum past the hub's last one; false when the fault names no usable number. */
  private static boolean resync(Session s, String faultString) {
    java.util.regex.Matcher m = SEQUENCE.matcher(faultString == null ? "" : faultString);
    if (!m.find() || Long.parseLong(m.group(3)) != s.id) {
      return false;
    }
    long last = Long.parseLong(m.group(1));
    LOG.debug("koji session {}: hub's last callnum is {}, continuing after it", s.id, last);
    s.callnum.accumulateAndGet(last + 1, Math::max);
    return true;
  }

  private Object invoke(Session s, String method, List<Object> params) {
    if (s == null) {
      return invokeOnce(null, method, params);
    }
    // The hub refuses a callnum lower than one it has seen: calls on one session go one at a
    // time, in callnum order (branches building in parallel share the session).
    s.calls.lock();
    try {
      return invokeOnce(s, method, params);
    } finally {
      s.calls.unlock();
    }
  }

  private Object invokeOnce(Session s, String method, List<Object> params) {
    byte[] body = codec.encodeCall(method, params);
    URI uri = hub;
    HttpRequest.Builder rb;
    if (s != null) {
      long callnum = s.callnum.getAndIncrement();
      if (s.headerAuth) {
        rb = HttpRequest.post(hub.toString(), RequestBody.ofBytes(body, "text/xml"))
            .header("Koji-Session-Id", Long.toString(s.id))
            .header("Koji-Session-Key", s.key)
            .header("Koji-Session-Callnum", Long.toString(callnum));
      } else {
        uri = withQuery(hub, "session-id=" + s.id + "&session-key=" + enc(s.key) + "&callnum=" + callnum);
        rb = HttpRequest.post(uri.toString(), RequestBody.ofBytes(body, "text/xml"));
      }
    } else {
      rb = HttpRequest.post(hub.toString(), RequestBody.ofBytes(body, "text/xml"));
    }
    // Safe to retransmit: reads are reads, and a repeated callnum makes the hub refuse a second write.
    HttpRequest req = rb.idempotent(true).build();
    return decode(req, method);
  }

  private Object decode(HttpRequest req, String method) {
    return decode(http, req, method, null);
  }

  private Object decode(HttpService service, HttpRequest req, String method, List<String> wwwAuthenticate) {
    XmlRpcResponse r;
    // Buffered: an answer cut short is a failed attempt, retransmitted like a lost one.
    try (HttpResponse resp = service.executeBuffered(req); InputStream in = resp.body()) {
      if (wwwAuthenticate != null) {
        wwwAuthenticate.addAll(resp.headers().allValues("WWW-Authenticate"));
      }
      r = codec.decodeResponse(in, "koji " + method);
    } catch (InvalidInputException e) {
      throw PackitServiceException.builder().service("koji").method(method).url(hub.toString()).status(200)
          .detail("the hub's answer is not valid XML-RPC: " + e.getMessage()).retryable(false).cause(e).build();
    } catch (java.io.IOException e) {
      throw new PackitIoException("koji", method, hub.toString(), 1, e);
    }
    if (r.isFault()) {
      XmlRpcFault f = r.fault();
      throw new KojiFaultException(f.code(), f.string(), method, hub.toString(), 1);
    }
    return r.value();
  }

  private static URI withQuery(URI base, String query) {
    String s = base.toString();
    return URI.create(s + (s.contains("?") ? "&" : "?") + query);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ login

  /**
   * Logs in now (otherwise it happens on the first write or refused read).
   *
   * @throws IllegalStateException when no {@link KojiLogin} is configured
   * @throws KojiFaultException when the hub refuses the login
   */
  public void login() {
    login(session, false);
  }

  private Session ensureLoggedIn() {
    Session s = session;
    if (s == null && login != null) {
      return login(null, false);
    }
    return s;
  }

  private Session login(Session expected, boolean renew) {
    if (login == null) {
      throw new IllegalStateException("koji: this operation needs a login; configure KojiClient.builder().login(...)");
    }
    synchronized (sessionLock) {
      Session current = session;
      if (current != expected && current != null) {
        return current; // another thread logged in meanwhile
      }
      URI loginUri = URI.create(hub.toString().replaceAll("/+$", "") + "/ssllogin");
      Map<String, Object> kw = new LinkedHashMap<>();
      if (renew) {
        kw.put("renew", true);
      }
      byte[] body = codec.encodeCall("sslLogin", KojiArgs.encode(List.of(), kw));
      HttpRequest.Builder rb = HttpRequest.post(loginUri.toString(), RequestBody.ofBytes(body, "text/xml"));
      if (renew && current != null) {
        current.calls.lock();
      }
      Object result;
      try {
        if (renew && current != null) {
          rb.header("Koji-Session-Id", Long.toString(current.id)).header("Koji-Session-Key", current.key)
              .header("Koji-Session-Callnum", Long.toString(current.callnum.getAndIncrement()));
        }
        login.loginHeaders(loginUri).forEach(rb::header);
        java.util.List<String> wwwAuthenticate = new ArrayList<>();
        result = loginCall(rb.idempotent(false).build(), loginUri, wwwAuthenticate);
        login.checkLoginResponse(loginUri, wwwAuthenticate);
      } finally {
        if (renew && current != null) {
          current.calls.unlock();
        }
      }
      Map<String, Object> m = KojiStructs.map(result, "sslLogin answer");
      long id = KojiStructs.requireLong(m, "session-id", "sslLogin answer");
      // A renewal keeps the session id and the hub keeps that session's last callnum
      // (real-hub-1.35/sslLogin.renew-same-id): restarting at 0 would be a SequenceError forever.
      boolean sameSession = renew && current != null && current.id == id;
      Session s = new Session(id, KojiStructs.requireString(m, "session-key", "sslLogin answer"),
          Boolean.TRUE.equals(m.get("header-auth")), sameSession ? current.callnum.get() : 0);
      if (sameSession) {
        s.userId = current.userId;
        s.userName = current.userName;
      }
      session = s;
      LOG.debug("koji: {} session {}", sameSession ? "renewed" : "logged in,", s.id);
      return s;
    }
  }

  private Object loginCall(HttpRequest req, URI loginUri, List<String> wwwAuthenticate) {
    boolean certificate = login.sslContext().isPresent();
    try {
      return decode(loginHttp, req, "sslLogin", wwwAuthenticate);
    } catch (PackitServiceException e) {
      if (e.status() == 403 && e.getMessage().contains("Post-Handshake")) {
        throw PackitServiceException.builder().service("koji").method("sslLogin").url(loginUri.toString()).status(403)
            .detail("the server asked for the client certificate after the TLS 1.3 handshake (post-handshake"
                + " authentication), which the JDK cannot do: with KojiLogin.clientCertificate and the default transport the"
                + " login uses TLS 1.2; with your own transport or SSLContext limit the login to TLSv1.2, or have the server"
                + " request the certificate in the handshake (SSLVerifyClient at the virtual host)")
            .retryable(false).cause(e).build();
      }
      throw e;
    } catch (PackitIoException e) {
      javax.net.ssl.SSLException tls = sslCause(e);
      if (certificate && tls != null) {
        throw new dev.packit.core.PackitClientException("koji: the hub " + loginUri + " refused the TLS handshake with the"
            + " client certificate (" + tls.getMessage() + "): check that the certificate is not expired or revoked, that"
            + " its CA is one the hub trusts, and that the key matches the certificate", e);
      }
      throw e;
    }
  }

  private static javax.net.ssl.SSLException sslCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  /** Ends the session on the hub (errors are ignored, as Koji's client does). */
  public void logout() {
    Session s;
    synchronized (sessionLock) {
      s = session;
      session = null;
    }
    if (s != null) {
      try {
        invoke(s, "logout", List.of());
      } catch (RuntimeException e) {
        LOG.debug("koji: logout failed: {}", e.toString());
      }
    }
  }

  // ------------------------------------------------------------------ builds

  /**
   * Submits a build and returns its task id. Logs in first when needed. After a {@code
   * RetryError} or a transport failure, finds the task the first attempt may have created before
   * submitting again.
   *
   * @param request what to build
   * @return the task id
   */
  public long build(KojiBuildRequest request) {
    ensureLoggedIn();
    List<Object> args = List.of(request.source(), request.target(), request.options());
    Map<String, Object> kw = new LinkedHashMap<>();
    if (request.priority() != null) {
      kw.put("priority", request.priority());
    }
    double submittedAt = clock.instant().minusSeconds(120).toEpochMilli() / 1000.0;
    try {
      return asLong(call("build", args, kw), "build");
    } catch (KojiFaultException e) {
      if (e.fault() != KojiFault.RETRY_ERROR) {
        throw e;
      }
      return findSubmitted(request, submittedAt).orElseGet(() -> asLong(call("build", args, kw), "build"));
    } catch (PackitIoException e) {
      Optional<Long> found;
      try {
        found = findSubmitted(request, submittedAt);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
        throw e;
      }
      return found.orElseGet(() -> asLong(call("build", args, kw), "build"));
    }
  }

  private Optional<Long> findSubmitted(KojiBuildRequest request, double since) {
    Session s = session;
    Long owner = s == null ? null : userId(s);
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("method", "build");
    if (owner != null) {
      opts.put("owner", owner);
    }
    opts.put("createdAfter", since);
    opts.put("decode", true);
    Object tasks = call("listTasks", List.of(opts), Map.of());
    for (Object t : KojiStructs.list(tasks, "listTasks")) {
      KojiTask task = KojiTask.fromStruct(t);
      List<Object> req = task.request();
      if (req.size() >= 2 && request.source().equals(req.get(0)) && request.target().equals(req.get(1))
          && request.scratch() == (req.size() > 2 && req.get(2) instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) req.get(2)).get("scratch")))) {
        LOG.info("koji: build of {} was submitted already as task {}", request.source(), task.id());
        return Optional.of(task.id());
      }
    }
    return Optional.empty();
  }

  private Long userId(Session s) {
    if (s.userId == null) {
      loggedInUser(s);
    }
    return s.userId;
  }

  private String userName(Session s) {
    if (s.userName == null) {
      loggedInUser(s);
    }
    return s.userName;
  }

  private void loggedInUser(Session s) {
    Object u = call("getLoggedInUser", List.of(), Map.of());
    if (u instanceof Map) {
      Map<String, Object> m = KojiStructs.map(u, "user");
      s.userId = KojiStructs.optLong(m, "id");
      s.userName = KojiStructs.optString(m, "name");
    }
  }

  /**
   * Looks a build up by NVR.
   *
   * @param nvr name-version-release
   * @return the build, or empty when the hub has none
   */
  public Optional<KojiBuild> getBuild(String nvr) {
    Object r = call("getBuild", List.of(nvr), Map.of());
    return r == null ? Optional.empty() : Optional.of(KojiBuild.fromStruct(r));
  }

  /**
   * Looks a build up by id.
   *
   * @param buildId the build id
   * @return the build, or empty
   */
  public Optional<KojiBuild> getBuild(long buildId) {
    Object r = call("getBuild", List.of(buildId), Map.of());
    return r == null ? Optional.empty() : Optional.of(KojiBuild.fromStruct(r));
  }

  /**
   * Looks many builds up in as few requests as {@code multiCall} batching allows (500 NVRs: one request).
   *
   * @param nvrs the NVRs
   * @return for each NVR, in order, the build or empty
   */
  public Map<String, Optional<KojiBuild>> getBuilds(Collection<String> nvrs) {
    List<String> list = new ArrayList<>(nvrs);
    List<KojiCall> calls = new ArrayList<>();
    for (String nvr : list) {
      calls.add(KojiCall.of("getBuild", nvr));
    }
    List<KojiCallResult> results = multiCall(calls);
    Map<String, Optional<KojiBuild>> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Object v = results.get(i).orThrow();
      out.put(list.get(i), v == null ? Optional.empty() : Optional.of(KojiBuild.fromStruct(v)));
    }
    return out;
  }

  /**
   * Lists builds: {@code listBuilds(**query)}; keys as Koji names them ({@code packageID},
   * {@code state}, {@code completeAfter} (epoch seconds), {@code taskID}, {@code prefix}, ...).
   *
   * <pre>{@code
   * koji.listBuilds(Map.of("packageID", 31141, "state", KojiBuildState.COMPLETE.code()));
   * }</pre>
   *
   * @param query keyword arguments
   * @return the builds
   */
  public List<KojiBuild> listBuilds(Map<String, ?> query) {
    return builds(call("listBuilds", List.of(), query), "listBuilds");
  }

  private static List<KojiBuild> builds(Object r, String what) {
    List<KojiBuild> out = new ArrayList<>();
    for (Object o : KojiStructs.list(r, what)) {
      out.add(KojiBuild.fromStruct(o));
    }
    return out;
  }

  /**
   * Returns a task.
   *
   * @param taskId the task id
   * @return the task with its request, or empty when there is none
   */
  public Optional<KojiTask> getTaskInfo(long taskId) {
    Object r = call("getTaskInfo", List.of(taskId), Map.of("request", true));
    return r == null ? Optional.empty() : Optional.of(KojiTask.fromStruct(r));
  }

  /**
   * Polls a task until it is closed, canceled or failed, with exponential backoff (through the
   * injected sleeper and clock).
   *
   * @param taskId the task id
   * @param timeout how long to wait at most
   * @return the finished task
   * @throws KojiTimeoutException when the task is still running at the deadline
   * @throws dev.packit.core.NotFoundException when the hub has no such task ({@code getTaskInfo} answered nil)
   */
  public KojiTask waitForTask(long taskId, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    Duration wait = pollInitial;
    while (true) {
      // The hub answers nil for a task it does not have (real-hub-1.35/getTaskInfo.miss-nil), not a fault.
      KojiTask t = getTaskInfo(taskId).orElseThrow(() -> PackitServiceException.builder().service("koji")
          .method("getTaskInfo").url(hub.toString()).detail("no such task " + taskId + " on " + hub)
          .retryable(false).buildNotFound());
      if (t.state().isFinal()) {
        return t;
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new KojiTimeoutException("koji: task " + taskId + " still " + t.state() + " after " + timeout, t);
      }
      Duration left = Duration.between(now, deadline);
      try {
        sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KojiTimeoutException("koji: interrupted while waiting for task " + taskId, t);
      }
      wait = Duration.ofMillis(Math.min(pollMax.toMillis(), (long) (wait.toMillis() * 1.5)));
    }
  }

  // ------------------------------------------------------------------ targets and tags

  /**
   * Returns a build target.
   *
   * @param name target name
   * @return the target, or empty
   */
  public Optional<KojiBuildTarget> getBuildTarget(String name) {
    Object r = call("getBuildTarget", List.of(name), Map.of());
    return r == null ? Optional.empty() : Optional.of(KojiBuildTarget.fromStruct(r));
  }

  /**
   * Returns every build target.
   *
   * @return the targets
   */
  public List<KojiBuildTarget> getBuildTargets() {
    List<KojiBuildTarget> out = new ArrayList<>();
    for (Object o : KojiStructs.list(call("getBuildTargets", List.of(), Map.of()), "getBuildTargets")) {
      out.add(KojiBuildTarget.fromStruct(o));
    }
    return out;
  }

  /**
   * Lists builds in a tag.
   *
   * @param tag the tag
   * @param pkg only this package, or {@code null}
   * @param latest only the latest build of each package
   * @return the builds, newest first
   */
  public List<KojiBuild> listTagged(String tag, @Nullable String pkg, boolean latest) {
    Map<String, Object> kw = new LinkedHashMap<>();
    if (pkg != null) {
      kw.put("package", pkg);
    }
    if (latest) {
      kw.put("latest", true);
    }
    return builds(call("listTagged", List.of(tag), kw), "listTagged");
  }

  /**
   * Returns the latest builds in a tag.
   *
   * @param tag the tag
   * @param pkg only this package, or {@code null}
   * @return the builds
   */
  public List<KojiBuild> getLatestBuilds(String tag, @Nullable String pkg) {
    return builds(call("getLatestBuilds", List.of(tag), pkg == null ? Map.of() : Map.of("package", pkg)), "getLatestBuilds");
  }

  /**
   * Whether a package is listed in a tag (inherited and not blocked).
   *
   * @param tag the tag
   * @param pkg the package
   * @return true when it is
   */
  public boolean checkTagPackage(String tag, String pkg) {
    return Boolean.TRUE.equals(call("checkTagPackage", List.of(tag, pkg), Map.of()));
  }

  /**
   * Creates a side tag (and its target) on a base tag such as {@code f41-build}. Logs in first.
   *
   * @param baseTag the base tag
   * @return the side tag
   */
  public KojiSideTag createSideTag(String baseTag) {
    return createSideTag(baseTag, null, Map.of());
  }

  /**
   * Creates a side tag with a name suffix, {@code <baseTag>-side-<id>-<suffix>} (the hub's sidetag
   * plugin must allow the suffix). Logs in first.
   *
   * @param baseTag the base tag
   * @param suffix the suffix
   * @return the side tag
   */
  public KojiSideTag createSideTag(String baseTag, String suffix) {
    return createSideTag(baseTag, Objects.requireNonNull(suffix, "suffix == null"), Map.of("suffix", suffix));
  }

  // Like build: a createSideTag whose answer was lost has usually run (the hub then answers the
  // retransmission with RetryError, real-hub-1.35/createSideTag.fault-RetryError). The side tags
  // the user already has on the base are listed first, so the one the lost call made is told
  // apart from them and no second one is created.
  private KojiSideTag createSideTag(String baseTag, String suffix, Map<String, Object> kw) {
    Session s = ensureLoggedIn();
    String me = s == null ? null : userName(s);
    java.util.Set<Long> before = new java.util.HashSet<>();
    if (me != null) {
      listSideTags(baseTag, me).forEach(t -> before.add(t.id()));
    }
    try {
      return KojiSideTag.fromStruct(call("createSideTag", List.of(baseTag), kw));
    } catch (KojiFaultException e) {
      if (e.fault() != KojiFault.RETRY_ERROR || me == null) {
        throw e;
      }
      return findCreatedSideTag(baseTag, suffix, me, before)
          .orElseGet(() -> KojiSideTag.fromStruct(call("createSideTag", List.of(baseTag), kw)));
    } catch (PackitIoException e) {
      if (me == null) {
        throw e;
      }
      Optional<KojiSideTag> found;
      try {
        found = findCreatedSideTag(baseTag, suffix, me, before);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
        throw e;
      }
      return found.orElseGet(() -> KojiSideTag.fromStruct(call("createSideTag", List.of(baseTag), kw)));
    }
  }

  private Optional<KojiSideTag> findCreatedSideTag(String baseTag, String suffix, String me, java.util.Set<Long> before) {
    KojiSideTag newest = null;
    int count = 0;
    for (KojiSideTag t : listSideTags(baseTag, me)) {
      if (!before.contains(t.id()) && (suffix == null || t.name().endsWith("-" + suffix))) {
        count++;
        if (newest == null || t.id() > newest.id()) {
          newest = t;
        }
      }
    }
    if (count > 1) {
      // Another client of the same user created one meanwhile; the newest is the best guess.
      LOG.warn("koji: {} new side tags of {} on {} after a lost createSideTag answer; taking {}", count, me, baseTag, newest.name());
    }
    if (newest != null) {
      LOG.info("koji: side tag {} was created already (its answer was lost)", newest.name());
    }
    return Optional.ofNullable(newest);
  }

  /**
   * Removes one of the user's side tags. Logs in first.
   *
   * @param sideTag the side tag name
   */
  public void removeSideTag(String sideTag) {
    ensureLoggedIn();
    call("removeSideTag", List.of(sideTag), Map.of());
  }

  /**
   * Lists side tags.
   *
   * @param baseTag only on this base tag, or {@code null}
   * @param user only of this user, or {@code null}
   * @return the side tags
   */
  public List<KojiSideTag> listSideTags(@Nullable String baseTag, @Nullable String user) {
    Map<String, Object> kw = new LinkedHashMap<>();
    if (baseTag != null) {
      kw.put("basetag", baseTag);
    }
    if (user != null) {
      kw.put("user", user);
    }
    List<KojiSideTag> out = new ArrayList<>();
    for (Object o : KojiStructs.list(call("listSideTags", List.of(), kw), "listSideTags")) {
      out.add(KojiSideTag.fromStruct(o));
    }
    return out;
  }

  // ------------------------------------------------------------------ multicall

  /**
   * Runs calls in {@code multiCall} batches (of {@link Builder#multicallBatchSize}, default 500):
   * one HTTP request per batch; a fault in one call does not fail the others.
   *
   * @param calls the calls
   * @return one result per call, in order
   */
  public List<KojiCallResult> multiCall(List<KojiCall> calls) {
    List<KojiCallResult> out = new ArrayList<>(calls.size());
    for (int from = 0; from < calls.size(); from += multicallBatchSize) {
      List<KojiCall> batch = calls.subList(from, Math.min(calls.size(), from + multicallBatchSize));
      List<Object> encoded = new ArrayList<>();
      for (KojiCall c : batch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methodName", c.method());
        m.put("params", KojiArgs.encode(c.args(), c.kwargs()));
        encoded.add(m);
      }
      List<?> results = KojiStructs.list(call("multiCall", List.of(encoded), Map.of()), "multiCall");
      if (results.size() != batch.size()) {
        throw PackitServiceException.builder().service("koji").method("multiCall").url(hub.toString()).status(200)
            .detail("asked " + batch.size() + " calls, got " + results.size() + " results").retryable(false).build();
      }
      for (int i = 0; i < results.size(); i++) {
        Object r = results.get(i);
        XmlRpcFault f = XmlRpcFault.fromStruct(r);
        if (f != null) {
          out.add(new KojiCallResult(null, new KojiFaultException(f.code(), f.string(), batch.get(i).method(), hub.toString(), 1)));
        } else if (r instanceof List && ((List<?>) r).size() == 1) {
          out.add(new KojiCallResult(((List<?>) r).get(0), null));
        } else {
          throw PackitServiceException.builder().service("koji").method("multiCall").url(hub.toString()).status(200)
              .detail("entry " + (from + i) + " is neither [value] nor a fault: " + KojiStructs.describe(r)).retryable(false).build();
        }
      }
    }
    return out;
  }

  private static long asLong(Object v, String method) {
    if (!(v instanceof Number)) {
      throw new IllegalStateException("koji " + method + ": expected an integer, got " + KojiStructs.describe(v));
    }
    return ((Number) v).longValue();
  }

  /** Configures a {@link KojiClient}. */
  public static final class Builder {
    private URI hub = FEDORA_HUB;
    private HttpTransport transport;
    private SSLContext sslContext;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private KojiLogin login;
    private XmlRpcCodec codec = XmlRpcCodec.defaults();
    private int multicallBatchSize = 500;
    private Duration timeout = Duration.ofMinutes(5);
    private Duration pollInitial = Duration.ofSeconds(10);
    private Duration pollMax = Duration.ofMinutes(2);
    private String userAgent = dev.packit.core.PackitVersion.userAgent();

    Builder() {}

    /**
     * @param hub the hub's XML-RPC endpoint (default Fedora's)
     * @return this builder
     */
    public Builder hub(URI hub) {
      this.hub = Objects.requireNonNull(hub, "hub == null");
      return this;
    }

    /**
     * @param transport the HTTP transport (default {@link HttpTransport#jdk()}, or one with the login's TLS context)
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = transport;
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
      java.util.Objects.requireNonNull(options, "options == null");
      options.transport().ifPresent(t -> this.transport = t);
      this.retryPolicy = options.retryPolicy();
      this.sleeper = options.sleeper();
      this.clock = options.clock();
      options.userAgent().ifPresent(u -> this.userAgent = u);
      options.timeout().ifPresent(t -> this.timeout = t);
      return this;
    }

    /**
     * @param context TLS context for the default transport (custom CA or client certificate)
     * @return this builder
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /**
     * @param policy HTTP retry policy for transport failures and 5xx
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy == null");
      return this;
    }

    /**
     * @param sleeper waits between retries and task polls
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * @param clock the clock for deadlines
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * @param login how to log in; {@code null} for anonymous only
     * @return this builder
     */
    public Builder login(@Nullable KojiLogin login) {
      this.login = login;
      return this;
    }

    /**
     * @param maxBytes largest accepted response body
     * @param maxDepth deepest accepted nesting
     * @return this builder
     */
    public Builder responseLimits(long maxBytes, int maxDepth) {
      this.codec = XmlRpcCodec.withLimits(maxBytes, maxDepth);
      return this;
    }

    /**
     * @param size calls per {@code multiCall} request (default 500)
     * @return this builder
     */
    public Builder multicallBatchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("multicallBatchSize must be >= 1");
      }
      this.multicallBatchSize = size;
      return this;
    }

    /**
     * @param timeout per-request timeout (default 5 minutes)
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /**
     * @param initial first wait between task polls (default 10 s)
     * @param max longest wait (default 2 min); waits grow by half each poll
     * @return this builder
     */
    public Builder taskPolling(Duration initial, Duration max) {
      this.pollInitial = Objects.requireNonNull(initial, "initial == null");
      this.pollMax = Objects.requireNonNull(max, "max == null");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public KojiClient build() {
      return new KojiClient(this);
    }
  }
}
