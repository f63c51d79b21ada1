package dev.packit.core.spec;

import org.jspecify.annotations.Nullable;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What to put in a new {@code %changelog} entry.
 *
 * <pre>{@code
 * ChangelogRequest req = ChangelogRequest.of("Jane Doe <jane@example.org>",
 *     ZonedDateTime.now(clock), "Update to 1.3", "Drop upstreamed patch");
 * spec = spec.withChangelogEntry(req);
 * // * Mon Nov 23 2026 Jane Doe <jane@example.org> - 1.3-1
 * // - Update to 1.3
 * // - Drop upstreamed patch
 * }</pre>
 *
 * <p>Items are literal text, not spec text: rpm shows them as given and never expands a macro in
 * them ({@code %} is escaped, see {@link SpecFile#literal(String)}; the author and an explicit EVR
 * too), so release notes from an upstream can go in as they are. Items get a {@code "- "} bullet unless they already start with {@code -} (then they are kept
 * verbatim) and are wrapped at {@code width} columns with continuation lines indented by two
 * spaces (never before a word starting with {@code #} or {@code %}, which rpm would read as a
 * comment or directive at the start of a line). The date format follows the newest existing entry (plain {@code Mon Nov 23 2026} or
 * extended with time and zone) and its day-of-month padding.
 *
 * @param author the author, usually {@code Name <email>}
 * @param timestamp when (the date part, and time and zone for the extended format)
 * @param items the changelog items
 * @param evr the EVR for the header, {@code null} to compute {@code [epoch:]version-release} without dist
 * @param width the wrapping width, e.g. 80
 */
public record ChangelogRequest(String author, ZonedDateTime timestamp, List<String> items,
    @Nullable String evr, int width) {
  /** Validates and copies. */
  public ChangelogRequest {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(timestamp, "timestamp");
    items = List.copyOf(items);
    if (width < 20) {
      throw new IllegalArgumentException("width must be at least 20: " + width);
    }
  }

  /**
   * A request with the computed EVR and width 80.
   *
   * @param author the author
   * @param timestamp when
   * @param items the items
   * @return the request
   */
  public static ChangelogRequest of(String author, ZonedDateTime timestamp, String... items) {
    return new ChangelogRequest(author, timestamp, List.of(items), null, 80);
  }

  /**
   * The same request with an explicit EVR.
   *
   * @param newEvr the EVR written in the header
   * @return a copy
   */
  public ChangelogRequest withEvr(String newEvr) {
    return new ChangelogRequest(author, timestamp, items, newEvr, width);
  }
}
