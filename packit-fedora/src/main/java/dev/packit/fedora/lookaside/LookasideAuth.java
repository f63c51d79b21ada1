package dev.packit.fedora.lookaside;

import dev.packit.core.PackitClientException;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.Interceptor;
import dev.packit.fedora.internal.kerberos.Kerberos;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import javax.security.auth.Subject;

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
 * <p>The Negotiate interceptor logs in once (JAAS {@code Krb5LoginModule}, or MIT's library in
 * native GSS mode, see docs/authentication.md) and builds a fresh SPNEGO token for {@code
 * HTTP@<host of the request>} on every attempt, sent pre-emptively as {@code Authorization:
 * Negotiate <token>}, so a large upload is not sent twice for a 401 round trip. Mutual
 * authentication is requested and the server's {@code WWW-Authenticate: Negotiate} token on a 2xx
 * answer is checked. Login errors name their cause (no ticket, expired ticket, missing or stale
 * keytab, unknown principal, unreachable KDC). Tokens and credentials never appear in {@code toString()} or in errors.
 */
public final class LookasideAuth {
  private LookasideAuth() {}

  /**
   * Kerberos from the default ticket cache ({@code KRB5CCNAME}, else the system default).
   *
   * @return the interceptor
   */
  public static Interceptor negotiateFromTicketCache() {
    return negotiate(Kerberos.Credentials.ticketCache(null), "ticket cache");
  }

  /**
   * Kerberos from a given ticket cache file.
   *
   * @param ticketCache the credential cache, e.g. {@code /tmp/krb5cc_1000}
   * @return the interceptor
   */
  public static Interceptor negotiateFromTicketCache(Path ticketCache) {
    return negotiate(Kerberos.Credentials.ticketCache(Objects.requireNonNull(ticketCache, "ticketCache == null")),
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
    return negotiate(Kerberos.Credentials.keytab(Objects.requireNonNull(principal, "principal == null"),
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

  private static Interceptor negotiate(Kerberos.Credentials creds, String description) {
    return new KerberosNegotiate(creds, description);
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

  /**
   * Logs in once (JAAS, or native GSS), then one SPNEGO context per request with mutual
   * authentication requested; a successful answer must carry the server's token proving it is
   * {@code HTTP@host} (what pycurl's GSS-Negotiate does for fedpkg).
   */
  private static final class KerberosNegotiate implements Interceptor {
    private final Kerberos.Credentials creds;
    private final String description;
    private Subject subject;
    private boolean loggedIn;

    KerberosNegotiate(Kerberos.Credentials creds, String description) {
      this.creds = creds;
      this.description = description;
    }

    private synchronized Subject subject() {
      if (!loggedIn) {
        subject = Kerberos.login("lookaside", creds);
        loggedIn = true;
      }
      return subject;
    }

    private synchronized void forget() {
      loggedIn = false; // an expired ticket or a new keytab: log in again next time
      subject = null;
    }

    @Override
    public HttpResponse intercept(Chain chain) throws IOException {
      String host = chain.request().uri().getHost();
      Kerberos.Exchange ex;
      try {
        ex = Kerberos.start("lookaside", creds, subject(), host, true);
      } catch (PackitClientException e) {
        forget();
        throw e;
      }
      HttpResponse r;
      try {
        r = chain.proceed(chain.request().withHeader("Authorization", ex.header()));
      } catch (IOException | RuntimeException e) {
        ex.dispose();
        throw e;
      }
      if (r.status() / 100 == 2) {
        try {
          ex.verify(r.headers().allValues("WWW-Authenticate"));
        } catch (RuntimeException e) {
          r.close();
          throw e;
        }
      } else {
        ex.dispose();
      }
      return r;
    }

    @Override
    public String toString() {
      return "Negotiate[" + description + "]";
    }
  }
}
