package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {
  private static final PackitConfigLoader LOADER = PackitConfigLoader.builder().repositoryName("hello").build();

  static Stream<BadInputCases.Case> cases() {
    return BadInputCases.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheExactProblem(BadInputCases.Case c) {
    ConfigLoadResult r = LOADER.validate(c.yaml(), ".packit.yaml");
    assertFalse(r.valid(), c.name());
    assertTrue(r.config().isEmpty());
    assertEquals(c.expected(), r.errors().get(0).toString(), c.name());
    assertEquals(1, r.errors().size(), () -> c.name() + ": " + r.errors());
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> LOADER.load(c.yaml(), ".packit.yaml"));
    assertEquals(c.expected(), e.getMessage());
    assertEquals(r.errors().get(0).line(), e.location().line());
  }

  @Test
  void thereAreAtLeastThirtyDistinctBadInputs() {
    Set<String> yamls = new HashSet<>();
    Set<String> messages = new HashSet<>();
    for (BadInputCases.Case c : BadInputCases.cases()) {
      yamls.add(c.yaml());
      messages.add(c.expected());
    }
    assertTrue(yamls.size() >= 30 && messages.size() == BadInputCases.cases().size(), yamls.size() + " " + messages.size());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = "specfile_pth: x.spec\ncreate_pr: maybe\njobs:\n- job: propose_downstrem\n  trigger: relase\n"
        + "- job: koji_build\n  trigger: commit\n  dist_git_branches: [f41, 42]\n";
    ConfigLoadResult r = LOADER.validate(yaml, "p.yaml");
    List<String> got = r.errors().stream().map(ConfigProblem::toString).toList();
    assertEquals(List.of(
        "p.yaml:1:1: specfile_pth: unknown key 'specfile_pth'; did you mean 'specfile_path'?",
        "p.yaml:2:12: create_pr: expected true or false, got a string ('maybe')",
        "p.yaml:4:8: jobs[0].job: unknown job type 'propose_downstrem'; did you mean 'propose_downstream'?",
        "p.yaml:5:12: jobs[0].trigger: unknown trigger 'relase'; did you mean 'release'?",
        "p.yaml:8:28: jobs[1].dist_git_branches[1]: expected a string, got an integer (42); quote it: '42'"), got);
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> LOADER.load(yaml, "p.yaml"));
    assertEquals(5, e.errors().size());
    assertTrue(e.getMessage().endsWith("(5 errors)"), e.getMessage());
  }

  @Test
  void withoutARepositoryNameThePackageNameMustBeSet() {
    ConfigLoadResult r = PackitConfigLoader.builder().build().validate("specfile_path: a.spec\n", "x.yaml");
    assertEquals("x.yaml:1:1: downstream_package_name: not set, and no repository name is known to default it to; "
        + "set it, or give the loader the repository name", r.errors().get(0).toString());
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    ConfigLoadResult r = LOADER.validate(new byte[] {'a', ':', ' ', (byte) 0xff, '\n'}, "b.yaml");
    assertEquals("b.yaml:1:4: the file is not UTF-8 text", r.errors().get(0).toString());
  }
}
