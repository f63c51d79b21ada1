package dev.packit.core.config;

import static dev.packit.core.config.KeyFormsTest.LOADER;
import static dev.packit.core.config.KeyFormsTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InheritanceTest {

  private static final String MONOREPO = """
      upstream_tag_template: v{version}
      upstream_project_url: https://github.com/o/mono
      actions:
        pre-sync: echo top
        post-upstream-clone: echo top
      packages:
        lib:
          specfile_path: lib/lib.spec
          upstream_tag_template: lib-{version}
          upstream_project_url: https://ignored
          actions:
            pre-sync: echo lib
        cli:
          downstream_package_name: mono-cli
          paths: [cli]
      jobs:
      - job: propose_downstream
        trigger: release
        upstream_tag_template: job-{version}
        dist_git_branches: [fedora-all]
        packages:
          lib:
            dist_git_branches: [fedora-rawhide]
          cli: {}
      - job: koji_build
        trigger: commit | koji_build
        packages: [cli]
      - job: bodhi_update
        trigger: commit
      """;

  @Test
  void topLevelThenPackageThenJobThenJobPackageEntry() {
    PackitConfig c = load(MONOREPO);
    assertTrue(c.monorepo());
    CommonConfig lib = c.packageConfig("lib").orElseThrow();
    assertEquals("lib-{version}", lib.upstreamTagTemplate());          // package wins over top level
    assertEquals(Optional.of("lib"), lib.downstreamPackageName());     // defaults to the package key
    assertEquals(Optional.of("https://github.com/o/mono"), lib.upstreamProjectUrl());  // top-level URL wins
    CommonConfig cli = c.packageConfig("cli").orElseThrow();
    assertEquals("v{version}", cli.upstreamTagTemplate());             // inherited from the top level
    assertEquals(Optional.of("mono-cli.spec"), cli.specfilePath());
    assertEquals(List.of("cli"), cli.paths());

    List<JobView> propose = c.jobViews(JobType.PROPOSE_DOWNSTREAM);
    assertEquals(List.of("lib", "cli"), propose.stream().map(JobView::packageName).toList());
    assertEquals("job-{version}", propose.get(0).config().upstreamTagTemplate());   // job wins over package
    assertEquals(List.of("fedora-rawhide"), propose.get(0).config().distGitBranches().names());  // job's package entry wins
    assertEquals(List.of("fedora-all"), propose.get(1).config().distGitBranches().names());
    assertEquals("lib", propose.get(0).identifier());
  }

  @Test
  void actionsAreReplacedNotMerged() {
    PackitConfig c = load(MONOREPO);
    CommonConfig lib = c.packageConfig("lib").orElseThrow();
    assertEquals(List.of(ActionName.PRE_SYNC), List.copyOf(lib.actions().keySet()));
    assertEquals("echo lib", lib.action(ActionName.PRE_SYNC).orElseThrow().get(0).written());
    CommonConfig cli = c.packageConfig("cli").orElseThrow();
    assertEquals(List.of(ActionName.PRE_SYNC, ActionName.POST_UPSTREAM_CLONE), List.copyOf(cli.actions().keySet()));
  }

  @Test
  void multiTriggerJobsSplitAndPackageListsSelect() {
    PackitConfig c = load(MONOREPO);
    assertEquals(4, c.jobs().size());
    JobConfig commit = c.jobs().get(1);
    JobConfig kojiBuild = c.jobs().get(2);
    assertEquals(JobTrigger.COMMIT, commit.trigger());
    assertEquals(JobTrigger.KOJI_BUILD, kojiBuild.trigger());
    assertEquals(commit.sourceIndex(), kojiBuild.sourceIndex());
    assertEquals(commit, kojiBuild.toBuilder().trigger(JobTrigger.COMMIT).build());
    assertEquals(List.of("cli", "cli"), c.jobViews(JobType.KOJI_BUILD).stream().map(JobView::packageName).toList());
    assertEquals(List.of("lib", "cli"), c.jobViews(JobType.BODHI_UPDATE).stream().map(JobView::packageName).toList());
    assertEquals(3, c.jobViews("cli").stream().filter(v -> v.type() != JobType.PROPOSE_DOWNSTREAM).count());
    assertThrows(IllegalStateException.class, c::singlePackage);
  }

  @Test
  void topLevelDownstreamNameInMonorepoIsInheritedWithAWarning() {
    ConfigLoadResult r = LOADER.validate("downstream_package_name: containers-common\npackages:\n"
        + "  fedora:\n    pkg_tool: fedpkg\n  centos:\n    pkg_tool: centpkg\n    downstream_package_name: cc\n", "c.yaml");
    PackitConfig c = r.orThrow();
    assertEquals(Optional.of("containers-common"), c.packageConfig("fedora").orElseThrow().downstreamPackageName());
    assertEquals(Optional.of("cc"), c.packageConfig("centos").orElseThrow().downstreamPackageName());
    assertEquals(Optional.of("containers-common.spec"), c.packageConfig("fedora").orElseThrow().specfilePath());
    assertTrue(r.warnings().get(0).toString().startsWith("c.yaml:1:1: downstream_package_name: warning: with 'packages:', "
        + "Packit (packit#2320) ignores"), r.warnings().toString());
  }

  @Test
  void singlePackageConfigKeepsJobOverrides() {
    PackitConfig c = load("specfile_path: hello.spec\ncreate_pr: false\njobs:\n- job: propose_downstream\n"
        + "  trigger: release\n  create_pr: true\n  actions:\n    pre-sync: echo job\n");
    JobView v = c.jobViews().get(0);
    assertEquals("hello", v.packageName());
    assertTrue(v.config().createPr());
    assertEquals(Optional.of("hello.spec"), v.config().specfilePath());
    assertTrue(c.singlePackage().actions().isEmpty());
  }
}
