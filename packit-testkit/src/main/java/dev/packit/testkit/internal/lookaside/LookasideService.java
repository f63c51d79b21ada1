package dev.packit.testkit.internal.lookaside;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.SourceEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's lookaside cache: dist-git's {@code upload.cgi} (check and upload, answers and
 * statuses as the real script sends them) and the static download tree, stored on disk.
 */
public final class LookasideService implements HttpHandler {
  /** Path of upload.cgi below the mount point. */
  public static final String CGI = "pkgs/upload.cgi";
  private static final int MAX_FIELD_BYTES = 64 * 1024;

  private final String mount;
  private final Path store;
  private final Path gitRoot;
  private final String defaultNamespace;
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final Set<String> packagers = ConcurrentHashMap.newKeySet();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, AtomicInteger> stored = new ConcurrentHashMap<>();
  private final AtomicInteger uploads = new AtomicInteger();
  private final AtomicInteger uploadAttempts = new AtomicInteger();
  private final AtomicInteger checks = new AtomicInteger();
  private volatile boolean noMd5 = true;
  private volatile String remoteUserHeader;

  /** A failure injected into the next upload. */
  public record Fault(int status, String body, boolean disconnect) {}

  /**
   * @param mount the path prefix, e.g. {@code /lookaside}
   * @param store where files are stored ({@code <store>/pkgs/<ns>/<name>/...})
   * @param gitRoot where dist-git repositories live ({@code <gitRoot>/<ns>/<name>.git})
   */
  public LookasideService(String mount, Path store, Path gitRoot) {
    this.mount = mount.endsWith("/") ? mount : mount + "/";
    this.store = store.toAbsolutePath().normalize();
    this.gitRoot = gitRoot.toAbsolutePath().normalize();
    this.defaultNamespace = "rpms";
  }

  public Path store() {
    return store;
  }

  public void allow(String authorization, String user) {
    users.put(authorization, user);
  }

  /**
   * Behind a proxy that authenticates (Apache with mod_auth_gssapi), takes the user from this
   * request header, which the proxy sets from {@code REMOTE_USER} as upload.cgi reads it.
   *
   * @param header e.g. {@code X-Remote-User}, or null to stop trusting one
   */
  public void trustRemoteUser(String header) {
    this.remoteUserHeader = header;
  }

  public void packager(String user, boolean packager) {
    if (packager) {
      packagers.add(user);
    } else {
      packagers.remove(user);
    }
  }

  public void noMd5(boolean refuse) {
    this.noMd5 = refuse;
  }

  public synchronized void addFault(Fault fault) {
    faults.add(fault);
  }

  private synchronized Fault nextFault() {
    return faults.poll();
  }

  public int uploads() {
    return uploads.get();
  }

  public int uploadAttempts() {
    return uploadAttempts.get();
  }

  public int checks() {
    return checks.get();
  }

  public int uploads(String module, String filename) {
    AtomicInteger n = stored.get(module + "/" + filename);
    return n == null ? 0 : n.get();
  }

  /** Path of a stored file in the current layout (whether or not it exists). */
  public Path pathOf(String module, String filename, HashType type, String hash) {
    return moduleDir(module).resolve(filename).resolve(type.pathSegment()).resolve(hash).resolve(filename);
  }

  private Path moduleDir(String module) {
    Path p = store.resolve("pkgs").resolve(module).normalize();
    if (!p.startsWith(store.resolve("pkgs"))) {
      throw new IllegalArgumentException("bad module " + module);
    }
    return p;
  }

