package dev.packit.fedora.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The raw fedora-messaging message: id, topic, AMQP headers and the JSON body.
 *
 * <pre>{@code
 * FedoraMessage m = FedoraMessages.parse(json, "push.json");
 * MessageEnvelope e = m.envelope();
 * e.topic();                 // "org.fedoraproject.prod.pagure.git.receive"
 * e.schema();                // Optional[pagure.git.receive]
 * e.body().get("branch");    // "f39"
 * }</pre>
 *
 * <p>The body is an unmodifiable tree of {@code Map<String, Object>}, {@code List<Object>},
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean} and {@code null}, as Jackson
 * reads JSON. {@link #toString()} lists header names only: relayed webhooks carry
 * {@code authorization} and signature headers whose values must not reach logs.
 *
 * @param id message id (a UUID on fedora-messaging, {@code msg_id} on fedmsg), empty when unknown
 * @param topic full topic such as {@code org.fedoraproject.prod.buildsys.tag}, empty when unknown
 * @param headers AMQP headers (unmodifiable)
 * @param body the JSON body (unmodifiable)
 */
public record MessageEnvelope(String id, String topic, Map<String, Object> headers, Map<String, Object> body) {
  private static final Set<String> ENVIRONMENTS = Set.of("prod", "stg", "staging", "dev", "test", "local");
  private static final Set<String> SECRET_HINTS = Set.of("authorization", "signature", "cookie", "token", "secret");

  /** Validates and freezes the components. */
  public MessageEnvelope {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(topic, "topic == null");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers == null")));
    body = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(body, "body == null")));
  }

  /**
   * Creates a message to publish: no id yet and only the schema header; publishers add the id,
   * {@code sent-at}, {@code priority} and severity.
   *
   * @param topic full topic
   * @param schema fedora-messaging schema name, e.g. {@code koji_fedoramessaging.tag.TagV1}
   * @param body the JSON body
   * @return the envelope
   */
  public static MessageEnvelope of(String topic, String schema, Map<String, Object> body) {
    Objects.requireNonNull(schema, "schema == null");
    return new MessageEnvelope("", topic, Map.of("fedora_messaging_schema", schema), body);
  }

  /**
   * Returns this envelope with what fedora-messaging puts on every message: a UUID id if none,
   * {@code sent-at} (ISO 8601, seconds, with offset), {@code priority} 0 and severity 20 (INFO)
   * where absent, and schema {@code base.message} when none is set.
   *
   * @param clock the clock for {@code sent-at}
   * @return a complete envelope
   */
  public MessageEnvelope withWireDefaults(java.time.Clock clock) {
    Map<String, Object> h = new LinkedHashMap<>(headers);
    h.putIfAbsent("fedora_messaging_schema", "base.message");
    h.putIfAbsent("fedora_messaging_severity", 20);
    h.putIfAbsent("priority", 0);
    h.putIfAbsent("sent-at", OffsetDateTime.now(clock).withNano(0).toString());
    String newId = id.isEmpty() ? java.util.UUID.randomUUID().toString() : id;
    return new MessageEnvelope(newId, topic, h, body);
  }

  /**
   * Returns the topic without the environment prefix: {@code org.fedoraproject.prod.buildsys.tag}
   * becomes {@code buildsys.tag}, {@code io.pagure.stg.pagure.git.receive} becomes
   * {@code pagure.git.receive}; other topics are returned as they are.
   *
   * @return the subject
   */
  public String subject() {
    return subjectOf(topic);
  }

  /**
   * Returns the {@code fedora_messaging_schema} header.
   *
   * @return the schema name, if the header is present
   */
  public Optional<String> schema() {
    Object v = headers.get("fedora_messaging_schema");
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }

  /**
   * Returns the {@code sent-at} header as an instant.
   *
   * @return when the message was sent, if the header is present and valid
   */
  public Optional<Instant> sentAt() {
    Object v = headers.get("sent-at");
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.toString()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the usernames named by {@code fedora_messaging_user_<name>} headers.
   *
   * @return the users, possibly empty
   */
  public Set<String> users() {
    return flagged("fedora_messaging_user_");
  }

  /**
   * Returns the package names named by {@code fedora_messaging_rpm_<name>} headers.
   *
   * @return the packages, possibly empty
   */
  public Set<String> packages() {
    return flagged("fedora_messaging_rpm_");
  }

  private Set<String> flagged(String prefix) {
    Set<String> out = new java.util.TreeSet<>();
    headers.forEach((k, v) -> {
      if (k.startsWith(prefix) && Boolean.TRUE.equals(v)) {
        out.add(k.substring(prefix.length()));
      }
    });
    return Collections.unmodifiableSet(out);
  }

  String messageIdOrTopic() {
    return id.isEmpty() ? "on " + topic : id;
  }

  static String subjectOf(String topic) {
    // <organisation>.<name>.<environment>.<subject...>, e.g. org.fedoraproject.prod.buildsys.tag
    // or io.pagure.prod.pagure.git.receive
    String[] parts = topic.split("\\.", 4);
    if (parts.length == 4 && ENVIRONMENTS.contains(parts[2])) {
      return parts[3];
    }
    return topic;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MessageEnvelope[id=").append(id).append(", topic=").append(topic)
        .append(", headers=[");
    boolean firstHeader = true;
    for (Map.Entry<String, Object> e : headers.entrySet()) {
      if (!firstHeader) {
        sb.append(", ");
      }
      firstHeader = false;
      String key = e.getKey();
      sb.append(key);
      if (!looksSecret(key)) {
        sb.append('=').append(e.getValue());
      } else {
        sb.append("=<redacted>");
      }
    }
    return sb.append("], body=").append(body.size()).append(" keys]").toString();
  }

  private static boolean looksSecret(String header) {
    String h = header.toLowerCase(Locale.ROOT);
    for (String hint : SECRET_HINTS) {
      if (h.contains(hint)) {
        return true;
      }
    }
    return false;
  }
}
