package dev.packit.fedora.messaging;

import org.jspecify.annotations.Nullable;
import dev.packit.fedora.koji.KojiBuildState;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parses fedora-messaging messages into typed {@link FedoraMessage}s.
 *
 * <pre>{@code
 * FedoraMessage m = FedoraMessages.parse(Files.readString(path), path.toString());
 * if (m instanceof DistGitPush push) {
 *   System.out.println(push.fullName() + " " + push.branch() + " " + push.endCommit());
 * }
 * }</pre>
 *
 * <p>Accepted shapes: a fedora-messaging envelope {@code {id, topic, headers, body}}; a "flattened"
 * body with {@code topic} (and maybe {@code id}, {@code headers}) mixed in, as packit-service's
 * listener stores them; a fedmsg-era envelope {@code {topic, msg, msg_id, ...}}; and a bare body
 * without topic, whose type is then inferred from its fields. Messages of topics that are not
 * modelled become {@link UnknownMessage}s. Malformed JSON and missing required fields raise
 * {@link InvalidInputException} naming the source, line and column, or the field. Stateless and
 * thread-safe.
 */
public final class FedoraMessages {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  /** Keys that packit-service's listener mixes into a flattened body. */
  private static final Set<String> FLATTENED_META = Set.of("topic", "headers", "queue", "timestamp", "_note");

  private FedoraMessages() {}

  /**
   * Parses a JSON message in any of the accepted shapes.
   *
   * @param json the JSON text
   * @param source file name or label used in error messages
   * @return the typed message
   * @throws InvalidInputException when the JSON is malformed or a required field is missing
   */
  public static FedoraMessage parse(String json, String source) {
    Objects.requireNonNull(json, "json == null");
    return typed(envelope(json, source), source);
  }

  /**
   * Reads a JSON message in any accepted shape into an envelope without typing it.
   *
   * @param json the JSON text
   * @param source file name or label used in error messages
   * @return the envelope
   * @throws InvalidInputException when the JSON is malformed or not an object
   */
  public static MessageEnvelope envelope(String json, String source) {
    Map<String, Object> root = readObject(json, source);
    Object msg = root.get("msg");
    if (msg instanceof Map && (root.containsKey("msg_id") || root.containsKey("i"))) {
      // fedmsg-era (datanommer / amqp bridge): {topic, msg, msg_id, i, timestamp, signature, ...}
      return new MessageEnvelope(str(root.get("msg_id")), str(root.get("topic")), mapOrEmpty(root.get("headers")), asMap(msg));
    }
    Object body = root.get("body");
    if (body instanceof Map && (root.containsKey("topic") || root.get("headers") instanceof Map)) {
      return new MessageEnvelope(str(root.get("id")), str(root.get("topic")), mapOrEmpty(root.get("headers")), asMap(body));
    }
    Map<String, Object> flat = new LinkedHashMap<>(root);
    flat.keySet().removeAll(FLATTENED_META);
    String id = "";
    // a task message's "id" is the task id (a number); only a string id is the message id
    if (root.get("id") instanceof String s) {
      id = s;
      flat.remove("id");
    }
    if (root.containsKey("priority") && root.get("headers") instanceof Map) {
      flat.remove("priority");
    }
    Map<String, Object> headers = mapOrEmpty(root.get("headers"));
    return new MessageEnvelope(id, str(root.get("topic")), headers, asMap(flat));
  }

  /**
   * Builds a typed message from what an AMQP delivery carries.
   *
   * @param topic the routing key
   * @param messageId the {@code message_id} property, or {@code null}
   * @param headers the AMQP headers, with string values already decoded
   * @param body the body bytes
   * @param contentEncoding the {@code content_encoding} property, or {@code null} for UTF-8
   * @return the typed message
   * @throws InvalidInputException when the body is not a JSON object or lacks required fields
   */
  public static FedoraMessage fromDelivery(String topic, @Nullable String messageId, Map<String, Object> headers, byte[] body,
      @Nullable String contentEncoding) {
    Objects.requireNonNull(topic, "topic == null");
    Objects.requireNonNull(body, "body == null");
    String source = "message " + (messageId == null ? "" : messageId + " ") + "on " + topic;
    Charset cs = StandardCharsets.UTF_8;
    if (contentEncoding != null && !contentEncoding.isBlank()) {
      try {
        cs = Charset.forName(contentEncoding.trim());
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        throw new InvalidInputException(InputLocation.of(source).field("content_encoding"),
            "unsupported content encoding " + contentEncoding);
      }
    }
    Map<String, Object> map = asMap(readObject(new String(body, cs), source));
    MessageEnvelope e = new MessageEnvelope(messageId == null ? "" : messageId, topic,
        headers == null ? Map.of() : headers, map);
    return typed(e, source);
  }

