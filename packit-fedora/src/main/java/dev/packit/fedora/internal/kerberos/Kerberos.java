package dev.packit.fedora.internal.kerberos;

import dev.packit.core.PackitClientException;
import java.io.File;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
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
 * The SPNEGO login of the Koji, lookaside and Bodhi clients: credentials from a keytab or the ticket
 * cache through JAAS into a private {@link Subject} (or, in native GSS mode, MIT's library finds
 * them), one GSS context per request, the server's answer checked for mutual authentication, and
 * the JDK's errors turned into ones that name their cause.
 *
 * <pre>{@code
 * Kerberos.Credentials creds = Kerberos.Credentials.keytab("packit@FEDORAPROJECT.ORG", Path.of("/etc/packit.keytab"));
 * Subject subject = Kerberos.login("koji", creds);
 * Kerberos.Exchange ex = Kerberos.start("koji", creds, subject, "koji.fedoraproject.org", true);
 * request.header("Authorization", ex.header());
 * ex.verify(response.headers().allValues("WWW-Authenticate"));   // the server proved who it is
 * }</pre>
 */
public final class Kerberos {
  private static final String KRB5_MODULE = "com.sun.security.auth.module.Krb5LoginModule";
  private static final String SPNEGO_OID = "1.3.6.1.5.5.2";

  private Kerberos() {}

  /**
   * Where the credentials come from.
   *
   * @param principal the keytab's principal, null for the ticket cache
   * @param keytab the keytab, null for the ticket cache
   * @param ticketCache an explicit {@code FILE:} cache, null for {@code KRB5CCNAME} or the default
   * @param target the server's host name, once known (for errors), else null
   */
  public record Credentials(String principal, Path keytab, Path ticketCache, String target) {
    /**
     * @param principal the principal or null
     * @param keytab the keytab or null
     * @param ticketCache the cache or null
     */
    public Credentials(String principal, Path keytab, Path ticketCache) {
      this(principal, keytab, ticketCache, null);
    }

    /**
     * @param principal the principal
     * @param keytab the keytab
     * @return keytab credentials
     */
    public static Credentials keytab(String principal, Path keytab) {
      return new Credentials(principal, keytab, null);
    }

    /**
     * @param cache the cache file, or null for {@code KRB5CCNAME} / the default
     * @return ticket-cache credentials
     */
    public static Credentials ticketCache(Path cache) {
      return new Credentials(null, null, cache);
    }

    /** @return e.g. {@code keytab /etc/packit.keytab for packit@FEDORAPROJECT.ORG}; no secret */
    public String description() {
      if (keytab != null) {
        return "keytab " + keytab + " for " + principal;
      }
      return ticketCache != null ? "ticket cache " + ticketCache : "ticket cache";
    }
  }

