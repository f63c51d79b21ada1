package dev.packit.core.spec;

/**
 * A source or patch: a {@code SourceN:}/{@code Source:}/{@code PatchN:}/{@code Patch:} tag or a
 * line of {@code %sourcelist}/{@code %patchlist}, numbered as rpm numbers them.
 *
 * <pre>{@code
 * spec.sources().get(0).location();         // "https://example.org/%{name}-%{version}.tar.gz"
 * spec.sources().get(0).expandedLocation(); // "https://example.org/foo-1.2.tar.gz"
 * }</pre>
 *
 * @param kind source or patch
 * @param number the number rpm assigns ({@code Source:} continues from the previous number)
 * @param explicitNumber whether the number is written in the tag ({@code Source0} vs {@code Source})
 * @param location the raw location
 * @param expandedLocation the location with macros expanded
 * @param line 1-based line
 * @param fromList whether it comes from {@code %sourcelist}/{@code %patchlist}
 * @param live whether it sits in a live conditional branch
 */
public record Source(Kind kind, int number, boolean explicitNumber, String location,
    String expandedLocation, int line, boolean fromList, boolean live) {

  /**
   * Sources or patches.
   *
   * <pre>{@code
   * spec.sources().get(0).kind();   // Kind.SOURCE
   * spec.patches().get(0).kind();   // Kind.PATCH
   * }</pre>
   */
  public enum Kind {
    /** {@code Source} tags and {@code %sourcelist}. */
    SOURCE,
    /** {@code Patch} tags and {@code %patchlist}. */
    PATCH
  }

  /**
   * The file name: the part after the last {@code /}, or after {@code #/} when the URL has such a fragment.
   *
   * @return the expanded file name
   */
  public String fileName() {
    String loc = expandedLocation;
    int frag = loc.lastIndexOf("#/");
    if (frag >= 0) {
      return loc.substring(frag + 2);
    }
    int sl = loc.lastIndexOf('/');
    return sl >= 0 ? loc.substring(sl + 1) : loc;
  }

  /**
   * Whether the location is a URL (rpm downloads it) rather than a local file name.
   *
   * @return true for {@code scheme://} locations
   */
  public boolean remote() {
    return expandedLocation.contains("://");
  }
}