  /**
   * Types an envelope by its topic (or, when it has none, by the body's fields).
   *
   * @param envelope the raw message
   * @param source label used in error messages
   * @return the typed message, {@link UnknownMessage} for topics that are not modelled
   * @throws InvalidInputException when a required field is missing or has the wrong type
   */
  public static FedoraMessage typed(MessageEnvelope envelope, String source) {
    Objects.requireNonNull(envelope, "envelope == null");
    String subject = envelope.topic().isEmpty() ? inferSubject(envelope.body()) : envelope.subject();
    Body b = new Body(envelope.body(), source == null ? "<message>" : source);
    if (subject.equals("pagure.git.receive")) {
      return distGitPush(envelope, b);
    } else if (subject.equals("buildsys.build.state.change")) {
      return buildStateChange(envelope, b);
    } else if (subject.equals("buildsys.tag")) {
      return tag(envelope, b);
    } else if (subject.equals("buildsys.task.state.change")) {
      return taskStateChange(envelope, b);
    } else if (subject.startsWith("pagure.pull-request.") || subject.equals("pagure.pull-request")) {
      String action = subject.equals("pagure.pull-request") ? "unknown" : subject.substring("pagure.pull-request.".length());
      return pullRequest(envelope, b, action);
    } else if (subject.equals("hotness.update.bug.file")) {
      return newHotness(envelope, b);
    } else if (subject.startsWith("anitya.project.version.update")) {
      return anitya(envelope, b);
    } else if (subject.startsWith("forgejo.")) {
      return forgejo(envelope, b, subject.substring("forgejo.".length()));
    }
    return new UnknownMessage(envelope);
  }

