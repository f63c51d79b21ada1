package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TLS server (the JDK's HttpsServer, TLS 1.2 and 1.3 enabled, asking for a client
 * certificate): the certificate login must run over TLS 1.2 (the JDK cannot answer Apache's TLS 1.3
 * post-handshake request for a certificate), the other calls keep TLS 1.3.
 */
@Tag("integration")
class KojiCertificateLoginTlsTest {
  private static final char[] PASS = "changeit".toCharArray();
  @TempDir
  Path dir;

  private Path keypair(String name, String dname, String san) throws Exception {
    Path p12 = dir.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", dname, "-validity", "2",
        "-ext", "san=" + san, "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    return p12;
  }

  private static KeyStore load(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASS);
    }
    return ks;
  }

  /** A context holding {@code own}'s key and trusting {@code peer}'s certificate. */
  private static SSLContext context(KeyStore own, KeyStore peer, String peerAlias) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(own, PASS);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(peerAlias, peer.getCertificate(peerAlias));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void theCertificateLoginRunsOverTls12AndTheCallsOverTls13() throws Exception {
    KeyStore server = load(keypair("server", "CN=localhost", "ip:127.0.0.1,dns:localhost"));
    KeyStore client = load(keypair("client", "CN=packit", "dns:packit"));
    Map<String, String> protocols = new ConcurrentHashMap<>();
    Map<String, String> peers = new ConcurrentHashMap<>();
    XmlRpcCodec codec = XmlRpcCodec.defaults();
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context(server, client, "client")) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setWantClientAuth(true);
        params.setSSLParameters(p);
      }
    });
    https.createContext("/kojihub", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        HttpsExchange tls = (HttpsExchange) ex;
        String path = ex.getRequestURI().getPath();
        protocols.put(path, tls.getSSLSession().getProtocol());
        try {
          peers.put(path, ((X509Certificate) tls.getSSLSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
          peers.put(path, "none");
        }
        byte[] body = path.endsWith("/ssllogin")
            ? codec.encodeResponse(Map.of("session-id", 17L, "session-key", "2-S17L1XXXXXXXXXXXXXX", "header-auth", true))
            : codec.encodeResponse(1L);
        ex.getResponseHeaders().set("Content-Type", "text/xml");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    https.start();
    try {
      KojiClient koji = KojiClient.builder().hub(URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/kojihub"))
          .login(KojiLogin.clientCertificate(context(client, server, "server"))).build();
      koji.login();
      assertEquals(1L, koji.call("getAPIVersion", java.util.List.of(), Map.of()));
      assertEquals("TLSv1.2", protocols.get("/kojihub/ssllogin"), "the login avoids TLS 1.3 post-handshake auth");
      assertEquals("CN=packit", peers.get("/kojihub/ssllogin"), "the certificate was presented");
      assertEquals("TLSv1.3", protocols.get("/kojihub"), "other calls keep TLS 1.3");
    } finally {
      https.stop(0);
    }
  }
}
