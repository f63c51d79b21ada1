package dev.packit.testkit;

import org.jspecify.annotations.Nullable;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.testkit.internal.lookaside.LookasideService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The sandbox's lookaside cache: dist-git's {@code upload.cgi} and the download tree, on disk in
 * {@code sandbox.root()/lookaside}.
 *
 * <pre>{@code
 * SandboxLookaside lookaside = sandbox.lookaside();
 * sandbox.createBareRepository("rpms/hello");           // upload.cgi answers 404 for unknown packages
 * URI downloads = lookaside.baseUri();                  // http://127.0.0.1:<port>/lookaside/pkgs/
 * URI cgi = lookaside.uploadCgi();                      // .../lookaside/pkgs/upload.cgi
 * // ... upload with a LookasideClient ...
 * lookaside.uploads("rpms/hello", "hello-1.0.tar.gz");  // how many times it was stored
 * }</pre>
 *
 * <p>It answers like the real script: {@code Available} / {@code Missing} for checks,
 * {@code File <f> size <n> SHA512 <hash> stored OK} for uploads, and the real error statuses and
 * texts (400 missing fields, bad {@code mtime} and checksum mismatch, 403 not a packager, 404 unknown
 * package, 406 md5 uploads). Uploads stream to a temporary file while their checksum is computed and
 * are moved into place only when it matches. Downloads are served at
 * {@code pkgs/<ns>/<name>/<file>/<hashtype>/<hash>/<file>} and at the old md5 layouts; HEAD works
 * too. Faults can be injected into the next uploads to test recovery.
 *
 * <p>Authentication is off until {@link #allow(String, String)} registers a user: then requests
 * without a known {@code Authorization} header get httpd's 401 and users not marked as packagers
 * get upload.cgi's 403. Thread-safe.
 */
public final class SandboxLookaside {
  private final LookasideService service;
  private final URI base;

  SandboxLookaside(LookasideService service, URI base) {
    this.service = service;
    this.base = base;
  }

  /** @return the download root, ending in {@code pkgs/} (like {@code https://src.fedoraproject.org/repo/pkgs/}) */
  public URI baseUri() {
    return base;
  }

  /** @return the upload.cgi endpoint */
  public URI uploadCgi() {
    return base.resolve("upload.cgi");
  }

  /** @return the folder holding the stored files */
  public Path store() {
    return service.store();
  }

  /**
   * Requires authentication and accepts this exact {@code Authorization} header value as {@code user},
   * a packager.
   *
   * @param authorization the header value, e.g. {@code Negotiate abc...} or {@code Bearer t}
   * @param user the user it authenticates
   * @return this lookaside
   */
  public SandboxLookaside allow(String authorization, String user) {
    service.allow(Objects.requireNonNull(authorization, "authorization == null"), Objects.requireNonNull(user, "user == null"));
    service.packager(user, true);
    return this;
  }

  /**
   * Sits behind an authenticating proxy: the user is the value of this request header, which the
   * proxy (Apache with {@code mod_auth_gssapi}) sets from {@code REMOTE_USER}, realm dropped as
   * dist-git's {@code upload.cgi} does; a request without it is answered 401. The proxy must strip
   * the header from client requests.
   *
   * <pre>{@code
   * sandbox.lookaside().trustRemoteUser("X-Remote-User").packager("packit-bot", true);
   * }</pre>
   *
   * @param header the header name, or null to stop trusting one
   * @return this lookaside
   */
  public SandboxLookaside trustRemoteUser(@Nullable String header) {
    service.trustRemoteUser(header);
    return this;
  }

  /**
   * Puts a user in or out of the {@code packager} group (only packagers may upload).
   *
   * @param user the user
   * @param packager whether the user is a packager
   * @return this lookaside
   */
  public SandboxLookaside packager(String user, boolean packager) {
    service.packager(user, packager);
    return this;
  }

  /**
   * Whether md5 uploads are refused with 406 (the default, like Fedora's {@code nomd5 = True}).
   *
   * @param refuse true to refuse
   * @return this lookaside
   */
  public SandboxLookaside refuseMd5(boolean refuse) {
    service.noMd5(refuse);
    return this;
  }

  /**
   * Makes the next upload that would be stored fail with this status and body instead (the body
   * is read fully and thrown away), e.g. {@code 500} and {@code OSError: No space left on device}.
   *
   * @param status the HTTP status
   * @param body the response text
   * @return this lookaside
   */
  public SandboxLookaside failNextUpload(int status, String body) {
    service.addFault(new LookasideService.Fault(status, body, false));
    return this;
  }

  /**
   * Makes the server drop the connection in the middle of the next upload, without an answer.
   *
   * @return this lookaside
   */
  public SandboxLookaside disconnectNextUpload() {
    service.addFault(new LookasideService.Fault(0, "", true));
    return this;
  }

  /** @return the number of files stored by uploads ("stored OK" answers) */
  public int uploads() {
    return service.uploads();
  }

  /**
   * Returns how many times one file was stored by an upload.
   *
   * @param module namespaced package name, e.g. {@code rpms/hello}
   * @param filename the file name
   * @return the count
   */
  public int uploads(String module, String filename) {
    return service.uploads(module, filename);
  }

  /** @return the number of upload requests that carried a file, whatever the answer */
  public int uploadAttempts() {
    return service.uploadAttempts();
  }

  /** @return the number of existence checks answered */
  public int checks() {
    return service.checks();
  }

  /**
   * Stores a file directly, as if uploaded earlier.
   *
   * @param module namespaced package name, e.g. {@code rpms/hello}
   * @param filename the file name
   * @param type where to file it ({@link HashType#SHA512} or the {@link HashType#MD5} layout)
   * @param content the bytes
   * @return where it was stored
   */
  public Path put(String module, String filename, HashType type, byte[] content) {
    try {
      return service.put(module, filename, type, content, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stores a file at the very old layout {@code <ns>/<name>/<file>/<md5>/<file>}; a check finds it
   * and links it to the current layout, as upload.cgi does.
   *
   * @param module namespaced package name
   * @param filename the file name
   * @param content the bytes
   * @return where it was stored
   */
  public Path putOldLayout(String module, String filename, byte[] content) {
    try {
      return service.put(module, filename, HashType.MD5, content, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns where a file is (or would be) stored in the current layout.
   *
   * @param module namespaced package name
   * @param filename the file name
   * @param type the checksum type
   * @param hash the checksum
   * @return the path on disk
   */
  public Path pathOf(String module, String filename, HashType type, String hash) {
    return service.pathOf(module, filename, type, hash);
  }
}