  /**
   * Serialises a body to UTF-8 JSON, as fedora-messaging puts it on the wire.
   *
   * @param body the body
   * @return JSON bytes
   */
  public static byte[] toJson(Map<String, Object> body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  // ---------------------------------------------------------------- typing

  private static String inferSubject(Map<String, Object> body) {
    if ("state".equals(body.get("attribute")) && body.containsKey("build_id") && body.get("new") instanceof Number) {
      return "buildsys.build.state.change";
    }
    if ("state".equals(body.get("attribute")) && body.containsKey("srpm") && body.containsKey("method")) {
      return "buildsys.task.state.change";
    }
    if (body.containsKey("tag") && body.containsKey("tag_id") && body.containsKey("build_id")) {
      return "buildsys.tag";
    }
    if (body.get("pullrequest") instanceof Map) {
      return "pagure.pull-request";
    }
    if (body.get("repo") instanceof Map && body.containsKey("end_commit") && body.containsKey("branch")) {
      return "pagure.git.receive";
    }
    return "";
  }

  private static DistGitPush distGitPush(MessageEnvelope e, Body b) {
    Body repo = b.obj("repo");
    String namespace = repo.optStr("namespace");
    String name = repo.str("name");
    String fullName = repo.optStr("fullname");
    if (fullName.isEmpty()) {
      fullName = namespace.isEmpty() ? name : namespace + "/" + name;
    }
    Map<String, String> changed = new LinkedHashMap<>();
    b.optMap("changed_files").forEach((k, v) -> changed.put(k, v == null ? "" : v.toString()));
    List<String> authors = new ArrayList<>();
    for (Object a : b.optList("authors")) {
      if (a instanceof Map<?, ?> m && m.get("name") instanceof String n) {
        authors.add(n);
      }
    }
    return new DistGitPush(e, namespace, name, fullName, b.str("branch"), b.optStr("old_commit"),
        b.optStr("start_commit"), b.str("end_commit"), (int) b.optLong("total_commits", 0),
        b.optBool("forced"), b.optStr("agent"), b.nullableLong("pull_request_id"), changed, authors);
  }

  private static KojiBuildStateChange buildStateChange(MessageEnvelope e, Body b) {
    Long old = b.nullableLong("old");
    List<Object> request = b.optList("request");
    Map<String, Object> task = b.optMap("task");
    String method = task.get("method") instanceof String m ? m : "";
    String scm = "";
    String target = "";
    boolean scratch = false;
    boolean scmBuild = request.size() >= 2 && request.get(0) instanceof String s0 && s0.contains("://")
        && request.get(1) instanceof String;
    if (scmBuild && (method.isEmpty() || method.equals("build"))) {
      scm = (String) request.get(0);
      target = (String) request.get(1);
      if (request.size() >= 3 && request.get(2) instanceof Map<?, ?> opts) {
        scratch = Boolean.TRUE.equals(opts.get("scratch"));
      }
      if (method.isEmpty()) {
        method = "build";
      }
    }
    Object epoch = b.map.get("epoch");
    return new KojiBuildStateChange(e, b.lng("build_id"), b.nullableLong("task_id"), b.str("name"), b.str("version"),
        b.str("release"), epoch == null ? null : epoch.toString(), b.optStr("owner"),
        old == null ? null : b.state("old", old), b.state("new", b.lng("new")), scm, target, scratch, method,
        b.time("creation_time"), b.time("completion_time"), b.optStr("instance"));
  }

  private static KojiTag tag(MessageEnvelope e, Body b) {
    return new KojiTag(e, b.str("tag"), b.lng("tag_id"), b.lng("build_id"), b.str("name"), b.str("version"),
        b.str("release"), b.optStr("user"), b.optStr("owner"), b.optStr("instance"));
  }

  private static KojiTaskStateChange taskStateChange(MessageEnvelope e, Body b) {
    Map<String, Object> info = b.optMap("info");
    String target = "";
    boolean scratch = false;
    if (info.get("request") instanceof List<?> req) {
      if (req.size() >= 2 && req.get(1) instanceof String t) {
        target = t;
      }
      if (req.size() >= 3 && req.get(2) instanceof Map<?, ?> opts) {
        scratch = Boolean.TRUE.equals(opts.get("scratch"));
      }
    }
    return new KojiTaskStateChange(e, b.lng("id"), b.str("method"), b.optStr("old"), b.str("new"), b.optStr("owner"),
        b.optStr("srpm"), target, scratch, b.optStr("instance"));
  }

  private static PagurePullRequestEvent pullRequest(MessageEnvelope e, Body b, String action) {
    Body pr = b.obj("pullrequest");
    String project = pr.obj("project").str("fullname");
    String sourceProject = project;
    if (pr.map.get("repo_from") instanceof Map) {
      sourceProject = pr.obj("repo_from").optStr("fullname");
    }
    String comment = "";
    if (action.startsWith("comment.")) {
      List<Object> comments = pr.optList("comments");
      if (!comments.isEmpty() && comments.get(comments.size() - 1) instanceof Map<?, ?> c
          && c.get("comment") instanceof String text) {
        comment = text;
      }
    }
    String flagStatus = "";
    String flagUser = "";
    if (b.map.get("flag") instanceof Map) {
      Body flag = b.obj("flag");
      flagStatus = flag.optStr("status");
      flagUser = flag.optStr("username");
    }
    String author = pr.map.get("user") instanceof Map ? pr.obj("user").optStr("name") : "";
    return new PagurePullRequestEvent(e, action, b.optStr("agent"), pr.lng("id"), project, sourceProject,
        pr.str("branch"), pr.optStr("branch_from"), pr.optStr("commit_stop"), pr.optStr("title"), author,
        pr.optStr("status"), pr.optStr("full_url"), comment, flagStatus, flagUser);
  }

  private static AnityaVersionUpdate anitya(MessageEnvelope e, Body b) {
    Body message = b.map.get("message") instanceof Map ? b.obj("message") : b;
    Body project = message.map.get("project") instanceof Map ? message.obj("project") : b.obj("project");
    String ecosystem = message.optStr("ecosystem");
    if (ecosystem.isEmpty()) {
      ecosystem = project.optStr("ecosystem");
    }
    Map<String, String> packages = new LinkedHashMap<>();
    for (Object p : message.optList("packages")) {
      if (p instanceof Map<?, ?> m && m.get("distro") instanceof String d && m.get("package_name") instanceof String n) {
        packages.putIfAbsent(d, n);
      }
    }
    return new AnityaVersionUpdate(e, project.lng("id"), project.str("name"), ecosystem, project.optStr("version"),
        message.optStr("old_version"), strings(message.optList("upstream_versions")),
        strings(message.optList("stable_versions")), packages);
  }

  private static NewHotnessUpdate newHotness(MessageEnvelope e, Body b) {
    long bug = b.map.get("bug") instanceof Map ? b.obj("bug").optLong("bug_id", 0) : 0;
    String triggerTopic = "";
    List<String> versions = List.of();
    String version = "";
    long projectId = 0;
    String projectName = "";
    if (b.map.get("trigger") instanceof Map) {
      Body trigger = b.obj("trigger");
      triggerTopic = trigger.optStr("topic");
      if (trigger.map.get("msg") instanceof Map) {
        Body msg = trigger.obj("msg");
        Body message = msg.map.get("message") instanceof Map ? msg.obj("message") : msg;
        versions = strings(message.optList("upstream_versions"));
        Body project = message.map.get("project") instanceof Map ? message.obj("project")
            : msg.map.get("project") instanceof Map ? msg.obj("project") : null;
        if (project != null) {
          projectId = project.optLong("id", 0);
          projectName = project.optStr("name");
          version = project.optStr("version");
        }
        if (version.isEmpty() && !versions.isEmpty()) {
          version = versions.get(0);
        }
      }
    }
    return new NewHotnessUpdate(e, b.str("package"), bug, version, versions, projectId, projectName, triggerTopic);
  }

  /** Relayed HTTP headers that carry credentials: dropped, never kept in a typed message. */
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

  private static Map<String, Object> withoutCredentials(Map<String, Object> headers) {
    Map<String, Object> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (!CREDENTIAL_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * Types a relayed Forgejo webhook. On the wire (webhook-to-fedora-messaging) the body is
   * {@code {body: <payload>, headers: <the delivery's HTTP headers>, agent}}; packit-service's
   * fixtures flatten it to the payload with the HTTP headers as message headers. Either way the
   * relayed {@code authorization} (the credential the forge used on the relay) is dropped here.
   */
  private static ForgejoEvent forgejo(MessageEnvelope raw, Body outer, String event) {
    Map<String, Object> body = raw.body();
    boolean wrapped = body.get("body") instanceof Map && !body.containsKey("repository")
        && (body.get("headers") instanceof Map || body.containsKey("agent"));
    Map<String, Object> keptBody = body;
    if (wrapped) {
      keptBody = new LinkedHashMap<>(body);
      keptBody.put("headers", withoutCredentials(mapOrEmpty(body.get("headers"))));
    }
    MessageEnvelope e = new MessageEnvelope(raw.id(), raw.topic(), withoutCredentials(raw.headers()), keptBody);
    Body b = wrapped ? new Body(asMap(body.get("body")), outer.source, "body") : outer;
    // action_run_* events carry the repository, the user and the commit inside "run"
    boolean run = !(b.map.get("repository") instanceof Map) && b.map.get("run") instanceof Map;
    Body where = run ? b.obj("run") : b;
    String repository = where.obj("repository").str("full_name");
    String repositoryUrl = where.obj("repository").optStr("html_url");
    String sender = b.map.get("sender") instanceof Map ? b.obj("sender").optStr("login")
        : run && where.map.get("trigger_user") instanceof Map ? where.obj("trigger_user").optStr("login") : "";
    String ref = "";
    String head = run ? where.optStr("commit_sha") : "";
    long number = b.optLong("number", 0);
    if (b.map.get("pull_request") instanceof Map) {
      Body pr = b.obj("pull_request");
      if (number == 0) {
        number = pr.optLong("number", 0);
      }
      if (pr.map.get("base") instanceof Map) {
        ref = pr.obj("base").optStr("ref");
      }
      if (pr.map.get("head") instanceof Map) {
        head = pr.obj("head").optStr("sha");
      }
    } else if (b.map.containsKey("ref")) {
      ref = b.optStr("ref");
      head = b.optStr("after");
    }
    if (number == 0 && b.optBool("is_pull") && b.map.get("issue") instanceof Map) {
      number = b.obj("issue").optLong("number", 0);
    }
    String comment = b.map.get("comment") instanceof Map ? b.obj("comment").optStr("body") : "";
    return new ForgejoEvent(e, event, b.optStr("action"), repository, repositoryUrl, sender, ref, head, number, comment);
  }

  // ---------------------------------------------------------------- JSON helpers

  /**
   * Jackson's tree of the text, not yet frozen: callers freeze only the parts they keep, once (a
   * freeze here and another of the kept body copied every message twice).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> readObject(String json, String source) {
    String label = source == null ? "<message>" : source;
    try {
      Object tree = MAPPER.readValue(json, Object.class);
      if (!(tree instanceof Map)) {
        throw new InvalidInputException(InputLocation.of(label).at(1, 1),
            "a message must be a JSON object, found " + (tree == null ? "null" : tree instanceof List ? "an array" : "a scalar"));
      }
      return (Map<String, Object>) tree;
    } catch (JsonProcessingException ex) {
      JsonLocation loc = ex.getLocation();
      InputLocation at = InputLocation.of(label);
      if (loc != null && loc.getLineNr() > 0) {
        at = at.at(loc.getLineNr(), Math.max(loc.getColumnNr(), 0));
      }
      throw new InvalidInputException(at, "malformed JSON: " + ex.getOriginalMessage(), ex);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) freeze(o);
  }

  private static Object freeze(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
      return Collections.unmodifiableMap(out);
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object v : l) {
        out.add(freeze(v));
      }
      return Collections.unmodifiableList(out);
    }
    return o;
  }

  private static Map<String, Object> mapOrEmpty(Object o) {
    return o instanceof Map ? asMap(o) : Map.of();
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static List<String> strings(List<Object> list) {
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (o != null) {
        out.add(o.toString());
      }
    }
    return out;
  }

  /** Typed reads of one JSON object, with the field path for error messages. */
  private static final class Body {
    final Map<String, Object> map;
    final String source;
    final String path;

    Body(Map<String, Object> map, String source) {
      this(map, source, "");
    }

    Body(Map<String, Object> map, String source, String path) {
      this.map = map;
      this.source = source;
      this.path = path;
    }

    private String field(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    private InvalidInputException error(String key, String problem) {
      return new InvalidInputException(InputLocation.of(source).field(field(key)), problem);
    }

    Body obj(String key) {
      Object v = map.get(key);
      if (v instanceof Map) {
        return new Body(asMap(v), source, field(key));
      }
      throw error(key, v == null ? "required object is missing" : "expected an object, found " + describe(v));
    }

    String str(String key) {
      Object v = map.get(key);
      if (v instanceof String s) {
        return s;
      }
      throw error(key, v == null ? "required string is missing" : "expected a string, found " + describe(v));
    }

    String optStr(String key) {
      Object v = map.get(key);
      return v == null ? "" : v.toString();
    }

    boolean optBool(String key) {
      return Boolean.TRUE.equals(map.get(key));
    }

    long lng(String key) {
      Long v = nullableLong(key);
      if (v == null) {
        throw error(key, "required number is missing");
      }
      return v;
    }

    long optLong(String key, long dflt) {
      Long v = nullableLong(key);
      return v == null ? dflt : v;
    }

    Long nullableLong(String key) {
      Object v = map.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        return n.longValue();
      }
      if (v instanceof String s) {
        try {
          return Long.parseLong(s.trim());
        } catch (NumberFormatException ignored) {
          // reported below
        }
      }
      throw error(key, "expected an integer, found " + describe(v));
    }

    KojiBuildState state(String key, long code) {
      if (code < 0 || code > 4) {
        throw error(key, "unknown Koji build state " + code + " (expected 0..4)");
      }
      return KojiBuildState.fromCode((int) code);
    }

    Instant time(String key) {
      Object v = map.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Number n) {
        // older messages carry epoch seconds as floats
        double secs = n.doubleValue();
        long whole = (long) Math.floor(secs);
        return Instant.ofEpochSecond(whole, Math.round((secs - whole) * 1_000_000_000L));
      }
      try {
        return OffsetDateTime.parse(v.toString()).toInstant();
      } catch (DateTimeParseException ex) {
        throw error(key, "expected an ISO 8601 time with offset, found \"" + v + "\"");
      }
    }

    @SuppressWarnings("unchecked")
    List<Object> optList(String key) {
      Object v = map.get(key);
      return v instanceof List ? (List<Object>) v : List.of();
    }

    Map<String, Object> optMap(String key) {
      Object v = map.get(key);
      return v instanceof Map ? asMap(v) : Map.of();
    }

    private static String describe(Object v) {
      if (v instanceof Map) {
        return "an object";
      }
      if (v instanceof List) {
        return "an array";
      }
      if (v instanceof String s) {
        return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
      }
      return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
    }
  }
}
