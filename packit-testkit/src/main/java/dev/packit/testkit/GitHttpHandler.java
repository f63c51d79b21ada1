package dev.packit.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.packit.core.Secret;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git's smart HTTP protocol over the JDK's HTTP server, serving the bare repositories below a
 * folder: {@code <root>/<name>.git}. Clone, fetch (protocol v0 and v2) and push work with JGit
 * and the {@code git} CLI; gzip request bodies are accepted.
 *
 * <pre>{@code
 * GitHttpHandler git = new GitHttpHandler(root.resolve("git"), "/git/");
 * git.requirePushToken("packit", Secret.of("t0ken"));
 * git.onPush(push -> System.out.println("pushed " + push.ref()));
 * server.createContext("/git/", git);
 * // git clone http://127.0.0.1:<port>/git/rpms/hello.git
 * }</pre>
 *
 * <p>Routes: {@code GET <prefix><name>.git/info/refs?service=git-upload-pack|git-receive-pack},
 * {@code POST <prefix><name>.git/git-upload-pack|git-receive-pack}. Repositories are never
 * created on demand. Thread-safe.
 */
public final class GitHttpHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(GitHttpHandler.class);
  private static final String UPLOAD = "git-upload-pack";
  private static final String RECEIVE = "git-receive-pack";
  private final java.util.Map<String, Object> receiveLocks = new java.util.concurrent.ConcurrentHashMap<>();

  private final Path root;
  private final String prefix;
  private final List<Consumer<GitPush>> listeners = new CopyOnWriteArrayList<>();
  private volatile String pushUser;
  private volatile Secret pushToken;

  /**
   * Creates a handler.
   *
   * @param root the folder holding {@code <name>.git} bare repositories
   * @param prefix the context path it is mounted at, starting and ending with {@code /}
   */
  public GitHttpHandler(Path root, String prefix) {
    this.root = Objects.requireNonNull(root, "root == null");
    if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must start and end with /: " + prefix);
    }
    this.prefix = prefix;
  }

  /**
   * Requires HTTP basic auth with this user and token for pushes (fetches stay anonymous).
   *
   * @param user the user name
   * @param token the token (the basic-auth password)
   */
  public void requirePushToken(String user, Secret token) {
    this.pushUser = Objects.requireNonNull(user, "user == null");
    this.pushToken = Objects.requireNonNull(token, "token == null");
  }

  /**
   * Registers a listener called after each accepted ref update, on the server thread; a
   * failing listener is logged and does not fail the push.
   *
   * @param listener receives each update
   */
  public void onPush(Consumer<GitPush> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.startsWith(prefix)) {
        text(exchange, 404, "not found\n");
        return;
      }
      String rest = path.substring(prefix.length());
      String method = exchange.getRequestMethod();
      if (rest.endsWith("/info/refs") && "GET".equals(method)) {
        String service = service(exchange.getRequestURI().getRawQuery());
        Repository repo = open(exchange, rest.substring(0, rest.length() - "/info/refs".length()));
        if (repo == null) {
          return;
        }
        try (repo) {
          if (service == null) {
            text(exchange, 403, "only the smart HTTP protocol is served: add ?service=git-upload-pack\n");
          } else if (!RECEIVE.equals(service) || authorized(exchange)) {
            advertise(exchange, repo, service);
          }
        }
      } else if ((rest.endsWith("/" + UPLOAD) || rest.endsWith("/" + RECEIVE)) && "POST".equals(method)) {
        String service = rest.substring(rest.lastIndexOf('/') + 1);
        String name = rest.substring(0, rest.lastIndexOf('/'));
        Repository repo = open(exchange, name);
        if (repo == null) {
          return;
        }
        try (repo) {
          if (UPLOAD.equals(service)) {
            upload(exchange, repo);
          } else if (authorized(exchange)) {
            receive(exchange, repo, repoName(name));
          }
        }
      } else {
        text(exchange, "GET".equals(method) || "POST".equals(method) ? 404 : 405,
            "not a smart HTTP git route: " + method + " " + path + "\n");
      }
    } catch (RuntimeException | IOException e) {
      LOG.warn("git HTTP request {} failed", exchange.getRequestURI(), e);
      throw e;
    }
  }

  private static String service(String query) {
    if (query == null) {
      return null;
    }
    for (String part : query.split("&")) {
      if (part.equals("service=" + UPLOAD)) {
        return UPLOAD;
      }
      if (part.equals("service=" + RECEIVE)) {
        return RECEIVE;
      }
    }
    return null;
  }

  private static String repoName(String name) {
    return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
  }

  private Repository open(HttpExchange exchange, String rawName) throws IOException {
    String name = repoName(rawName);
    if (name.isEmpty() || name.startsWith("/") || Arrays.asList(name.split("/")).contains("..") || name.contains("\\")) {
      text(exchange, 400, "bad repository name\n");
      return null;
    }
    Path dir = root.resolve(name + ".git").normalize();
    if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
      text(exchange, 404, "no repository " + name + "\n");
      return null;
    }
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).setBare().build();
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    Secret token = pushToken;
    if (token == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      if (colon > 0 && decoded.substring(0, colon).equals(pushUser)
          && token.equals(Secret.of(decoded.substring(colon + 1)))) {
        return true;
      }
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"packit-sandbox git\"");
    text(exchange, 401, "pushing needs credentials\n");
    return false;
  }

  private static List<String> protocolParameters(HttpExchange exchange) {
    List<String> out = new ArrayList<>();
    for (String header : exchange.getRequestHeaders().getOrDefault("Git-Protocol", List.of())) {
      for (String p : header.split(":")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out;
  }

  private static void advertise(HttpExchange exchange, Repository repo, String service) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-" + service + "-advertisement");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache, max-age=0, must-revalidate");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody())) {
      PacketLineOut pck = new PacketLineOut(out);
      if (UPLOAD.equals(service)) {
        UploadPack up = new UploadPack(repo);
        up.setBiDirectionalPipe(false);
        List<String> params = protocolParameters(exchange);
        up.setExtraParameters(params);
        if (!params.contains("version=2")) {
          // v2 clients read the capability list directly; v0 expects the service banner first.
          pck.writeString("# service=" + service + "\n");
          pck.end();
        }
        up.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(pck));
      } else {
        pck.writeString("# service=" + service + "\n");
        pck.end();
        ReceivePack rp = new ReceivePack(repo);
        rp.setBiDirectionalPipe(false);
        rp.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(pck));
      }
    }
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    InputStream in = new ReadingSkip(exchange.getRequestBody());
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip"))) {
      return new GZIPInputStream(in);
    }
    return in;
  }

  private static void upload(HttpExchange exchange, Repository repo) throws IOException {
    UploadPack up = new UploadPack(repo);
    up.setBiDirectionalPipe(false);
    up.setExtraParameters(protocolParameters(exchange));
    exchange.getResponseHeaders().set("Content-Type", "application/x-" + UPLOAD + "-result");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache, max-age=0, must-revalidate");
    exchange.sendResponseHeaders(200, 0);
    try (InputStream in = body(exchange); OutputStream out = new BufferedOutputStream(exchange.getResponseBody())) {
      up.upload(in, out, null);
    }
  }

  private void receive(HttpExchange exchange, Repository repo, String name) throws IOException {
    ReceivePack rp = new ReceivePack(repo);
    rp.setBiDirectionalPipe(false);
    Path dir = repo.getDirectory().toPath();
    rp.setPostReceiveHook((pack, commands) -> {
      for (ReceiveCommand c : commands) {
        if (c.getResult() == ReceiveCommand.Result.OK) {
          notifyListeners(new GitPush(name, dir, c.getRefName(), c.getOldId().name(), c.getNewId().name(),
              c.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD));
        }
      }
    });
    exchange.getResponseHeaders().set("Content-Type", "application/x-" + RECEIVE + "-result");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache, max-age=0, must-revalidate");
    exchange.sendResponseHeaders(200, 0);
    // One push at a time per repository: two concurrent pushes of the same objects write a pack of
    // the same name, and JGit's ReceivePack then fails to lock it (a real git server serialises
    // the ref updates and tolerates the duplicate pack).
    Object lock = receiveLocks.computeIfAbsent(dir.toString(), k -> new Object());
    try (InputStream in = body(exchange); OutputStream out = new BufferedOutputStream(exchange.getResponseBody())) {
      synchronized (lock) {
        rp.receive(in, out, null);
      }
    }
  }

  private void notifyListeners(GitPush push) {
    for (Consumer<GitPush> l : listeners) {
      try {
        l.accept(push);
      } catch (RuntimeException e) {
        LOG.warn("git push listener failed for {} {}", push.repository(), push.ref(), e);
      }
    }
  }

  /**
   * The JDK server's request stream inherits {@code skip} from FilterInputStream, which skips on
   * the raw socket past the body's end and blocks; JGit skips the rest of each request, so skip
   * by reading instead.
   */
  private static final class ReadingSkip extends java.io.FilterInputStream {
    ReadingSkip(InputStream in) {
      super(in);
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    byte[] b = message.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, b.length);
    exchange.getResponseBody().write(b);
  }

  @Override
  public String toString() {
    return "GitHttpHandler[" + prefix + " -> " + root + (pushToken == null ? "" : ", push auth") + "]";
  }
}
