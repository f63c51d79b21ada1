package dev.packit.fedora.lookaside;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.Interceptor;
import dev.packit.core.http.MultipartBody;
import dev.packit.core.http.RequestBody;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.http.Sleeper;
import dev.packit.fedora.FedoraInstance;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client of a dist-git lookaside cache: Fedora's, CentOS Stream's or a private one.
 *
 * <pre>{@code
 * LookasideClient lookaside = LookasideClient.builder()
 *     .instance(FedoraInstance.fedora())                 // or .baseUri(...) and .uploadCgi(...)
 *     .authentication(LookasideAuth.negotiateFromTicketCache())   // kinit first
 *     .build();
 * HashedFile archive = HashedFile.of(Path.of("hello-2.0.tar.gz"), HashType.SHA512);
 * UploadResult r = lookaside.upload("hello", archive);   // checks first; sends only when missing
 * lookaside.download("hello", archive.toEntry(HashType.SHA512), Path.of("checkout"));
 * }</pre>
 *
 * <p><b>Protocol</b> (dist-git's {@code upload.cgi}): a check is a multipart POST of
 * {@code name}, {@code sha512sum} and {@code filename}, answered {@code Available} or
 * {@code Missing}; an upload is a POST of {@code name}, {@code sha512sum}, the {@code file} part
 * and {@code mtime}, answered {@code File <f> size <n> SHA512 <hash> stored OK}. Every other
 * answer becomes a {@link LookasideException} whose {@link LookasideException#reason()} names it.
 * Downloads are anonymous GETs of {@code <base>/<ns>/<name>/<file>/<hashtype>/<hash>/<file>}, and
 * {@link #exists} is the anonymous HEAD on that URL (what Packit uses).
 *
 * <p><b>Streaming</b>: uploads send the file from disk and downloads write to a temporary file
 * beside the target while hashing it; memory use does not depend on the file size. A file is
 * hashed once ({@link HashedFile}) and that checksum is reused for the check, the upload and the
 * {@code sources} entry. Downloads are verified and moved into place only when the checksum
 * matches.
 *
 * <p>Requests go through {@link HttpService}: checks, HEADs and downloads are retried on network
 * failures and 5xx; uploads too (a content-addressed upload is safe to repeat: the server answers
 * "already exists"). Immutable and thread-safe.
 */
public final class LookasideClient {
  private static final Pattern STORED = Pattern.compile("^File (\\S+) size (\\d+) (\\S+) ([0-9a-fA-F]+) stored OK$");
  private static final Pattern EXISTS = Pattern.compile("^File (\\S+) already exists\\b.*", Pattern.DOTALL);

  private final HttpService http;
  private final URI baseUri;
  private final URI uploadCgi;
  private final String namespace;
  private final boolean namespaced;
  private final HashType hashType;

  private LookasideClient(Builder b) {
    this.baseUri = b.baseUri;
    this.uploadCgi = b.uploadCgi != null ? b.uploadCgi : b.baseUri.resolve("upload.cgi");
    this.namespace = b.namespace;
    this.namespaced = b.namespaced;
    this.hashType = b.hashType;
    HttpService.Builder hb = HttpService.builder().service(b.service);
    if (b.options != null) {
      hb.options(b.options); // User-Agent and timeout; the four below are the builder's, possibly overridden
    }
    hb.transport(b.transport).retryPolicy(b.retryPolicy).sleeper(b.sleeper).clock(b.clock);
    for (Interceptor i : b.interceptors) {
      hb.interceptor(i);
    }
    this.http = hb.build();
  }

  /** @return a builder (Fedora's lookaside unless told otherwise) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the download root, such as {@code https://src.fedoraproject.org/repo/pkgs/} */
  public URI baseUri() {
    return baseUri;
  }

  /** @return the upload.cgi endpoint */
  public URI uploadCgi() {
    return uploadCgi;
  }

  /** @return the checksum type this client uploads with */
  public HashType hashType() {
    return hashType;
  }

  /**
   * Returns the name upload.cgi and the download tree know a package by.
   *
   * @param pkg the package name, such as {@code hello}
   * @return {@code rpms/hello} when namespaced, else {@code hello}
   */
  public String moduleName(String pkg) {
    Objects.requireNonNull(pkg, "pkg == null");
    if (pkg.isEmpty() || pkg.contains("/") || pkg.contains("..") || pkg.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException("invalid package name: " + pkg);
    }
    return namespaced ? namespace + "/" + pkg : pkg;
  }

  /**
   * Returns the download URL of a file, in the current layout.
   *
   * @param pkg the package name
   * @param filename the file name
   * @param type the checksum type
   * @param hash the checksum
   * @return the URL
   */
  public URI downloadUri(String pkg, String filename, HashType type, String hash) {
    SourceEntry e = new SourceEntry(filename, type, hash);
    return baseUri.resolve(path(moduleName(pkg), e.filename(), e.hashType().pathSegment(), e.hash(), e.filename()));
  }

  private static String path(String... segments) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      for (String part : s.split("/")) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(encodeSegment(part));
      }
    }
    return sb.toString();
  }

  static String encodeSegment(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '@' || c == ',';
      if (plain) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return sb.toString();
  }

  /**
   * Asks upload.cgi whether it has the file (authenticated, like fedpkg).
   *
   * @param pkg the package name
   * @param file the hashed file (its {@link #hashType()} digest is used)
   * @return the answer
   * @throws LookasideException for any answer but {@code Available} or {@code Missing}
   */
  public Presence check(String pkg, HashedFile file) {
    return check(pkg, file.filename(), hashType, file.digest(hashType));
  }

  /**
   * Asks upload.cgi whether it has a file of that name and checksum.
   *
   * @param pkg the package name
   * @param filename the file name
   * @param type the checksum type
   * @param hash the checksum
   * @return the answer
   * @throws LookasideException for any answer but {@code Available} or {@code Missing}
   */
  public Presence check(String pkg, String filename, HashType type, String hash) {
    SourceEntry e = new SourceEntry(filename, type, hash);
    MultipartBody form = MultipartBody.builder()
        .field("name", moduleName(pkg))
        .field(type.formField(), e.hash())
        .field("filename", e.filename())
        .build();
    HttpRequest req = HttpRequest.post(uploadCgi.toString(), form).idempotent(true).build();
    try (HttpResponse r = http.exchangeBuffered(req)) {
      String text = r.text().strip();
      if (r.status() == 200 && text.equals("Available")) {
        return Presence.AVAILABLE;
      }
      if (r.status() == 200 && text.equals("Missing")) {
        return Presence.MISSING;
      }
      throw failure(req, r.status(), text);
    }
  }

  /**
   * Anonymous HEAD on the download URL: 200 means present, 404 absent.
   *
   * @param pkg the package name
   * @param entry the file name and checksum
   * @return whether the file can be downloaded
   * @throws LookasideException for any other status
   */
  public boolean exists(String pkg, SourceEntry entry) {
    URI uri = downloadUri(pkg, entry.filename(), entry.hashType(), entry.hash());
    HttpRequest req = HttpRequest.head(uri.toString());
    try (HttpResponse r = http.exchange(req)) {
      if (r.status() == 200) {
        return true;
      }
      if (r.status() == 404) {
        return false;
      }
      throw failure(req, r.status(), "");
    }
  }

  /**
   * Uploads a file unless the lookaside already has it: checks first, then sends it.
   *
   * @param pkg the package name
   * @param file the hashed file; it must not have changed since it was hashed
   * @return what happened
   * @throws LookasideException when upload.cgi refuses (see {@link LookasideException.Reason})
   * @throws PackitClientException when the file changed since it was hashed
   */
  public UploadResult upload(String pkg, HashedFile file) {
    if (check(pkg, file) == Presence.AVAILABLE) {
      return new UploadResult(file.filename(), hashType, file.digest(hashType), file.size(), UploadResult.Outcome.ALREADY_PRESENT);
    }
    return send(pkg, file);
  }

  /**
   * Sends a file to upload.cgi without checking first.
   *
   * @param pkg the package name
   * @param file the hashed file; it must not have changed since it was hashed
   * @return {@link UploadResult.Outcome#STORED} or {@link UploadResult.Outcome#ALREADY_EXISTS}
   * @throws LookasideException when upload.cgi refuses
   */
  public UploadResult send(String pkg, HashedFile file) {
    file.requireUnchanged();
    String hash = file.digest(hashType);
    MultipartBody form = MultipartBody.builder()
        .field("name", moduleName(pkg))
        .field(hashType.formField(), hash)
        .part("file", file.filename(), RequestBody.ofFile(file.path()))
        .field("mtime", Long.toString(file.mtimeEpochSeconds()))
        .build();
    HttpRequest req = HttpRequest.post(uploadCgi.toString(), form).idempotent(true).build();
    try (HttpResponse r = http.exchangeBuffered(req)) {
      String text = r.text().strip();
      if (r.status() == 200) {
        Matcher stored = STORED.matcher(text);
        if (stored.matches() && stored.group(1).equals(file.filename()) && Long.parseLong(stored.group(2)) == file.size()
            && stored.group(3).equalsIgnoreCase(hashType.tag()) && stored.group(4).equalsIgnoreCase(hash)) {
          return new UploadResult(file.filename(), hashType, hash, file.size(), UploadResult.Outcome.STORED);
        }
        if (EXISTS.matcher(text).matches()) {
          return new UploadResult(file.filename(), hashType, hash, file.size(), UploadResult.Outcome.ALREADY_EXISTS);
        }
      }
      throw failure(req, r.status(), text);
    }
  }

  /**
   * Downloads a file listed in {@code sources} into a folder, verifying its checksum. A file
   * already there with the right checksum is kept (nothing is downloaded).
   *
   * @param pkg the package name
   * @param entry the {@code sources} entry
   * @param dir the folder (the package checkout)
   * @return the verified file
   * @throws LookasideException with {@link LookasideException.Reason#CORRUPT_DOWNLOAD} when the
   *     checksum does not match (the partial file is deleted)
   * @throws dev.packit.core.NotFoundException when the lookaside does not have the file
   */
  public Path download(String pkg, SourceEntry entry, Path dir) {
    Path target = dir.resolve(entry.filename());
    if (!target.normalize().getParent().equals(dir.normalize())) {
      throw new IllegalArgumentException("refusing to write outside " + dir + ": " + entry.filename());
    }
    try {
      if (Files.isRegularFile(target) && HashedFile.of(target, entry.hashType()).digest(entry.hashType()).equals(entry.hash())) {
        return target;
      }
      List<URI> candidates = new ArrayList<>();
      candidates.add(downloadUri(pkg, entry.filename(), entry.hashType(), entry.hash()));
      if (entry.hashType() == HashType.MD5) {
        // The oldest layout: <name>/<file>/<md5>/<file>.
        candidates.add(baseUri.resolve(path(moduleName(pkg), entry.filename(), entry.hash(), entry.filename())));
      }
      for (int i = 0; i < candidates.size(); i++) {
        HttpRequest req = HttpRequest.get(candidates.get(i).toString());
        try (HttpResponse r = i + 1 < candidates.size() ? http.exchange(req) : http.execute(req)) {
          if (r.status() == 404 && i + 1 < candidates.size()) {
            continue;
          }
          if (r.status() != 200) {
            throw failure(req, r.status(), "");
          }
          receive(req, r.body(), entry, target);
          return target;
        }
      }
      throw new IllegalStateException("unreachable");
    } catch (IOException e) {
      throw new PackitClientException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private void receive(HttpRequest req, InputStream body, SourceEntry entry, Path target) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + entry.filename() + ".", ".part");
    try {
      MessageDigest md = entry.hashType().newDigest();
      // A FileChannel, not Files.newOutputStream: the stream mallocs a native buffer for every large write.
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        byte[] buf = new byte[HashedFile.BUFFER];
        int n;
        while ((n = body.readNBytes(buf, 0, buf.length)) > 0) {
          md.update(buf, 0, n);
          ByteBuffer chunk = ByteBuffer.wrap(buf, 0, n);
          while (chunk.hasRemaining()) {
            out.write(chunk);
          }
        }
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (!actual.equals(entry.hash())) {
        throw new LookasideException(details(req, 200, "").detail(entry.hashType().tag() + " of the download is " + actual
            + ", sources says " + entry.hash() + "; deleted").retryable(true), LookasideException.Reason.CORRUPT_DOWNLOAD);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private PackitServiceException.Builder details(HttpRequest req, int status, String text) {
    return PackitServiceException.builder().service(http.service()).method(req.method()).url(req.uri().toString())
        .status(status).body(text);
  }

  private LookasideException failure(HttpRequest req, int status, String text) {
    LookasideException.Reason reason;
    String detail;
    switch (status) {
      case 400:
        reason = reasonOf400(text);
        detail = "upload.cgi refused the request";
        break;
      case 401:
        reason = LookasideException.Reason.UNAUTHORIZED;
        detail = "Dist-git request is unauthorized (no valid credentials: is there a Kerberos ticket?)";
        break;
      case 403:
        reason = LookasideException.Reason.NOT_PACKAGER;
        detail = "not allowed to upload: the user must be in the packager group";
        break;
      case 404:
        reason = LookasideException.Reason.MODULE_NOT_FOUND;
        detail = "no such package on this dist-git";
        break;
      case 406:
        reason = LookasideException.Reason.MD5_REFUSED;
        detail = "md5 uploads are refused; use SHA512";
        break;
      case 500:
        reason = LookasideException.Reason.SERVER_ERROR;
        detail = "error inside the server";
        break;
      default:
        reason = LookasideException.Reason.UNEXPECTED_ANSWER;
        detail = "unexpected answer from the lookaside";
    }
    PackitServiceException.Builder b = details(req, status, text).detail(detail);
    if (reason == LookasideException.Reason.UNEXPECTED_ANSWER && status == 200) {
      b.retryable(false);
    }
    return new LookasideException(b, reason);
  }

  private static LookasideException.Reason reasonOf400(String text) {
    if (text.startsWith("Required checksum is not present")) {
      return LookasideException.Reason.CHECKSUM_MISSING;
    }
    if (text.startsWith("Required field ") || text.startsWith("No file given")) {
      return LookasideException.Reason.MISSING_FIELD;
    }
    if (text.startsWith("Multiple values given")) {
      return LookasideException.Reason.DUPLICATE_FIELD;
    }
    if (text.contains(" check failed. Received ")) {
      return LookasideException.Reason.CHECKSUM_MISMATCH;
    }
    if (text.startsWith("Invalid value sent for mtime")) {
      return LookasideException.Reason.INVALID_MTIME;
    }
    return LookasideException.Reason.BAD_REQUEST;
  }

  @Override
  public String toString() {
    return "LookasideClient[" + baseUri + ", cgi=" + uploadCgi + ", " + (namespaced ? "namespace=" + namespace : "not namespaced")
        + ", " + hashType.pathSegment() + ", " + http + "]";
  }

  /** Builds a {@link LookasideClient}; defaults to Fedora's lookaside, SHA-512, namespace {@code rpms}. */
  public static final class Builder {
    private URI baseUri = FedoraInstance.production().lookaside();
    private URI uploadCgi;
    private String namespace = FedoraInstance.production().namespace();
    private boolean namespaced = true;
    private HashType hashType = HashType.SHA512;
    private String service = "lookaside";
    private HttpTransport transport = HttpTransport.jdk();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private final List<Interceptor> interceptors = new ArrayList<>();
    private dev.packit.core.http.HttpClientOptions options;

    private Builder() {}

    /**
     * Uses an instance's lookaside root, its {@code upload.cgi} and its namespace.
     *
     * @param instance the instance
     * @return this builder
     */
    public Builder instance(FedoraInstance instance) {
      return baseUri(instance.lookaside()).uploadCgi(instance.lookasideUpload()).namespace(instance.namespace());
    }

    /**
     * Sets the download root; upload.cgi defaults to {@code upload.cgi} below it.
     *
     * @param baseUri such as {@code https://src.fedoraproject.org/repo/pkgs/}
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri == null");
      this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
      return this;
    }

    /**
     * Sets the upload.cgi URL when it is not below the download root (CentOS Stream, private instances).
     *
     * @param uploadCgi the URL
     * @return this builder
     */
    public Builder uploadCgi(URI uploadCgi) {
      this.uploadCgi = Objects.requireNonNull(uploadCgi, "uploadCgi == null");
      return this;
    }

    /**
     * Sets the namespace prefixed to package names ({@code rpms} on Fedora).
     *
     * @param namespace the namespace
     * @return this builder
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace == null");
      if (namespace.isEmpty() || namespace.contains("..") || namespace.startsWith("/") || namespace.endsWith("/")) {
        throw new IllegalArgumentException("invalid namespace: " + namespace);
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Whether names are namespaced ({@code rpms/<name>}); an old, non-namespaced lookaside uses the bare name.
     *
     * @param namespaced true on Fedora
     * @return this builder
     */
    public Builder namespaced(boolean namespaced) {
      this.namespaced = namespaced;
      return this;
    }

    /**
     * Sets the checksum type used for checks and uploads.
     *
     * @param hashType {@link HashType#SHA512} on Fedora
     * @return this builder
     */
    public Builder hashType(HashType hashType) {
      this.hashType = Objects.requireNonNull(hashType, "hashType == null");
      return this;
    }

    /**
     * Adds authentication (or any interceptor) for every request; see {@link LookasideAuth}.
     *
     * @param authentication the interceptor
     * @return this builder
     */
    public Builder authentication(Interceptor authentication) {
      interceptors.add(Objects.requireNonNull(authentication, "authentication == null"));
      return this;
    }

    /**
     * Sets the service name used in errors and logs.
     *
     * @param service such as {@code lookaside}
     * @return this builder
     */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service == null");
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
     * @param transport the HTTP transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    /**
     * @param retryPolicy retries for network failures and 5xx answers
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * @param sleeper waits between retries
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * @param clock the clock for retry deadlines
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** @return the client */
    public LookasideClient build() {
      return new LookasideClient(this);
    }
  }
}
