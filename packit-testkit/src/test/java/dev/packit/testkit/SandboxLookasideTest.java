package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.lookaside.HashType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Speaks raw multipart to the sandbox upload.cgi, the way pyrpkg's pycurl does. */
@Tag("integration")
class SandboxLookasideTest {
  private static final String BOUNDARY = "XYZ0123456789";
  private final HttpClient http = HttpClient.newHttpClient();
  private FedoraSandbox sandbox;
  private SandboxLookaside lookaside;

  @BeforeEach
  void start() {
    sandbox = FedoraSandbox.start();
    sandbox.createBareRepository("rpms/python-ogr");
    lookaside = sandbox.lookaside();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** Builds a form: pairs of (name, value); a value of type byte[] becomes the file part. */
  private static byte[] form(Object... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < fields.length; i += 2) {
      String name = (String) fields[i];
      Object value = fields[i + 1];
      out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
      if (value instanceof byte[] bytes) {
        out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"ogr-0.7.0.tar.gz\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
      } else {
        out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private HttpResponse<String> post(byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(lookaside.uploadCgi())
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sha512(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(b));
  }

  private static String md5(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  private static void assertAnswer(int status, String body, HttpResponse<String> r) {
    assertEquals(status + " " + body + "\n", r.statusCode() + " " + r.body());
  }

  @Test
  void checkUploadAlreadyExistsAndDownload() throws Exception {
    byte[] data = "tarball bytes\r\n--XYZ0123456780 almost a boundary\r\n".getBytes(StandardCharsets.UTF_8);
    String sum = sha512(data);
    assertAnswer(200, "Missing", post(form("name", "rpms/python-ogr", "sha512sum", sum, "filename", "ogr-0.7.0.tar.gz")));
    assertAnswer(200, "File ogr-0.7.0.tar.gz size " + data.length + " SHA512 " + sum + " stored OK",
        post(form("name", "rpms/python-ogr", "sha512sum", sum, "file", data, "mtime", "1565870000")));
    // the bare name is namespaced to rpms/, as ensure_namespaced does
    assertAnswer(200, "Available", post(form("name", "python-ogr", "sha512sum", sum, "filename", "ogr-0.7.0.tar.gz")));
    Path stored = lookaside.pathOf("rpms/python-ogr", "ogr-0.7.0.tar.gz", HashType.SHA512, sum);
    assertAnswer(200, "File ogr-0.7.0.tar.gz already exists\nFile: " + stored + " Size: " + data.length,
        post(form("name", "/rpms/python-ogr/", "sha512sum", sum, "file", data)));
    assertEquals(1, lookaside.uploads());
    assertEquals(1, lookaside.uploads("rpms/python-ogr", "ogr-0.7.0.tar.gz"));
    assertEquals(2, lookaside.checks());
    assertEquals(1_565_870_000_000L, Files.getLastModifiedTime(stored).toMillis());

    URI url = lookaside.baseUri().resolve("rpms/python-ogr/ogr-0.7.0.tar.gz/sha512/" + sum + "/ogr-0.7.0.tar.gz");
    HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, get.statusCode());
    assertArrayEquals(data, get.body());
    HttpResponse<Void> head = http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertEquals(200, head.statusCode());
    assertEquals(String.valueOf(data.length), head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(url.toString().replace(sum, sha512(new byte[1])))).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void errorAnswersAreTheRealScriptsTexts() throws Exception {
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    String sum = sha512(data);
    assertAnswer(400, "Required field \"name\" is not present.", post(form("sha512sum", sum, "filename", "a")));
    assertAnswer(400, "Multiple values given for \"name\". Aborting.", post(form("name", "a", "name", "b", "sha512sum", sum, "filename", "a")));
    assertAnswer(400, "Required checksum is not present", post(form("name", "rpms/python-ogr", "filename", "a")));
    assertAnswer(400, "Required field \"file\" is not present.", post(form("name", "rpms/python-ogr", "sha512sum", sum)));
    assertAnswer(400, "Invalid value sent for mtime \"abc\". Aborting.",
        post(form("name", "rpms/python-ogr", "sha512sum", sum, "file", data, "mtime", "abc")));
    assertAnswer(404, "Module \"rpms/nope\" does not exist!", post(form("name", "nope", "sha512sum", sum, "file", data)));
    assertAnswer(404, "Module \"rpms/../../etc\" does not exist!", post(form("name", "rpms/../../etc", "sha512sum", sum, "file", data)));
    assertAnswer(406, "Uploads with md5 are no longer allowed.", post(form("name", "rpms/python-ogr", "md5sum", md5(data), "file", data)));
    String wrong = sha512("y".getBytes(StandardCharsets.UTF_8));
    assertAnswer(400, "SHA512 check failed. Received " + sum + " instead of " + wrong + ".",
        post(form("name", "rpms/python-ogr", "sha512sum", wrong, "file", data)));
    lookaside.failNextUpload(500, "OSError: [Errno 28] No space left on device");
    assertAnswer(500, "OSError: [Errno 28] No space left on device", post(form("name", "rpms/python-ogr", "sha512sum", sum, "file", data)));
    lookaside.disconnectNextUpload();
    assertThrows(IOException.class, () -> post(form("name", "rpms/python-ogr", "sha512sum", sum, "file", new byte[3 << 20])));
    assertEquals(0, lookaside.uploads());
    assertEquals(7, lookaside.uploadAttempts());
    assertNoFiles();
  }

  private void assertNoFiles() throws IOException {
    if (!Files.exists(lookaside.store())) {
      return;
    }
    try (Stream<Path> all = Files.walk(lookaside.store())) {
      List<Path> files = all.filter(Files::isRegularFile).toList();
      assertEquals(List.of(), files, "nothing stored, no temporary file left");
    }
  }

  @Test
  void authenticationAndPackagerGroup() throws Exception {
    lookaside.allow("Negotiate YWxpY2U=", "alice").allow("Negotiate Ym9i", "bob").packager("bob", false);
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    byte[] check = form("name", "rpms/python-ogr", "sha512sum", sha512(data), "filename", "x");
    HttpResponse<String> anonymous = post(check);
    assertEquals(401, anonymous.statusCode());
    assertEquals("Negotiate", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertAnswer(403, "You must connect with a valid certificate and be in the packager group to upload.",
        post(check, "Authorization", "Negotiate Ym9i"));
    assertAnswer(200, "Missing", post(check, "Authorization", "Negotiate YWxpY2U="));
  }

  @Test
  void oldMd5LayoutIsFoundLinkedAndServed() throws Exception {
    lookaside.refuseMd5(false);
    byte[] data = "old".getBytes(StandardCharsets.UTF_8);
    String md5 = md5(data);
    lookaside.putOldLayout("rpms/python-ogr", "old.tar.gz", data);
    HttpResponse<byte[]> veryOld = http.send(HttpRequest.newBuilder(lookaside.baseUri().resolve(
        "rpms/python-ogr/old.tar.gz/" + md5 + "/old.tar.gz")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertArrayEquals(data, veryOld.body());
    assertAnswer(200, "Available", post(form("name", "rpms/python-ogr", "md5sum", md5, "filename", "old.tar.gz")));
    assertTrue(Files.isRegularFile(lookaside.pathOf("rpms/python-ogr", "old.tar.gz", HashType.MD5, md5)));
    HttpResponse<byte[]> md5Layout = http.send(HttpRequest.newBuilder(lookaside.baseUri().resolve(
        "rpms/python-ogr/old.tar.gz/md5/" + md5 + "/old.tar.gz")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertArrayEquals(data, md5Layout.body());
    byte[] other = "md5 upload".getBytes(StandardCharsets.UTF_8);
    assertAnswer(200, "File ogr-0.7.0.tar.gz size " + other.length + " MD5 " + md5(other) + " stored OK",
        post(form("name", "rpms/python-ogr", "md5sum", md5(other), "file", other)));
  }

  @Test
  void downloadsRefuseTraversal() throws Exception {
    Files.createDirectories(sandbox.root().resolve("secret"));
    Files.writeString(sandbox.root().resolve("secret/key"), "k");
    for (String bad : List.of("../../secret/key", "rpms/%2e%2e/%2e%2e/%2e%2e/secret/key", "rpms/x/..%2F..%2F..%2Fsecret/key/a/b")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(lookaside.baseUri() + bad)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, r.statusCode(), bad);
      assertFalse(r.body().contains("k\n") && r.body().length() == 1, bad);
    }
  }
}
