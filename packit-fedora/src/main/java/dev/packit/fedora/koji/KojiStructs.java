package dev.packit.fedora.koji;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads from decoded Koji structs; missing or mistyped fields get clear errors. */
final class KojiStructs {
  private KojiStructs() {}

  static Map<String, Object> map(Object v, String what) {
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException(what + ": expected a struct, got " + describe(v));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    ((Map<?, ?>) v).forEach((k, x) -> m.put(String.valueOf(k), x));
    return Collections.unmodifiableMap(m);
  }

  static List<?> list(Object v, String what) {
    if (!(v instanceof List)) {
      throw new IllegalArgumentException(what + ": expected an array, got " + describe(v));
    }
    return (List<?>) v;
  }

  static long requireLong(Map<String, Object> m, String key, String what) {
    Object v = m.get(key);
    if (!(v instanceof Number)) {
      throw new IllegalArgumentException(what + ": field " + key + " must be an integer, got " + describe(v));
    }
    return ((Number) v).longValue();
  }

  static Long optLong(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number ? ((Number) v).longValue() : null;
  }

  static String requireString(Map<String, Object> m, String key, String what) {
    Object v = m.get(key);
    if (!(v instanceof String)) {
      throw new IllegalArgumentException(what + ": field " + key + " must be a string, got " + describe(v));
    }
    return (String) v;
  }

  static String optString(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : String.valueOf(v);
  }

  /** Koji sends {@code x_time} as Python's str(datetime) and {@code x_ts} as epoch seconds. */
  static Instant optInstant(Map<String, Object> m, String prefix) {
    Object ts = m.get(prefix + "_ts");
    if (ts instanceof Number) {
      double d = ((Number) ts).doubleValue();
      long secs = (long) Math.floor(d);
      long micros = Math.round((d - secs) * 1_000_000);
      return Instant.ofEpochSecond(secs, micros * 1000);
    }
    Object s = m.get(prefix + "_time");
    if (s instanceof String) {
      String t = ((String) s).trim().replace(' ', 'T');
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          return null;
        }
      }
    }
    if (s instanceof Number) {
      return Instant.ofEpochMilli(Math.round(((Number) s).doubleValue() * 1000));
    }
    return null;
  }

  static String describe(Object v) {
    return v == null ? "nil" : v.getClass().getSimpleName() + " " + abbreviate(String.valueOf(v));
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
