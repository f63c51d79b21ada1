package dev.packit.bot.reconcile;

/**
 * Looks at what is for one package: upstream releases, dist-git branches, pull requests, Koji and
 * Bodhi. {@link ForgeObserver} asks the real services; tests may hand in states directly.
 *
 * <pre>{@code
 * PackageObserver observer = (watched, road) -> state;
 * }</pre>
 */
@FunctionalInterface
public interface PackageObserver {
  /**
   * Observes a package.
   *
   * @param watched the package
   * @param road what its config wants, for the branches to look at and the tag rules
   * @return what is
   * @throws RuntimeException when a service cannot be asked; the reconciler logs it and goes on with the next package
   */
  PackageState observe(WatchedPackage watched, RoadConfig road);
}
