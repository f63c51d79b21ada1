package dev.packit.fedora.internal.koji;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds a TLS {@link SSLContext} holding a client key from PKCS#12 or PEM. */
public final class ClientCertificates {
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

  private ClientCertificates() {}

  /**
   * Reads the key file and returns a context with the JDK's default trust store.
   *
   * @param file a PKCS#12 or PEM file
   * @param password the PKCS#12 password
   * @return the context
   */
  public static SSLContext sslContext(Path file, Secret password) {
    InputLocation at = InputLocation.of(file.toString());
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.US_ASCII);
      char[] pw = password == null ? new char[0] : password.reveal().toCharArray();
      KeyStore ks;
      if (text.contains("-----BEGIN ")) {
        ks = fromPem(text, at);
        pw = new char[0];
      } else {
        ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
          ks.load(in, pw);
        }
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(at, "cannot read the client certificate: " + e.getMessage(), e);
    }
  }

  private static KeyStore fromPem(String text, InputLocation at) throws IOException, GeneralSecurityException {
    List<Certificate> chain = new ArrayList<>();
    PrivateKey key = null;
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
      if ("CERTIFICATE".equals(type)) {
        chain.add(cf.generateCertificate(new ByteArrayInputStream(der)));
      } else if ("PRIVATE KEY".equals(type)) {
        key = pkcs8(der, at);
      } else if (type.endsWith("PRIVATE KEY")) {
        throw new InvalidInputException(at, type + " is not supported; convert it with "
            + "'openssl pkcs8 -topk8 -nocrypt' to an unencrypted PKCS#8 'PRIVATE KEY'");
      }
    }
    if (key == null || chain.isEmpty()) {
      throw new InvalidInputException(at, "a PEM client certificate needs a CERTIFICATE and a PRIVATE KEY block");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("koji", key, new char[0], chain.toArray(new Certificate[0]));
    return ks;
  }

  private static PrivateKey pkcs8(byte[] der, InputLocation at) {
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new InvalidInputException(at, "the PRIVATE KEY is neither RSA, EC nor Ed25519");
  }
}
