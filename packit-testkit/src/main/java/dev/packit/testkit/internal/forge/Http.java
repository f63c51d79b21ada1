package dev.packit.testkit.internal.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over {@link HttpExchange} shared by the fake forges. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  static Map<String, String> query(HttpExchange ex) {
    return decode(ex.getRequestURI().getRawQuery());
  }

  static Map<String, String> decode(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String kv : raw.split("&")) {
      if (kv.isEmpty()) {
        continue;
      }
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  static byte[] body(HttpExchange ex) throws IOException {
    return ex.getRequestBody().readAllBytes();
  }

  static Map<String, String> form(HttpExchange ex) throws IOException {
    return decode(new String(body(ex), StandardCharsets.UTF_8));
  }

  static JsonNode json(HttpExchange ex) throws IOException {
    byte[] b = body(ex);
    return b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
  }

  static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(ex, status, JSON.writeValueAsBytes(body), "application/json");
  }

  static void send(HttpExchange ex, int status, byte[] body, String contentType) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    if ("HEAD".equals(ex.getRequestMethod()) || status == 204) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        ex.getResponseBody().write(body);
      }
    }
  }
}
