package dev.packit.core;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from URLs, headers and free text before they reach a log line, an exception
 * message or a {@code toString()}.
 *
 * <pre>{@code
 * Redaction.url("https://bot:s3cret@example.com/x?private_token=abc&page=2");
 * // "https://***@example.com/x?private_token=***&page=2"
 * Redaction.header("Authorization", "token abc");   // "***"
 * }</pre>
 *
 * <p>Stateless and thread-safe. Redaction is by shape (well-known parameter and header names,
 * token prefixes, {@code Bearer}/{@code token} schemes, JSON keys); values that should never be
 * printed whatever their shape are wrapped in {@link Secret}.
 */
public final class Redaction {
  /** What replaces a secret. */
  public static final String MASK = "***";

  private static final Set<String> SENSITIVE_HEADERS = Set.of(
      "authorization", "proxy-authorization", "cookie", "set-cookie", "private-token", "job-token",
      "x-api-key", "x-auth-token", "x-gitlab-token", "x-hub-signature", "x-hub-signature-256",
      "x-csrf-token", "x-csrftoken");

  // Custom auth headers (X-Custom-Auth, X-Vault-Token, X-Api-Secret...) are recognised by their name.
  private static final Pattern SENSITIVE_HEADER_SHAPE = Pattern.compile(
      "(?i)(auth|token|secret|passw|api-?key|signature|cookie|session|credential)");

  private static final String SENSITIVE_NAMES =
      "(?:access_token|refresh_token|id_token|private_token|token|password|passwd|pass|secret|client_secret"
          + "|api_key|apikey|key|sig|signature|session-key|session_key|session-id|session_id|csrf_token|code)";

  // name=value in query strings and form bodies.
  private static final Pattern QUERY_PARAM = Pattern.compile(
      "(?i)([?&;]" + SENSITIVE_NAMES + "=)([^&#\\s\"']+)");
  // "name": "value" in JSON.
  private static final Pattern JSON_FIELD = Pattern.compile(
      "(?i)(\"" + SENSITIVE_NAMES + "\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");
  // Authorization schemes anywhere in text.
  private static final Pattern AUTH_SCHEME = Pattern.compile(
      "(?i)\\b(bearer|token|basic|negotiate)(\\s+)([A-Za-z0-9._~+/=-]{8,})");
  // Header lines such as "Authorization: ..." or "Cookie=...".
  private static final Pattern HEADER_LINE = Pattern.compile(
      "(?i)\\b(authorization|proxy-authorization|cookie|set-cookie|private-token|x-gitlab-token)(\\s*[:=]\\s*)([^\\r\\n,}\"]+)");
  // userinfo in URLs.
  private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s:]+(?::[^/@\\s]*)?)@");
  // Well-known token shapes: GitHub, GitLab, Slack, JWTs.
  private static final Pattern TOKEN_SHAPES = Pattern.compile(
      "\\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}"
          + "|xox[abpr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})");

  private Redaction() {}

  /**
   * Redacts a URL: userinfo, and the values of sensitive query parameters.
   *
   * @param url a URL or URL-like text, may be {@code null}
   * @return the redacted URL, {@code ""} for {@code null}
   */
  public static String url(@Nullable String url) {
    if (url == null) {
      return "";
    }
    String s = USERINFO.matcher(url).replaceAll("$1" + MASK + "@");
    s = QUERY_PARAM.matcher(s).replaceAll("$1" + MASK);
    return TOKEN_SHAPES.matcher(s).replaceAll(MASK);
  }

  /**
   * Redacts a URI.
   *
   * @param uri the URI, may be {@code null}
   * @return the redacted URI text
   */
  public static String url(@Nullable URI uri) {
    return uri == null ? "" : url(uri.toString());
  }

  /**
   * Whether a header's value must never be shown.
   *
   * @param name header name, any case
   * @return {@code true} for Authorization, cookies, tokens, signatures and the like, and for any
   *     name containing auth, token, secret, passw, api-key, signature, cookie, session or credential
   */
  public static boolean isSensitiveHeader(String name) {
    return name != null && (SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT))
        || SENSITIVE_HEADER_SHAPE.matcher(name).find());
  }

  /**
   * Returns a header value fit for printing.
   *
   * @param name header name
   * @param value header value
   * @return {@link #MASK} for sensitive headers, else the value with any embedded secret redacted
   */
  public static String header(String name, String value) {
    return isSensitiveHeader(name) ? MASK : text(value);
  }

  /**
   * Redacts secrets from free text: URLs in it, JSON fields, header lines, authorization schemes
   * and well-known token shapes.
   *
   * @param text any text, may be {@code null}
   * @return the redacted text, {@code ""} for {@code null}
   */
  public static String text(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
    s = QUERY_PARAM.matcher(s).replaceAll("$1" + MASK);
    s = JSON_FIELD.matcher(s).replaceAll("$1" + MASK + "$3");
    s = HEADER_LINE.matcher(s).replaceAll("$1$2" + MASK);
    s = AUTH_SCHEME.matcher(s).replaceAll("$1$2" + MASK);
    return TOKEN_SHAPES.matcher(s).replaceAll(MASK);
  }

  /**
   * Redacts text and additionally every occurrence of the given secret values.
   *
   * @param text any text
   * @param secrets values that must not appear, whatever their shape
   * @return the redacted text
   */
  public static String text(String text, Iterable<? extends CharSequence> secrets) {
    String s = text(text);
    for (CharSequence secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        s = s.replace(secret.toString(), MASK);
      }
    }
    return s;
  }
}
