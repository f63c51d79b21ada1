package dev.packit.fedora.koji;

import dev.packit.core.Secret;
import dev.packit.fedora.internal.koji.ClientCertificates;
import dev.packit.fedora.internal.koji.Spnego;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * How {@link KojiClient} logs in: {@code sslLogin} POSTed to {@code <hub>/ssllogin}, authenticated
 * by SPNEGO (Kerberos; what Fedora's hub requires) or by a TLS client certificate.
 *
 * <pre>{@code
 * KojiLogin fromKinit = KojiLogin.kerberos();                                   // ticket cache (KRB5CCNAME)
 * KojiLogin bot = KojiLogin.keytab("packit@FEDORAPROJECT.ORG", Path.of("/etc/packit.keytab"));
 * KojiLogin cert = KojiLogin.clientCertificate(Path.of("client.p12"), Secret.of("changeit"));
 * KojiClient koji = KojiClient.builder().login(bot).build();
 * }</pre>
 *
 * <p>Implementations are thread-safe; their {@code toString()} shows no secret.
 */
public interface KojiLogin {

  /**
   * Returns the headers to send with the {@code sslLogin} request, such as {@code Authorization:
   * Negotiate ...}. Called for each login.
   *
   * @param loginUri the {@code .../ssllogin} URI (SPNEGO names the service {@code HTTP@host})
   * @return header names and values; may be empty
   */
  Map<String, String> loginHeaders(URI loginUri);

  /**
   * Checks the hub's answer to the login, such as the {@code WWW-Authenticate: Negotiate} token by
   * which the server proves its identity (mutual authentication). Called after each successful login.
   *
   * @param loginUri the {@code .../ssllogin} URI
   * @param wwwAuthenticate the answer's {@code WWW-Authenticate} values
   * @throws dev.packit.core.PackitClientException when the server did not prove its identity
   */
  default void checkLoginResponse(URI loginUri, java.util.List<String> wwwAuthenticate) {}

  /**
   * Returns the TLS context carrying a client certificate, when this login uses one. The client
   * then builds its transport with it (unless the caller gave its own transport).
   *
   * @return the context, or empty
   */
  default Optional<SSLContext> sslContext() {
    return Optional.empty();
  }

  /**
   * Kerberos from the ticket cache ({@code kinit}; {@code KRB5CCNAME} or the default cache).
   *
   * @return the login
   */
  static KojiLogin kerberos() {
    return new Spnego(null, null);
  }

  /**
   * Kerberos from this ticket cache file (a {@code FILE:} cache filled by {@code kinit -c}), whatever
   * {@code KRB5CCNAME} says.
   *
   * <pre>{@code
   * KojiClient.builder().login(KojiLogin.kerberos(Path.of("/tmp/krb5cc_packit"))).build();
   * }</pre>
   *
   * @param ticketCache the cache file
   * @return the login
   */
  static KojiLogin kerberos(Path ticketCache) {
    return new Spnego(ticketCache);
  }

  /**
   * Kerberos from a keytab, as bots run.
   *
   * @param principal e.g. {@code packit/packit.dev@FEDORAPROJECT.ORG}
   * @param keytab the keytab file
   * @return the login
   */
  static KojiLogin keytab(String principal, Path keytab) {
    return new Spnego(Objects.requireNonNull(principal, "principal == null"), Objects.requireNonNull(keytab, "keytab == null"));
  }

  /**
   * A ready SPNEGO token source, e.g. from another GSSAPI library or for tests.
   *
   * @param base64Token supplies the base64 {@code Negotiate} token for each login
   * @return the login
   */
  static KojiLogin negotiate(Supplier<Secret> base64Token) {
    Objects.requireNonNull(base64Token, "base64Token == null");
    return new KojiLogin() {
      @Override
      public Map<String, String> loginHeaders(URI loginUri) {
        return Map.of("Authorization", "Negotiate " + base64Token.get().reveal());
      }

      @Override
      public String toString() {
        return "KojiLogin.negotiate(***)";
      }
    };
  }

  /**
   * A TLS client certificate from a ready {@link SSLContext}.
   *
   * @param context the context holding the key
   * @return the login
   */
  static KojiLogin clientCertificate(SSLContext context) {
    Objects.requireNonNull(context, "context == null");
    return new KojiLogin() {
      @Override
      public Map<String, String> loginHeaders(URI loginUri) {
        return Map.of();
      }

      @Override
      public Optional<SSLContext> sslContext() {
        return Optional.of(context);
      }

      @Override
      public String toString() {
        return "KojiLogin.clientCertificate(" + context.getProtocol() + ")";
      }
    };
  }

  /**
   * A TLS client certificate from a PKCS#12 file, or a PEM file holding the certificate chain and
   * an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}) as Fedora's old {@code ~/.fedora.cert}.
   *
   * @param keyFile {@code .p12}/{@code .pfx} or {@code .pem}/{@code .cert}
   * @param password the PKCS#12 password ({@link Secret#of}{@code ("")} for PEM)
   * @return the login
   * @throws dev.packit.core.InvalidInputException when the file cannot be read as a key
   */
  static KojiLogin clientCertificate(Path keyFile, Secret password) {
    return clientCertificate(ClientCertificates.sslContext(keyFile, password));
  }
}
