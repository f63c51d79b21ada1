package dev.packit.core.spec;

/**
 * A tag line ({@code Name: value}) in a package preamble.
 *
 * <pre>{@code
 * Tag v = spec.tag("Version").orElseThrow();
 * v.value();          // "%{majorver}.%{minorver}"
 * v.expandedValue();  // "1.2"
 * v.live();           // true unless it sits in a false %if branch
 * }</pre>
 *
 * @param name the tag name as written, e.g. {@code Source0}, {@code BuildRequires}
 * @param qualifier the text in parentheses after the name ({@code Requires(post)}), empty when none
 * @param value the raw value (without trailing whitespace)
 * @param expandedValue the value with macros expanded at this point of the file ({@code ""} in dead branches)
 * @param line 1-based line number
 * @param section the preamble the tag belongs to
 * @param live whether the tag is in a live conditional branch
 */
public record Tag(String name, String qualifier, String value, String expandedValue, int line,
    Section section, boolean live) {
  /**
   * Whether the name matches, case-insensitively, as rpm does.
   *
   * @param other a tag name such as {@code version}
   * @return true when equal ignoring case
   */
  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }
}
