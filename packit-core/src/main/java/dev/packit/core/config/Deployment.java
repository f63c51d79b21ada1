package dev.packit.core.config;

/**
 * A Packit deployment listed in {@code packit_instances}.
 *
 * <pre>{@code
 * boolean prodReacts = config.packitInstances().contains(Deployment.PROD);
 * }</pre>
 */
public enum Deployment {
  /** Development. */
  DEV,
  /** Staging. */
  STG,
  /** Production (the default). */
  PROD;

  /** The YAML name. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
