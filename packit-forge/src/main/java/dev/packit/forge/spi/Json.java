package dev.packit.forge.spi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Tolerant readers over Jackson trees: forges add fields and send nulls freely.
 *
 * <pre>{@code
 * JsonNode n = Json.parse(response.body());
 * String login = Json.textAt(n, "owner", "login");          // null when missing or JSON null
 * Instant created = Json.instant(n, "created_at");          // ISO-8601 or epoch seconds
 * }</pre>
 *
 * @since 0.2.0
 */
public final class Json {
  /** The shared mapper; unknown fields are ignored. Private: a caller could reconfigure it. */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** Parses bytes into a tree; an empty body becomes a missing node. */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MAPPER.missingNode();
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("response is not JSON: " + e.getMessage(), e);
    }
  }

  /** Serialises a tree. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Text of a field, or null when missing or JSON null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  /** Text at a path of fields, or null. */
  public static String textAt(JsonNode node, String... fields) {
    JsonNode cur = node;
    for (int i = 0; i < fields.length - 1 && cur != null; i++) {
      cur = cur.get(fields[i]);
    }
    return cur == null ? null : text(cur, fields[fields.length - 1]);
  }

  /** Boolean field; false when missing. */
  public static boolean bool(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.asBoolean(false);
  }

  /** Long field; 0 when missing. */
  public static long number(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? 0 : v.asLong(0);
  }

  /** URI field, or null when missing or not a URI. */
  public static URI uri(JsonNode node, String field) {
    String s = text(node, field);
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return URI.create(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Instant field: ISO-8601 (GitHub, GitLab) or epoch seconds as a number or a string (Pagure);
   * null when missing or unreadable.
   */
  public static Instant instant(JsonNode node, String field) {
    String s = text(node, field);
    if (s == null || s.isBlank()) {
      return null;
    }
    if (s.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochSecond(Long.parseLong(s));
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
