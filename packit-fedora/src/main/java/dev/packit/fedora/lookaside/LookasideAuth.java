package dev.packit.fedora.lookaside;

import dev.packit.core.PackitClientException;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.Interceptor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Authentication for upload.cgi, as {@link Interceptor}s for {@link LookasideClient.Builder#authentication}.
 *
 * <pre>{@code
 * // Fedora: Kerberos (SPNEGO). Run `kinit user@FEDORAPROJECT.ORG` first, or use a keytab.
 * Interceptor krb = LookasideAuth.negotiateFromTicketCache();
 * Interceptor bot = LookasideAuth.negotiateFromKeytab("packit@FEDORAPROJECT.ORG", Path.of("/etc/packit.keytab"));
 * // A private instance behind a token or a session cookie:
 * Interceptor token = LookasideAuth.header("Authorization", Secret.of("Bearer " + token));
 * Interceptor cookie = LookasideAuth.cookie("session", Secret.of(value));
 * }</pre>
 *
 * <p>The Negotiate interceptor logs in once (JAAS {@code Krb5LoginModule}) and builds a fresh
 * SPNEGO token for {@code HTTP@<host of the request>} on every attempt, sent pre-emptively as
 * {@code Authorization: Negotiate <token>}, so a large upload is not sent twice for a 401 round
 * trip. Tokens and credentials never appear in {@code toString()} or in errors.
 */
public final class LookasideAuth {
  private static final String SPNEGO_OID = "1.3.6.1.5.5.2";

  private LookasideAuth() {}

  /**
   * Kerberos from the default ticket cache ({@code KRB5CCNAME}, else the system default).
   *
   * @return the interceptor
   */
  public static Interceptor negotiateFromTicketCache() {
    return negotiate(loginOptions(null, null, null), "ticket cache");
  }

  /**
   * Kerberos from a given ticket cache file.
   *
   * @param ticketCache the credential cache, e.g. {@code /tmp/krb5cc_1000}
   * @return the interceptor
   */
  public static Interceptor negotiateFromTicketCache(Path ticketCache) {
    return negotiate(loginOptions(Objects.requireNonNull(ticketCache, "ticketCache == null"), null, null),
        "ticket cache " + ticketCache);
  }

  /**
   * Kerberos from a keytab, for bots.
   *
   * @param principal such as {@code packit@FEDORAPROJECT.ORG}
   * @param keytab the keytab file
   * @return the interceptor
   */
  public static Interceptor negotiateFromKeytab(String principal, Path keytab) {
    return negotiate(loginOptions(null, Objects.requireNonNull(principal, "principal == null"),
        Objects.requireNonNull(keytab, "keytab == null")), "keytab for " + principal);
  }

  /**
   * A header holding a credential, sent on every request (dropped on redirects to other hosts).
   *
   * @param name the header name, such as {@code Authorization}
   * @param value the value
   * @return the interceptor; its {@code toString()} masks the value
   */
  public static Interceptor header(String name, Secret value) {
    Objects.requireNonNull(value, "value == null");
    return Interceptor.secretHeader(name, () -> value);
  }

  /**
   * A session cookie, sent as {@code Cookie: <name>=<value>}.
   *
   * @param name the cookie name
   * @param value the cookie value
   * @return the interceptor; its {@code toString()} masks the value
   */
  public static Interceptor cookie(String name, Secret value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '=' || c == ';' || c >= 127)) {
      throw new IllegalArgumentException("invalid cookie name: " + name);
    }
    return Interceptor.secretHeader("Cookie", () -> Secret.of(name + "=" + value.reveal()));
  }

  private static Map<String, String> loginOptions(Path ticketCache, String principal, Path keytab) {
    Map<String, String> o = new HashMap<>();
    o.put("doNotPrompt", "true");
    o.put("isInitiator", "true");
    o.put("refreshKrb5Config", "true");
    if (keytab != null) {
      o.put("useKeyTab", "true");
      o.put("keyTab", keytab.toString());
      o.put("principal", principal);
      o.put("storeKey", "true");
    } else {
      o.put("useTicketCache", "true");
      o.put("renewTGT", "false");
      if (ticketCache != null) {
        o.put("ticketCache", ticketCache.toString());
      }
    }
    return o;
  }

  private static Interceptor negotiate(Map<String, String> options, String description) {
    return new Negotiate(new KerberosTokens(options, description), description);
  }

  /**
   * A Negotiate interceptor over any token source: another GSS setup, or a fake in tests.
   *
   * @param tokens makes a token for a host name; may throw {@link PackitClientException}
   * @param description shown by {@code toString()}; no secret
   * @return the interceptor
   */
  public static Interceptor negotiate(Function<String, byte[]> tokens, String description) {
    return new Negotiate(tokens, description);
  }

  private static final class Negotiate implements Interceptor {
    private final Function<String, byte[]> tokens;
    private final String description;

    Negotiate(Function<String, byte[]> tokens, String description) {
      this.tokens = tokens;
      this.description = description;
    }

    @Override
    public HttpResponse intercept(Chain chain) throws IOException {
      String host = chain.request().uri().getHost();
      byte[] token = tokens.apply(host);
      return chain.proceed(chain.request().withHeader("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(token)));
    }

    @Override
    public String toString() {
      return "Negotiate[" + description + "]";
    }
  }

  /** Logs in once with JAAS, then creates one SPNEGO token per request. */
  private static final class KerberosTokens implements Function<String, byte[]> {
    private final Map<String, String> options;
    private final String description;
    private Subject subject;

    KerberosTokens(Map<String, String> options, String description) {
      this.options = Map.copyOf(options);
      this.description = description;
    }

    private synchronized Subject subject() {
      if (subject == null) {
        Configuration config = new Configuration() {
          @Override
          public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
          }
        };
        try {
          LoginContext login = new LoginContext("packit-lookaside", new Subject(), null, config);
          login.login();
          subject = login.getSubject();
        } catch (LoginException e) {
          throw new PackitClientException("Kerberos login failed (" + description + "): " + e.getMessage()
              + "; run kinit or check the keytab", e);
        }
      }
      return subject;
    }

    @Override
    public byte[] apply(String host) {
      Subject s = subject();
      PrivilegedExceptionAction<byte[]> action = () -> {
        GSSManager manager = GSSManager.getInstance();
        GSSName server = manager.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
        GSSContext context = manager.createContext(server, new Oid(SPNEGO_OID), null, GSSContext.DEFAULT_LIFETIME);
        try {
          context.requestMutualAuth(false);
          context.requestCredDeleg(false);
          return context.initSecContext(new byte[0], 0, 0);
        } finally {
          context.dispose();
        }
      };
      try {
        return doAs(s, action);
      } catch (PrivilegedActionException e) {
        Throwable cause = e.getCause();
        String why = cause instanceof GSSException g ? g.getMajorString() + (g.getMinorString() == null ? "" : " (" + g.getMinorString() + ")")
            : String.valueOf(cause);
        synchronized (this) {
          subject = null; // an expired ticket: log in again next time
        }
        throw new PackitClientException("cannot create a Kerberos token for HTTP@" + host + " (" + description + "): " + why, cause);
      }
    }

    @SuppressWarnings("removal")
    private static byte[] doAs(Subject s, PrivilegedExceptionAction<byte[]> action) throws PrivilegedActionException {
      // Subject.callAs replaces doAs from Java 18; the baseline is 17.
      return Subject.doAs(s, action);
    }

    @Override
    public String toString() {
      return "KerberosTokens[" + description + "]";
    }
  }
}
