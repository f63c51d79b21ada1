package dev.packit.fedora.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.Secret;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificate material as Fedora's broker wants it, generated with the JDK's keytool. */
@Tag("integration")
class AmqpTlsTest {
  @TempDir
  static Path dir;
  static Path p12;
  static Path certPem;
  static Path keyPem;

  @BeforeAll
  static void generate() throws Exception {
    p12 = dir.resolve("client.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=fedora", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
        "-storepass", "s3cret-pw", "-keypass", "s3cret-pw").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, "s3cret-pw".toCharArray());
    }
    Key key = ks.getKey("client", "s3cret-pw".toCharArray());
    Certificate cert = ks.getCertificate("client");
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    certPem = dir.resolve("cert.pem");
    Files.writeString(certPem, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    keyPem = dir.resolve("key.pem");
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
  }

  @Test
  void pemAndPkcs12BuildAContext() {
    SSLContext fromPem = AmqpTls.fromPem(certPem, keyPem, certPem);
    assertTrue(fromPem.getProtocol().startsWith("TLS"));
    SSLContext fromP12 = AmqpTls.fromPkcs12(p12, Secret.of("s3cret-pw"), certPem);
    assertTrue(fromP12.getProtocol().startsWith("TLS"));
  }

  @Test
  void wrongPasswordNamesTheFileButNotThePassword() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> AmqpTls.fromPkcs12(p12, Secret.of("wrong-password-123"), certPem));
    assertEquals(p12.toString(), e.location().source());
    assertFalse(e.getMessage().contains("wrong-password-123"), e.getMessage());
  }

  @Test
  void badPemInputsAreExplained() throws Exception {
    Path rsa = dir.resolve("rsa.pem");
    Files.writeString(rsa, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> AmqpTls.fromPem(certPem, rsa, certPem));
    assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "nothing here\n");
    InvalidInputException c = assertThrows(InvalidInputException.class, () -> AmqpTls.fromPem(empty, keyPem, certPem));
    assertTrue(c.getMessage().startsWith(empty.toString()), c.getMessage());
    assertThrows(InvalidInputException.class, () -> AmqpTls.fromPem(certPem, keyPem, dir.resolve("missing.pem")));
  }
}
