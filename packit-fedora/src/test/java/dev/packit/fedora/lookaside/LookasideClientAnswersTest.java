package dev.packit.fedora.lookaside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.http.Headers;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays upload.cgi's answers from the fixture and checks what the client makes of each. */
class LookasideClientAnswersTest {
  private static final String SUM = "4dc65c3a742ae067f2f9166ce07f124fcbdf4a5357f9c6f360526632b2a1d4c9e325eb59352137db371385e5655191dad604b2ea71027009c0f82fedb00e2ba7";
  private final List<String> sent = new ArrayList<>();

  private LookasideClient answering(int status, String body) {
    return LookasideClient.builder().baseUri(URI.create("https://src.example.org/repo/pkgs/")).retryPolicy(RetryPolicy.none())
        .transport(req -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          try (InputStream in = req.body().orElseThrow().open()) {
            in.transferTo(out);
          }
          sent.add(req.method() + " " + req.uri() + "\n" + out.toString(StandardCharsets.UTF_8));
          return HttpResponse.of(status, Headers.of("Content-Type", "text/plain"), body + "\n");
        }).build();
  }

  /** The error lines of the fixture: {@code # 400 'text'}, some with two alternatives. */
  private static Map<String, Integer> fixtureErrors() throws Exception {
    String text = Files.readString(Fixtures.file("lookaside/upload-cgi-exchanges.synth.txt"));
    Map<String, Integer> errors = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^# (\\d{3}) '([^'\\n]+)'(?: / '([^'\\n]+)')?").matcher(text);
    while (m.find()) {
      errors.put(m.group(2), Integer.parseInt(m.group(1)));
      if (m.group(3) != null) {
        errors.put(m.group(3), Integer.parseInt(m.group(1)));
      }
    }
    return errors;
  }

  @Test
  void everyErrorOfTheFixtureMapsToItsReason(@TempDir Path dir) throws Exception {
    Map<String, Integer> errors = fixtureErrors();
    assertTrue(errors.size() >= 9, errors.toString());
    Map<String, LookasideException.Reason> expected = Map.of(
        "Required field \"name\" is not present.", LookasideException.Reason.MISSING_FIELD,
        "Multiple values given for \"name\". Aborting.", LookasideException.Reason.DUPLICATE_FIELD,
        "Required checksum is not present", LookasideException.Reason.CHECKSUM_MISSING,
        "No file given for upload. Aborting.", LookasideException.Reason.MISSING_FIELD,
        "Required field \"file\" is not present.", LookasideException.Reason.MISSING_FIELD,
        "SHA512 check failed. Received <actual> instead of <sent>.", LookasideException.Reason.CHECKSUM_MISMATCH,
        "Invalid value sent for mtime \"abc\". Aborting.", LookasideException.Reason.INVALID_MTIME,
        "You must connect with a valid certificate and be in the packager group to upload.", LookasideException.Reason.NOT_PACKAGER,
        "Module \"rpms/<name>\" does not exist!", LookasideException.Reason.MODULE_NOT_FOUND,
        "Uploads with md5 are no longer allowed.", LookasideException.Reason.MD5_REFUSED);
    expected = new LinkedHashMap<>(expected);
    expected.put("<exception text>", LookasideException.Reason.SERVER_ERROR);
    Path f = Files.writeString(dir.resolve("ogr-0.7.0.tar.gz"), "x");
    HashedFile file = HashedFile.of(f, HashType.SHA512);
    for (Map.Entry<String, Integer> e : errors.entrySet()) {
      LookasideException.Reason want = expected.get(e.getKey());
      assertTrue(want != null, "fixture answer without an expectation: " + e);
      LookasideException ex = assertThrows(LookasideException.class, () -> answering(e.getValue(), e.getKey()).send("python-ogr", file));
      assertEquals(want, ex.reason(), e.getKey());
      assertEquals(e.getValue().intValue(), ex.status());
      assertEquals(e.getValue() == 500, ex.retryable(), e.getKey());
    }
    assertEquals(LookasideException.Reason.UNAUTHORIZED,
        assertThrows(LookasideException.class, () -> answering(401, "Unauthorized").check("python-ogr", file)).reason());
    assertEquals(LookasideException.Reason.UNEXPECTED_ANSWER,
        assertThrows(LookasideException.class, () -> answering(200, "<html>login</html>").check("python-ogr", file)).reason());
    assertEquals(LookasideException.Reason.UNEXPECTED_ANSWER,
        assertThrows(LookasideException.class, () -> answering(200, "File other size 1 SHA512 " + SUM + " stored OK").send("python-ogr", file)).reason());
  }

  @Test
  void successAnswersAndTheFormsSent(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("ogr-0.7.0.tar.gz"), "tarball");
    HashedFile file = HashedFile.of(f, HashType.SHA512);
    String sum = file.digest(HashType.SHA512);
    assertEquals(Presence.AVAILABLE, answering(200, "Available").check("python-ogr", file));
    String check = sent.get(0);
    assertTrue(check.startsWith("POST https://src.example.org/repo/pkgs/upload.cgi\n"), check);
    assertOrder(check, "name=\"name\"\r\n\r\nrpms/python-ogr\r\n", "name=\"sha512sum\"\r\n\r\n" + sum + "\r\n",
        "name=\"filename\"\r\n\r\nogr-0.7.0.tar.gz\r\n");
    assertEquals(Presence.MISSING, answering(200, "Missing").check("python-ogr", file));
    UploadResult stored = answering(200, "File ogr-0.7.0.tar.gz size 7 SHA512 " + sum + " stored OK").send("python-ogr", file);
    assertEquals(new UploadResult("ogr-0.7.0.tar.gz", HashType.SHA512, sum, 7, UploadResult.Outcome.STORED), stored);
    String upload = sent.get(2);
    assertOrder(upload, "name=\"name\"\r\n\r\nrpms/python-ogr\r\n", "name=\"sha512sum\"\r\n\r\n" + sum + "\r\n",
        "name=\"file\"; filename=\"ogr-0.7.0.tar.gz\"", "\r\n\r\ntarball\r\n", "name=\"mtime\"\r\n\r\n" + file.mtimeEpochSeconds() + "\r\n");
    assertFalse(upload.contains("name=\"filename\""), "an upload must not carry the filename field");
    assertEquals(UploadResult.Outcome.ALREADY_EXISTS, answering(200,
        "File ogr-0.7.0.tar.gz already exists\nFile: /srv/cache/lookaside/pkgs/rpms/python-ogr/ogr-0.7.0.tar.gz/sha512/" + sum
            + "/ogr-0.7.0.tar.gz Size: 7").send("python-ogr", file).outcome());
  }

  private static void assertOrder(String text, String... parts) {
    int at = 0;
    for (String p : parts) {
      int i = text.indexOf(p, at);
      assertTrue(i >= 0, "missing or out of order: " + p + "\nin:\n" + text);
      at = i + p.length();
    }
  }

  @Test
  void urlsAndNamesFollowTheInstanceLayout() {
    LookasideClient fedora = LookasideClient.builder().build();
    assertEquals(URI.create("https://src.fedoraproject.org/repo/pkgs/upload.cgi"), fedora.uploadCgi());
    assertEquals(URI.create("https://src.fedoraproject.org/repo/pkgs/rpms/python-ogr/ogr-0.7.0.tar.gz/sha512/" + SUM + "/ogr-0.7.0.tar.gz"),
        fedora.downloadUri("python-ogr", "ogr-0.7.0.tar.gz", HashType.SHA512, SUM));
    LookasideClient other = LookasideClient.builder().baseUri(URI.create("https://git.example.com/sources"))
        .uploadCgi(URI.create("https://git.example.com/lookaside/upload.cgi")).namespaced(false).build();
    assertEquals("hello", other.moduleName("hello"));
    assertEquals("https://git.example.com/sources/hello/a+b%25c%3D1.tar.gz/sha512/" + SUM + "/a+b%25c%3D1.tar.gz",
        other.downloadUri("hello", "a+b%c=1.tar.gz", HashType.SHA512, SUM).toString());
    assertThrows(IllegalArgumentException.class, () -> fedora.moduleName("../x"));
    assertThrows(IllegalArgumentException.class, () -> fedora.downloadUri("x", "../../etc/passwd", HashType.SHA512, SUM));
    assertFalse(LookasideAuth.cookie("session", dev.packit.core.Secret.of("s3cret")).toString().contains("s3cret"));
    assertFalse(LookasideAuth.negotiate(h -> new byte[] {1}, "keytab").toString().contains("\u0001"));
  }

  @Test
  void kerberosWithoutTicketFailsClearlyWithoutSecrets(@TempDir Path dir) throws Exception {
    HttpRequest req = HttpRequest.get("https://src.example.org/repo/pkgs/x");
    var auth = LookasideAuth.negotiateFromTicketCache(dir.resolve("no-such-ccache"));
    dev.packit.core.PackitClientException e = assertThrows(dev.packit.core.PackitClientException.class,
        () -> auth.intercept(new dev.packit.core.http.Interceptor.Chain() {
          @Override
          public HttpRequest request() {
            return req;
          }

          @Override
          public HttpResponse proceed(HttpRequest r) {
            throw new AssertionError("must not send without a token");
          }

          @Override
          public String service() {
            return "lookaside";
          }

          @Override
          public int attempt() {
            return 1;
          }
        }));
    assertTrue(e.getMessage().startsWith("lookaside: Kerberos login (ticket cache " + dir.resolve("no-such-ccache") + ") failed: "
        + "no Kerberos ticket: there is no credential cache at " + dir.resolve("no-such-ccache")), e.getMessage());
  }
}
