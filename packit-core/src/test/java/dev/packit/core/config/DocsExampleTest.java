package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JShell example of docs/config.md, kept honest. */
class DocsExampleTest {
  @Test
  void jshellExampleBehavesAsDocumented() {
    var loader = PackitConfigLoader.builder().repositoryName("hello").build();
    var config = loader.load("""
        upstream_tag_template: v{version}
        specfile_path: hello.spec
        jobs:
        - job: propose_downstream
          trigger: release
          dist_git_branches: [fedora-all, epel-9]
        - job: koji_build
          trigger: commit | koji_build
        """, ".packit.yaml");
    assertEquals(3, config.jobs().size());
    var job = config.jobViews(JobType.PROPOSE_DOWNSTREAM).get(0);
    assertEquals(List.of("fedora-all", "epel-9"), job.config().distGitBranches().names());
    assertEquals(Optional.of("hello"), job.config().downstreamPackageName());
    var aliases = DistroAliases.from(FedoraReleases.fixed(List.of(
        new FedoraRelease("F41", "Fedora 41", "41", "FEDORA", "current", "f41", "f41", "f41-updates-candidate"),
        new FedoraRelease("F42", "Fedora 42", "42", "FEDORA", "current", "f42", "f42", "f42-updates-candidate"),
        new FedoraRelease("F43", "Fedora 43", "43", "FEDORA", "pending", "rawhide", "f43", "f43-updates-candidate"))));
    assertEquals(List.of("f41", "f42", "rawhide", "epel-9"),
        List.copyOf(aliases.branches(job.config().distGitBranches().names(), "rawhide")));
    var bad = loader.validate("jobs:\n- job: propose_downstrem\n  trigger: release\n", ".packit.yaml");
    assertEquals(".packit.yaml:2:8: jobs[0].job: unknown job type 'propose_downstrem'; did you mean 'propose_downstream'?",
        bad.errors().get(0).toString());
    assertEquals(Set.of(), Set.copyOf(loader.validate(config.toYaml(), "again").errors()));
  }
}
