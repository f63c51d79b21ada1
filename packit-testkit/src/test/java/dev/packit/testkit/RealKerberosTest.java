package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.packit.core.PackitException;
import dev.packit.core.http.HttpTransport;
import dev.packit.fedora.internal.kerberos.KdcProxyBridge;
import dev.packit.fedora.internal.kerberos.Kerberos;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideAuth;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.LookasideException;
import dev.packit.fedora.lookaside.UploadResult;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins against real servers: an MIT KDC, Apache httpd with {@code mod_ssl} (TLS 1.3 by default)
 * and {@code mod_auth_gssapi} in front of this sandbox's Koji hub and lookaside, which read the
 * user Apache authenticated ({@code X-Remote-User} from {@code REMOTE_USER}). {@code .ci/kerberos.sh}
 * starts them and exports {@code PACKIT_*} variables; without them this test skips, and fails
 * instead under {@code PACKIT_CI=true}.
 */
@Tag("integration")
class RealKerberosTest {
  private static final String REMOTE_USER = "X-Remote-User";
  private static final String[] NEEDED = {"PACKIT_KRB_DIR", "PACKIT_KRB5_CONF", "PACKIT_HTTPD_URL", "PACKIT_HTTPD_CERT_URL",
    "PACKIT_SANDBOX_PORT", "PACKIT_TEST_CA", "PACKIT_BOT_PRINCIPAL", "PACKIT_BOT_KEYTAB", "PACKIT_USER_PRINCIPAL",
    "PACKIT_USER_PASSWORD", "PACKIT_KDC_REALM"};

  private static FedoraSandbox sandbox;
  private static String previousKrb5Conf;
  private static Path dir;
  private static String realm;
  private static URI httpd;
  private static URI httpdCert;

  @TempDir
  Path tmp;

