package dev.packit.fedora.bodhi;

import dev.packit.core.Secret;
import dev.packit.fedora.internal.kerberos.Kerberos;
import dev.packit.fedora.internal.kerberos.KerberosConfig;
import java.net.URI;
import java.util.List;

/**
 * Kerberos via JGSS: produces {@code Negotiate <SPNEGO token>} for the target host's
 * {@code HTTP@host} service principal, from the ticket cache ({@code kinit} / keytab) the JDK's
 * Kerberos login finds ({@code KRB5CCNAME}, {@code java.security.krb5.conf}).
 *
 * <pre>{@code
 * // kinit -k -t /etc/packit.keytab packit@FEDORAPROJECT.ORG
 * System.setProperty("javax.security.auth.useSubjectCredsOnly", "false");
 * BodhiAuthenticator auth = new SpnegoAuthenticator();
 * auth.authorization(URI.create("https://id.fedoraproject.org/openidc/Authorization"));
 * }</pre>
 *
 * <p>Fedora bots log in to Bodhi this way: the Negotiate header goes to Ipsilon's authorization
 * endpoint, which returns the OIDC code; the code becomes tokens (see docs/bodhi.md). Each call
 * creates a fresh context (tokens are single-use). Thread-safe.
 */
public final class SpnegoAuthenticator implements BodhiAuthenticator {
  private static final Kerberos.Credentials DEFAULT = Kerberos.Credentials.ticketCache(null);
  private final ThreadLocal<Kerberos.Exchange> pending = new ThreadLocal<>();

  /** Creates the authenticator; credentials come from the default Kerberos login. */
  public SpnegoAuthenticator() {}

  @Override
  public Secret authorization(URI target) {
    String host = target.getHost();
    if (host == null) {
      throw new IllegalArgumentException("target has no host: " + target);
    }
    KerberosConfig.apply();
    Kerberos.Exchange old = pending.get();
    if (old != null) {
      old.dispose();
    }
    // No JAAS step: the JDK's default credentials (javax.security.auth.useSubjectCredsOnly=false),
    // or MIT's library in native GSS mode. Mutual authentication is requested and checked.
    Kerberos.Exchange ex = Kerberos.start("bodhi", DEFAULT, null, host, true);
    pending.set(ex);
    return Secret.of(ex.header());
  }

  @Override
  public void checkResponse(URI target, List<String> wwwAuthenticate) {
    Kerberos.Exchange ex = pending.get();
    pending.remove();
    if (ex != null) {
      // Ipsilon may answer through redirects, whose last response carries no token: a token
      // present must prove the server, an absent one is tolerated.
      ex.verify(wwwAuthenticate, false);
    }
  }

  @Override
  public String toString() {
    return "SpnegoAuthenticator[]";
  }
}
