package dev.packit.core.internal.config;

import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.DistGitBranches;
import dev.packit.core.config.JobConfig;
import dev.packit.core.config.JobTrigger;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader.SpecfileFinder;
import dev.packit.core.config.Targets;
import dev.packit.core.internal.config.YNode.Entry;
import dev.packit.core.internal.config.YNode.YMap;
import dev.packit.core.internal.config.YNode.YSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the YAML tree into a {@link PackitConfig}, following Packit's pre-processing: drop {@code _},
 * split top level / packages / jobs, merge {@code metadata:}, select job packages, split multi-triggers,
 * default jobs; every problem is recorded with its key path and position.
 */
public final class ConfigAssembler {
  private static final List<String> TOP_HANDLED = List.of("_", "packages", "jobs");
  private static final List<String> JOB_TYPES = Arrays.stream(JobType.values()).map(JobType::yamlName)
      .collect(Collectors.toList());
  private static final List<String> TRIGGERS = Arrays.stream(JobTrigger.values()).map(JobTrigger::yamlName)
      .collect(Collectors.toList());
  private static final Map<String, String> OLD_JOB_TYPES = Map.of(
      "production_build", "it was renamed to 'upstream_koji_build'",
      "build", "it was renamed to 'copr_build'");

  private final Problems problems;
  private final Binder binder;
  private final String repositoryName;
  private final SpecfileFinder finder;

  /** Creates an assembler. */
  public ConfigAssembler(Problems problems, String repositoryName, SpecfileFinder finder) {
    this.problems = problems;
    this.binder = new Binder(problems);
    this.repositoryName = repositoryName == null ? "" : repositoryName;
    this.finder = finder;
  }

  /**
   * Assembles the model (possibly partial when errors were recorded).
   *
   * @param root the document root, null for an empty file
   * @return the model
   */
  public PackitConfig assemble(YNode root) {
    PackitConfig.Builder b = PackitConfig.builder().repositoryName(repositoryName);
    if (root == null) {
      root = new YMap(List.of(), 1, 1);
    }
    if (!(root instanceof YMap)) {
      problems.error("", root, "the configuration must be a mapping of keys, got " + YNode.describe(root));
      return b.build();
    }
    YMap top = (YMap) root;
    for (Entry e : top.entries()) {
      if (Keys.JOB_ONLY.contains(e.key()) && !TOP_HANDLED.contains(e.key())) {
        problems.add(dev.packit.core.config.ConfigProblem.Severity.ERROR, e.key(), e.line(), e.column(),
            "unknown key '" + e.key() + "' at the top level; it belongs inside a job under 'jobs'");
      }
    }
    Set<String> topHandled = new HashSet<>(TOP_HANDLED);
    topHandled.addAll(Keys.JOB_ONLY);
    CommonConfig topLevel = layer(binder.bindCommon(top, "", false, topHandled, List.of("packages", "jobs")));
    b.topLevel(topLevel);

    Map<String, CommonConfig> packages = new LinkedHashMap<>();
    Entry pe = top.get("packages");
    if (pe != null) {
      packages = packages(pe);
      packages.forEach(b::addPackage);
      if (topLevel.downstreamPackageName().isPresent()) {
        problems.add(dev.packit.core.config.ConfigProblem.Severity.WARNING, "downstream_package_name",
            top.get("downstream_package_name").line(), top.get("downstream_package_name").column(),
            "with 'packages:', Packit (packit#2320) ignores a top-level downstream_package_name and uses the "
                + "repository name; packit-java applies it to every package that sets none. "
                + "Set it in each package to get the same result in both");
      }
    } else if (topLevel.downstreamPackageName().isEmpty() && repositoryName.isEmpty()) {
      problems.error("downstream_package_name", top,
          "not set, and no repository name is known to default it to; set it, or give the loader the repository name");
    }

    Set<String> packageNames = pe != null ? packages.keySet()
        : Set.of(topLevel.downstreamPackageName().orElse(repositoryName));
    Entry je = top.get("jobs");
    List<JobConfig> jobs = new ArrayList<>();
    if (je == null) {
      jobs.addAll(defaultJobs());
      b.jobsDefaulted(true);
    } else if (!(je.value() instanceof YSeq)) {
      problems.error("jobs", je.value(), "expected a list of jobs, got " + YNode.describe(je.value()));
    } else {
      int i = 0;
      for (YNode jn : ((YSeq) je.value()).items()) {
        jobs.addAll(job(jn, i++, packageNames));
      }
    }
    b.jobs(jobs);
    if (finder != null) {
      for (Map.Entry<String, CommonConfig> p : (pe != null ? packages : Map.of(packageNames.iterator().next(), topLevel)).entrySet()) {
        CommonConfig eff = pe != null ? topLevel.overlay(p.getValue()) : topLevel;
        if (eff.specfilePath().isEmpty() && eff.downstreamPackageName().isEmpty()) {
          finder.find(p.getKey(), eff.paths()).ifPresent(s -> b.discoveredSpecfile(p.getKey(), s));
        }
      }
    }
    PackitConfig config = b.build();
    if (finder != null && !problems.hasErrors()) {
      requireSpecfiles(config, je);
    }
    return config;
  }

