package dev.packit.core.config;

/**
 * Copr's {@code bootstrap:} setting.
 *
 * <pre>{@code
 * MockBootstrap b = MockBootstrap.IMAGE;
 * }</pre>
 */
public enum MockBootstrap {
  /** Copr's default. */
  DEFAULT,
  /** Bootstrap chroot on. */
  ON,
  /** Bootstrap chroot off. */
  OFF,
  /** Bootstrap from an image. */
  IMAGE;

  /** The YAML name. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
