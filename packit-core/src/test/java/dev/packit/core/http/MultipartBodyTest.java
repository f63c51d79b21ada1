package dev.packit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir
  Path dir;

  private static byte[] read(RequestBody body) throws IOException {
    try (InputStream in = body.open()) {
      return in.readAllBytes();
    }
  }

  @Test
  void encodesByteExactly() throws IOException {
    Path file = Files.write(dir.resolve("ogr-0.50.0.tar.gz"), new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n'});
    MultipartBody body = MultipartBody.builder()
        .boundary("XyZ123")
        .field("name", "python-ogr")
        .field("note", "héllo \"quoted\"")
        .file("file", file)
        .part("meta", "meta.json", RequestBody.ofJson(Map.of("a", 1)))
        .build();
    String expected = "--XyZ123\r\n"
        + "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
        + "python-ogr\r\n"
        + "--XyZ123\r\n"
        + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
        + "héllo \"quoted\"\r\n"
        + "--XyZ123\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"ogr-0.50.0.tar.gz\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n"
        + "\u0000\u0001\u0002\u00ff\r\n\r\n"
        + "--XyZ123\r\n"
        + "Content-Disposition: form-data; name=\"meta\"; filename=\"meta.json\"\r\n"
        + "Content-Type: application/json\r\n\r\n"
        + "{\"a\":1}\r\n"
        + "--XyZ123--\r\n";
    byte[] want = expectedBytes(expected);
    byte[] got = read(body);
    assertArrayEquals(want, got, () -> new String(got, StandardCharsets.ISO_8859_1));
    assertEquals(got.length, body.contentLength());
    assertEquals("multipart/form-data; boundary=XyZ123", body.contentType());
    assertArrayEquals(got, read(body), "a second open() must give the same bytes");
    assertFalse(body.toString().contains("python-ogr"), body.toString());
  }

  /** UTF-8 for the text, but the file part's raw bytes (0xff is one byte, not two). */
  private static byte[] expectedBytes(String s) {
    int marker = s.indexOf('\u0000');
    byte[] head = s.substring(0, marker).getBytes(StandardCharsets.UTF_8);
    byte[] raw = {0, 1, 2, (byte) 0xff, '\r', '\n'};
    byte[] tail = s.substring(marker + 6).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + raw.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(raw, 0, out, head.length, raw.length);
    System.arraycopy(tail, 0, out, head.length + raw.length, tail.length);
    return out;
  }

  @Test
  void parsesBackIntoTheSameParts() throws IOException {
    byte[] payload = new byte[100_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31 + 7);
    }
    MultipartBody body = MultipartBody.builder()
        .field("hash", "sha512")
        .part("file", "a\"b\r\n.bin", RequestBody.ofBytes(payload, "application/x-binary"))
        .build();
    Map<String, byte[]> parts = new LinkedHashMap<>();
    List<String> dispositions = new ArrayList<>();
    parse(read(body), body.boundary(), parts, dispositions);
    assertEquals(List.of("hash", "file"), new ArrayList<>(parts.keySet()));
    assertEquals("sha512", new String(parts.get("hash"), StandardCharsets.UTF_8));
    assertArrayEquals(payload, parts.get("file"));
    assertTrue(dispositions.get(1).contains("filename=\"a%22b%0D%0A.bin\""), dispositions.get(1));
  }

  @Test
  void serverParsesTheStreamedUpload() throws IOException {
    Path file = Files.write(dir.resolve("sources.tar.gz"), "tarball-bytes".getBytes(StandardCharsets.UTF_8));
    wm.stubFor(post(urlEqualTo("/upload.cgi"))
        .withMultipartRequestBody(aMultipart().withName("name").withBody(equalTo("python-ogr")))
        .withMultipartRequestBody(aMultipart().withName("file").withBody(binaryEqualTo(Files.readAllBytes(file))))
        .willReturn(aResponse().withStatus(200).withBody("Stored")));
    MultipartBody body = MultipartBody.builder().field("name", "python-ogr").file("file", file).build();
    HttpService svc = HttpService.builder().service("lookaside").baseUri(wm.baseUrl()).build();
    assertEquals("Stored", svc.executeText(HttpRequest.post("upload.cgi", body).build()));
    wm.verify(postRequestedFor(urlEqualTo("/upload.cgi"))
        .withHeader("Content-Length", equalTo(Long.toString(body.contentLength())))
        .withHeader("Content-Type", equalTo(body.contentType())));
  }

  @Test
  void unknownPartLengthMakesTheWholeLengthUnknown() throws IOException {
    MultipartBody body = MultipartBody.builder().boundary("b")
        .part("s", RequestBody.ofInputStreamSupplier(() -> new ByteArrayInputStream(new byte[] {'x'}), -1, "text/plain"))
        .build();
    assertEquals(-1, body.contentLength());
    assertEquals("--b\r\nContent-Disposition: form-data; name=\"s\"\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n",
        new String(read(body), StandardCharsets.UTF_8));
  }

  @Test
  void missingFileSurfacesAsIoExceptionWhenRead() {
    MultipartBody body = MultipartBody.builder().field("a", "b").file("f", dir.resolve("missing")).build();
    assertEquals(-1, body.contentLength());
    assertThrows(NoSuchFileException.class, () -> read(body));
  }

  @Test
  void rejectsBadBoundaries() {
    assertThrows(IllegalArgumentException.class, () -> MultipartBody.builder().boundary(""));
    assertThrows(IllegalArgumentException.class, () -> MultipartBody.builder().boundary("a\r\nb"));
    assertThrows(IllegalArgumentException.class, () -> MultipartBody.builder().boundary("x".repeat(71)));
    String random = MultipartBody.builder().build().boundary();
    assertTrue(random.length() >= 30 && !random.equals(MultipartBody.builder().build().boundary()));
  }

  /** A small, independent multipart parser: split on the delimiter, headers up to the blank line. */
  private static void parse(byte[] data, String boundary, Map<String, byte[]> parts, List<String> dispositions) {
    String s = new String(data, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    assertTrue(s.startsWith(delimiter + "\r\n"));
    assertTrue(s.endsWith("\r\n" + delimiter + "--\r\n"));
    String inner = s.substring(delimiter.length() + 2, s.length() - delimiter.length() - 6);
    for (String part : inner.split("\r\n" + java.util.regex.Pattern.quote(delimiter) + "\r\n", -1)) {
      int blank = part.indexOf("\r\n\r\n");
      String headers = part.substring(0, blank);
      String disposition = headers.lines().filter(l -> l.startsWith("Content-Disposition:")).findFirst().orElseThrow();
      dispositions.add(disposition);
      String name = disposition.replaceAll(".*; name=\"([^\"]*)\".*", "$1");
      parts.put(name, part.substring(blank + 4).getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
