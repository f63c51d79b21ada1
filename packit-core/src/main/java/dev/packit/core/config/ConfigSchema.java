package dev.packit.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.internal.config.Keys;
import dev.packit.core.internal.config.YamlWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft 2020-12) of the {@code .packit.yaml} format, for editors and CI linters.
 *
 * <pre>{@code
 * Files.writeString(Path.of("packit.schema.json"), ConfigSchema.json());
 * }</pre>
 */
public final class ConfigSchema {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ConfigSchema() {}

  /** The schema as pretty-printed JSON. */
  public static String json() {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode schema() {
    ObjectNode root = F.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://packit.dev/schemas/packit-yaml.json");
    root.put("title", "Packit configuration (.packit.yaml)");
    root.put("type", "object");
    ObjectNode defs = root.putObject("$defs");
    defs.set("common", common(false));
    defs.set("jobCommon", common(true));
    defs.set("job", job());

    ObjectNode props = F.objectNode();
    props.set("_", F.objectNode().put("description", "Ignored; a place for YAML anchors."));
    ObjectNode packages = props.putObject("packages");
    packages.put("type", "object").put("description", "Monorepo packages: name to keys.");
    packages.putObject("additionalProperties").put("$ref", "#/$defs/common");
    ObjectNode jobs = props.putObject("jobs");
    jobs.put("type", "array").put("description", "Jobs; absent means Packit's default jobs.");
    jobs.putObject("items").put("$ref", "#/$defs/job");
    root.set("properties", props);
    ArrayNode all = root.putArray("allOf");
    all.addObject().put("$ref", "#/$defs/common");
    root.put("unevaluatedProperties", false);
    return root;
  }

  private static ObjectNode common(boolean jobLevel) {
    ObjectNode o = F.objectNode();
    o.put("type", "object");
    ObjectNode props = o.putObject("properties");
    for (Keys.Spec s : Keys.COMMON.values()) {
      ObjectNode p = type(s.kind(), jobLevel);
      if (s.nullable()) {
        ObjectNode wrapped = F.objectNode();
        wrapped.putArray("anyOf").add(p).addObject().put("type", "null");
        p = wrapped;
      }
      p.put("description", s.description());
      if (s.defaultValue() != null) {
        p.set("default", new ObjectMapper().valueToTree(YamlWriter.value(s.defaultValue())));
      }
      props.set(s.name(), p);
    }
    if (!jobLevel) {
      o.put("additionalProperties", true);
    }
    return o;
  }

  private static ObjectNode job() {
    ObjectNode o = F.objectNode();
    o.put("type", "object");
    o.putArray("required").add("job").add("trigger");
    o.putArray("allOf").addObject().put("$ref", "#/$defs/jobCommon");
    ObjectNode props = o.putObject("properties");
    ArrayNode types = props.putObject("job").put("description", "The job type.").putArray("enum");
    Arrays.stream(JobType.values()).forEach(t -> types.add(t.yamlName()));
    StringBuilder triggers = new StringBuilder();
    for (JobTrigger t : JobTrigger.values()) {
      triggers.append(triggers.length() == 0 ? "" : "|").append(t.yamlName());
    }
    props.putObject("trigger").put("type", "string")
        .put("pattern", "^\\s*(" + triggers + ")\\s*(\\|\\s*(" + triggers + ")\\s*)*$")
        .put("description", "Trigger; 'commit | koji_build' makes one job per trigger.");
    props.putObject("skip_build").put("type", "boolean");
    props.putObject("manual_trigger").put("type", "boolean");
    props.set("labels", strings());
    props.putObject("sidetag_group").put("type", "string");
    props.set("dependents", strings());
    props.set("dependencies", strings());
    ObjectNode pk = props.putObject("packages");
    pk.put("description", "Selected packages (list) or per-package overrides (mapping).");
    ArrayNode any = pk.putArray("anyOf");
    any.add(strings());
    ObjectNode map = any.addObject().put("type", "object");
    map.putObject("additionalProperties").put("$ref", "#/$defs/jobCommon");
    ObjectNode meta = props.putObject("metadata");
    meta.put("type", "object").put("deprecated", true).put("description", "Deprecated: put these keys on the job.");
    o.put("unevaluatedProperties", false);
    return o;
  }

  private static ObjectNode strings() {
    ObjectNode o = F.objectNode().put("type", "array");
    o.putObject("items").put("type", "string");
    return o;
  }

  private static ObjectNode stringOrStrings() {
    ObjectNode o = F.objectNode();
    o.putArray("anyOf").add(F.objectNode().put("type", "string")).add(strings());
    return o;
  }

  private static ObjectNode type(Keys.Kind kind, boolean jobLevel) {
    switch (kind) {
      case STRING: case SPECIFIERS: case REGEX: return F.objectNode().put("type", "string");
      case REPO_NAME: return F.objectNode().put("type", "string").put("pattern", "^[^/\\u0000]*$");
      case BOOL: return F.objectNode().put("type", "boolean");
      case INT: return F.objectNode().put("type", "integer");
      case NON_NEG_INT: return F.objectNode().put("type", "integer").put("minimum", 0);
      case STRING_LIST: return strings();
      case DICT: return F.objectNode().put("type", "object");
      case SPEC_SOURCE_ID: {
        ObjectNode o = F.objectNode();
        o.putArray("anyOf").add(F.objectNode().put("type", "string")).add(F.objectNode().put("type", "integer"));
        return o;
      }
      case DEPLOYMENTS: {
        ObjectNode o = F.objectNode().put("type", "array");
        o.putObject("items").putArray("enum").add("dev").add("stg").add("prod");
        return o;
      }
      case BOOTSTRAP: {
        ObjectNode o = F.objectNode();
        o.putArray("enum").add("default").add("on").add("off").add("image");
        return o;
      }
      case FILES_TO_SYNC: {
        ObjectNode o = F.objectNode().put("type", "array");
        ArrayNode any = o.putObject("items").putArray("anyOf");
        any.addObject().put("type", "string");
        ObjectNode m = any.addObject().put("type", "object");
        m.putArray("required").add("src").add("dest");
        m.put("additionalProperties", false);
        ObjectNode p = m.putObject("properties");
        p.set("src", stringOrStrings());
        p.putObject("dest").put("type", "string");
        p.putObject("mkpath").put("type", "boolean");
        p.putObject("delete").put("type", "boolean");
        p.set("filters", strings());
        return o;
      }
      case ACTIONS: {
        ObjectNode o = F.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode p = o.putObject("properties");
        for (ActionName a : ActionName.values()) {
          ObjectNode cmd = F.objectNode();
          ArrayNode any = cmd.putArray("anyOf");
          any.addObject().put("type", "string");
          ObjectNode list = any.addObject().put("type", "array");
          list.putObject("items").setAll(stringOrStrings());
          p.set(a.yamlName(), cmd);
        }
        return o;
      }
      case NOTIFICATIONS: {
        ObjectNode o = F.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode p = o.putObject("properties");
        p.set("pull_request", obj(Map.of("successful_build", "boolean")));
        p.set("failure_comment", obj(Map.of("message", "string")));
        p.set("failure_issue", obj(Map.of("create", "boolean")));
        return o;
      }
      case SOURCES: {
        ObjectNode o = F.objectNode().put("type", "array");
        ObjectNode item = obj(Map.of("path", "string", "url", "string"));
        item.putArray("required").add("path").add("url");
        o.set("items", item);
        return o;
      }
      case TARGETS: case DIST_GIT_BRANCHES: {
        ObjectNode o = F.objectNode();
        ArrayNode any = o.putArray("anyOf");
        any.add(strings());
        if (jobLevel) {
          any.addObject().put("type", "string");
        }
        ObjectNode m = any.addObject().put("type", "object");
        ObjectNode inner = kind == Keys.Kind.TARGETS
            ? obj(Map.of("additional_modules", "string"))
            : F.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode ip = inner.withObjectProperty("properties");
        List<String> listKeys = kind == Keys.Kind.TARGETS
            ? List.of("distros", "additional_packages", "additional_repos", "with_opts", "without_opts")
            : List.of("fast_forward_merge_into");
        listKeys.forEach(k -> ip.set(k, strings()));
        m.set("additionalProperties", inner);
        return o;
      }
      case TEST_COMMAND: {
        ObjectNode o = obj(Map.of("default_identifier", "string"));
        o.withObjectProperty("properties").set("default_labels", strings());
        return o;
      }
      case REQUIRE: {
        ObjectNode label = F.objectNode().put("type", "object").put("additionalProperties", false);
        label.putObject("properties").set("present", strings());
        label.withObjectProperty("properties").set("absent", strings());
        ObjectNode o = F.objectNode().put("type", "object").put("additionalProperties", false);
        o.putObject("properties").set("label", label);
        return o;
      }
      case OSH_OPTIONS: return obj(Map.of("analyzer", "string", "config", "string", "profile", "string"));
      case NOT_PROCESSED: return F.objectNode().put("deprecated", true);
      default: throw new IllegalStateException(kind.name());
    }
  }

  private static ObjectNode obj(Map<String, String> props) {
    ObjectNode o = F.objectNode().put("type", "object").put("additionalProperties", false);
    ObjectNode p = o.putObject("properties");
    props.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> p.putObject(e.getKey()).put("type", e.getValue()));
    return o;
  }
}
