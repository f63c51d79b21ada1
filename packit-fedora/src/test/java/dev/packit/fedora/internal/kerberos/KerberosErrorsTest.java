package dev.packit.fedora.internal.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's Kerberos failures, as its {@code Krb5LoginModule} and JGSS report them (a {@link
 * LoginException} carrying the {@code KrbException} text, a {@link GSSException} with its minor
 * string), turned into errors that name the cause. Where the JDK can produce the failure offline
 * (a missing keytab, a KDC that does not answer) the real exception is used.
 */
class KerberosErrorsTest {
  private static final Instant NOW = Instant.parse("2026-12-06T23:00:00Z");
  @TempDir
  Path dir;

  private static String explain(Kerberos.Credentials c, Throwable e, Map<String, String> env) {
    return Kerberos.explain("koji", c, e, NOW, env::get).getMessage();
  }

  private static LoginException login(String krbMessage, Throwable cause) {
    // Krb5LoginModule: new LoginException(krbException.getMessage()).initCause(krbException)
    LoginException e = new LoginException(krbMessage);
    e.initCause(cause);
    return e;
  }

  /** A FILE: credential cache (format 4) with one ticket-granting ticket, as MIT kinit writes it. */
  private Path ccache(String user, String realm, Instant end) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(0x0504);
    out.writeShort(12); // header: one tag (kdc time offset)
    out.writeShort(1);
    out.writeShort(8);
    out.writeInt(0);
    out.writeInt(0);
    principal(out, realm, user);
    principal(out, realm, user);                    // client
    principal(out, realm, "krbtgt", realm);         // server
    out.writeShort(18);                             // aes256
    octets(out, new byte[32]);
    int endSeconds = (int) end.getEpochSecond();
    out.writeInt(endSeconds - 36000);
    out.writeInt(endSeconds - 36000);
    out.writeInt(endSeconds);
    out.writeInt(0);
    out.writeByte(0);
    out.writeInt(0x40e10000);
    out.writeInt(0);                                // addresses
    out.writeInt(0);                                // authdata
    octets(out, "ticket".getBytes(StandardCharsets.UTF_8));
    octets(out, new byte[0]);
    Path f = dir.resolve("krb5cc_" + end.getEpochSecond());
    Files.write(f, bytes.toByteArray());
    return f;
  }

  private static void principal(DataOutputStream out, String realm, String... names) throws IOException {
    out.writeInt(1);
    out.writeInt(names.length);
    octets(out, realm.getBytes(StandardCharsets.UTF_8));
    for (String n : names) {
      octets(out, n.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void octets(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  @Test
  void anExpiredTicketIsNotNoTicket() throws Exception {
    Path cache = ccache("packit", "FEDORAPROJECT.ORG", NOW.minusSeconds(3600));
    assertEquals(Optional.of(new TicketCache("packit@FEDORAPROJECT.ORG", NOW.minusSeconds(3600))), TicketCache.read(cache));
    Kerberos.Credentials creds = Kerberos.Credentials.ticketCache(cache);
    // what Krb5LoginModule says for both (doNotPrompt, the cached TGT not current)
    LoginException jdk = new LoginException("Unable to obtain Principal Name for authentication ");
    String expired = explain(creds, jdk, Map.of());
    assertTrue(expired.contains("ticket of packit@FEDORAPROJECT.ORG in " + cache + " expired at 2026-12-06T22:00:00Z"), expired);
    assertTrue(expired.contains("kinit"), expired);

    String none = explain(Kerberos.Credentials.ticketCache(dir.resolve("absent")), jdk, Map.of());
    assertTrue(none.contains("no Kerberos ticket: there is no credential cache at " + dir.resolve("absent")), none);

    Path fresh = ccache("packit", "FEDORAPROJECT.ORG", NOW.plusSeconds(3600));
    String valid = explain(Kerberos.Credentials.ticketCache(fresh), jdk, Map.of());
    assertTrue(!valid.contains("expired"), valid);

    // GSS without a TGT in the Subject: JGSS's own text
    GSSException gss = new GSSException(GSSException.NO_CRED, -1, "Failed to find any Kerberos tgt");
    assertTrue(explain(creds, gss, Map.of()).contains("expired at"), "the same diagnosis from JGSS");
    assertTrue(explain(creds, login("Ticket expired (32)", null), Map.of()).contains("expired at"));
  }

  @Test
  void cachesTheJdkCannotReadAreNamed() {
    String kcm = explain(Kerberos.Credentials.ticketCache(null), new LoginException("Unable to obtain Principal Name for authentication "),
        Map.of("KRB5CCNAME", "KCM:1000"));
    assertTrue(kcm.contains("KCM:1000 is a KCM: cache, which the JDK's Kerberos cannot read"), kcm);
    assertTrue(kcm.contains("-Dsun.security.jgss.native=true"), kcm);
    assertEquals(Optional.of("KEYRING"), TicketCache.unsupportedType("KEYRING:persistent:1000"));
    assertEquals(Optional.of("DIR"), TicketCache.unsupportedType("DIR:/run/user/1000/krb5cc"));
    assertEquals(Optional.empty(), TicketCache.unsupportedType("FILE:/tmp/krb5cc_1000"));
    assertEquals(Optional.of(Path.of("/tmp/krb5cc_1000")), TicketCache.location("FILE:/tmp/krb5cc_1000", 7));
    assertEquals(Optional.of(Path.of("/tmp/krb5cc_7")), TicketCache.location(null, 7));
    assertEquals(Optional.empty(), TicketCache.location("KCM:", 7));
  }

  @Test
  void aMissingKeytabIsNamedByTheRealJdkLogin() {
    // The real Krb5LoginModule against a keytab that is not there says "Unable to obtain password
    // from user"; the login checks the file first and says what is wrong.
    Path missing = dir.resolve("packit.keytab");
    PackitClientException e = assertThrows(PackitClientException.class,
        () -> Kerberos.login("lookaside", Kerberos.Credentials.keytab("packit@EXAMPLE.TEST", missing)));
    assertTrue(e.getMessage().contains("keytab " + missing + " does not exist"), e.getMessage());
    assertTrue(explain(Kerberos.Credentials.keytab("packit@EXAMPLE.TEST", missing),
        new LoginException("Unable to obtain password from user\n"), Map.of()).contains("does not exist"));
  }

  @Test
  void aKeytabWithoutTheKeyIsNamed() throws Exception {
    Path kt = dir.resolve("other.keytab");
    Files.write(kt, new byte[] {5, 2}); // an empty keytab (version 0x502, no entries)
    String m = explain(Kerberos.Credentials.keytab("packit@EXAMPLE.TEST", kt), new LoginException("Unable to obtain password from user\n"), Map.of());
    assertTrue(m.contains("keytab " + kt + " holds no key for packit@EXAMPLE.TEST"), m);
  }

  @Test
  void kdcAnswersMapToTheirCause() {
    Kerberos.Credentials kt = Kerberos.Credentials.keytab("packit@FEDORAPROJECT.ORG", Path.of("/etc/packit.keytab"));
    String stale = explain(kt, login("Checksum failed", null), Map.of());
    assertTrue(stale.contains("no longer matches the KDC's") && stale.contains("fetch a new keytab"), stale);
    assertTrue(explain(kt, login("Pre-authentication information was invalid (24)", null), Map.of()).contains("stale"));
    String unknown = explain(kt, login("Client not found in Kerberos database (6)", null), Map.of());
    assertTrue(unknown.contains("does not know the principal packit@FEDORAPROJECT.ORG"), unknown);
    GSSException noService = new GSSException(GSSException.NO_CRED, -1, "Server not found in Kerberos database (7)");
    assertTrue(explain(kt, noService, Map.of()).contains("no service principal for this server"));
    assertTrue(explain(kt, login("Clock skew too great (37)", null), Map.of()).contains("clock"));
    assertTrue(explain(kt, login("Cannot locate default realm", null), Map.of()).contains("KRB5_CONFIG"));
  }

  @Test
  void anUnreachableKdcMentionsTheKdcProxy() {
    Kerberos.Credentials kt = Kerberos.Credentials.keytab("packit@FEDORAPROJECT.ORG", Path.of("/etc/packit.keytab"));
    // the JDK resolving "https://id.fedoraproject.org/KdcProxy" as a host name
    String proxy = explain(kt, login("https", new UnknownHostException("https")), Map.of());
    assertTrue(proxy.contains("cannot reach the KDC") && proxy.contains("KdcProxy"), proxy);
    String timeout = explain(kt, login("Receive timed out", new SocketTimeoutException("Receive timed out")), Map.of());
    assertTrue(timeout.contains("cannot reach the KDC"), timeout);
  }

  @Test
  void krb5ConfigIsHonouredWhenThePropertyIsUnset() throws Exception {
    Path conf = Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n default_realm = EXAMPLE.TEST\n");
    Function<String, String> env = Map.of("KRB5_CONFIG", dir.resolve("missing.conf") + ":" + conf)::get;
    assertEquals(Map.of(KerberosConfig.KRB5_CONF, conf.toString()), KerberosConfig.settings(env, k -> null),
        "MIT's list: the first file that exists");
    assertEquals(Map.of(), KerberosConfig.settings(env, Map.of(KerberosConfig.KRB5_CONF, "/etc/other.conf")::get),
        "an explicit -Djava.security.krb5.conf wins");
    assertEquals(Map.of(KerberosConfig.SUBJECT_CREDS_ONLY, "false"),
        KerberosConfig.settings(k -> null, Map.of(KerberosConfig.NATIVE, "true")::get), "native GSS needs the process's credentials");
    assertEquals(Map.of(), KerberosConfig.settings(k -> null,
        Map.of(KerberosConfig.NATIVE, "true", KerberosConfig.SUBJECT_CREDS_ONLY, "true")::get));
  }

  @Test
  void theServersNegotiateTokenIsFoundAmongChallenges() {
    assertEquals(Optional.of("oRQwEqADCgEAoQsGCSqGSIb3EgECAg=="),
        Kerberos.negotiateToken(List.of("Basic realm=x", "Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==")));
    assertEquals(Optional.empty(), Kerberos.negotiateToken(List.of("Negotiate")));
    assertEquals(Optional.empty(), Kerberos.negotiateToken(List.of()));
  }

  private static Kerberos.Exchange exchange() throws GSSException {
    org.ietf.jgss.GSSManager m = org.ietf.jgss.GSSManager.getInstance();
    org.ietf.jgss.GSSContext ctx = m.createContext(m.createName("HTTP/koji.example.test@EXAMPLE.TEST", new org.ietf.jgss.Oid("1.2.840.113554.1.2.2.1")),
        new org.ietf.jgss.Oid("1.2.840.113554.1.2.2"), null, org.ietf.jgss.GSSContext.DEFAULT_LIFETIME);
    ctx.requestMutualAuth(true);
    return new Kerberos.Exchange("koji", "koji.example.test", ctx, new byte[] {1}, true);
  }

  @Test
  void aServerThatDoesNotProveItsIdentityIsRefused() throws Exception {
    PackitClientException none = assertThrows(PackitClientException.class, () -> exchange().verify(List.of()));
    assertTrue(none.getMessage().contains("HTTP@koji.example.test answered without a Negotiate token: it did not prove its identity"),
        none.getMessage());
    PackitClientException bad = assertThrows(PackitClientException.class,
        () -> exchange().verify(List.of("Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==")));
    assertTrue(bad.getMessage().contains("mutual authentication with HTTP@koji.example.test failed"), bad.getMessage());
    assertThrows(PackitClientException.class, () -> exchange().verify(List.of("Negotiate !!"), false), "a present token must be valid");
    exchange().verify(List.of(), false); // tolerated where answers come through redirects (Bodhi's Ipsilon)
  }
}