  private void requireSpecfiles(PackitConfig config, Entry jobsEntry) {
    for (JobView v : config.jobViews()) {
      if (v.type() == JobType.TESTS && v.job().skipBuild()) {
        continue;
      }
      if (v.config().specfilePath().isEmpty()) {
        int idx = v.job().sourceIndex();
        YNode at = jobsEntry == null ? null
            : idx >= 0 && jobsEntry.value() instanceof YSeq ? ((YSeq) jobsEntry.value()).items().get(idx) : jobsEntry.value();
        problems.error(idx >= 0 ? "jobs[" + idx + "].packages." + v.packageName() : "jobs", at,
            "'specfile_path' is not specified and no spec file was found in the repository");
      }
    }
  }

  private static CommonConfig layer(Map<String, Object> values) {
    CommonConfig.Builder b = CommonConfig.builder();
    values.forEach(b::set);
    return b.build();
  }

  private Map<String, CommonConfig> packages(Entry pe) {
    Map<String, CommonConfig> out = new LinkedHashMap<>();
    if (!(pe.value() instanceof YMap) || ((YMap) pe.value()).entries().isEmpty()) {
      problems.error("packages", pe.value(), "expected a mapping of package name to its keys, got "
          + (pe.value() instanceof YMap ? "an empty mapping" : YNode.describe(pe.value())));
      return out;
    }
    for (Entry e : ((YMap) pe.value()).entries()) {
      String p = "packages." + e.key();
      if (!(e.value() instanceof YMap)) {
        problems.error(p, e.value(), "expected a mapping of keys, got " + YNode.describe(e.value()));
        continue;
      }
      out.put(e.key(), layer(binder.bindCommon((YMap) e.value(), p, false, Set.of(), List.of())));
    }
    return out;
  }

  private List<JobConfig> defaultJobs() {
    List<JobConfig> jobs = new ArrayList<>();
    jobs.add(JobConfig.builder(JobType.COPR_BUILD, JobTrigger.PULL_REQUEST)
        .overrides(CommonConfig.builder().targets(Targets.of("fedora-stable")).build()).build());
    jobs.add(JobConfig.builder(JobType.TESTS, JobTrigger.PULL_REQUEST)
        .overrides(CommonConfig.builder().targets(Targets.of("fedora-stable")).build()).build());
    jobs.add(JobConfig.builder(JobType.PROPOSE_DOWNSTREAM, JobTrigger.RELEASE)
        .overrides(CommonConfig.builder().distGitBranches(DistGitBranches.of("fedora-all")).build()).build());
    return jobs;
  }

