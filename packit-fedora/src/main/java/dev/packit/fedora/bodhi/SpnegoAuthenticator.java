package dev.packit.fedora.bodhi;

import dev.packit.core.PackitClientException;
import dev.packit.core.Secret;
import java.net.URI;
import java.util.Base64;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

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
  private static final String SPNEGO_OID = "1.3.6.1.5.5.2";

  /** Creates the authenticator; credentials come from the default Kerberos login. */
  public SpnegoAuthenticator() {}

  @Override
  public Secret authorization(URI target) {
    String host = target.getHost();
    if (host == null) {
      throw new IllegalArgumentException("target has no host: " + target);
    }
    GSSContext ctx = null;
    try {
      GSSManager manager = GSSManager.getInstance();
      Oid spnego = new Oid(SPNEGO_OID);
      GSSName server = manager.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
      ctx = manager.createContext(server, spnego, null, GSSContext.DEFAULT_LIFETIME);
      ctx.requestMutualAuth(false);
      ctx.requestCredDeleg(false);
      byte[] token = ctx.initSecContext(new byte[0], 0, 0);
      return Secret.of("Negotiate " + Base64.getEncoder().encodeToString(token));
    } catch (GSSException e) {
      throw new PackitClientException("Kerberos (SPNEGO) for HTTP@" + host + " failed: " + e.getMajorString()
          + (e.getMinorString() == null ? "" : " (" + e.getMinorString() + ")")
          + "; is there a ticket (kinit) and is javax.security.auth.useSubjectCredsOnly=false?", e);
    } finally {
      if (ctx != null) {
        try {
          ctx.dispose();
        } catch (GSSException ignored) {
          // nothing to release
        }
      }
    }
  }

  @Override
  public String toString() {
    return "SpnegoAuthenticator[]";
  }
}
