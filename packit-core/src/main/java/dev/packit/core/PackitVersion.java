package dev.packit.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of packit-java on the class path, as built by Maven.
 *
 * <pre>{@code
 * String ua = "packit-java/" + PackitVersion.current();
 * }</pre>
 */
public final class PackitVersion {
  private static final String VERSION = load();

  private PackitVersion() {}

  /**
   * Returns the version of this build, for example {@code 0.1.0-SNAPSHOT}.
   *
   * @return the version, never {@code null}
   */
  public static String current() {
    return VERSION;
  }

  /**
   * Returns the {@code User-Agent} every packit-java client sends.
   *
   * @return {@code packit-java/<version>}
   */
  public static String userAgent() {
    return "packit-java/" + VERSION;
  }

  private static String load() {
    try (InputStream in = PackitVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