  /**
   * Logs in through JAAS ({@code Krb5LoginModule}, never prompting) into a private subject; in native
   * GSS mode there is no JAAS step and the result is null (MIT's library finds the credentials).
   *
   * @param service who asks, for errors ({@code koji}, {@code lookaside}, {@code bodhi})
   * @param creds the credentials
   * @return the subject, or null in native mode
   * @throws PackitClientException naming the cause
   */
  public static Subject login(String service, Credentials creds) {
    KerberosConfig.apply();
    if (KerberosConfig.nativeGss()) {
      if (creds.keytab() != null && System.getenv("KRB5_CLIENT_KTNAME") == null) {
        throw new PackitClientException(service + ": native GSS (-Dsun.security.jgss.native=true) reads a client keytab only"
            + " from KRB5_CLIENT_KTNAME; set KRB5_CLIENT_KTNAME=" + creds.keytab() + " or run kinit -k -t " + creds.keytab()
            + " " + creds.principal() + " and log in from the ticket cache");
      }
      return null;
    }
    if (creds.keytab() != null && !Files.isReadable(creds.keytab())) {
      throw new PackitClientException(service + ": Kerberos login (" + creds.description() + ") failed: keytab "
          + creds.keytab() + (Files.exists(creds.keytab()) ? " is not readable by this process" : " does not exist"));
    }
    Map<String, String> options = new HashMap<>();
    options.put("doNotPrompt", "true");
    options.put("refreshKrb5Config", "true");
    options.put("isInitiator", "true");
    if (creds.keytab() != null) {
      options.put("useKeyTab", "true");
      options.put("keyTab", creds.keytab().toString());
      options.put("principal", creds.principal());
      options.put("storeKey", "true");
    } else {
      options.put("useTicketCache", "true");
      options.put("renewTGT", "false");
      Path cache = creds.ticketCache() != null ? creds.ticketCache()
          : TicketCache.location(System.getenv("KRB5CCNAME"), uid()).orElse(null);
      if (cache != null) {
        options.put("ticketCache", cache.toString());
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
      new LoginContext("packit-" + service, subject, null, config).login();
      return subject;
    } catch (LoginException e) {
      throw explain(service, creds, e, Instant.now(), System::getenv);
    }
  }

  /**
   * Starts a SPNEGO exchange with {@code HTTP@host}.
   *
   * @param service who asks, for errors
   * @param creds the credentials, for errors
   * @param subject from {@link #login}, or null in native mode
   * @param host the server's host name
   * @param mutual whether the server must prove its identity (checked by {@link Exchange#verify})
   * @return the exchange holding the first token
   */
  public static Exchange start(String service, Credentials creds, Subject subject, String host, boolean mutual) {
    PrivilegedExceptionAction<Exchange> action = () -> {
      GSSManager manager = GSSManager.getInstance();
      GSSName server = manager.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
      GSSContext ctx = manager.createContext(server, new Oid(SPNEGO_OID), null, GSSContext.DEFAULT_LIFETIME);
      ctx.requestMutualAuth(mutual);
      ctx.requestCredDeleg(false);
      byte[] token = ctx.initSecContext(new byte[0], 0, 0);
      return new Exchange(service, host, ctx, token, mutual);
    };
    try {
      return subject == null ? action.run() : doAs(subject, action);
    } catch (PrivilegedActionException e) {
      throw explain(service, new Credentials(creds.principal(), creds.keytab(), creds.ticketCache(), host), e.getCause(),
          Instant.now(), System::getenv);
    } catch (Exception e) {
      throw explain(service, new Credentials(creds.principal(), creds.keytab(), creds.ticketCache(), host), e, Instant.now(),
          System::getenv);
    }
  }

  @SuppressWarnings("removal")
  private static <T> T doAs(Subject s, PrivilegedExceptionAction<T> action) throws PrivilegedActionException {
    // Subject.callAs replaces doAs from Java 18; the baseline is 17.
    return Subject.doAs(s, action);
  }

  private static long uid() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid();
    } catch (RuntimeException | LinkageError e) {
      return -1;
    }
  }

  /** One SPNEGO exchange: the token to send, then the check of the server's answer. */
  public static final class Exchange {
    private final String service;
    private final String host;
    private final GSSContext ctx;
    private final byte[] token;
    private final boolean mutual;

    Exchange(String service, String host, GSSContext ctx, byte[] token, boolean mutual) {
      this.service = service;
      this.host = host;
      this.ctx = ctx;
      this.token = token;
      this.mutual = mutual;
    }

    /** @return {@code Negotiate <base64 token>}, a secret */
    public String header() {
      return "Negotiate " + Base64.getEncoder().encodeToString(token);
    }

    /**
     * Checks the server's {@code WWW-Authenticate: Negotiate <token>} of a successful answer: with
     * mutual authentication requested, the token must complete the context and prove the server is
     * {@code HTTP@host} (as {@code requests-gssapi}'s REQUIRED mode, which koji's CLI uses). Disposes
     * the context.
     *
     * @param wwwAuthenticate the answer's {@code WWW-Authenticate} values
     * @throws PackitClientException when the server did not prove its identity
     */
    public void verify(List<String> wwwAuthenticate) {
      verify(wwwAuthenticate, true);
    }

    /**
     * As {@link #verify(List)}; with {@code tokenRequired} false an answer without any token passes
     * (for flows whose answer comes through redirects), but a token present must still be valid.
     *
     * @param wwwAuthenticate the answer's {@code WWW-Authenticate} values
     * @param tokenRequired whether an answer without a token fails
     */
    public void verify(List<String> wwwAuthenticate, boolean tokenRequired) {
      try {
        if (!mutual) {
          return;
        }
        Optional<String> b64 = negotiateToken(wwwAuthenticate);
        if (b64.isEmpty() && !tokenRequired) {
          return;
        }
        if (b64.isEmpty()) {
          throw new PackitClientException(service + ": HTTP@" + host + " answered without a Negotiate token: it did not prove"
              + " its identity (mutual authentication was requested); a proxy may be answering in its place");
        }
        byte[] reply;
        try {
          reply = Base64.getDecoder().decode(b64.get());
        } catch (IllegalArgumentException e) {
          throw new PackitClientException(service + ": HTTP@" + host + " answered a Negotiate token that is not base64", e);
        }
        try {
          ctx.initSecContext(reply, 0, reply.length);
        } catch (GSSException e) {
          throw new PackitClientException(service + ": mutual authentication with HTTP@" + host + " failed: "
              + e.getMajorString() + (e.getMinorString() == null ? "" : " (" + e.getMinorString() + ")"), e);
        }
        if (!ctx.isEstablished() || !ctx.getMutualAuthState()) {
          throw new PackitClientException(service + ": mutual authentication with HTTP@" + host
              + " failed: the server's token did not complete the exchange");
        }
      } finally {
        dispose();
      }
    }

    /** Releases the context without checking (for a failed request). */
    public void dispose() {
      try {
        ctx.dispose();
      } catch (GSSException ignored) {
        // nothing held
      }
    }

    @Override
    public String toString() {
      return "Kerberos.Exchange[HTTP@" + host + "]";
    }
  }

  /**
   * The token of a {@code Negotiate} challenge among {@code WWW-Authenticate} values.
   *
   * @param values header values
   * @return the base64 token
   */
  static Optional<String> negotiateToken(List<String> values) {
    for (String v : values) {
      for (String part : v.split(",")) {
        String p = part.trim();
        if (p.regionMatches(true, 0, "Negotiate ", 0, 10) && p.length() > 10) {
          return Optional.of(p.substring(10).trim());
        }
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ errors

  /**
   * Turns what the JDK's Kerberos threw into an error that names the cause and the fix.
   *
   * @param service who asked
   * @param creds the credentials used
   * @param e the JDK's exception ({@link LoginException}, {@link GSSException}, ...)
   * @param now the time, to tell an expired ticket
   * @param env environment lookup ({@code KRB5CCNAME})
   * @return the exception to throw
   */
  public static PackitClientException explain(String service, Credentials creds, Throwable e, Instant now,
      Function<String, String> env) {
    StringBuilder all = new StringBuilder();
    boolean unreachable = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(' ').append(t.getMessage());
      if (t instanceof GSSException g) {
        all.append(' ').append(g.getMajorString()).append(' ').append(g.getMinorString());
      }
      unreachable |= t instanceof UnknownHostException || t instanceof SocketTimeoutException || t instanceof ConnectException
          || t instanceof PortUnreachableException;
    }
    String m = all.toString();
    String prefix = service + ": Kerberos login (" + creds.description() + ")"
        + (creds.target() == null ? "" : " for HTTP@" + creds.target()) + " failed: ";
    String why;
    if (unreachable || m.contains("Cannot contact any KDC") || m.contains("Cannot get a KDC reply")
        || m.contains("Receive timed out") || m.contains("Cannot locate KDC")) {
      Optional<String> proxy = KdcProxyBridge.lastFailureFor(System.getProperty(KerberosConfig.KRB5_CONF));
      why = proxy.isPresent()
          ? "cannot reach the KDC through the KdcProxy: " + proxy.get() + " (" + m.trim() + ")"
          : "cannot reach the KDC (" + m.trim() + "): check the kdc lines of the krb5.conf in use (java.security.krb5.conf,"
              + " KRB5_CONFIG or /etc/krb5.conf); a kdc = https://…/KdcProxy line is bridged by packit-java when the"
              + " file is read through KRB5_CONFIG, java.security.krb5.conf or /etc/krb5.conf";
    } else if (m.contains("Cannot locate default realm")) {
      why = "no Kerberos configuration with a default realm: set KRB5_CONFIG or -Djava.security.krb5.conf to a krb5.conf"
          + " (the JDK reads /etc/krb5.conf otherwise)";
    } else if (m.contains("Checksum failed") || m.contains("Integrity check on decrypted field failed")
        || m.contains("Pre-authentication information was invalid")) {
      why = creds.keytab() != null
          ? "the key in " + creds.keytab() + " for " + creds.principal() + " no longer matches the KDC's (the principal's key"
              + " was changed or rotated, so the keytab is stale): fetch a new keytab"
          : "the KDC refused the credentials (wrong or changed key): run kinit again";
    } else if (m.contains("Client not found in Kerberos database") || m.contains("CLIENT_NOT_FOUND")) {
      why = "the KDC does not know the principal " + (creds.principal() != null ? creds.principal() : "of the ticket cache")
          + " (unknown principal: check its spelling and realm)";
    } else if (m.contains("Server not found in Kerberos database")) {
      why = "the KDC knows no service principal for this server (HTTP/<host>): check the host name, the realm mapping"
          + " in krb5.conf ([domain_realm]), and use the server's canonical name";
    } else if (m.contains("Clock skew too great")) {
      why = "this machine's clock differs from the KDC's by more than the allowed skew (usually 5 minutes): fix the clock";
    } else if (m.contains("Ticket expired") || m.contains("TKT_EXPIRED")) {
      why = expiredTicket(creds, env, now).orElse("the Kerberos ticket expired: run kinit again");
    } else if (m.contains("Unable to obtain password from user") || m.contains("Unable to obtain Principal Name")
        || m.contains("Failed to find any Kerberos tgt") || m.contains("No valid credentials provided")) {
      why = missingCredentials(creds, env, now);
    } else {
      why = m.trim();
    }
    return new PackitClientException(prefix + why, e);
  }

  private static Optional<String> expiredTicket(Credentials creds, Function<String, String> env, Instant now) {
    Path cache = creds.ticketCache() != null ? creds.ticketCache() : TicketCache.location(env.apply("KRB5CCNAME"), uid()).orElse(null);
    if (cache == null) {
      return Optional.empty();
    }
    return TicketCache.read(cache).filter(c -> c.tgtEnd() != null && !c.tgtEnd().isAfter(now))
        .map(c -> "the Kerberos ticket of " + c.principal() + " in " + cache + " expired at " + c.tgtEnd()
            + ": run kinit " + c.principal() + " again (or kinit -R while it is renewable)");
  }

  private static String missingCredentials(Credentials creds, Function<String, String> env, Instant now) {
    if (creds.keytab() != null) {
      Path kt = creds.keytab();
      if (!Files.exists(kt)) {
        return "keytab " + kt + " does not exist";
      }
      KeyTab keytab = KeyTab.getInstance(new File(kt.toString()));
      try {
        if (keytab.getKeys(new KerberosPrincipal(creds.principal())).length == 0) {
          return "keytab " + kt + " holds no key for " + creds.principal() + " (wrong principal, or not a keytab)";
        }
      } catch (IllegalArgumentException | SecurityException e) {
        return "keytab " + kt + " cannot be used for " + creds.principal() + ": " + e.getMessage();
      }
      return "the keytab " + kt + " has a key for " + creds.principal() + " but the JDK could not log in with it";
    }
    String ccname = env.apply("KRB5CCNAME");
    Optional<String> type = creds.ticketCache() == null ? TicketCache.unsupportedType(ccname) : Optional.empty();
    if (type.isPresent()) {
      return "the credential cache " + ccname + " is a " + type.get() + ": cache, which the JDK's Kerberos cannot read (only"
          + " FILE: caches): run kinit -c FILE:/tmp/krb5cc_$(id -u) and set KRB5CCNAME to it, or use native GSS"
          + " (-Dsun.security.jgss.native=true)";
    }
    Path cache = creds.ticketCache() != null ? creds.ticketCache() : TicketCache.location(ccname, uid()).orElse(null);
    if (cache == null || !Files.exists(cache)) {
      return "no Kerberos ticket: there is no credential cache" + (cache == null ? "" : " at " + cache)
          + " (run kinit user@FEDORAPROJECT.ORG, or use a keytab)";
    }
    Optional<TicketCache> read = TicketCache.read(cache);
    if (read.isPresent() && read.get().tgtEnd() != null && !read.get().tgtEnd().isAfter(now)) {
      return expiredTicket(creds, env, now).orElseThrow();
    }
    if (read.isPresent() && read.get().tgtEnd() == null) {
      return "the credential cache " + cache + " holds no ticket-granting ticket for " + read.get().principal() + " (run kinit)";
    }
    return "no usable Kerberos ticket in " + cache + " (run kinit)";
  }
}
