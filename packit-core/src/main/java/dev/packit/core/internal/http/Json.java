package dev.packit.core.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The shared, configured Jackson mapper. */
public final class Json {
  private static final ObjectMapper SHARED = create();

  private Json() {}

  /** A new mapper with packit-java's settings: unknown properties ignored, dates as ISO strings. */
  public static ObjectMapper create() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /** The shared mapper; never reconfigure it. */
  public static ObjectMapper shared() {
    return SHARED;
  }

  public static byte[] write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      // The value's type is enough to find the bug; its content may be a secret.
      throw new IllegalArgumentException("cannot serialise a " + (value == null ? "null" : value.getClass().getName())
          + " to JSON: " + e.getOriginalMessage(), e);
    }
  }
}
