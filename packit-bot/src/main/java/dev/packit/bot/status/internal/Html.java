package dev.packit.bot.status.internal;

import dev.packit.core.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where text becomes HTML. Every string that reaches a page (package names, triggers,
 * causes, links, query parameters) comes from strangers: it goes through {@link #escape} whether it
 * lands in an element or in a double-quoted attribute, and a link becomes an {@code <a href>} only
 * when {@link #safeHref} accepts it.
 *
 * <pre>{@code
 * Html.escape("<script>alert(\"x\")</script>");   // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 * Html.safeHref("javascript:alert(1)");          // Optional.empty()
 * }</pre>
 */
public final class Html {
  private Html() {}

  /**
   * Escapes text for an HTML element or a double- or single-quoted attribute value. Besides
   * {@code & < > " '}, control characters other than tab and newline become U+FFFD, and so do
   * unpaired surrogates and the bidirectional overrides that make text read differently from what it is.
   *
   * @param s any text, may be null
   * @return the escaped text, empty for null
   */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n' -> out.append(c);
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || isBidiControl(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  // Trojan-source style reordering: LRE..RLO, LRI..PDI.
  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }

  /**
   * Cuts text longer than {@code max} characters, saying how much was cut; never splits a surrogate pair.
   *
   * @param s the text, may be null
   * @param max at most this many characters are kept
   * @return the text, cut when needed
   */
  public static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + " … (" + (s.length() - end) + " more characters not shown)";
  }

  /**
   * A link target fit for {@code href}: an absolute {@code http} or {@code https} URL with a host,
   * with any userinfo or token-like query value redacted. Everything else ({@code javascript:},
   * {@code data:}, relative or unparsable text) is refused, and the caller shows it as text.
   *
   * @param link the link as received, may be null
   * @return the URL text to put (escaped) in {@code href}, or empty
   */
  public static Optional<String> safeHref(String link) {
    if (link == null || link.isBlank() || link.length() > 2000) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(link.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Redaction.url(uri.toASCIIString()));
  }

  /**
   * A link, or when the target is not {@link #safeHref safe} its text and target as plain text.
   * External links open without a referrer and are marked {@code nofollow}.
   *
   * @param target the link target as received
   * @param text the link text
   * @return HTML
   */
  public static String link(String target, String text) {
    Optional<String> href = safeHref(target);
    if (href.isPresent()) {
      return "<a href=\"" + escape(href.get()) + "\" rel=\"noopener noreferrer nofollow\">" + escape(text) + "</a>";
    }
    String shown = target == null ? "" : Redaction.url(clip(target, 200));
    return "<span class=\"unsafe-link\" title=\"not an http(s) link: shown as text\">" + escape(text)
        + (shown.isEmpty() || shown.equals(text) ? "" : " (" + escape(shown) + ")") + "</span>";
  }

  /**
   * Percent-encodes one path segment or query value (UTF-8; everything but unreserved characters).
   *
   * @param s the value
   * @return the encoded value
   */
  public static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
