package dev.packit.core.spec;

import java.util.List;

/**
 * One {@code %changelog} entry: the {@code * date author - evr} header and its body lines.
 *
 * <pre>{@code
 * ChangelogEntry top = spec.changelog().get(0);   // newest first, as in the file
 * top.author();  // "Jane Doe <jane@example.org>"
 * top.evr();     // "1.2-1"
 * }</pre>
 *
 * @param header the raw header line
 * @param date the date part, e.g. {@code Mon Jan 06 2025} (or with time and zone in the extended format)
 * @param author the author (name and e-mail) as written
 * @param evr the version-release at the end of the header, empty when absent
 * @param body the lines after the header up to the next entry (trailing blank lines excluded)
 * @param line 1-based line of the header
 */
public record ChangelogEntry(String header, String date, String author, String evr,
    List<String> body, int line) {
  /** Copies the body. */
  public ChangelogEntry {
    body = List.copyOf(body);
  }
}
