package dev.packit.core.config;

import java.util.Objects;

/**
 * One {@code sources:} entry: overrides where a spec {@code Source} with this basename is downloaded from.
 *
 * <pre>{@code
 * SourceItem s = new SourceItem("hello-1.0.tar.gz", "https://example.org/hello-1.0.tar.gz");
 * }</pre>
 *
 * @param path the file name
 * @param url the download URL
 */
public record SourceItem(String path, String url) {
  /** Both are required. */
  public SourceItem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(url, "url");
  }
}