  private List<JobConfig> job(YNode node, int index, Set<String> packageNames) {
    String path = "jobs[" + index + "]";
    if (!(node instanceof YMap)) {
      problems.error(path, node, "expected a job mapping with 'job' and 'trigger', got " + YNode.describe(node));
      return List.of();
    }
    YMap m = (YMap) node;
    Map<String, Object> common = new LinkedHashMap<>(binder.bindCommon(m, path, true, Keys.JOB_ONLY, Keys.JOB_ONLY));
    boolean ok = true;

    Object skipBuild = false;
    Entry meta = m.get("metadata");
    if (meta != null) {
      ok &= metadata(meta, m, path, common);
      Object sb = common.remove("skip_build");
      if (sb != null) {
        skipBuild = sb;
      }
    }

    JobType type = null;
    Entry te = m.get("job");
    if (te == null) {
      problems.error(path, m, "missing required key 'job'");
      ok = false;
    } else {
      Object v = binder.string(te.value(), path + ".job");
      if (v instanceof String) {
        type = JobType.fromYaml((String) v).orElse(null);
        if (type == null) {
          String hint = OLD_JOB_TYPES.containsKey(v) ? "; " + OLD_JOB_TYPES.get(v)
              : Suggest.closest((String) v, JOB_TYPES).map(s -> "; did you mean '" + s + "'?")
                  .orElse("; expected one of: " + String.join(", ", JOB_TYPES));
          problems.error(path + ".job", te.value(), "unknown job type '" + v + "'" + hint);
        }
      }
      ok &= type != null;
    }

    List<JobTrigger> triggers = new ArrayList<>();
    Entry tr = m.get("trigger");
    if (tr == null) {
      problems.error(path, m, "missing required key 'trigger'");
      ok = false;
    } else {
      Object v = binder.string(tr.value(), path + ".trigger");
      if (v instanceof String) {
        for (String t : ((String) v).split("\\|", -1)) {
          String name = t.strip();
          Optional<JobTrigger> trig = JobTrigger.fromYaml(name);
          if (trig.isEmpty()) {
            problems.error(path + ".trigger", tr.value(), "unknown trigger '" + name + "'"
                + Suggest.closest(name, TRIGGERS).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; expected one of: " + String.join(", ", TRIGGERS)));
            ok = false;
          } else {
            triggers.add(trig.get());
          }
        }
      } else {
        ok = false;
      }
    }

    JobConfig.Builder jb = JobConfig.builder(JobType.COPR_BUILD, JobTrigger.IGNORE).sourceIndex(index);
    Entry sbe = m.get("skip_build");
    if (sbe != null) {
      skipBuild = binder.bool(sbe.value(), path + ".skip_build");
    }
    ok &= skipBuild != Binder.INVALID;
    if (skipBuild instanceof Boolean) {
      jb.skipBuild((Boolean) skipBuild);
    }
    Entry mt = m.get("manual_trigger");
    if (mt != null) {
      Object v = binder.bool(mt.value(), path + ".manual_trigger");
      ok &= v != Binder.INVALID;
      if (v instanceof Boolean) {
        jb.manualTrigger((Boolean) v);
      }
    }
    for (String k : List.of("labels", "dependents", "dependencies")) {
      Entry e = m.get(k);
      if (e == null || Binder.isNull(e.value())) {
        continue;
      }
      Object v = binder.stringList(e.value(), path + "." + k);
      if (v == Binder.INVALID) {
        ok = false;
        continue;
      }
      @SuppressWarnings("unchecked")
      List<String> l = (List<String>) v;
      if (k.equals("labels")) {
        jb.labels(l);
      } else if (k.equals("dependents")) {
        jb.dependents(l);
      } else {
        jb.dependencies(l);
      }
    }
    Entry sg = m.get("sidetag_group");
    if (sg != null && !Binder.isNull(sg.value())) {
      Object v = binder.string(sg.value(), path + ".sidetag_group");
      ok &= v != Binder.INVALID;
      if (v instanceof String) {
        jb.sidetagGroup((String) v);
      }
    }
    Entry pk = m.get("package");
    if (pk != null) {
      problems.warning(path + ".package", pk.value(), "is internal to Packit and ignored; use 'packages'");
    }
    Entry pe = m.get("packages");
    if (pe != null && !Binder.isNull(pe.value())) {
      ok &= jobPackages(pe, path + ".packages", packageNames, jb);
    }
    jb.overrides(layer(common));
    if (!ok) {
      return List.of();
    }
    List<JobConfig> out = new ArrayList<>();
    for (JobTrigger t : triggers) {
      out.add(jb.type(type).trigger(t).build());
    }
    return out;
  }

  private boolean jobPackages(Entry pe, String path, Set<String> packageNames, JobConfig.Builder jb) {
    YNode v = pe.value();
    List<String> names = new ArrayList<>();
    Map<String, CommonConfig> overrides = new LinkedHashMap<>();
    boolean ok = true;
    if (v instanceof YSeq) {
      Object l = binder.stringList(v, path);
      if (l == Binder.INVALID) {
        return false;
      }
      @SuppressWarnings("unchecked")
      List<String> sl = (List<String>) l;
      names.addAll(sl);
    } else if (v instanceof YMap) {
      for (Entry e : ((YMap) v).entries()) {
        names.add(e.key());
        String p = path + "." + e.key();
        if (!(e.value() instanceof YMap)) {
          problems.error(p, e.value(), "expected a mapping of keys, got " + YNode.describe(e.value()));
          ok = false;
          continue;
        }
        overrides.put(e.key(), layer(binder.bindCommon((YMap) e.value(), p, true, Set.of(), List.of())));
      }
    } else {
      problems.error(path, v, "expected a list of package names or a mapping of package name to keys, got "
          + YNode.describe(v));
      return false;
    }
    Set<String> unknown = new LinkedHashSet<>(names);
    unknown.removeAll(packageNames);
    if (!unknown.isEmpty()) {
      problems.error(path, v, "undefined package(s) referenced: " + String.join(", ", unknown)
          + "; defined: " + String.join(", ", packageNames));
      ok = false;
    }
    if (v instanceof YSeq) {
      jb.packages(names);
    } else {
      jb.packages(overrides);
    }
    return ok;
  }

  private boolean metadata(Entry meta, YMap job, String path, Map<String, Object> common) {
    String mp = path + ".metadata";
    problems.warning(mp, meta.value(), "the 'metadata' block is deprecated; move its keys directly under the job");
    if (Binder.isNull(meta.value())) {
      return true;
    }
    if (!(meta.value() instanceof YMap)) {
      problems.error(mp, meta.value(), "expected a mapping, got " + YNode.describe(meta.value()));
      return false;
    }
    boolean ok = true;
    for (Entry e : ((YMap) meta.value()).entries()) {
      String key = e.key();
      String kp = mp + "." + key;
      if (key.equals("dist-git-branch") || key.equals("dist_git_branch")) {
        problems.add(dev.packit.core.config.ConfigProblem.Severity.WARNING, kp, e.line(), e.column(),
            "'" + key + "' was renamed to 'dist_git_branches'");
        key = "dist_git_branches";
      }
      if (!Keys.METADATA.contains(key)) {
        binder.unknownNested(e, kp, new ArrayList<>(Keys.METADATA));
        ok = false;
        continue;
      }
      if (job.get(key) != null) {
        problems.add(dev.packit.core.config.ConfigProblem.Severity.ERROR, kp, e.line(), e.column(),
            "'" + key + "' is set both in 'metadata' and on the job; mixing the obsolete metadata block with job keys "
                + "is not possible, remove the metadata block");
        ok = false;
        continue;
      }
      if (key.equals("skip_build")) {
        Object v = binder.bool(e.value(), kp);
        ok &= v != Binder.INVALID;
        common.put("skip_build", v);
        continue;
      }
      Object v = binder.bind(Keys.COMMON.get(key), e.value(), kp, true);
      if (v == Binder.INVALID) {
        ok = false;
      } else {
        common.put(key, v);
      }
    }
    return ok;
  }
}
