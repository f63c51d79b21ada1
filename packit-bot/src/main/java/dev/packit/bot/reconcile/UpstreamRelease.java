package dev.packit.bot.reconcile;

import java.util.Objects;

/**
 * The upstream release propose_downstream would take: its tag and the version the tag gives.
 *
 * <pre>{@code
 * new UpstreamRelease("v1.2.0", "1.2.0");
 * }</pre>
 *
 * @param tag the git tag
 * @param version the version from {@code upstream_tag_template}
 */
public record UpstreamRelease(String tag, String version) {
  /** Validates the components. */
  public UpstreamRelease {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(version, "version");
  }
}
