package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyFormsTest {
  static final PackitConfigLoader LOADER = PackitConfigLoader.builder().repositoryName("hello").build();

  static PackitConfig load(String yaml) {
    return LOADER.load(yaml, ".packit.yaml");
  }

  @Test
  void emptyFileGetsPackitDefaults() {
    PackitConfig c = load("");
    assertTrue(c.jobsDefaulted());
    assertEquals(List.of("copr_build@pull_request", "tests@pull_request", "propose_downstream@release"),
        c.jobs().stream().map(j -> j.type().yamlName() + "@" + j.trigger().yamlName()).toList());
    CommonConfig p = c.singlePackage();
    assertEquals(Optional.of("hello"), p.downstreamPackageName());
    assertEquals(Optional.of("hello"), p.upstreamPackageName());
    assertEquals(Optional.empty(), p.specfilePath());  // no repository to search, no explicit package name
    assertEquals("{version}", p.upstreamTagTemplate());
    assertEquals("", p.upstreamTagInclude());
    assertEquals("Source0", p.specSourceId());
    assertEquals(List.of("./"), p.paths());
    assertTrue(p.createPr());
    assertFalse(p.syncChangelog());
    assertTrue(p.createSyncNote());
    assertTrue(p.uploadSources());
    assertFalse(p.copyUpstreamReleaseDescription());
    assertEquals(List.of(), p.filesToSync());
    assertEquals(Map.of(), p.actions());
    assertEquals(Notifications.DEFAULT, p.notifications());
    assertEquals(List.of(Deployment.PROD), p.packitInstances());
    assertEquals(List.of("packit"), p.allowedPrAuthors());
    assertEquals(List.of(), p.allowedCommitters());
    assertEquals(List.of("packit"), p.allowedBuilders());
    assertEquals(7200, p.timeout());
    assertFalse(p.scratch());
    assertEquals(DistGitBranches.EMPTY, p.distGitBranches());
    assertEquals(Targets.EMPTY, p.targets());
    assertEquals(Optional.empty(), p.versionUpdateMask());
    assertTrue(p.prereleaseSuffixPattern().startsWith("([.\\-_~^]?)(alpha|beta|rc|pre(view)?)"));
    assertEquals(List.of("fedora-all"), c.jobViews(JobType.PROPOSE_DOWNSTREAM).get(0).config().distGitBranches().names());
  }

  @Test
  void emptyJobListDisablesJobs() {
    PackitConfig c = load("jobs: []\n");
    assertFalse(c.jobsDefaulted());
    assertEquals(List.of(), c.jobs());
  }

  @Test
  void explicitPackageNameGivesTheSpecPath() {
    CommonConfig p = load("downstream_package_name: python-hello\n").singlePackage();
    assertEquals(Optional.of("python-hello.spec"), p.specfilePath());
    assertEquals(Optional.of("hello"), p.upstreamPackageName());
  }

  @Test
  void filesToSyncInEveryForm() {
    PackitConfig c = load("files_to_sync:\n- hello.spec\n- src: [a, b/]\n  dest: dir/\n  mkpath: true\n  delete: yes\n"
        + "  filters: ['protect sources', '- *.tmp']\n- src: one\n  dest: two\n");
    assertEquals(List.of(FilesToSyncItem.of("hello.spec"),
        new FilesToSyncItem(List.of("a", "b/"), "dir/", true, true, List.of("protect sources", "- *.tmp")),
        new FilesToSyncItem(List.of("one"), "two", false, false, List.of())), c.singlePackage().filesToSync());
  }

  @Test
  void actionsInEveryForm() {
    CommonConfig p = load("actions:\n  post-upstream-clone: \"wget 'https://x/y z.spec' -O hello.spec\"\n"
        + "  pre-sync:\n  - echo one\n  - bash -c \"echo $PACKIT_PROJECT_VERSION\"\n"
        + "  get-current-version:\n  - [python3, setup.py, --version]\n").singlePackage();
    assertEquals(List.of("wget", "https://x/y z.spec", "-O", "hello.spec"),
        p.action(ActionName.POST_UPSTREAM_CLONE).orElseThrow().get(0).argv());
    assertEquals(List.of(List.of("echo", "one"), List.of("bash", "-c", "echo $PACKIT_PROJECT_VERSION")),
        p.action(ActionName.PRE_SYNC).orElseThrow().stream().map(ActionCommand::argv).toList());
    assertEquals(ActionCommand.ofArgv(List.of("python3", "setup.py", "--version")),
        p.action(ActionName.GET_CURRENT_VERSION).orElseThrow().get(0));
    assertEquals(Optional.empty(), p.action(ActionName.PREPARE_FILES));
  }

  @Test
  void distGitBranchesAsListStringAndMapping() {
    PackitConfig c = load("jobs:\n- job: propose_downstream\n  trigger: release\n  dist_git_branches: fedora-all\n"
        + "- job: pull_from_upstream\n  trigger: release\n  dist_git_branches:\n    rawhide:\n"
        + "      fast_forward_merge_into: [fedora-branched]\n    epel9: {}\n"
        + "- job: koji_build\n  trigger: commit\n  dist_git_branches: [fedora-all, epel-9]\n");
    List<JobView> v = c.jobViews();
    assertEquals(DistGitBranches.of("fedora-all"), v.get(0).config().distGitBranches());
    DistGitBranches m = v.get(1).config().distGitBranches();
    assertTrue(m.mappingForm());
    assertEquals(List.of("rawhide", "epel9"), m.names());
    assertEquals(List.of("fedora-branched"), m.fastForwardMergeInto("rawhide"));
    assertEquals(List.of(), m.fastForwardMergeInto("epel9"));
    assertEquals(List.of("fedora-all", "epel-9"), v.get(2).config().distGitBranches().names());
  }

  @Test
  void targetsAsListStringAndMapping() {
    PackitConfig c = load("targets:\n  centos-stream-9-x86_64:\n    distros: [centos-stream-9]\n"
        + "    additional_repos: [https://r]\n  fedora-all: {}\njobs:\n- job: copr_build\n  trigger: pull_request\n"
        + "  targets: fedora-stable\n- job: tests\n  trigger: pull_request\n");
    List<JobView> v = c.jobViews();
    assertEquals(Targets.of("fedora-stable"), v.get(0).config().targets());
    Targets t = v.get(1).config().targets();
    assertTrue(t.mappingForm());
    assertEquals(List.of("centos-stream-9"), t.entries().get("centos-stream-9-x86_64").distros());
    assertEquals(List.of("https://r"), t.entries().get("centos-stream-9-x86_64").additionalRepos());
    assertEquals(TargetOptions.NONE, t.entries().get("fedora-all"));
  }

  @Test
  void smallObjectsAndScalars() {
    CommonConfig p = load("spec_source_id: 1\nnotifications:\n  pull_request:\n    successful_build: true\n"
        + "  failure_comment:\n    message: 'see {logs_url}'\n  failure_issue:\n    create: false\n"
        + "sources:\n- path: a.tar.gz\n  url: https://x/a.tar.gz\npackit_instances: [prod, stg]\nbootstrap: 'off'\n"
        + "version_update_mask: '\\d+\\.\\d+\\.'\nversion_update_specifiers: '>=1.0, !=1.3.*, <2'\n"
        + "require:\n  label:\n    present: [ready]\n    absent: [hold]\ncreate_pr: 'false'\ntimeout: '60'\n"
        + "parse_time_macros:\n  with_x: 1\n  without_y:\nbodhi_extra_params:\n  stable_days: 3\n"
        + "dist_git_url: https://ignored\n").singlePackage();
    assertEquals("Source1", p.specSourceId());
    assertEquals(new Notifications(true, "see {logs_url}", false), p.notifications());
    assertEquals(List.of(new SourceItem("a.tar.gz", "https://x/a.tar.gz")), p.sources());
    assertEquals(List.of(Deployment.PROD, Deployment.STG), p.packitInstances());
    assertEquals(Optional.of(MockBootstrap.OFF), p.get("bootstrap"));
    assertEquals(Optional.of("\\d+\\.\\d+\\."), p.versionUpdateMask());
    VersionSpecifiers s = p.versionUpdateSpecifiers().orElseThrow();
    assertEquals(List.of(new VersionSpecifiers.Clause(">=", "1.0"), new VersionSpecifiers.Clause("!=", "1.3.*"),
        new VersionSpecifiers.Clause("<", "2")), s.clauses());
    assertEquals(new LabelRequirements(List.of("ready"), List.of("hold")), p.requiredLabels());
    assertFalse(p.createPr());
    assertEquals(60, p.timeout());
    Map<String, Object> macros = p.parseTimeMacros();
    assertEquals(1L, macros.get("with_x"));
    assertTrue(macros.containsKey("without_y") && macros.get("without_y") == null);
    assertEquals(Map.of("stable_days", 3L), p.bodhiExtraParams());
    assertFalse(p.isSet("dist_git_url"));
  }

  @Test
  void underscoreKeyHoldsAnchorsAndMergeKeysWork() {
    ConfigLoadResult r = LOADER.validate("_:\n  base: &base\n    job: koji_build\n    trigger: commit\n"
        + "    dist_git_branches: [fedora-all]\njobs:\n- <<: *base\n- <<: *base\n  dist_git_branches: [epel-9]\n"
        + "  trigger: koji_build\n", "a.yaml");
    assertTrue(r.valid(), r.errors().toString());
    List<JobConfig> jobs = r.config().orElseThrow().jobs();
    assertEquals(JobTrigger.COMMIT, jobs.get(0).trigger());
    assertEquals(List.of("fedora-all"), jobs.get(0).overrides().distGitBranches().names());
    assertEquals(JobTrigger.KOJI_BUILD, jobs.get(1).trigger());
    assertEquals(List.of("epel-9"), jobs.get(1).overrides().distGitBranches().names());
  }

  @Test
  void duplicateKeysKeepTheLastValueWithAWarning() {
    ConfigLoadResult r = LOADER.validate("specfile_path: a.spec\nspecfile_path: b.spec\n", "d.yaml");
    assertEquals(Optional.of("b.spec"), r.orThrow().singlePackage().specfilePath());
    assertEquals("d.yaml:2:1: specfile_path: warning: duplicate key; this value replaces the one on line 1",
        r.warnings().get(0).toString());
  }

  @Test
  void metadataBlockIsMergedWithWarnings() {
    ConfigLoadResult r = LOADER.validate("jobs:\n- job: propose_downstream\n  trigger: release\n  metadata:\n"
        + "    dist-git-branch: fedora-all\n    skip_build: true\n", "m.yaml");
    JobConfig job = r.orThrow().jobs().get(0);
    assertEquals(DistGitBranches.of("fedora-all"), job.overrides().distGitBranches());
    assertTrue(job.skipBuild());
    assertEquals(List.of(
        "m.yaml:5:5: jobs[0].metadata: warning: the 'metadata' block is deprecated; move its keys directly under the job",
        "m.yaml:5:5: jobs[0].metadata.dist-git-branch: warning: 'dist-git-branch' was renamed to 'dist_git_branches'"),
        r.warnings().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void yamlBooleansAndCrlfAreRead() {
    CommonConfig p = load("sync_changelog: True\r\ncreate_sync_note: no\r\nupstream_tag_template: v{version}\r\n")
        .singlePackage();
    assertTrue(p.syncChangelog());
    assertFalse(p.createSyncNote());
    assertEquals("v{version}", p.upstreamTagTemplate());
  }

  @Test
  void jsonSyntaxIsYaml() {
    PackitConfig c = load("{\"specfile_path\": \"x.spec\", \"jobs\": [{\"job\": \"koji_build\", \"trigger\": \"commit\"}]}");
    assertEquals(JobType.KOJI_BUILD, c.jobs().get(0).type());
  }
}