  /**
   * Stores a file directly (no HTTP), for seeding tests.
   *
   * @param oldLayout store it at the very old {@code <file>/<md5>/<file>} path instead
   */
  public Path put(String module, String filename, HashType type, byte[] content, boolean oldLayout) throws IOException {
    MessageDigest md = type.newDigest();
    String hash = HexFormat.of().formatHex(md.digest(content));
    Path dest = oldLayout
        ? moduleDir(module).resolve(filename).resolve(hash).resolve(filename)
        : pathOf(module, filename, type, hash);
    Files.createDirectories(dest.getParent());
    Files.write(dest, content);
    return dest;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String rel = path.startsWith(mount) ? path.substring(mount.length()) : "";
      if (rel.equals(CGI)) {
        if (!"POST".equals(exchange.getRequestMethod())) {
          exchange.getResponseHeaders().set("Allow", "POST");
          send(exchange, 405, "Method Not Allowed");
          return;
        }
        cgi(exchange);
      } else if (rel.startsWith("pkgs/") && ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod()))) {
        download(exchange, rel.substring("pkgs/".length()));
      } else {
        drain(exchange);
        send(exchange, 404, "Not Found");
      }
    }
  }

  /** The request's answer, as upload.cgi's send_error or print would produce it. */
  private static final class Answer extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Answer(int status, String body) {
      super(body, null, false, false);
      this.status = status;
    }
  }

  private void cgi(HttpExchange ex) throws IOException {
    // httpd (mod_auth_gssapi) answers 401 before the CGI runs.
    String user = "anonymous";
    String trusted = remoteUserHeader;
    if (trusted != null) {
      // upload.cgi reads REMOTE_USER and drops the realm
      String remote = ex.getRequestHeaders().getFirst(trusted);
      if (remote == null || remote.isBlank()) {
        drain(ex);
        ex.getResponseHeaders().set("WWW-Authenticate", "Negotiate");
        send(ex, 401, "Unauthorized");
        return;
      }
      user = remote.contains("@") ? remote.substring(0, remote.indexOf('@')) : remote.trim();
    } else if (!users.isEmpty()) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      user = auth == null ? null : users.get(auth);
      if (user == null) {
        drain(ex);
        ex.getResponseHeaders().set("WWW-Authenticate", "Negotiate");
        send(ex, 401, "Unauthorized");
        return;
      }
    }
    Path tmp = null;
    try {
      if ((trusted != null || !users.isEmpty()) && !packagers.contains(user)) {
        drain(ex);
        throw new Answer(403, "You must connect with a valid certificate and be in the packager group to upload.");
      }
      String boundary = MultipartReader.boundaryOf(ex.getRequestHeaders().getFirst("Content-Type"));
      if (boundary == null) {
        drain(ex);
        throw new Answer(400, "Required field \"name\" is not present.");
      }
      MultipartReader reader = new MultipartReader(ex.getRequestBody(), boundary);
      Map<String, List<String>> fields = new LinkedHashMap<>();
      Upload file = null;
      int fileParts = 0;
      MultipartReader.Part part;
      while ((part = reader.next()) != null) {
        if (part.filename() != null && part.name().equals("file")) {
          fileParts++;
          if (file == null) {
            uploadAttempts.incrementAndGet();
            Fault fault = nextFault();
            file = receive(part, fields, fault);
            tmp = file.tmp;
          }
        } else {
          fields.computeIfAbsent(part.name(), k -> new ArrayList<>()).add(readField(part.body()));
        }
      }
      if (fileParts > 1) {
        throw new Answer(400, "Multiple values given for \"file\". Aborting.");
      }
      answer(fields, file, user);
    } catch (Answer a) {
      send(ex, a.status, a.getMessage());
    } catch (Disconnect d) {
      // Simulates the server going away mid-upload: no answer at all.
      throw new IOException("sandbox lookaside: injected disconnect");
    } catch (IOException e) {
      send(ex, 400, "Error reading the form: " + e.getMessage());
    } catch (RuntimeException e) {
      send(ex, 500, String.valueOf(e));
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static final class Disconnect extends Exception {
    private static final long serialVersionUID = 1L;

    Disconnect() {
      super("disconnect", null, false, false);
    }
  }

  /** A file part received to a temporary file, with the digests computed while it streamed in. */
  private record Upload(String filename, Path tmp, long size, Map<HashType, String> digests, Fault fault) {}

  private Upload receive(MultipartReader.Part part, Map<String, List<String>> fieldsSoFar, Fault fault)
      throws IOException, Disconnect {
    // The protocol sends the checksum field before the file: hash only what was announced, both if unknown.
    List<HashType> types = new ArrayList<>();
    if (fieldsSoFar.containsKey("sha512sum")) {
      types.add(HashType.SHA512);
    } else if (fieldsSoFar.containsKey("md5sum")) {
      types.add(HashType.MD5);
    } else {
      types.add(HashType.SHA512);
      types.add(HashType.MD5);
    }
    MessageDigest[] mds = new MessageDigest[types.size()];
    for (int i = 0; i < mds.length; i++) {
      mds[i] = types.get(i).newDigest();
    }
    Files.createDirectories(store.resolve("tmp"));
    Path tmp = Files.createTempFile(store.resolve("tmp"), "upload-", ".part");
    long size = 0;
    try (InputStream in = part.body(); UploadSink sink = UploadSink.open(tmp, mds)) {
      byte[] buf = sink.take();
      int n;
      // Socket reads come in small pieces: fill a whole buffer, then the sink hashes and writes it on its threads.
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        sink.submit(buf, n);
        size += n;
        if (fault != null && fault.disconnect()) {
          throw new Disconnect();
        }
        buf = sink.take();
      }
      sink.finish();
    } catch (IOException | RuntimeException | Disconnect e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Map<HashType, String> digests = new HashMap<>();
    for (int i = 0; i < mds.length; i++) {
      digests.put(types.get(i), HexFormat.of().formatHex(mds[i].digest()));
    }
    String name = part.filename();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return new Upload(slash >= 0 ? name.substring(slash + 1) : name, tmp, size, digests, fault);
  }

  private static String readField(InputStream body) throws IOException, Answer {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = body.read(buf)) >= 0) {
      out.write(buf, 0, n);
      if (out.size() > MAX_FIELD_BYTES) {
        throw new Answer(400, "Form field too large. Aborting.");
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String single(Map<String, List<String>> fields, String key) throws Answer {
    List<String> v = fields.get(key);
    if (v == null || v.isEmpty()) {
      throw new Answer(400, "Required field \"" + key + "\" is not present.");
    }
    if (v.size() > 1) {
      throw new Answer(400, "Multiple values given for \"" + key + "\". Aborting.");
    }
    return v.get(0);
  }

  private void answer(Map<String, List<String>> fields, Upload file, String user) throws Answer, IOException {
    String module = single(fields, "name");
    module = stripSlashes(module);
    if (!module.contains("/")) {
      module = defaultNamespace + "/" + module;
    }
    HashType type;
    String checksum;
    if (fields.containsKey("sha512sum")) {
      type = HashType.SHA512;
      checksum = single(fields, "sha512sum");
    } else if (fields.containsKey("md5sum")) {
      type = HashType.MD5;
      checksum = single(fields, "md5sum");
    } else {
      throw new Answer(400, "Required checksum is not present");
    }
    boolean check = fields.containsKey("filename");
    String filename;
    Long mtime = null;
    if (check) {
      filename = basename(single(fields, "filename"));
    } else {
      if (file == null) {
        throw new Answer(400, "Required field \"file\" is not present.");
      }
      if (file.filename().isEmpty()) {
        throw new Answer(400, "No file given for upload. Aborting.");
      }
      filename = file.filename();
      if (fields.containsKey("mtime")) {
        String m = single(fields, "mtime");
        try {
          mtime = Long.parseLong(m.trim());
        } catch (NumberFormatException e) {
          throw new Answer(400, "Invalid value sent for mtime \"" + m + "\". Aborting.");
        }
      }
    }
    if (!safeModule(module) || !Files.isDirectory(gitRoot.resolve(module + ".git"))) {
      throw new Answer(404, "Module \"" + module + "\" does not exist!");
    }
    // The real CGI joins unchecked names into paths; the sandbox refuses what would leave its store.
    if (SourceEntry.nameProblem(filename).isPresent()) {
      throw new Answer(400, "Invalid filename \"" + filename + "\". Aborting.");
    }
    boolean wellFormed = type.isWellFormed(checksum) && checksum.equals(checksum.toLowerCase(Locale.ROOT));
    Path dest = wellFormed ? pathOf(module, filename, type, checksum) : null;
    if (check) {
      checks.incrementAndGet();
      if (dest != null && Files.exists(dest)) {
        throw new Answer(200, "Available");
      }
      Path old = wellFormed ? moduleDir(module).resolve(filename).resolve(checksum).resolve(filename) : null;
      if (old != null && Files.exists(old)) {
        Files.createDirectories(dest.getParent());
        try {
          Files.createLink(dest, old);
        } catch (FileAlreadyExistsException e) {
          // a concurrent check linked it first
        }
        throw new Answer(200, "Available");
      }
      throw new Answer(200, "Missing");
    }
    if (type == HashType.MD5 && noMd5) {
      throw new Answer(406, "Uploads with md5 are no longer allowed.");
    }
    if (dest != null && Files.exists(dest)) {
      throw new Answer(200, "File " + filename + " already exists\nFile: " + dest + " Size: " + Files.size(dest));
    }
    if (file.fault() != null && !file.fault().disconnect()) {
      throw new Answer(file.fault().status(), file.fault().body());
    }
    String actual = file.digests().get(type);
    if (!actual.equals(checksum)) {
      throw new Answer(400, type.tag() + " check failed. Received " + actual + " instead of " + checksum + ".");
    }
    Files.createDirectories(dest.getParent());
    try {
      Files.move(file.tmp(), dest, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(file.tmp(), dest);
    }
    if (mtime != null) {
      Files.setLastModifiedTime(dest, FileTime.fromMillis(mtime * 1000));
    }
    uploads.incrementAndGet();
    stored.computeIfAbsent(module + "/" + filename, k -> new AtomicInteger()).incrementAndGet();
    throw new Answer(200, "File " + filename + " size " + file.size() + " " + type.tag() + " " + checksum + " stored OK");
  }

  private static String stripSlashes(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == '/') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == '/') {
      b--;
    }
    return s.substring(a, b);
  }

  private static String basename(String s) {
    int slash = s.lastIndexOf('/');
    return slash >= 0 ? s.substring(slash + 1) : s;
  }

  private static boolean safeModule(String module) {
    for (String seg : module.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.contains("\\") || seg.indexOf('\0') >= 0) {
        return false;
      }
    }
    return true;
  }

  private void download(HttpExchange ex, String rel) throws IOException {
    // <ns>/<name>/<file>/<hashtype>/<hash>/<file>, <ns>/<name>/<file>/<md5>/<file> (old), or without <ns>.
    String[] seg = rel.split("/", -1);
    for (String s : seg) {
      if (s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("\\") || s.indexOf('\0') >= 0) {
        send(ex, 404, "Not Found");
        return;
      }
    }
    Path file = store.resolve("pkgs").resolve(rel).normalize();
    if (!file.startsWith(store.resolve("pkgs")) || !Files.isRegularFile(file) || seg.length < 4) {
      send(ex, 404, "Not Found");
      return;
    }
    long size = Files.size(file);
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.getResponseHeaders().set("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Files.getLastModifiedTime(file).toInstant().atZone(java.time.ZoneOffset.UTC)));
    if ("HEAD".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Content-Length", Long.toString(size));
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, size == 0 ? -1 : size);
    try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
      in.transferTo(out);
    }
  }

  private static void drain(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static void send(HttpExchange ex, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
    if ("HEAD".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
