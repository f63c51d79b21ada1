package dev.packit.fedora.internal.koji;

import dev.packit.core.PackitClientException;
import dev.packit.fedora.koji.KojiLogin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * SPNEGO tokens from JGSS: Kerberos credentials from the ticket cache or a keytab, obtained through
 * {@code Krb5LoginModule} into a private {@link Subject} (no JVM-wide system properties touched).
 */
public final class Spnego implements KojiLogin {
  private static final String KRB5_MODULE = "com.sun.security.auth.module.Krb5LoginModule";
  private final String principal;
  private final Path keytab;

  /**
   * Creates the login.
   *
   * @param principal the keytab principal, {@code null} for the ticket cache
   * @param keytab the keytab, {@code null} for the ticket cache
   */
  public Spnego(String principal, Path keytab) {
    this.principal = principal;
    this.keytab = keytab;
  }

  @Override
  public Map<String, String> loginHeaders(URI loginUri) {
    return Map.of("Authorization", "Negotiate " + token(loginUri.getHost()));
  }

  private String token(String host) {
    Subject subject = credentials();
    try {
      byte[] token = Subject.doAs(subject, (PrivilegedExceptionAction<byte[]>) () -> {
        GSSManager manager = GSSManager.getInstance();
        Oid spnego = new Oid("1.3.6.1.5.5.2");
        GSSName server = manager.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
        GSSCredential cred = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME, spnego, GSSCredential.INITIATE_ONLY);
        GSSContext ctx = manager.createContext(server, spnego, cred, GSSContext.DEFAULT_LIFETIME);
        try {
          ctx.requestMutualAuth(true);
          ctx.requestCredDeleg(false);
          return ctx.initSecContext(new byte[0], 0, 0);
        } finally {
          ctx.dispose();
        }
      });
      return Base64.getEncoder().encodeToString(token);
    } catch (PrivilegedActionException e) {
      Throwable c = e.getCause();
      throw new PackitClientException("koji: cannot create a Kerberos (SPNEGO) token for HTTP@" + host + ": "
          + (c instanceof GSSException ? ((GSSException) c).getMajorString() + " " + c.getMessage() : String.valueOf(c)), c);
    }
  }

  private Subject credentials() {
    Map<String, String> options = new HashMap<>();
    options.put("doNotPrompt", "true");
    options.put("refreshKrb5Config", "true");
    options.put("isInitiator", "true");
    if (keytab != null) {
      if (!Files.isReadable(keytab)) {
        throw new PackitClientException("koji: keytab " + keytab + " is missing or unreadable");
      }
      options.put("useKeyTab", "true");
      options.put("keyTab", keytab.toString());
      options.put("principal", principal);
      options.put("storeKey", "true");
    } else {
      options.put("useTicketCache", "true");
      String cc = System.getenv("KRB5CCNAME");
      if (cc != null && cc.startsWith("FILE:")) {
        options.put("ticketCache", cc.substring("FILE:".length()));
      } else if (cc != null && !cc.contains(":")) {
        options.put("ticketCache", cc);
      }
    }
    Configuration config = new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {
          new AppConfigurationEntry(KRB5_MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
        };
      }
    };
    try {
      Subject subject = new Subject();
      LoginContext lc = new LoginContext("packit-koji", subject, null, config);
      lc.login();
      return subject;
    } catch (LoginException e) {
      throw new PackitClientException("koji: no Kerberos credentials "
          + (keytab != null ? "from keytab " + keytab + " for " + principal : "in the ticket cache (run kinit)")
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return keytab == null ? "KojiLogin.kerberos()" : "KojiLogin.keytab(" + principal + ", " + keytab + ")";
  }
}
