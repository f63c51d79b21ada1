package dev.packit.forge.spi;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 8288 {@code Link} headers as GitHub, GitLab and Forgejo send them.
 *
 * <pre>{@code
 * Optional<URI> next = LinkHeader.find("<https://tiny.example/api/tags?page=2>; rel=\"next\"", "next");
 * }</pre>
 *
 * @since 0.2.0
 */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]+)\"?");

  private LinkHeader() {}

  /**
   * Returns the target of the link with the given relation.
   *
   * @param header the header value, may be null
   * @param rel the relation, such as {@code next}
   * @return the target
   */
  public static Optional<URI> find(String header, String rel) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Matcher m = LINK.matcher(header);
    while (m.find()) {
      Matcher r = REL.matcher(m.group(2));
      while (r.find()) {
        for (String one : r.group(1).trim().split("\\s+")) {
          if (one.equalsIgnoreCase(rel)) {
            return Optional.of(URI.create(m.group(1).trim()));
          }
        }
      }
    }
    return Optional.empty();
  }
}
