package dev.packit.fedora.internal.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import dev.packit.core.http.Headers;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureDownloadTest {
  private final List<URI> sent = new ArrayList<>();

  /** A transport that answers from a map of URL to (status, Location or body). */
  private HttpService http(Map<String, String[]> answers) {
    return HttpService.builder().service("downloads").transport(req -> {
      sent.add(req.uri());
      String[] a = answers.get(req.uri().toString());
      if (a == null) {
        return HttpResponse.of(404, Headers.empty(), "no");
      }
      int status = Integer.parseInt(a[0]);
      return status >= 300 && status < 400
          ? HttpResponse.of(status, Headers.of("Location", a[1]), "")
          : HttpResponse.of(status, Headers.empty(), a[1]);
    }).build();
  }

  @Test
  void httpsIsFetchedAndRedirectsStayingOnHttpsAreFollowed(@TempDir Path dir) throws Exception {
    HttpService h = http(Map.of(
        "https://example.org/hello-1.0.tar.gz", new String[] {"302", "https://cdn.example.org/x/hello-1.0.tar.gz"},
        "https://cdn.example.org/x/hello-1.0.tar.gz", new String[] {"200", "archive"}));
    new SecureDownload(h, false, Set.of()).fetch(URI.create("https://example.org/hello-1.0.tar.gz"), dir.resolve("a.tar.gz"));
    assertEquals("archive", Files.readString(dir.resolve("a.tar.gz")));
    assertEquals(2, sent.size());
  }

  @Test
  void plainHttpIsRefusedUnlessAllowedForTheHostAndNothingIsSent(@TempDir Path dir) throws Exception {
    HttpService h = http(Map.of("http://mirror.example.org/a.tar.gz", new String[] {"200", "archive"}));
    PackitClientException e = assertThrows(PackitClientException.class,
        () -> new SecureDownload(h, false, Set.of("other.example.org")).fetch(URI.create("http://mirror.example.org/a.tar.gz"), dir.resolve("a")));
    assertTrue(e.getMessage().contains("only HTTPS is allowed"), e.getMessage());
    assertTrue(sent.isEmpty());
    assertFalse(Files.exists(dir.resolve("a")));
    PackitClientException ftp = assertThrows(PackitClientException.class,
        () -> new SecureDownload(h, true, Set.of()).fetch(URI.create("ftp://mirror.example.org/a.tar.gz"), dir.resolve("a")));
    assertTrue(ftp.getMessage().contains("only HTTPS is allowed"), ftp.getMessage());

    new SecureDownload(h, false, Set.of("mirror.example.org")).fetch(URI.create("http://mirror.example.org/a.tar.gz"), dir.resolve("a"));
    assertEquals("archive", Files.readString(dir.resolve("a")));
  }

  @Test
  void aRedirectFromHttpsToHttpIsRefusedEvenWhenHttpIsAllowed(@TempDir Path dir) {
    HttpService h = http(Map.of(
        "https://example.org/a.tar.gz", new String[] {"301", "http://example.org/a.tar.gz"},
        "http://example.org/a.tar.gz", new String[] {"200", "tampered"}));
    PackitClientException e = assertThrows(PackitClientException.class,
        () -> new SecureDownload(h, true, Set.of()).fetch(URI.create("https://example.org/a.tar.gz"), dir.resolve("a")));
    assertTrue(e.getMessage().contains("HTTPS must not be downgraded"), e.getMessage());
    assertEquals(List.of(URI.create("https://example.org/a.tar.gz")), sent, "the HTTP URL was never requested");
    assertFalse(Files.exists(dir.resolve("a")));
  }

  @Test
  void redirectLoopsEnd(@TempDir Path dir) {
    HttpService h = http(Map.of("https://example.org/a", new String[] {"302", "https://example.org/a"}));
    PackitClientException e = assertThrows(PackitClientException.class,
        () -> new SecureDownload(h, false, Set.of()).fetch(URI.create("https://example.org/a"), dir.resolve("a")));
    assertTrue(e.getMessage().contains("too many redirects"), e.getMessage());
  }
}
