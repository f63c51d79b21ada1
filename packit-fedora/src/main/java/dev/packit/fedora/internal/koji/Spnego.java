package dev.packit.fedora.internal.koji;

import dev.packit.fedora.internal.kerberos.Kerberos;
import dev.packit.fedora.koji.KojiLogin;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;

/**
 * SPNEGO for Koji's {@code /ssllogin}: credentials from the ticket cache or a keytab (see {@link
 * Kerberos}), mutual authentication requested and checked on the hub's answer, as koji's CLI does.
 */
public final class Spnego implements KojiLogin {
  private final Kerberos.Credentials creds;
  // The login of one thread spans loginHeaders and checkLoginResponse.
  private final ThreadLocal<Kerberos.Exchange> pending = new ThreadLocal<>();

  /**
   * Creates the login.
   *
   * @param principal the keytab principal, {@code null} for the ticket cache
   * @param keytab the keytab, {@code null} for the ticket cache
   */
  public Spnego(String principal, Path keytab) {
    this.creds = keytab == null ? Kerberos.Credentials.ticketCache(null) : Kerberos.Credentials.keytab(principal, keytab);
  }

  /**
   * Creates a login from a given ticket cache.
   *
   * @param ticketCache the {@code FILE:} cache (a path)
   */
  public Spnego(Path ticketCache) {
    this.creds = Kerberos.Credentials.ticketCache(java.util.Objects.requireNonNull(ticketCache, "ticketCache == null"));
  }

  @Override
  public Map<String, String> loginHeaders(URI loginUri) {
    // A fresh login each time: a ticket renewed by kinit (or a new keytab) is picked up.
    Subject subject = Kerberos.login("koji", creds);
    Kerberos.Exchange old = pending.get();
    if (old != null) {
      old.dispose();
    }
    Kerberos.Exchange ex = Kerberos.start("koji", creds, subject, loginUri.getHost(), true);
    pending.set(ex);
    return Map.of("Authorization", ex.header());
  }

  @Override
  public void checkLoginResponse(URI loginUri, List<String> wwwAuthenticate) {
    Kerberos.Exchange ex = pending.get();
    pending.remove();
    if (ex != null) {
      ex.verify(wwwAuthenticate);
    }
  }

  @Override
  public String toString() {
    if (creds.keytab() == null) {
      return creds.ticketCache() == null ? "KojiLogin.kerberos()" : "KojiLogin.kerberos(" + creds.ticketCache() + ")";
    }
    return "KojiLogin.keytab(" + creds.principal() + ", " + creds.keytab() + ")";
  }
}
