package dev.packit.forge.internal.providers;

import dev.packit.forge.ForgeKind;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every {@link ForgeProvider} on the module or class path, loaded once: the built-ins (always, even
 * when a class loader hides their service files) first, then the others by id.
 */
public final class ProviderRegistry {
  private ProviderRegistry() {}

  private static volatile List<ForgeProvider> all;

  /**
   * @return the providers, built-ins first
   * @throws ServiceConfigurationError when a provider cannot be loaded or two share a kind (asked
   *     again on the next call, not cached)
   */
  public static List<ForgeProvider> providers() {
    List<ForgeProvider> p = all;
    if (p == null) {
      synchronized (ProviderRegistry.class) {
        p = all;
        if (p == null) {
          p = load();
          all = p;
        }
      }
    }
    return p;
  }

  /** @return the provider of a kind */
  public static Optional<ForgeProvider> provider(ForgeKind kind) {
    for (ForgeProvider p : providers()) {
      if (p.kind().equals(kind)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** @return the first provider that claims the URL */
  public static Optional<ForgeProvider> forUrl(URI url) {
    for (ForgeProvider p : providers()) {
      if (p.matches(url)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  static List<ForgeProvider> load() {
    List<ForgeProvider> found = new ArrayList<>();
    // The context loader sees an application's providers on the class path; ServiceLoader.load on
    // the module layer sees those of named modules. Both, deduplicated by class.
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    collect(context == null ? ServiceLoader.load(ForgeProvider.class, ForgeProvider.class.getClassLoader())
        : ServiceLoader.load(ForgeProvider.class, context), found);
    if (ForgeProvider.class.getModule().isNamed()) {
      collect(ServiceLoader.load(ForgeProvider.class.getModule().getLayer() == null ? ModuleLayer.boot()
          : ForgeProvider.class.getModule().getLayer(), ForgeProvider.class), found);
    }
    return merge(found);
  }

  /**
   * Orders providers: the built-ins first (always present, even when a class loader hides their
   * service files), then the others by id.
   *
   * @param found the providers the ServiceLoader found
   * @return the providers to use
   * @throws ServiceConfigurationError when two classes provide one kind
   */
  static List<ForgeProvider> merge(List<ForgeProvider> found) {
    Map<ForgeKind, ForgeProvider> byKind = new LinkedHashMap<>();
    for (ForgeProvider p : List.of(new GitHubProvider(), new GitLabProvider(), new PagureProvider(), new ForgejoProvider())) {
      byKind.put(p.kind(), p);
    }
    List<ForgeProvider> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(p -> p.kind().id()));
    for (ForgeProvider p : sorted) {
      ForgeProvider same = byKind.get(p.kind());
      if (same == null) {
        byKind.put(p.kind(), p);
      } else if (!same.getClass().equals(p.getClass())) {
        throw new ServiceConfigurationError("two forge providers for the kind '" + p.kind().id() + "': "
            + same.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return List.copyOf(byKind.values());
  }

  private static void collect(ServiceLoader<ForgeProvider> loader, List<ForgeProvider> into) {
    for (ForgeProvider p : loader) {
      if (into.stream().noneMatch(q -> q.getClass().equals(p.getClass()))) {
        into.add(p);
      }
    }
  }
}
