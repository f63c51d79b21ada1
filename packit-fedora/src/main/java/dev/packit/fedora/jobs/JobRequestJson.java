package dev.packit.fedora.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link JobRequest}: explicit fields, snake_case, a {@code "kind"} (the
 * {@code .packit.yaml} job name) and {@code "on"} discriminator and a {@code "version"}, written by
 * hand so renaming a Java component never changes what sits in a queue. Unknown fields are ignored
 * (a newer writer may add some); a missing or mistyped one is an {@link InvalidInputException}
 * naming it.
 */
final class JobRequestJson {
  /** The form's version: a reader refuses a newer one rather than guess. */
  static final int VERSION = 1;
  // Requests carry a config and release notes: generous, but a queue entry is no place for megabytes.
  private static final int MAX_CHARS = 4 * 1024 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(MAX_CHARS).build())
      .build());

  private JobRequestJson() {}

  static String write(JobRequest request) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("version", VERSION).put("kind", request.kind()).put("on", request.on()).put("package", request.packageName());
    ArrayNode branches = n.putArray("branches");
    request.branches().forEach(branches::add);
    if (request instanceof JobRequest.ProposeDownstream r) {
      n.put("upstream_forge", r.upstreamForge()).put("upstream_repository", r.upstreamRepository()).put("tag", r.tag())
          .put("commit_sha", r.commitSha()).put("release_notes", r.releaseNotes()).put("report_issue", r.reportIssue());
    } else if (request instanceof JobRequest.PullFromUpstream r) {
      n.put("upstream_version", r.version()).put("anitya_project_id", r.anityaProjectId());
      strings(n.putArray("resolved_bugs"), r.resolvedBugs());
    } else if (request instanceof JobRequest.KojiBuildOnPush r) {
      n.put("repository", r.repository()).put("branch", r.branch()).put("old_commit", r.oldCommit())
          .put("end_commit", r.endCommit()).put("agent", r.agent()).put("pull_request_id", r.pullRequestId())
          .put("pull_request_author", r.pullRequestAuthor()).put("message_id", r.messageId());
      ObjectNode files = n.putObject("changed_files");
      new java.util.TreeMap<>(r.changedFiles()).forEach(files::put);
    } else if (request instanceof JobRequest.KojiBuildOnRequest r) {
      n.put("scratch", r.scratch()).put("requested_by", r.requestedBy());
    } else if (request instanceof JobRequest.SideTagBuild r) {
      n.put("side_tag", r.sideTag()).put("group", r.group()).put("tagged_build", r.taggedBuild());
    } else if (request instanceof JobRequest.SideTagUpdate r) {
      n.put("side_tag", r.sideTag()).put("group", r.group()).put("tagged_build", r.taggedBuild());
    } else if (request instanceof JobRequest.BodhiUpdateOnBuild r) {
      n.put("build_id", r.buildId()).put("task_id", r.taskId()).put("name", r.name()).put("build_version", r.version())
          .put("release", r.release()).put("epoch", r.epoch()).put("owner", r.owner()).put("state", r.state())
          .put("scm_url", r.scmUrl()).put("target", r.target()).put("scratch", r.scratch()).put("instance", r.instance())
          .put("message_id", r.messageId());
    } else if (request instanceof JobRequest.BodhiUpdateOnRequest r) {
      strings(n.putArray("builds"), r.builds());
      n.put("update_type", r.updateType()).put("notes", r.notes()).put("requested_by", r.requestedBy());
    }
    ObjectNode config = n.putObject("config");
    config.put("yaml", request.config().yaml()).put("source", request.config().source())
        .put("repository_name", request.config().repositoryName());
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a job request as JSON", e);
    }
  }

  static JobRequest read(String json, String sourceName) {
    InputLocation where = InputLocation.of(sourceName);
    if (json == null || json.isBlank()) {
      throw new InvalidInputException(where, "no JSON (empty text)");
    }
    if (json.length() > MAX_CHARS) {
      throw new InvalidInputException(where, json.length() + " characters, more than the limit of " + MAX_CHARS);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      InputLocation at = e.getLocation() == null ? where
          : where.at(Math.max(0, e.getLocation().getLineNr()), Math.max(0, e.getLocation().getColumnNr()));
      throw new InvalidInputException(at, "malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(where, "a job request is a JSON object");
    }
    Reader r = new Reader(root, where);
    long version = r.number("version");
    if (version != VERSION) {
      throw new InvalidInputException(where.field("version"), "unsupported version " + version + " (this reader knows " + VERSION + ")");
    }
    String kind = r.text("kind");
    String on = r.text("on");
    String pkg = r.text("package");
    List<String> branches = r.strings("branches");
    ConfigText config = r.config();
    try {
      switch (kind + "/" + on) {
        case "propose_downstream/release":
          return new JobRequest.ProposeDownstream(pkg, branches, config, r.text("upstream_forge"),
              r.text("upstream_repository"), r.text("tag"), r.text("commit_sha"), r.text("release_notes"),
              r.number("report_issue"));
        case "pull_from_upstream/new_version":
          return new JobRequest.PullFromUpstream(pkg, branches, config, r.text("upstream_version"),
              r.strings("resolved_bugs"), r.number("anitya_project_id"));
        case "koji_build/push":
          return new JobRequest.KojiBuildOnPush(pkg, branches, config, r.text("repository"), r.text("branch"),
              r.text("old_commit"), r.text("end_commit"), r.text("agent"), r.number("pull_request_id"),
              r.text("pull_request_author"), r.map("changed_files"), r.text("message_id"));
        case "koji_build/request":
          return new JobRequest.KojiBuildOnRequest(pkg, branches, config, r.bool("scratch"), r.text("requested_by"));
        case "koji_build/side_tag":
          return new JobRequest.SideTagBuild(pkg, branches, config, r.text("side_tag"), r.text("group"),
              r.text("tagged_build"));
        case "bodhi_update/side_tag":
          return new JobRequest.SideTagUpdate(pkg, branches, config, r.text("side_tag"), r.text("group"),
              r.text("tagged_build"));
        case "bodhi_update/build":
          return new JobRequest.BodhiUpdateOnBuild(pkg, branches, config, r.number("build_id"), r.number("task_id"),
              r.text("name"), r.text("build_version"), r.text("release"), r.text("epoch"), r.text("owner"),
              r.text("state"), r.text("scm_url"), r.text("target"), r.bool("scratch"), r.text("instance"),
              r.text("message_id"));
        case "bodhi_update/request":
          return new JobRequest.BodhiUpdateOnRequest(pkg, branches, config, r.strings("builds"), r.text("update_type"),
              r.text("notes"), r.text("requested_by"));
        default:
          throw new InvalidInputException(where.field("kind"), "unknown job request kind '" + kind + "' on '" + on
              + "' (known: propose_downstream/release, pull_from_upstream/new_version, koji_build/push|request|side_tag,"
              + " bodhi_update/build|request|side_tag)");
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      // the records' own checks name the field first ("branches: ...", "tag: must not be blank")
      String msg = String.valueOf(e.getMessage());
      int colon = msg.indexOf(':');
      String field = colon > 0 && msg.substring(0, colon).matches("[a-z_]+") ? msg.substring(0, colon) : "";
      throw new InvalidInputException(where.field(field), field.isEmpty() ? msg : msg.substring(colon + 1).strip(), e);
    }
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }

  /** Reads typed fields, naming the field in every error. */
  private static final class Reader {
    private final JsonNode root;
    private final InputLocation where;

    Reader(JsonNode root, InputLocation where) {
      this.root = root;
      this.where = where;
    }

    private JsonNode field(String name) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        throw new InvalidInputException(where.field(name), "missing");
      }
      return v;
    }

    String text(String name) {
      JsonNode v = field(name);
      if (!v.isTextual()) {
        throw new InvalidInputException(where.field(name), "must be a string, not " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      return v.asText();
    }

    long number(String name) {
      JsonNode v = field(name);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new InvalidInputException(where.field(name), "must be an integer");
      }
      return v.asLong();
    }

    boolean bool(String name) {
      JsonNode v = field(name);
      if (!v.isBoolean()) {
        throw new InvalidInputException(where.field(name), "must be true or false");
      }
      return v.asBoolean();
    }

    List<String> strings(String name) {
      JsonNode v = field(name);
      if (!v.isArray()) {
        throw new InvalidInputException(where.field(name), "must be an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        if (!v.get(i).isTextual()) {
          throw new InvalidInputException(where.field(name + "[" + i + "]"), "must be a string");
        }
        out.add(v.get(i).asText());
      }
      return out;
    }

    Map<String, String> map(String name) {
      JsonNode v = field(name);
      if (!v.isObject()) {
        throw new InvalidInputException(where.field(name), "must be an object of strings");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (!e.getValue().isTextual()) {
          throw new InvalidInputException(where.field(name + "." + e.getKey()), "must be a string");
        }
        out.put(e.getKey(), e.getValue().asText());
      }
      return out;
    }

    ConfigText config() {
      JsonNode c = field("config");
      if (!c.isObject()) {
        throw new InvalidInputException(where.field("config"), "must be an object with yaml, source, repository_name");
      }
      Reader inner = new Reader(c, where);
      try {
        return new ConfigText(inner.text("yaml"), inner.text("source"), inner.text("repository_name"));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where.field("config." + e.location().field()), e.problem());
      }
    }
  }
}