  @BeforeAll
  static void servers() {
    List<String> missing = new ArrayList<>();
    for (String v : NEEDED) {
      if (System.getenv(v) == null || System.getenv(v).isBlank()) {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      String msg = "no real Kerberos servers: " + String.join(", ", missing) + " unset (run `source .ci/kerberos.sh --start`"
          + " as root first; see docs/authentication.md)";
      if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
        fail(msg);
      }
      System.err.println("RealKerberosTest skipped: " + msg); // surefire shows no message for a class-level abort
      Assumptions.abort(msg);
    }
    dir = Path.of(System.getenv("PACKIT_KRB_DIR"));
    realm = System.getenv("PACKIT_KDC_REALM");
    httpd = URI.create(System.getenv("PACKIT_HTTPD_URL") + "/");
    httpdCert = URI.create(System.getenv("PACKIT_HTTPD_CERT_URL") + "/");
    // The JDK reads krb5.conf from this property (Krb5LoginModule's refreshKrb5Config re-reads it).
    previousKrb5Conf = System.setProperty("java.security.krb5.conf", System.getenv("PACKIT_KRB5_CONF"));
    sandbox = FedoraSandbox.startOnPort(Integer.parseInt(System.getenv("PACKIT_SANDBOX_PORT")));
    sandbox.koji().trustRemoteUser(REMOTE_USER);
    sandbox.lookaside().trustRemoteUser(REMOTE_USER).packager("packit-bot", true);
    sandbox.createBareRepository("rpms/hello");
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (previousKrb5Conf == null) {
      System.clearProperty("java.security.krb5.conf");
    } else {
      System.setProperty("java.security.krb5.conf", previousKrb5Conf);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static KeyStore caTrust() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(Path.of(System.getenv("PACKIT_TEST_CA")))) {
      trust.setCertificateEntry("packit-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    return trust;
  }

  /** Trusts the test CA; presents the key of {@code p12} when given. */
  private static SSLContext tls(Path p12) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(caTrust());
    KeyManagerFactory kmf = null;
    if (p12 != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        ks.load(in, "packit-test".toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "packit-test".toCharArray());
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private static KojiClient koji(KojiLogin login) throws Exception {
    return KojiClient.builder().hub(httpd.resolve("kojihub")).sslContext(tls(null)).login(login).build();
  }

  @SuppressWarnings("unchecked")
  private static String loggedInUser(KojiClient koji) {
    koji.login();
    Object user = koji.call("getLoggedInUser", List.of(), Map.of());
    return String.valueOf(((Map<String, Object>) user).get("name"));
  }

  private static LookasideClient lookaside(dev.packit.core.http.Interceptor auth) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(tls(null)).connectTimeout(Duration.ofSeconds(10)).build();
    return LookasideClient.builder().baseUri(httpd.resolve("lookaside/pkgs/")).authentication(auth)
        .transport(HttpTransport.jdk(http)).build();
  }

  /** MIT kinit (the user's password on stdin) into a FILE: cache. */
  private Path kinit(String... lifetime) throws Exception {
    Path cache = tmp.resolve("krb5cc_" + System.nanoTime());
    List<String> cmd = new ArrayList<>(List.of("kinit", "-c", "FILE:" + cache));
    cmd.addAll(List.of(lifetime));
    cmd.add(System.getenv("PACKIT_USER_PRINCIPAL"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("KRB5_CONFIG", System.getenv("PACKIT_KRB5_CONF"));
    Process p = pb.start();
    p.getOutputStream().write((System.getenv("PACKIT_USER_PASSWORD") + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "kinit did not finish");
    assertEquals(0, p.exitValue(), "kinit: " + out);
    return cache;
  }

  private static String accessLog() throws Exception {
    Path log = dir.resolve("httpd-access.log");
    return Files.isReadable(log) ? Files.readString(log) : "";
  }

  // ------------------------------------------------------------------ logins that work

  @Test
  void keytabLoginToKojiThroughModAuthGssapi() throws Exception {
    // the login requests and checks mutual authentication: mod_auth_gssapi's answer token verified
    assertEquals("packit-bot", loggedInUser(koji(KojiLogin.keytab(System.getenv("PACKIT_BOT_PRINCIPAL"),
        Path.of(System.getenv("PACKIT_BOT_KEYTAB"))))));
  }

  @Test
  void ticketCacheFilledByMitKinitLogsInToKoji() throws Exception {
    Path cache = kinit();
    assertEquals("jdoe", loggedInUser(koji(KojiLogin.kerberos(cache))));
  }

  @Test
  void mutualAuthenticationIsVerifiedAgainstModAuthGssapi() throws Exception {
    Kerberos.Credentials creds = Kerberos.Credentials.keytab(System.getenv("PACKIT_BOT_PRINCIPAL"),
        Path.of(System.getenv("PACKIT_BOT_KEYTAB")));
    Subject subject = Kerberos.login("test", creds);
    HttpClient http = HttpClient.newBuilder().sslContext(tls(null)).build();
    URI login = httpd.resolve("kojihub/ssllogin");

    Kerberos.Exchange good = Kerberos.start("test", creds, subject, login.getHost(), true);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(login).header("Authorization", good.header())
        .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>sslLogin</methodName><params/></methodCall>"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    List<String> answer = r.headers().allValues("WWW-Authenticate");
    assertTrue(answer.stream().anyMatch(v -> v.startsWith("Negotiate ")), "mod_auth_gssapi sent its AP-REP: " + answer);
    good.verify(answer); // passes: the server proved it holds HTTP/localhost's key

    // The same answer with one byte of its encrypted part changed must not verify.
    Kerberos.Exchange other = Kerberos.start("test", creds, subject, login.getHost(), true);
    byte[] token = Base64.getDecoder().decode(answer.get(0).substring("Negotiate ".length()).trim());
    token[token.length - 3] ^= 0x55;
    PackitException e = assertThrows(PackitException.class,
        () -> other.verify(List.of("Negotiate " + Base64.getEncoder().encodeToString(token))));
    assertTrue(e.getMessage().contains("mutual authentication with HTTP@localhost failed"), e.getMessage());
  }

  @Test
  void clientCertificateLogsInOnTls13ApacheOverTls12() throws Exception {
    KojiClient koji = KojiClient.builder().hub(httpdCert.resolve("kojihub"))
        .login(KojiLogin.clientCertificate(tls(dir.resolve("client.p12")))).build();
    assertEquals("packit-bot", loggedInUser(koji)); // the certificate's CN, as Koji's DNUsernameComponent
    String log = accessLog();
    if (!log.isEmpty()) {
      // Apache's own record of the protocols: renegotiation on TLS 1.2 for the login only
      assertTrue(log.lines().anyMatch(l -> l.contains("POST /kojihub/ssllogin") && l.contains(" 200 ") && l.endsWith("TLSv1.2")),
          log);
      assertTrue(log.lines().anyMatch(l -> l.contains("POST /kojihub ") && l.endsWith("TLSv1.3")), log);
    }
  }

  @Test
  void aClientLimitedToTls13GetsThePostHandshakeError() throws Exception {
    SSLContext ctx = tls(dir.resolve("client.p12"));
    SSLParameters tls13 = new SSLParameters();
    tls13.setProtocols(new String[] {"TLSv1.3"});
    HttpClient http = HttpClient.newBuilder().sslContext(ctx).sslParameters(tls13).build();
    KojiClient koji = KojiClient.builder().hub(httpdCert.resolve("kojihub")).transport(HttpTransport.jdk(http))
        .login(KojiLogin.clientCertificate(ctx)).build();
    PackitException e = assertThrows(PackitException.class, koji::login);
    assertTrue(e.getMessage().contains("post-handshake"), e.getMessage());
  }

  @Test
  void fullLookasideUploadThroughModAuthGssapi() throws Exception {
    LookasideClient client = lookaside(LookasideAuth.negotiateFromKeytab(System.getenv("PACKIT_BOT_PRINCIPAL"),
        Path.of(System.getenv("PACKIT_BOT_KEYTAB"))));
    Path src = tmp.resolve("hello-1.0.tar.gz");
    Files.writeString(src, "hello " + System.nanoTime());
    HashedFile file = HashedFile.of(src, HashType.SHA512);
    int before = sandbox.lookaside().uploads();
    UploadResult r = client.upload("hello", file);
    assertEquals(UploadResult.Outcome.STORED, r.outcome());
    assertEquals(before + 1, sandbox.lookaside().uploads());
    assertTrue(Files.exists(sandbox.lookaside().pathOf("rpms/hello", "hello-1.0.tar.gz", HashType.SHA512, file.digest(HashType.SHA512))));
    // the second time the check answers Available: nothing is sent
    assertEquals(UploadResult.Outcome.ALREADY_PRESENT, client.upload("hello", file).outcome());
  }

  @Test
  void aUserOutsideThePackagerGroupIsRefusedByTheLookaside() throws Exception {
    LookasideClient client = lookaside(LookasideAuth.negotiateFromTicketCache(kinit()));
    Path src = tmp.resolve("hello-2.0.tar.gz");
    Files.writeString(src, "hello " + System.nanoTime());
    LookasideException e = assertThrows(LookasideException.class, () -> client.upload("hello", HashedFile.of(src, HashType.SHA512)));
    assertEquals(LookasideException.Reason.NOT_PACKAGER, e.reason(), e.getMessage());
  }

  @Test
  void aForgedRemoteUserHeaderIsStrippedByApache() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(tls(null)).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(httpd.resolve("kojihub/ssllogin")).header(REMOTE_USER, "admin")
        .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>sslLogin</methodName><params/></methodCall>"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode(), "no Kerberos, no login: " + r.body());
    HttpResponse<String> call = http.send(HttpRequest.newBuilder(httpdCert.resolve("kojihub/ssllogin")).header(REMOTE_USER, "admin")
        .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>sslLogin</methodName><params/></methodCall>"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(call.statusCode() == 403 || call.body().contains("faultCode"), "no certificate, no login: " + call.body());
    assertTrue(!call.body().contains("session-key"), call.body());
  }

  // ------------------------------------------------------------------ broken credentials

  private static String kojiLoginError(KojiLogin login) throws Exception {
    KojiClient koji = koji(login);
    return assertThrows(PackitException.class, koji::login).getMessage();
  }

  @Test
  void anExpiredTicketIsNamed() throws Exception {
    Path cache = kinit("-l", "2s");
    Thread.sleep(3_000);
    String m = kojiLoginError(KojiLogin.kerberos(cache));
    assertTrue(m.contains("expired at") && m.contains(System.getenv("PACKIT_USER_PRINCIPAL")), m);
    PackitException up = assertThrows(PackitException.class, () -> lookaside(LookasideAuth.negotiateFromTicketCache(cache))
        .upload("hello", HashedFile.of(Files.writeString(tmp.resolve("x.tar.gz"), "x"), HashType.SHA512)));
    assertTrue(up.getMessage().contains("expired at"), up.getMessage());
  }

  @Test
  void aMissingKeytabIsNamed() throws Exception {
    Path none = tmp.resolve("absent.keytab");
    String m = kojiLoginError(KojiLogin.keytab(System.getenv("PACKIT_BOT_PRINCIPAL"), none));
    assertTrue(m.contains("keytab " + none + " does not exist"), m);
    PackitException up = assertThrows(PackitException.class, () -> lookaside(LookasideAuth.negotiateFromKeytab(
        System.getenv("PACKIT_BOT_PRINCIPAL"), none)).upload("hello",
        HashedFile.of(Files.writeString(tmp.resolve("y.tar.gz"), "y"), HashType.SHA512)));
    assertTrue(up.getMessage().contains("does not exist"), up.getMessage());
  }

  @Test
  void aStaleKeytabIsNamed() throws Exception {
    String m = kojiLoginError(KojiLogin.keytab("stale-bot@" + realm, dir.resolve("stale.keytab")));
    assertTrue(m.contains("stale"), m);
  }

  @Test
  void anUnknownPrincipalIsNamed() throws Exception {
    String m = kojiLoginError(KojiLogin.keytab("ghost@" + realm, dir.resolve("ghost.keytab")));
    assertTrue(m.contains("does not know the principal ghost@" + realm), m);
  }

  @Test
  void aRefusedCertificateIsNamed() throws Exception {
    KojiClient koji = KojiClient.builder().hub(httpdCert.resolve("kojihub"))
        .login(KojiLogin.clientCertificate(tls(dir.resolve("rogue.p12")))).build();
    PackitException e = assertThrows(PackitException.class, koji::login);
    assertTrue(e.getMessage().contains("refused the TLS handshake with the client certificate"), e.getMessage());
  }

  // ------------------------------------------------------------------ KdcProxy (MS-KKDCP) in pure Java

  /** Runs {@code body} with the JDK reading {@code krb5conf}, then restores the realm's direct config. */
  private static void withKrb5Conf(Path krb5conf, ThrowingRunnable body) throws Exception {
    System.setProperty("java.security.krb5.conf", krb5conf.toString());
    try {
      body.run();
    } finally {
      System.setProperty("java.security.krb5.conf", System.getenv("PACKIT_KRB5_CONF"));
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static KdcProxyBridge bridgeTo(String url) {
    return KdcProxyBridge.running().stream().filter(b -> b.proxy().toString().equals(url)).findFirst()
        .orElseThrow(() -> new AssertionError("no bridge to " + url + ": " + KdcProxyBridge.running()));
  }

  @Test
  void keytabLoginAndServiceTicketThroughTheKdcProxyOnly() throws Exception {
    String proxyUrl = System.getenv("PACKIT_KDCPROXY_URL");
    Assumptions.assumeTrue(proxyUrl != null && System.getenv("PACKIT_KRB5_CONF_KDCPROXY") != null,
        "PACKIT_KDCPROXY_URL / PACKIT_KRB5_CONF_KDCPROXY unset");
    Path viaProxy = Path.of(System.getenv("PACKIT_KRB5_CONF_KDCPROXY"));
    assertTrue(Files.readString(viaProxy).contains("kdc = " + proxyUrl), "the realm's only kdc is the KdcProxy");
    withKrb5Conf(viaProxy, () -> {
      Kerberos.Credentials creds = Kerberos.Credentials.keytab(System.getenv("PACKIT_BOT_PRINCIPAL"),
          Path.of(System.getenv("PACKIT_BOT_KEYTAB")));
      Subject subject = Kerberos.login("test", creds); // AS exchange: through the bridge
      Path generated = Path.of(System.getProperty("java.security.krb5.conf"));
      String text = Files.readString(generated);
      assertFalse(text.contains(System.getenv("PACKIT_KDC_ADDRESS")) || text.contains("https://"),
          "the JDK's config names neither the KDC's own port nor the https URL: " + text);
      KdcProxyBridge bridge = bridgeTo(proxyUrl);
      assertTrue(text.contains("kdc = 127.0.0.1:" + bridge.port()), text);
      long afterLogin = bridge.forwarded();
      assertTrue(afterLogin >= 1, "the AS exchange went through the proxy");
      assertTrue(subject.getPrivateCredentials(javax.security.auth.kerberos.KerberosTicket.class).stream()
          .anyMatch(t -> t.getServer().getName().startsWith("krbtgt/")), "a TGT");

      // TGS exchange for HTTP/localhost through the proxy, then the ticket accepted by mod_auth_gssapi
      Kerberos.Exchange ex = Kerberos.start("test", creds, subject, "localhost", true);
      assertTrue(bridge.forwarded() > afterLogin, "the service ticket came through the proxy");
      HttpResponse<String> r = HttpClient.newBuilder().sslContext(tls(null)).build().send(
          HttpRequest.newBuilder(httpd.resolve("kojihub/ssllogin")).header("Authorization", ex.header())
              .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>sslLogin</methodName><params/></methodCall>"))
              .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      ex.verify(r.headers().allValues("WWW-Authenticate"));

      // and the whole Koji login, as a bot would run it with Fedora's krb5.conf
      assertEquals("packit-bot", loggedInUser(koji(KojiLogin.keytab(System.getenv("PACKIT_BOT_PRINCIPAL"),
          Path.of(System.getenv("PACKIT_BOT_KEYTAB"))))));
    });
  }

  @Test
  void aKdcProxyThatDoesNotAnswerIsNamed() throws Exception {
    Assumptions.assumeTrue(System.getenv("PACKIT_KRB5_CONF_KDCPROXY") != null, "PACKIT_KRB5_CONF_KDCPROXY unset");
    String proxyUrl = System.getenv("PACKIT_KDCPROXY_URL");
    String wrong = proxyUrl.replace("/KdcProxy", "/NoKdcProxyHere");
    Path conf = tmp.resolve("krb5-wrong-proxy.conf");
    Files.writeString(conf, Files.readString(Path.of(System.getenv("PACKIT_KRB5_CONF_KDCPROXY"))).replace(proxyUrl, wrong));
    withKrb5Conf(conf, () -> {
      String m = kojiLoginError(KojiLogin.keytab(System.getenv("PACKIT_BOT_PRINCIPAL"), Path.of(System.getenv("PACKIT_BOT_KEYTAB"))));
      assertTrue(m.contains("cannot reach the KDC through the KdcProxy") && m.contains(wrong) && m.contains("HTTP 404"), m);
    });
  }
}
