package dev.packit.fedora.internal.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JVM-wide Kerberos settings packit applies before the first Kerberos use: {@code KRB5_CONFIG}
 * honoured as MIT does (the JDK reads only {@code java.security.krb5.conf} or {@code /etc/krb5.conf}),
 * and the opt-in native GSS mode ({@code -Dsun.security.jgss.native=true}).
 *
 * <pre>{@code
 * KerberosConfig.apply();   // once, before GSSManager or Krb5LoginModule is used
 * }</pre>
 */
public final class KerberosConfig {
  /** The JDK's krb5.conf property. */
  public static final String KRB5_CONF = "java.security.krb5.conf";
  /** The JDK's switch to MIT's libgssapi_krb5 instead of its own Kerberos. */
  public static final String NATIVE = "sun.security.jgss.native";
  /** Must be false for native GSS to use the process's default credentials (the ticket cache). */
  public static final String SUBJECT_CREDS_ONLY = "javax.security.auth.useSubjectCredsOnly";

  private static volatile boolean applied;

  private KerberosConfig() {}

  /**
   * Applies {@link #settings} from the environment to the system properties, once; then, on every
   * call, bridges a KdcProxy: when the krb5.conf in use names {@code kdc = https://…} (Fedora's
   * {@code https://id.fedoraproject.org/KdcProxy}), which the JDK cannot speak, {@link KdcProxyBridge}
   * starts a loopback bridge and {@code java.security.krb5.conf} is pointed at a copy naming it.
   * Native GSS mode is left alone (MIT's library speaks MS-KKDCP itself).
   */
  public static void apply() {
    if (!applied) {
      synchronized (KerberosConfig.class) {
        if (!applied) {
          settings(System::getenv, System::getProperty).forEach(System::setProperty);
          applied = true;
        }
      }
    }
    if (!nativeGss()) {
      bridgeKdcProxy();
    }
  }

  private static synchronized void bridgeKdcProxy() {
    String conf = System.getProperty(KRB5_CONF);
    Path p = Path.of(conf != null ? conf : "/etc/krb5.conf");
    if (Files.isRegularFile(p) && Files.isReadable(p)) {
      KdcProxyBridge.rewrite(p).ifPresent(g -> System.setProperty(KRB5_CONF, g.toString()));
    }
  }

  /**
   * The system properties to set, given the environment and the current properties (pure, for tests).
   *
   * @param env environment lookup
   * @param props system property lookup
   * @return property name to value; only properties that are unset
   */
  public static Map<String, String> settings(Function<String, String> env, Function<String, String> props) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (props.apply(KRB5_CONF) == null) {
      krb5ConfigFromEnv(env.apply("KRB5_CONFIG")).ifPresent(p -> out.put(KRB5_CONF, p.toString()));
    }
    if ("true".equalsIgnoreCase(props.apply(NATIVE)) && props.apply(SUBJECT_CREDS_ONLY) == null) {
      // native GSS finds the ticket cache itself; with the default (true) it looks only in the Subject
      out.put(SUBJECT_CREDS_ONLY, "false");
    }
    return out;
  }

  /**
   * MIT's {@code KRB5_CONFIG} is a colon-separated list of files, merged; the JDK takes one file:
   * the first that exists.
   *
   * @param value the variable, may be null
   * @return the file to use
   */
  static Optional<Path> krb5ConfigFromEnv(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    for (String part : value.split(":")) {
      if (!part.isBlank() && Files.isRegularFile(Path.of(part))) {
        return Optional.of(Path.of(part));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether native GSS (MIT's library) is on.
   *
   * @return true with {@code -Dsun.security.jgss.native=true}
   */
  public static boolean nativeGss() {
    return Boolean.getBoolean(NATIVE);
  }
}
