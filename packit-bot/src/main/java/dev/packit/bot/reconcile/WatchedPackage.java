package dev.packit.bot.reconcile;

import dev.packit.core.config.PackitConfig;
import dev.packit.forge.RepoId;
import java.util.Objects;

/**
 * A package the reconciler looks after: its dist-git name, its upstream project and the config
 * whose jobs say what should happen (the upstream {@code .packit.yaml}).
 *
 * <pre>{@code
 * new WatchedPackage("hello", RepoId.of("acme/hello"), PackitConfigLoader.defaults().load(yaml, "acme/hello/.packit.yaml"));
 * new WatchedPackage("hello", "gitlab", RepoId.of("acme/hello"), config);
 * }</pre>
 *
 * @param packageName the dist-git package
 * @param upstreamForge the upstream forge's kind in lower case ({@code github}, {@code gitlab}, ...), as job requests name it
 * @param upstream the upstream repository whose releases propose_downstream follows
 * @param config the package's Packit config
 */
public record WatchedPackage(String packageName, String upstreamForge, RepoId upstream, PackitConfig config) {
  /** Validates the components. */
  public WatchedPackage {
    Objects.requireNonNull(packageName, "packageName");
    if (packageName.isBlank()) {
      throw new IllegalArgumentException("packageName is blank");
    }
    Objects.requireNonNull(upstreamForge, "upstreamForge");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(config, "config");
  }

  /**
   * A package whose upstream is on GitHub.
   *
   * @param packageName the dist-git package
   * @param upstream the upstream repository
   * @param config the package's Packit config
   */
  public WatchedPackage(String packageName, RepoId upstream, PackitConfig config) {
    this(packageName, "github", upstream, config);
  }
}
