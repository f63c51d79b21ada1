package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideAuth;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.LookasideException;
import dev.packit.fedora.lookaside.UploadResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's Koji hub and lookaside behind an authenticating proxy ({@code trustRemoteUser}): the
 * user is the header the proxy sets, never the client's Negotiate token. RealKerberosTest runs the
 * same behind a real Apache.
 */
@Tag("integration")
class SandboxBehindProxyTest {
  private static final String LOGIN = "<?xml version='1.0'?><methodCall><methodName>sslLogin</methodName><params/></methodCall>";
  private final HttpClient http = HttpClient.newHttpClient();
  private FedoraSandbox sandbox;
  @TempDir
  Path tmp;

  @BeforeEach
  void start() {
    sandbox = FedoraSandbox.start();
    sandbox.koji().trustRemoteUser("X-Remote-User");
    sandbox.lookaside().trustRemoteUser("X-Remote-User").packager("packit-bot", true);
    sandbox.createBareRepository("rpms/hello");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> login(String header, String value) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(sandbox.baseUri().resolve("kojihub/ssllogin"))
        .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(LOGIN));
    if (header != null) {
      b.header(header, value);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void kojiLogsInTheProxysUserWithoutItsRealm() throws Exception {
    HttpResponse<String> r = login("X-Remote-User", "jdoe@PACKIT.TEST");
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("session-id</name>\\s*<value><(?:int|i4|i8)>(\\d+)<").matcher(r.body());
    java.util.regex.Matcher key = java.util.regex.Pattern.compile("session-key</name>\\s*<value><string>([^<]+)<").matcher(r.body());
    assertTrue(id.find() && key.find(), r.body());
    HttpResponse<String> who = http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("kojihub"))
        .header("Koji-Session-Id", id.group(1)).header("Koji-Session-Key", key.group(1))
        .POST(HttpRequest.BodyPublishers.ofString(
            "<?xml version='1.0'?><methodCall><methodName>getLoggedInUser</methodName><params/></methodCall>"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(who.body().contains("<string>jdoe</string>"), who.body());
  }

  @Test
  void aNegotiateTokenAloneNoLongerLogsIn() throws Exception {
    String token = Base64.getEncoder().encodeToString("admin@FEDORAPROJECT.ORG".getBytes());
    HttpResponse<String> r = login("Authorization", "Negotiate " + token);
    assertTrue(r.body().contains("<int>1002</int>") || r.body().contains("<i4>1002</i4>"), r.body());
    assertFalse(r.body().contains("session-key"), r.body());
  }

  @Test
  void theLookasideTakesTheProxysUserAndChecksThePackagerGroup() throws Exception {
    Path f = Files.writeString(tmp.resolve("hello-1.0.tar.gz"), "hello");
    LookasideClient bot = LookasideClient.builder().baseUri(sandbox.lookaside().baseUri())
        .authentication(LookasideAuth.header("X-Remote-User", Secret.of("packit-bot@PACKIT.TEST"))).build();
    assertEquals(UploadResult.Outcome.STORED, bot.upload("hello", HashedFile.of(f, HashType.SHA512)).outcome());

    LookasideClient user = LookasideClient.builder().baseUri(sandbox.lookaside().baseUri())
        .authentication(LookasideAuth.header("X-Remote-User", Secret.of("jdoe@PACKIT.TEST"))).build();
    Path g = Files.writeString(tmp.resolve("hello-2.0.tar.gz"), "hello 2");
    assertEquals(LookasideException.Reason.NOT_PACKAGER,
        assertThrows(LookasideException.class, () -> user.upload("hello", HashedFile.of(g, HashType.SHA512))).reason());

    LookasideClient nobody = LookasideClient.builder().baseUri(sandbox.lookaside().baseUri()).build();
    assertEquals(LookasideException.Reason.UNAUTHORIZED,
        assertThrows(LookasideException.class, () -> nobody.upload("hello", HashedFile.of(g, HashType.SHA512))).reason());
  }
}
