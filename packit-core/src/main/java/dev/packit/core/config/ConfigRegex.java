package dev.packit.core.config;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.packit.core.PackitClientException;
import java.util.Objects;
import java.util.Optional;

/**
 * A regular expression taken from {@code .packit.yaml} ({@code version_update_mask},
 * {@code upstream_tag_include}, {@code upstream_tag_exclude}, {@code prerelease_suffix_pattern}),
 * run by RE2/J in time linear in the input: a hostile pattern such as {@code ^2\.(?:(?:0+)+)+x}
 * cannot stall a job on a crafted tag, as it does with a backtracking engine.
 *
 * <pre>{@code
 * ConfigRegex include = ConfigRegex.compile("upstream_tag_include", "v2\\.");
 * include.lookingAt("v2.3.0");                 // true: Python's re.match, anchored at the start only
 * include.matchedPrefix("v1.0");               // Optional.empty()
 * ConfigRegex.problem("(a)\\1");               // Optional["invalid or unsupported back reference: ..."]
 * }</pre>
 *
 * <p>RE2 has no backreferences ({@code \1}), lookaround ({@code (?=...)}, {@code (?!...)},
 * {@code (?<=...)}) or possessive/atomic groups; such a pattern is refused when the config is
 * loaded, with the key and its position. Python's {@code (?P<name>...)} groups are accepted.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigRegex {
  private final String key;
  private final Pattern pattern;

  private ConfigRegex(String key, Pattern pattern) {
    this.key = key;
    this.pattern = pattern;
  }

  /**
   * Compiles a pattern from config.
   *
   * @param key the config key it comes from, named in the error
   * @param regex the pattern, in the syntax Packit's Python {@code re} and RE2 share
   * @return the compiled pattern
   * @throws PackitClientException naming the key when RE2 cannot take the pattern
   */
  public static ConfigRegex compile(String key, String regex) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(regex, "regex");
    try {
      return new ConfigRegex(key, Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new PackitClientException(key + " '" + regex + "': " + describe(e));
    }
  }

  /**
   * Why RE2 cannot take a pattern, for the config loader to report at the key's position.
   *
   * @param regex the pattern
   * @return the problem, or empty when the pattern compiles
   */
  public static Optional<String> problem(String regex) {
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(describe(e));
    }
  }

  private static String describe(PatternSyntaxException e) {
    String what = e.getDescription();
    // RE2's wording for (?=, (?!, (?<= and \1 is terse: say why they are refused.
    return what + " at '" + e.getPattern() + "'"
        + "; config regexes run in linear time (RE2 syntax): no backreferences, lookahead or lookbehind";
  }

  /**
   * Whether the pattern matches at the start of the text (Python's {@code re.match}).
   *
   * @param text the text, e.g. a tag
   * @return true on a match at index 0
   */
  public boolean lookingAt(String text) {
    return pattern.matcher(text).lookingAt();
  }

  /**
   * The part of the text matched at its start (Python's {@code re.match(...).group(0)}).
   *
   * @param text the text
   * @return the matched prefix, or empty when the pattern does not match at the start
   */
  public Optional<String> matchedPrefix(String text) {
    Matcher m = pattern.matcher(text);
    return m.lookingAt() ? Optional.of(m.group()) : Optional.empty();
  }

  /**
   * The first match anywhere in the text.
   *
   * @param text the text
   * @return the first match, or empty when there is none
   */
  public Optional<String> firstMatch(String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /**
   * A named group of a match of the whole text, e.g. the version of a tag under a regex built
   * from {@code upstream_tag_template}.
   *
   * @param text the text
   * @param group the group name, written {@code (?P<name>...)} in the pattern
   * @return the group's text, or empty when the whole text does not match
   */
  public Optional<String> wholeMatchGroup(String text, String group) {
    Matcher m = pattern.matcher(text);
    return m.matches() ? Optional.ofNullable(m.group(group)) : Optional.empty();
  }

  /**
   * Quotes text so that it matches literally inside a pattern.
   *
   * @param literal the text
   * @return a pattern matching exactly that text
   */
  public static String quote(String literal) {
    return Pattern.quote(literal);
  }

  /** @return the config key the pattern comes from */
  public String key() {
    return key;
  }

  /** @return the pattern as written */
  public String pattern() {
    return pattern.pattern();
  }

  @Override
  public String toString() {
    return key + " '" + pattern.pattern() + "'";
  }
}
