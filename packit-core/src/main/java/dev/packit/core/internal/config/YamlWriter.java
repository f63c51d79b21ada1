package dev.packit.core.internal.config;

import dev.packit.core.config.ActionCommand;
import dev.packit.core.config.ActionName;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.Deployment;
import dev.packit.core.config.DistGitBranches;
import dev.packit.core.config.FilesToSyncItem;
import dev.packit.core.config.JobConfig;
import dev.packit.core.config.LabelRequirements;
import dev.packit.core.config.MockBootstrap;
import dev.packit.core.config.Notifications;
import dev.packit.core.config.OshOptions;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.SourceItem;
import dev.packit.core.config.TargetOptions;
import dev.packit.core.config.Targets;
import dev.packit.core.config.TestCommand;
import dev.packit.core.config.VersionSpecifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes a {@link PackitConfig} as YAML: plain maps and lists dumped by SnakeYAML in block style. */
public final class YamlWriter {
  private YamlWriter() {}

  /** Writes the config. */
  public static String write(PackitConfig c) {
    return dump(toPlain(c));
  }

  /** The config as plain maps and lists. */
  public static Map<String, Object> toPlain(PackitConfig c) {
    Map<String, Object> out = layer(c.topLevel());
    if (c.monorepo()) {
      Map<String, Object> pkgs = new LinkedHashMap<>();
      c.packageLayers().forEach((k, v) -> pkgs.put(k, layer(v)));
      out.put("packages", pkgs);
    }
    if (!c.jobsDefaulted()) {
      List<Object> jobs = new ArrayList<>();
      List<JobConfig> all = c.jobs();
      for (int i = 0; i < all.size(); i++) {
        JobConfig j = all.get(i);
        StringBuilder trigger = new StringBuilder(j.trigger().yamlName());
        // Jobs split from one "a | b" trigger are written back as one job.
        while (j.sourceIndex() >= 0 && i + 1 < all.size() && all.get(i + 1).sourceIndex() == j.sourceIndex()
            && all.get(i + 1).toBuilder().trigger(j.trigger()).build().equals(j)) {
          trigger.append(" | ").append(all.get(++i).trigger().yamlName());
        }
        Map<String, Object> m = job(j);
        m.put("trigger", trigger.toString());
        jobs.add(m);
      }
      out.put("jobs", jobs);
    }
    return out;
  }

