package dev.packit.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.packit.fedora.messaging.InMemoryMessageSource;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.testkit.internal.bodhi.BodhiService;
import dev.packit.testkit.internal.forge.ForgejoService;
import dev.packit.testkit.internal.forge.GitHubService;
import dev.packit.testkit.internal.forge.PagureService;
import dev.packit.testkit.internal.koji.FakeKojiHub;
import dev.packit.testkit.internal.lookaside.LookasideService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import dev.packit.fedora.FedoraInstance;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * An in-process Fedora: HTTP services on loopback and real bare git repositories in a temporary
 * folder, for tests and demos.
 *
 * <pre>{@code
 * try (FedoraSandbox sandbox = FedoraSandbox.start()) {
 *   Path repo = sandbox.createBareRepository("rpms/hello");
 *   URI base = sandbox.baseUri();        // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>Everything listens on 127.0.0.1 only, on a port chosen by the system. {@link #close()} stops
 * the server and deletes the folder. Thread-safe.
 */
public final class FedoraSandbox implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Path root;
  private final boolean ownsRoot;
  private final Map<String, String> services = new TreeMap<>();
  private SandboxLookaside lookaside;
  private FakeKojiHub kojiHub;
  private SandboxKoji koji;
  private SandboxPagure pagure;
  private SandboxGitHub github;
  private SandboxForgejo forgejo;
  private SandboxDistGit distGit;
  private SandboxBodhi bodhi;
  private InMemoryMessageSource messages;
  private final GitHttpHandler gitHttp;
  private final SandboxFaults faults = new SandboxFaults();
  private final Map<String, java.util.concurrent.atomic.LongAdder> requestCounts = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.List<java.util.function.Consumer<SandboxRequest>> requestListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final com.sun.net.httpserver.Filter observer = new com.sun.net.httpserver.Filter() {
    @Override
    public void doFilter(com.sun.net.httpserver.HttpExchange ex, Chain chain) throws IOException {
      long n = requests.incrementAndGet();
      inFlight.incrementAndGet();
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      try {
        tell(new SandboxRequest(n, method, path, 0));
        chain.doFilter(ex);
      } finally {
        int status = ex.getResponseCode();
        inFlight.decrementAndGet();
        tell(new SandboxRequest(n, method, path, status <= 0 ? -1 : status));
      }
    }

    @Override
    public String description() {
      return "sandbox request listeners";
    }
  };

  private FedoraSandbox(HttpServer server, ExecutorService executor, Path root, boolean ownsRoot) {
    this.server = server;
    this.executor = executor;
    this.root = root;
    this.ownsRoot = ownsRoot;
    this.gitHttp = new GitHttpHandler(root.resolve("git").toAbsolutePath().normalize(), "/git/");
  }

  /**
   * Starts a sandbox in a new temporary folder.
   *
   * @return a running sandbox; close it when done
   */
  public static FedoraSandbox start() {
    try {
      return start(Files.createTempDirectory("packit-sandbox-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox folder", e);
    }
  }

  /**
   * Starts a sandbox that keeps its repositories in {@code root} (not deleted on close).
   *
   * @param root an existing folder
   * @return a running sandbox
   */
  public static FedoraSandbox start(Path root) {
    return start(root, false, 0);
  }

  /**
   * Starts a sandbox in a new temporary folder on a fixed loopback port, for a proxy configured
   * ahead of time to forward to it (e.g. Apache with {@code mod_auth_gssapi} in front of the Koji
   * hub and the lookaside, as in CI).
   *
   * <pre>{@code
   * try (FedoraSandbox sandbox = FedoraSandbox.startOnPort(30080)) { ... }
   * }</pre>
   *
   * @param port the port on 127.0.0.1
   * @return a running sandbox; close it when done
   */
  public static FedoraSandbox startOnPort(int port) {
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port");
    }
    try {
      return start(Files.createTempDirectory("packit-sandbox-"), true, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox folder", e);
    }
  }

  private static FedoraSandbox start(Path root, boolean ownsRoot) {
    return start(root, ownsRoot, 0);
  }

  private static FedoraSandbox start(Path root, boolean ownsRoot, int port) {
    Objects.requireNonNull(root, "root == null");
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "packit-sandbox-http");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      FedoraSandbox sandbox = new FedoraSandbox(server, executor, root, ownsRoot);
      server.createContext("/", sandbox::index).getFilters().add(sandbox.observer);
      sandbox.mount("/git/", "git smart HTTP: clone and push the repositories under root()/git", sandbox.gitHttp);
      server.start();
      return sandbox;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox HTTP server on loopback"
          + (port == 0 ? "" : " port " + port), e);
    }
  }

  /** Returns the base URI of the sandbox's HTTP server, ending in {@code /}. */
  public URI baseUri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
  }

  /**
   * Describes this sandbox as a Fedora instance, so clients are built from it the way they are for
   * production: dist-git (Pagure) at {@code pagure/}, git at {@code git/}, {@code rpms/} and
   * {@code rawhide}, the lookaside, the Koji hub and Bodhi, each mounted by this call. Messages go
   * through {@link #messages()} in memory; the broker URI only names the loopback host.
   *
   * <pre>{@code
   * FedoraServices services = FedoraServices.builder(sandbox.instance()).build();
   * }</pre>
   *
   * @return the instance
   * @since 0.2.0
   */
  public FedoraInstance instance() {
    URI base = baseUri();
    SandboxLookaside l = lookaside();
    URI bodhiBase = bodhi().baseUri();
    koji();
    URI distGitRoot = pagure().instanceUri();
    return FedoraInstance.builder(FedoraInstance.production())
        .distGit(distGitRoot)
        .gitBase(base.resolve("git/"))
        .lookaside(l.baseUri()).lookasideUpload(l.uploadCgi())
        .kojiHub(base.resolve("kojihub")).kojiWeb(base.resolve("koji/")).kojiTopurl(base.resolve("kojifiles/"))
        .bodhi(bodhiBase)
        .messagingBroker(URI.create("amqp://" + base.getHost() + "/"))
        .build();
  }

  /** Returns the folder holding the sandbox's repositories and stored files. */
  public Path root() {
    return root;
  }

  /**
   * Mounts a fake service under a path prefix such as {@code /koji}.
   *
   * @param prefix path prefix starting with {@code /}
   * @param description one line shown on the sandbox index page
   * @param handler the handler answering requests below the prefix
   */
  public synchronized void mount(String prefix, String description, HttpHandler handler) {
    if (!prefix.startsWith("/") || prefix.length() < 2) {
      throw new IllegalArgumentException("prefix must start with / and name a path: " + prefix);
    }
    com.sun.net.httpserver.HttpContext context = server.createContext(prefix, faults.wrap(prefix.replaceAll("^/+|/+$", ""), handler));
    context.getFilters().add(observer);
    context.getFilters().add(new com.sun.net.httpserver.Filter() {
      @Override
      public void doFilter(com.sun.net.httpserver.HttpExchange exchange, Chain chain) throws IOException {
        requestCounts.computeIfAbsent(prefix + " " + exchange.getRequestMethod(), k -> new java.util.concurrent.atomic.LongAdder())
            .increment();
        chain.doFilter(exchange);
      }

      @Override
      public String description() {
        return "counts requests";
      }
    });
    services.put(prefix, description);
  }

  /**
   * Puts a fault plan in force for every service of this sandbox (those mounted later too), from
   * the next request on; {@link FaultPlan#none()} ends it. The counters keep running.
   *
   * <pre>{@code
   * SandboxFaults faults = sandbox.faults(FaultPlan.rate(0.3).seed(42));
   * runBot();
   * System.out.println(faults.summary());
   * }</pre>
   *
   * @param plan the plan
   * @return the injector, with its counters
   */
  public SandboxFaults faults(FaultPlan plan) {
    faults.plan(plan);
    return faults;
  }

  /** @return the fault injector (plan {@link FaultPlan#none()} until {@link #faults(FaultPlan)} is called) */
  public SandboxFaults faults() {
    return faults;
  }

  /**
   * Counts the HTTP requests each mounted service received since the start (or the last
   * {@link #resetRequestCounts()}), keyed by prefix and method, such as {@code "/pagure GET"} or
   * {@code "/git/ POST"} (git fetches and pushes). Benchmarks use it to count the calls a workflow
   * makes.
   *
   * <pre>{@code
   * sandbox.resetRequestCounts();
   * workflow.apply(plan);
   * long pagureCalls = sandbox.requestCounts().entrySet().stream()
   *     .filter(e -> e.getKey().startsWith("/pagure ")).mapToLong(Map.Entry::getValue).sum();
   * }</pre>
   *
   * @return a snapshot, sorted by key
   */
  public Map<String, Long> requestCounts() {
    Map<String, Long> m = new TreeMap<>();
    requestCounts.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Sets every {@link #requestCounts()} counter back to zero. */
  public void resetRequestCounts() {
    requestCounts.clear();
  }

  /** Returns the mounted services, prefix to description. */
  public synchronized Map<String, String> services() {
    return Map.copyOf(services);
  }

  /**
   * Returns the sandbox's message bus; the fakes publish their fedora-messaging messages here.
   *
   * @return the in-memory message source, closed with the sandbox
   */
  public synchronized InMemoryMessageSource messages() {
    if (messages == null) {
      messages = InMemoryMessageSource.create();
    }
    return messages;
  }

  /**
   * Returns the fake Bodhi, mounted at {@code /bodhi/} on first use.
   *
   * @return the sandbox Bodhi
   */
  public synchronized SandboxBodhi bodhi() {
    if (bodhi == null) {
      URI base = baseUri().resolve("bodhi/");
      BodhiService service = new BodhiService("/bodhi", base, Clock.systemUTC(), messages());
      mount("/bodhi", "Bodhi: releases/, updates/, csrf, oidc/login-token", service);
      bodhi = new SandboxBodhi(service, base);
    }
    return bodhi;
  }

  /**
   * Returns the lookaside cache, mounted at {@code /lookaside/} on first use.
   *
   * @return the sandbox lookaside
   */
  public synchronized SandboxLookaside lookaside() {
    if (lookaside == null) {
      LookasideService service = new LookasideService("/lookaside", root.resolve("lookaside"), root.resolve("git"));
      mount("/lookaside", "lookaside cache: pkgs/upload.cgi and pkgs/<ns>/<name>/<file>/<hashtype>/<hash>/<file>", service);
      lookaside = new SandboxLookaside(service, baseUri().resolve("lookaside/pkgs/"));
    }
    return lookaside;
  }

  /**
   * Returns the sandbox's Koji hub mounted at {@code /kojihub}, creating it on first use; it reads
   * spec files from this sandbox's git repositories.
   *
   * @return the hub; its XML-RPC endpoint is {@link SandboxKoji#baseUri()}
   */
  public synchronized SandboxKoji koji() {
    if (koji == null) {
      kojiHub = FakeKojiHub.builder().gitRoot(root.resolve("git")).build();
      InMemoryMessageSource bus = messages();
      kojiHub.onMessage(m -> bus.publish(new MessageEnvelope(m.id(), m.topic(), m.headers(), m.body())));
      mount("/kojihub", "fake Koji hub (XML-RPC)", kojiHub);
      koji = new SandboxKoji(kojiHub, baseUri().resolve("kojihub"));
    }
    return koji;
  }

  /** The hub behind {@link #koji()}, for the hub's own tests (FakeKojiHubTest). */
  synchronized FakeKojiHub kojiHub() {
    koji();
    return kojiHub;
  }

  /**
   * Returns the fake Pagure / dist-git, mounted at {@code /pagure/} on first use.
   *
   * @return the sandbox Pagure
   */
  public synchronized SandboxPagure pagure() {
    if (pagure == null) {
      URI base = baseUri().resolve("pagure/");
      PagureService service = new PagureService("/pagure", base, baseUri().resolve("git/"), root.resolve("git"), Clock.systemUTC(),
          messages());
      mount("/pagure", "Pagure/dist-git API 0: api/0/..., <ns>/<name>/raw/<ref>/f/<path>", service);
      pagure = new SandboxPagure(service, base);
    }
    return pagure;
  }

  /**
   * Returns the fake Forgejo, mounted at {@code /forgejo/} on first use, over the same bare
   * repositories as {@link #pagure()}: dist-git can be served by either, or by both at once.
   *
   * @return the sandbox Forgejo
   */
  public synchronized SandboxForgejo forgejo() {
    if (forgejo == null) {
      URI base = baseUri().resolve("forgejo/");
      ForgejoService service = new ForgejoService("/forgejo", base, baseUri().resolve("git/"), root.resolve("git"), Clock.systemUTC(),
          messages());
      mount("/forgejo", "Forgejo API v1: api/v1/repos/..., user, version", service);
      forgejo = new SandboxForgejo(service, base);
    }
    return forgejo;
  }

  /**
   * Returns dist-git's API at {@code /distgit/}, served by Pagure until
   * {@link SandboxDistGit#switchTo switched} to Forgejo (or back), over the same bare
   * repositories; mounted on first use.
   *
   * @return the switchable dist-git
   */
  public synchronized SandboxDistGit distGit() {
    if (distGit == null) {
      URI base = baseUri().resolve("distgit/");
      PagureService p = new PagureService("/distgit", base, baseUri().resolve("git/"), root.resolve("git"), Clock.systemUTC(),
          messages());
      ForgejoService f = new ForgejoService("/distgit", base, baseUri().resolve("git/"), root.resolve("git"), Clock.systemUTC(),
          messages());
      distGit = new SandboxDistGit(base, p, f);
      mount("/distgit", "dist-git API on Pagure (api/0/) or Forgejo (api/v1/), switchable", distGit.handler());
    }
    return distGit;
  }

  /**
   * Returns the fake GitHub, mounted at {@code /github/} on first use (use it as the API root,
   * like GitHub Enterprise's {@code /api/v3/}).
   *
   * @return the sandbox GitHub
   */
  public synchronized SandboxGitHub github() {
    if (github == null) {
      URI base = baseUri().resolve("github/");
      GitHubService service = new GitHubService("/github", base, baseUri().resolve("git/"), root.resolve("git"), Clock.systemUTC());
      mount("/github", "GitHub REST v3: repos/, user, rate_limit", service);
      github = new SandboxGitHub(service, base);
    }
    return github;
  }

  /**
   * Creates (or returns the existing) bare git repository {@code <root>/git/<name>.git}.
   *
   * @param name a relative name such as {@code rpms/hello}; no {@code ..} segments
   * @return the repository folder
   */
  public Path createBareRepository(String name) {
    if (name.isBlank() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
      throw new IllegalArgumentException("bad repository name: " + name);
    }
    Path dir = root.resolve("git").resolve(name + ".git");
    if (Files.isDirectory(dir)) {
      return dir;
    }
    try {
      Files.createDirectories(dir.getParent());
      try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("rawhide").call()) {
        return git.getRepository().getDirectory().toPath();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the HTTP clone URL of a repository made by {@link #createBareRepository(String)}.
   *
   * @param name the repository name, e.g. {@code rpms/hello}
   * @return e.g. {@code http://127.0.0.1:<port>/git/rpms/hello.git}
   */
  public URI gitUri(String name) {
    return baseUri().resolve("git/" + name + ".git");
  }

  /**
   * Registers a listener told about every ref update pushed to the sandbox's git server, after
   * the push succeeded (a post-receive hook).
   *
   * @param listener receives each ref update
   */
  public void onGitPush(java.util.function.Consumer<GitPush> listener) {
    gitHttp.onPush(listener);
  }

  /**
   * Makes the git server require HTTP basic auth for pushes (clones stay anonymous).
   *
   * @param user the user name
   * @param token the token, sent as the basic-auth password
   */
  public void requireGitPushToken(String user, dev.packit.core.Secret token) {
    gitHttp.requirePushToken(user, token);
  }

  /**
   * Registers a listener told about every HTTP request the sandbox serves, twice: when it arrives
   * (on the serving thread, before the service reads the body, so the listener can hold it or
   * stop the client) and when the service has answered. Tests use it to count requests or to
   * kill a client process at the N-th request.
   *
   * @param listener receives each {@link SandboxRequest}; it must not throw
   */
  public void onRequest(java.util.function.Consumer<SandboxRequest> listener) {
    requestListeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /** @return how many HTTP requests the sandbox has received so far */
  public long requestCount() {
    return requests.get();
  }

  /** @return how many HTTP requests are being served right now */
  public int requestsInFlight() {
    return inFlight.get();
  }

  private void tell(SandboxRequest r) {
    for (java.util.function.Consumer<SandboxRequest> l : requestListeners) {
      l.accept(r);
    }
  }

  private void index(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"/".equals(exchange.getRequestURI().getPath())) {
        byte[] body = "not found\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      StringBuilder sb = new StringBuilder("packit-java sandbox\n");
      services().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> sb.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
      byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** Stops the server and, when the sandbox created its folder, deletes it. */
  @Override
  public void close() {
    synchronized (this) {
      if (messages != null) {
        messages.close();
      }
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsRoot) {
      deleteTree(root);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the sandbox folder " + dir, e);
    }
  }
}
