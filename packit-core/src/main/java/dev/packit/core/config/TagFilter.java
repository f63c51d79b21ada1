package dev.packit.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code upstream_tag_include} and {@code upstream_tag_exclude}, as Packit applies them: a tag is
 * used when it matches the include pattern at its start (Python's {@code re.match}; an empty
 * pattern includes every tag) and does not match the exclude pattern at its start (an empty
 * pattern excludes none). They decide which release events a job reacts to and which tags count
 * when looking for the latest release. Both patterns run in linear time ({@link ConfigRegex}).
 *
 * <pre>{@code
 * TagFilter f = TagFilter.of(CommonConfig.builder()
 *     .set("upstream_tag_include", "v2\\.").set("upstream_tag_exclude", ".*-rc").build());
 * f.accepts("v2.1.0");        // true
 * f.rejection("v2.2.0-rc1");  // Optional["tag 'v2.2.0-rc1' matches upstream_tag_exclude '.*-rc'"]
 * f.rejection("v1.9.0");      // Optional["tag 'v1.9.0' does not match upstream_tag_include 'v2\\.'"]
 * }</pre>
 *
 * @param include the include pattern, empty when every tag is included
 * @param exclude the exclude pattern, empty when no tag is excluded
 */
public record TagFilter(Optional<ConfigRegex> include, Optional<ConfigRegex> exclude) {
  /** A filter that accepts every tag. */
  public static final TagFilter NONE = new TagFilter(Optional.empty(), Optional.empty());

  /** Validates the components. */
  public TagFilter {
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(exclude, "exclude");
  }

  /**
   * The filter of an effective config (a job's or a package's).
   *
   * @param config the config
   * @return the filter
   * @throws dev.packit.core.PackitClientException naming the key when a pattern is not RE2 syntax
   */
  public static TagFilter of(CommonConfig config) {
    return new TagFilter(regex("upstream_tag_include", config.upstreamTagInclude()),
        regex("upstream_tag_exclude", config.upstreamTagExclude()));
  }

  private static Optional<ConfigRegex> regex(String key, String value) {
    // Packit tests `if include and ...`: an empty pattern is no filter at all.
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(ConfigRegex.compile(key, value));
  }

  /**
   * Why a tag is not used, or empty when it is.
   *
   * @param tag the tag name
   * @return the reason, naming the tag, the key and the pattern
   */
  public Optional<String> rejection(String tag) {
    if (include.isPresent() && !include.get().lookingAt(tag)) {
      return Optional.of("tag '" + tag + "' does not match " + include.get());
    }
    if (exclude.isPresent() && exclude.get().lookingAt(tag)) {
      return Optional.of("tag '" + tag + "' matches " + exclude.get());
    }
    return Optional.empty();
  }

  /**
   * Whether a tag is used.
   *
   * @param tag the tag name
   * @return true unless {@link #rejection} has a reason
   */
  public boolean accepts(String tag) {
    return rejection(tag).isEmpty();
  }
}
