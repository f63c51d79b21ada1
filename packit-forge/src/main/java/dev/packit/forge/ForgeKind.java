package dev.packit.forge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.packit.forge.internal.providers.ProviderRegistry;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Which kind of git forge a client, a webhook or a repository belongs to. The set is open: the four
 * built-in kinds are constants, and every {@link ForgeProvider} found through the JDK
 * {@link java.util.ServiceLoader} adds its own kind (see docs/forges.md, "Adding a forge").
 *
 * <pre>{@code
 * ForgeKind kind = ForgeKind.guess(URI.create("https://src.fedoraproject.org/rpms/hello")).orElseThrow();
 * // PAGURE; https://codeberg.org/forgejo/forgejo gives FORGEJO
 * ForgeKind same = ForgeKind.of("pagure");          // == ForgeKind.PAGURE
 * }</pre>
 *
 * <p>Kinds are interned: one instance per id, so {@code ==} compares them as it did when this was an
 * enum. The JSON form is {@link #name()} ({@code "GITHUB"}), as the enum wrote it.
 *
 * @since 0.2.0 a value type instead of an enum; the constants and {@code name()}/{@code valueOf} stay
 */
public final class ForgeKind implements Comparable<ForgeKind> {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final ConcurrentMap<String, ForgeKind> INTERNED = new ConcurrentHashMap<>();

  /** GitHub.com or GitHub Enterprise (REST v3). */
  public static final ForgeKind GITHUB = intern("github", 0);
  /** GitLab.com or a self-hosted GitLab (API v4). */
  public static final ForgeKind GITLAB = intern("gitlab", 1);
  /** Pagure, as used by Fedora's dist-git (API 0). */
  public static final ForgeKind PAGURE = intern("pagure", 2);
  /**
   * Forgejo (API v1): Codeberg, forge.fedoraproject.org and, after its migration, Fedora's
   * dist-git. Gitea speaks the same API and is served by the same client.
   */
  public static final ForgeKind FORGEJO = intern("forgejo", 3);

  private final String id;
  private final int order;

  private ForgeKind(String id, int order) {
    this.id = id;
    this.order = order;
  }

  private static ForgeKind intern(String id, int order) {
    return INTERNED.computeIfAbsent(id, k -> new ForgeKind(k, order));
  }

  /**
   * Returns the kind with an id: a built-in constant for {@code github}, {@code gitlab},
   * {@code pagure} and {@code forgejo} (any case, so {@code "GITHUB"} works too), else the kind of a
   * third-party forge.
   *
   * @param id lower-case letters, digits, {@code .}, {@code _} and {@code -}; case is ignored
   * @return the kind, the same instance for the same id
   * @throws IllegalArgumentException when the id is blank or has other characters
   */
  @JsonCreator
  public static ForgeKind of(String id) {
    Objects.requireNonNull(id, "id == null");
    String norm = id.trim().toLowerCase(Locale.ROOT);
    if (!ID.matcher(norm).matches()) {
      throw new IllegalArgumentException("not a forge kind id: '" + id
          + "' (lower-case letters, digits, '.', '_' and '-', starting with a letter or digit)");
    }
    return intern(norm, Integer.MAX_VALUE);
  }

  /**
   * The enum's {@code valueOf}, kept for source compatibility: same as {@link #of(String)}.
   *
   * @param name such as {@code "GITHUB"}
   * @return the kind
   */
  public static ForgeKind valueOf(String name) {
    return of(name);
  }

  /**
   * Returns the kinds that have a provider: the four built-ins first, then third-party kinds by id.
   *
   * @return the kinds
   */
  public static ForgeKind[] values() {
    return ProviderRegistry.providers().stream().map(ForgeProvider::kind).toArray(ForgeKind[]::new);
  }

  /** @return the id, such as {@code github}: lower case, what providers and configuration files use */
  public String id() {
    return id;
  }

  /** @return the id in upper case, such as {@code GITHUB}: the enum constant's name, and the JSON form */
  @JsonValue
  public String name() {
    return id.toUpperCase(Locale.ROOT);
  }

  /** @return whether this is one of the four kinds packit-forge ships */
  public boolean isBuiltIn() {
    return order < Integer.MAX_VALUE;
  }

  /**
   * Guesses the forge kind from a repository URL by asking every {@link ForgeProvider}, built-ins
   * first; self-hosted instances with neutral host names cannot be guessed and must be named
   * explicitly.
   *
   * <p>Built-in rules: {@code github.com}, {@code *.github.com} and {@code github.*} are GitHub;
   * {@code gitlab.com}, {@code gitlab.*} and {@code *.gitlab.*} GitLab; {@code src.fedoraproject.org},
   * {@code src.stg.fedoraproject.org}, {@code pagure.*} and {@code git.centos.org} Pagure (Fedora's
   * dist-git keeps its host name when it moves to Forgejo, so only a probe of the server can tell:
   * see the Forgejo section of docs/forges.md); {@code codeberg.org}, {@code forge.fedoraproject.org},
   * {@code forgejo.*}, {@code gitea.*} and {@code gitea.com} Forgejo.
   *
   * @param url a repository or instance URL
   * @return the kind, or empty when the host does not tell
   */
  public static Optional<ForgeKind> guess(URI url) {
    Objects.requireNonNull(url, "url == null");
    return ProviderRegistry.forUrl(url).map(ForgeProvider::kind);
  }

  /**
   * Returns the provider of this kind.
   *
   * @return the provider, or empty when no provider of this kind is on the class or module path
   */
  public Optional<ForgeProvider> provider() {
    return ProviderRegistry.provider(this);
  }

  @Override
  public int compareTo(ForgeKind o) {
    int c = Integer.compare(order, o.order);
    return c != 0 ? c : id.compareTo(o.id);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForgeKind k && k.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** @return {@link #name()}, as the enum printed itself */
  @Override
  public String toString() {
    return name();
  }
}