  static String dump(Object plain) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setIndicatorIndent(0);
    o.setWidth(120);
    o.setSplitLines(false);
    return new Yaml(o).dump(plain);
  }

  private static Map<String, Object> job(JobConfig j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", j.type().yamlName());
    m.put("trigger", j.trigger().yamlName());
    if (j.skipBuild()) {
      m.put("skip_build", true);
    }
    if (j.manualTrigger()) {
      m.put("manual_trigger", true);
    }
    if (!j.labels().isEmpty()) {
      m.put("labels", j.labels());
    }
    j.sidetagGroup().ifPresent(s -> m.put("sidetag_group", s));
    if (!j.dependents().isEmpty()) {
      m.put("dependents", j.dependents());
    }
    if (!j.dependencies().isEmpty()) {
      m.put("dependencies", j.dependencies());
    }
    if (!j.packages().isEmpty()) {
      if (j.packagesAsMapping()) {
        Map<String, Object> p = new LinkedHashMap<>();
        j.packages().forEach((k, v) -> p.put(k, layer(v)));
        m.put("packages", p);
      } else {
        m.put("packages", new ArrayList<>(j.packages().keySet()));
      }
    }
    m.putAll(layer(j.overrides()));
    return m;
  }

  /** One layer's keys as plain values. */
  public static Map<String, Object> layer(CommonConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    c.asMap().forEach((k, v) -> m.put(k, value(v)));
    return m;
  }

  /** A typed value as a plain YAML value. */
  @SuppressWarnings("unchecked")
  public static Object value(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof Notifications) {
      Notifications n = (Notifications) v;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pull_request", Map.of("successful_build", n.pullRequestSuccessfulBuild()));
      if (!n.failureCommentMessage().isEmpty()) {
        m.put("failure_comment", Map.of("message", n.failureCommentMessage()));
      }
      m.put("failure_issue", Map.of("create", n.failureIssueCreate()));
      return m;
    }
    if (v instanceof Targets) {
      Targets t = (Targets) v;
      if (!t.mappingForm()) {
        return t.names();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      t.entries().forEach((k, o) -> m.put(k, targetOptions(o)));
      return m;
    }
    if (v instanceof DistGitBranches) {
      DistGitBranches d = (DistGitBranches) v;
      if (!d.mappingForm()) {
        return d.names();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      d.entries().forEach((k, l) -> m.put(k, l.isEmpty() ? new LinkedHashMap<>() : Map.of("fast_forward_merge_into", l)));
      return m;
    }
    if (v instanceof VersionSpecifiers) {
      return ((VersionSpecifiers) v).text();
    }
    if (v instanceof MockBootstrap) {
      return ((MockBootstrap) v).yamlName();
    }
    if (v instanceof TestCommand) {
      TestCommand t = (TestCommand) v;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("default_labels", t.defaultLabels());
      if (!t.defaultIdentifier().isEmpty()) {
        m.put("default_identifier", t.defaultIdentifier());
      }
      return m;
    }
    if (v instanceof LabelRequirements) {
      LabelRequirements r = (LabelRequirements) v;
      Map<String, Object> label = new LinkedHashMap<>();
      label.put("present", r.present());
      label.put("absent", r.absent());
      return Map.of("label", label);
    }
    if (v instanceof OshOptions) {
      OshOptions o = (OshOptions) v;
      Map<String, Object> m = new LinkedHashMap<>();
      if (!o.analyzer().isEmpty()) {
        m.put("analyzer", o.analyzer());
      }
      if (!o.config().isEmpty()) {
        m.put("config", o.config());
      }
      if (!o.profile().isEmpty()) {
        m.put("profile", o.profile());
      }
      return m;
    }
    if (v instanceof Map) {
      Map<Object, Object> in = (Map<Object, Object>) v;
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<Object, Object> e : in.entrySet()) {
        Object k = e.getKey();
        if (k instanceof ActionName) {
          m.put(((ActionName) k).yamlName(), commands((List<ActionCommand>) e.getValue()));
        } else {
          m.put(String.valueOf(k), value(e.getValue()));
        }
      }
      return m;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object o : (List<Object>) v) {
        if (o instanceof FilesToSyncItem) {
          out.add(filesToSync((FilesToSyncItem) o));
        } else if (o instanceof SourceItem) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("path", ((SourceItem) o).path());
          m.put("url", ((SourceItem) o).url());
          out.add(m);
        } else if (o instanceof Deployment) {
          out.add(((Deployment) o).yamlName());
        } else {
          out.add(value(o));
        }
      }
      return out;
    }
    throw new IllegalArgumentException("cannot write " + v.getClass().getName());
  }

  private static Object commands(List<ActionCommand> cmds) {
    if (cmds.size() == 1 && !cmds.get(0).written().isEmpty()) {
      return cmds.get(0).written();
    }
    List<Object> out = new ArrayList<>();
    for (ActionCommand c : cmds) {
      out.add(c.written().isEmpty() ? c.argv() : c.written());
    }
    return out;
  }

  private static Object filesToSync(FilesToSyncItem f) {
    if (f.isSimple()) {
      return f.dest();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("src", f.src());
    m.put("dest", f.dest());
    if (f.mkpath()) {
      m.put("mkpath", true);
    }
    if (f.delete()) {
      m.put("delete", true);
    }
    if (!f.filters().isEmpty()) {
      m.put("filters", f.filters());
    }
    return m;
  }

  private static Map<String, Object> targetOptions(TargetOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!o.distros().isEmpty()) {
      m.put("distros", o.distros());
    }
    if (!o.additionalPackages().isEmpty()) {
      m.put("additional_packages", o.additionalPackages());
    }
    if (!o.additionalRepos().isEmpty()) {
      m.put("additional_repos", o.additionalRepos());
    }
    if (!o.additionalModules().isEmpty()) {
      m.put("additional_modules", o.additionalModules());
    }
    if (!o.withOpts().isEmpty()) {
      m.put("with_opts", o.withOpts());
    }
    if (!o.withoutOpts().isEmpty()) {
      m.put("without_opts", o.withoutOpts());
    }
    return m;
  }
}
