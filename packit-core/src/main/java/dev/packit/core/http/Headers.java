package dev.packit.core.http;

import dev.packit.core.Redaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable HTTP headers with case-insensitive names and ordered values.
 *
 * <pre>{@code
 * Headers h = Headers.of("Accept", "application/json", "X-Trace", "1");
 * h.firstValue("accept");                       // Optional[application/json]
 * Headers more = h.with("Authorization", "Bearer abc").plus("X-Trace", "2");
 * more.toString();                              // Authorization is printed as ***
 * }</pre>
 *
 * <p>Thread-safe. {@link #toString()} masks sensitive headers (Authorization, cookies, tokens) via
 * {@link Redaction}. Names keep the spelling they were first added with.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

  private final TreeMap<String, List<String>> map;

  private Headers(TreeMap<String, List<String>> map) {
    this.map = map;
  }

  /**
   * Returns headers with nothing in them.
   *
   * @return the empty headers
   */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Returns headers from alternating names and values.
   *
   * @param namesAndValues {@code name1, value1, name2, value2, ...}
   * @return the headers
   * @throws IllegalArgumentException when the count is odd or a name is invalid
   */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " strings");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * Returns headers copied from a map, for example {@code java.net.http.HttpHeaders.map()}.
   *
   * @param map names to values
   * @return the headers
   */
  public static Headers of(Map<String, ? extends Collection<String>> map) {
    Builder b = builder();
    map.forEach((name, values) -> values.forEach(v -> b.add(name, v)));
    return b.build();
  }

  /**
   * Returns a new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
  }

  /**
   * Returns a builder holding these headers.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(deepCopy(map));
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the first value, or empty when the header is absent
   */
  public Optional<String> firstValue(String name) {
    List<String> values = map.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns every value of a header, in order.
   *
   * @param name the header name, any case
   * @return the values, possibly empty, never {@code null}
   */
  public List<String> allValues(String name) {
    List<String> values = map.get(name);
    return values == null ? List.of() : values;
  }

  /**
   * Whether a header is present.
   *
   * @param name the header name, any case
   * @return {@code true} when it has at least one value
   */
  public boolean contains(String name) {
    return map.containsKey(name);
  }

  /**
   * Returns the header names, sorted case-insensitively.
   *
   * @return the names, unmodifiable
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(map.keySet());
  }

  /**
   * Returns the headers as an unmodifiable, case-insensitive map.
   *
   * @return names to values
   */
  public Map<String, List<String>> toMap() {
    return Collections.unmodifiableMap(map);
  }

  /** @return the number of distinct header names */
  public int size() {
    return map.size();
  }

  /** @return whether there are no headers */
  public boolean isEmpty() {
    return map.isEmpty();
  }

  /**
   * Returns a copy with a header set to one value, replacing any previous values.
   *
   * @param name the header name
   * @param value the value
   * @return the new headers
   */
  public Headers with(String name, String value) {
    return toBuilder().set(name, value).build();
  }

  /**
   * Returns a copy with one more value for a header.
   *
   * @param name the header name
   * @param value the value to add
   * @return the new headers
   */
  public Headers plus(String name, String value) {
    return toBuilder().add(name, value).build();
  }

  /**
   * Returns a copy without a header.
   *
   * @param name the header name, any case
   * @return the new headers, or this when the header was absent
   */
  public Headers without(String name) {
    return contains(name) ? toBuilder().remove(name).build() : this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && map.equals(h.map);
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, List<String>> e : map.entrySet()) {
      h += e.getKey().toLowerCase(java.util.Locale.ROOT).hashCode() ^ e.getValue().hashCode();
    }
    return h;
  }

  /** Prints the headers with sensitive values masked. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, List<String>> e : map.entrySet()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append('=');
      List<String> shown = new ArrayList<>();
      for (String v : e.getValue()) {
        shown.add(Redaction.header(e.getKey(), v));
      }
      sb.append(shown.size() == 1 ? shown.get(0) : shown.toString());
    }
    return sb.append('}').toString();
  }

  private static TreeMap<String, List<String>> deepCopy(TreeMap<String, List<String>> map) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    return copy;
  }

  static void checkName(String name) {
    Objects.requireNonNull(name, "header name == null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty header name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        throw new IllegalArgumentException("invalid character in header name: " + name);
      }
    }
  }

  static void checkValue(String name, String value) {
    Objects.requireNonNull(value, () -> "value of header " + name + " == null");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        // A CR/LF in a value would let a caller's data inject headers; never echo the value (it may be a secret).
        throw new IllegalArgumentException("invalid control character in the value of header " + name);
      }
    }
  }

  /** Collects headers; not thread-safe. */
  public static final class Builder {
    private final TreeMap<String, List<String>> map;

    private Builder(TreeMap<String, List<String>> map) {
      this.map = map;
    }

    /**
     * Adds a value to a header.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder add(String name, String value) {
      checkName(name);
      checkValue(name, value);
      map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /**
     * Sets a header to one value, replacing previous values.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder set(String name, String value) {
      checkName(name);
      checkValue(name, value);
      List<String> values = new ArrayList<>();
      values.add(value);
      map.remove(name); // drop the old spelling too
      map.put(name, values);
      return this;
    }

    /**
     * Removes a header.
     *
     * @param name the header name, any case
     * @return this builder
     */
    public Builder remove(String name) {
      map.remove(name);
      return this;
    }

    /**
     * Builds the immutable headers.
     *
     * @return the headers
     */
    public Headers build() {
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new Headers(copy);
    }
  }
}
