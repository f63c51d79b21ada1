package dev.packit.core.spec;

import dev.packit.core.rpm.RpmVersion;

/**
 * Name, epoch, version and release as rpm computes them from a spec file.
 *
 * <pre>{@code
 * Nevr n = spec.nevr();
 * n.name() + "-" + n.evr();   // "hello-1.2-1"
 * n.hasEpoch();               // false: no Epoch tag
 * }</pre>
 *
 * @param name the expanded {@code Name}
 * @param epoch the expanded {@code Epoch}, empty when the spec has none
 * @param version the expanded {@code Version}
 * @param release the expanded {@code Release}
 */
public record Nevr(String name, String epoch, String version, String release) {
  /**
   * Whether the spec has an Epoch tag.
   *
   * @return true when {@link #epoch()} is not empty
   */
  public boolean hasEpoch() {
    return !epoch.isEmpty();
  }

  /**
   * The EVR as an {@link RpmVersion} for comparisons.
   *
   * @return the EVR
   * @throws IllegalArgumentException when the epoch is not numeric or the version is empty
   */
  public RpmVersion toRpmVersion() {
    if (epoch.isEmpty()) {
      return RpmVersion.of(version, release);
    }
    return RpmVersion.parse(epoch + ":" + version + "-" + release);
  }

  /**
   * Returns {@code [epoch:]version-release}.
   *
   * @return the EVR text
   */
  public String evr() {
    return (epoch.isEmpty() ? "" : epoch + ":") + version + "-" + release;
  }
}
