package dev.packit.fedora.koji;

import org.jspecify.annotations.Nullable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to build: {@code build(src, target, opts, priority=...)}.
 *
 * <pre>{@code
 * KojiBuildRequest r = KojiBuildRequest.builder()
 *     .source("https://src.fedoraproject.org/rpms/python-ogr.git", "e029dd5250dde9a37a2cdddb6d822d973b09e5da")
 *     .target("f41-candidate")
 *     .scratch(true)
 *     .build();
 * long task = koji.build(r);
 * }</pre>
 *
 * @param source {@code git+https://...#<commit>}
 * @param target build target or side tag
 * @param options the {@code opts} struct ({@code scratch}, {@code skip_tag}, {@code arch_override}, ...)
 * @param priority the {@code priority} keyword, {@code null} to leave it out
 */
public record KojiBuildRequest(String source, String target, Map<String, Object> options, @Nullable Integer priority) {
  /** Validates the source and target. */
  public KojiBuildRequest {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(target, "target == null");
    if (!source.startsWith("git+") || source.indexOf('#') < 0) {
      throw new IllegalArgumentException("source must look like git+https://host/repo.git#<commit>: " + source);
    }
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
  }

  /**
   * A request with no options.
   *
   * @param source {@code git+https://...#<commit>}
   * @param target the target
   * @return the request
   */
  public static KojiBuildRequest of(String source, String target) {
    return new KojiBuildRequest(source, target, Map.of(), null);
  }

  /**
   * Whether this is a scratch build.
   *
   * @return the {@code scratch} option
   */
  public boolean scratch() {
    return Boolean.TRUE.equals(options.get("scratch"));
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link KojiBuildRequest}. */
  public static final class Builder {
    private String source;
    private String target;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private Integer priority;

    Builder() {}

    /**
     * @param source the full {@code git+https://...#<commit>} source
     * @return this builder
     */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /**
     * @param gitUrl the repository, e.g. {@code https://src.fedoraproject.org/rpms/x.git}
     * @param commit the commit hash
     * @return this builder
     */
    public Builder source(String gitUrl, String commit) {
      this.source = (gitUrl.startsWith("git+") ? gitUrl : "git+" + gitUrl) + "#" + commit;
      return this;
    }

    /**
     * @param target build target or side tag
     * @return this builder
     */
    public Builder target(String target) {
      this.target = target;
      return this;
    }

    /**
     * @param scratch whether to build without importing
     * @return this builder
     */
    public Builder scratch(boolean scratch) {
      return option("scratch", scratch ? Boolean.TRUE : null);
    }

    /**
     * @param skipTag whether to skip tagging into the destination tag
     * @return this builder
     */
    public Builder skipTag(boolean skipTag) {
      return option("skip_tag", skipTag ? Boolean.TRUE : null);
    }

    /**
     * @param arches space-separated arches, e.g. {@code x86_64 aarch64}
     * @return this builder
     */
    public Builder archOverride(String arches) {
      return option("arch_override", arches);
    }

    /**
     * @param name option name as Koji spells it
     * @param value option value; {@code null} removes it
     * @return this builder
     */
    public Builder option(String name, @Nullable Object value) {
      if (value == null) {
        options.remove(name);
      } else {
        options.put(name, value);
      }
      return this;
    }

    /**
     * @param priority task priority (5 for background; negative needs admin)
     * @return this builder
     */
    public Builder priority(Integer priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public KojiBuildRequest build() {
      return new KojiBuildRequest(source, target, options, priority);
    }
  }
}
