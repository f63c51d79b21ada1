package dev.packit.fedora.messaging;

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
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} for a broker that wants a TLS client certificate, as Fedora's
 * public broker does (certificate {@code CN=fedora}, SASL EXTERNAL).
 *
 * <pre>{@code
 * SSLContext tls = AmqpTls.fromPem(Path.of("fedora-cert.pem"), Path.of("fedora-key.pem"), Path.of("cacert.pem"));
 * SSLContext tls2 = AmqpTls.fromPkcs12(Path.of("client.p12"), Secret.of("changeit"), Path.of("cacert.pem"));
 * }</pre>
 *
 * <p>PEM keys must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}); RSA and EC are supported.
 * Errors name the file; key material and passwords never appear in messages.
 */
public final class AmqpTls {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private AmqpTls() {}

  /**
   * Builds a TLS 1.2+ context from PEM files.
   *
   * @param certificate client certificate (chain) PEM
   * @param privateKey unencrypted PKCS#8 private key PEM
   * @param caCertificates CA certificates to trust, PEM
   * @return the context
   */
  public static SSLContext fromPem(Path certificate, Path privateKey, Path caCertificates) {
    List<Certificate> chain = certificates(certificate);
    PrivateKey key = privateKey(privateKey);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = new char[0];
      ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      return context(kmf, trust(caCertificates));
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidInputException(InputLocation.of(privateKey.toString()),
          "cannot use the key with certificate " + certificate + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Builds a TLS 1.2+ context from a PKCS#12 key store holding the client key and certificate.
   *
   * @param keyStore PKCS#12 file
   * @param password its password
   * @param caCertificates CA certificates to trust, PEM
   * @return the context
   */
  public static SSLContext fromPkcs12(Path keyStore, Secret password, Path caCertificates) {
    Objects.requireNonNull(password, "password == null");
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      char[] pw = password.reveal().toCharArray();
      ks.load(in, pw);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      return context(kmf, trust(caCertificates));
    } catch (IOException | GeneralSecurityException e) {
      // the JDK says "keystore password was incorrect" or similar; never echo the password
      throw new InvalidInputException(InputLocation.of(keyStore.toString()),
          "cannot read the PKCS#12 key store: " + e.getClass().getSimpleName(), e);
    }
  }

  private static SSLContext context(KeyManagerFactory kmf, TrustManagerFactory tmf) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLSv1.3".equals(bestProtocol()) ? "TLSv1.3" : "TLSv1.2");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private static String bestProtocol() {
    try {
      SSLContext.getInstance("TLSv1.3");
      return "TLSv1.3";
    } catch (GeneralSecurityException e) {
      return "TLSv1.2";
    }
  }

  private static TrustManagerFactory trust(Path caCertificates) {
    List<Certificate> cas = certificates(caCertificates);
    try {
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        ts.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      return tmf;
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidInputException(InputLocation.of(caCertificates.toString()), "cannot use the CA certificates: " + e, e);
    }
  }

  private static List<Certificate> certificates(Path pem) {
    String text = read(pem);
    List<Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Matcher m = PEM.matcher(text);
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          Collection<? extends Certificate> certs = cf.generateCertificates(new ByteArrayInputStream(der(m.group(2), pem)));
          out.addAll(certs);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(InputLocation.of(pem.toString()), "not a valid X.509 certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(InputLocation.of(pem.toString()), "no BEGIN CERTIFICATE block found");
    }
    return out;
  }

  private static PrivateKey privateKey(Path pem) {
    String text = read(pem);
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      if (type.equals("ENCRYPTED PRIVATE KEY") || type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY")) {
        throw new InvalidInputException(InputLocation.of(pem.toString()),
            "found a " + type + " block; convert it to unencrypted PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
      }
      if (type.equals("PRIVATE KEY")) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der(m.group(2), pem));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
          try {
            return KeyFactory.getInstance(alg).generatePrivate(spec);
          } catch (GeneralSecurityException ignored) {
            // try the next algorithm
          }
        }
        throw new InvalidInputException(InputLocation.of(pem.toString()), "unsupported private key algorithm (RSA, EC, Ed25519 work)");
      }
    }
    throw new InvalidInputException(InputLocation.of(pem.toString()), "no BEGIN PRIVATE KEY block found");
  }

  private static byte[] der(String base64, Path file) {
    try {
      return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(InputLocation.of(file.toString()), "bad base64 in PEM block");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new InvalidInputException(InputLocation.of(file.toString()), "cannot read: " + e.getClass().getSimpleName(), e);
    }
  }
}
