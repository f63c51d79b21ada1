package dev.packit.fedora.internal.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.Redaction;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;

/**
 * Archive downloads over HTTPS only, unless the application allows plain HTTP (for every host or
 * for some): redirects are followed here, one hop at a time, and each hop is checked; a redirect
 * from HTTPS to HTTP is always refused.
 *
 * <pre>{@code
 * SecureDownload d = new SecureDownload(http, false, Set.of());
 * d.fetch(URI.create("https://example.org/hello-1.0.tar.gz"), Path.of("hello-1.0.tar.gz"));
 * }</pre>
 */
public final class SecureDownload {
  private static final int MAX_REDIRECTS = 10;

  private final HttpService http;
  private final boolean insecureAllowed;
  private final Set<String> insecureHosts;

  /**
   * @param http the HTTP service
   * @param insecureAllowed whether plain HTTP is allowed for every host
   * @param insecureHosts hosts (lower case) where plain HTTP is allowed
   */
  public SecureDownload(HttpService http, boolean insecureAllowed, Set<String> insecureHosts) {
    this.http = http;
    this.insecureAllowed = insecureAllowed;
    this.insecureHosts = Set.copyOf(insecureHosts);
  }

  /**
   * Downloads to a file (written whole or not at all).
   *
   * @param uri the URL
   * @param target the file
   * @throws PackitClientException when the URL or a redirect is not allowed
   * @throws IOException when writing fails
   */
  public void fetch(URI uri, Path target) throws IOException {
    fetch(uri, target, target.getParent());
  }

  /**
   * Downloads to a file, the partial download kept in another folder (same file system).
   *
   * @param uri the URL
   * @param target the file
   * @param partsDir where the partial file is written until complete
   * @throws PackitClientException when the URL or a redirect is not allowed
   * @throws IOException when writing fails
   */
  public void fetch(URI uri, Path target, Path partsDir) throws IOException {
    URI current = uri;
    check(current, null);
    for (int hop = 0; ; hop++) {
      try (HttpResponse r = http.execute(HttpRequest.builder("GET", current).followRedirects(false).build())) {
        if (r.isRedirect()) {
          if (hop >= MAX_REDIRECTS) {
            throw new PackitClientException("too many redirects downloading " + Redaction.url(uri));
          }
          String location = r.header("Location").orElseThrow(() -> new PackitClientException(
              "redirect without Location downloading " + Redaction.url(uri)));
          URI next = current.resolve(location);
          check(next, current);
          current = next;
          continue;
        }
        Path tmp = Files.createTempFile(partsDir, target.getFileName().toString(), ".part");
        try (InputStream in = r.body()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
        return;
      }
    }
  }

  private void check(URI next, URI from) {
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (from != null && "https".equalsIgnoreCase(from.getScheme())) {
      throw new PackitClientException("refusing the redirect from " + Redaction.url(from) + " to " + Redaction.url(next)
          + ": HTTPS must not be downgraded");
    }
    String host = next.getHost() == null ? "" : next.getHost().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && (insecureAllowed || insecureHosts.contains(host))) {
      return;
    }
    throw new PackitClientException("refusing to download " + Redaction.url(next) + ": only HTTPS is allowed"
        + (scheme.equals("http") ? " (allow plain HTTP with ReleaseWorkflow.Builder.allowInsecureDownloads)" : ""));
  }
}
