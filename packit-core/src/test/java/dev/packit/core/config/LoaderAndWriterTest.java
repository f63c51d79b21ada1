package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.PackitClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderAndWriterTest {

  @Test
  void discoveryFollowsPackitsOrder(@TempDir Path repo) throws Exception {
    assertEquals(Optional.empty(), PackitConfigLoader.find(repo));
    Files.writeString(repo.resolve("packit.yml"), "specfile_path: d.spec\n");
    assertEquals(Optional.of(repo.resolve("packit.yml")), PackitConfigLoader.find(repo));
    Files.writeString(repo.resolve("packit.yaml"), "specfile_path: c.spec\n");
    Files.writeString(repo.resolve(".packit.yml"), "specfile_path: b.spec\n");
    assertEquals(Optional.of(repo.resolve(".packit.yml")), PackitConfigLoader.find(repo));
    Files.writeString(repo.resolve(".packit.yaml"), "specfile_path: a.spec\n");
    assertEquals(Optional.of(repo.resolve(".packit.yaml")), PackitConfigLoader.find(repo));
    assertEquals(Optional.of("a.spec"), PackitConfigLoader.defaults().load(repo).singlePackage().specfilePath());
    assertEquals(Optional.of("packit.yaml"), PackitConfigLoader.pick(List.of("README.md", "packit.yml", "packit.yaml")));
    assertEquals(Optional.empty(), PackitConfigLoader.pick(List.of("README.md")));
  }

  @Test
  void pathLoadsTakeTheRepositoryNameAndSearchForTheSpec(@TempDir Path tmp) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("hello-world"));
    Files.createDirectories(repo.resolve("rpm"));
    Files.writeString(repo.resolve("rpm/hello.spec"), "Name: hello\n");
    Files.createDirectories(repo.resolve("tests"));
    Files.writeString(repo.resolve("tests/a.spec"), "Name: a\n");
    Files.writeString(repo.resolve(".packit.yaml"), "jobs:\n- job: propose_downstream\n  trigger: release\n");
    PackitConfig c = PackitConfigLoader.defaults().load(repo.resolve(".packit.yaml"));
    CommonConfig p = c.singlePackage();
    assertEquals(Optional.of("hello-world"), p.downstreamPackageName());
    assertEquals(Optional.of("rpm/hello.spec"), p.specfilePath());
    assertEquals(Optional.of("hello-world"), c.repositoryName());
  }

  @Test
  void pathLoadWithoutAnySpecFailsLikePackit(@TempDir Path tmp) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("nospec"));
    Files.writeString(repo.resolve(".packit.yaml"), "jobs:\n- job: propose_downstream\n  trigger: release\n"
        + "- job: tests\n  trigger: pull_request\n  skip_build: true\n");
    ConfigLoadResult r = PackitConfigLoader.defaults().validate(repo);
    assertEquals(List.of(repo.resolve(".packit.yaml") + ":2:3: jobs[0].packages.nospec: 'specfile_path' is not "
        + "specified and no spec file was found in the repository"), r.errors().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void missingFileOrDirectoryWithoutConfigIsAClientError(@TempDir Path repo) {
    PackitClientException e = assertThrows(PackitClientException.class, () -> PackitConfigLoader.defaults().load(repo));
    assertTrue(e.getMessage().startsWith("no Packit config (.packit.yaml, .packit.yml, packit.yaml, packit.yml) in "), e.getMessage());
    assertThrows(PackitClientException.class, () -> PackitConfigLoader.defaults().load(repo.resolve("nope.yaml")));
  }

  @Test
  void aConfigBuiltInCodeIsWrittenAndReadBack() {
    PackitConfig built = PackitConfig.builder()
        .repositoryName("hello")
        .topLevel(CommonConfig.builder().specfilePath("hello.spec").upstreamTagTemplate("v{version}")
            .filesToSync(List.of(FilesToSyncItem.of("hello.spec"),
                new FilesToSyncItem(List.of("tests/"), "tests/", true, true, List.of("protect sources"))))
            .actions(Map.of(ActionName.POST_UPSTREAM_CLONE, List.of(ActionCommand.of("wget https://x/hello.spec"))))
            .set("version_update_specifiers", VersionSpecifiers.parse(">=2"))
            .set("notifications", new Notifications(true, "oops {logs_url}", false))
            .build())
        .addJob(JobConfig.builder(JobType.PULL_FROM_UPSTREAM, JobTrigger.RELEASE)
            .overrides(CommonConfig.builder().distGitBranches(
                DistGitBranches.mapping(Map.of("rawhide", List.of("fedora-branched")))).build())
            .build())
        .addJob(JobConfig.builder(JobType.KOJI_BUILD, JobTrigger.COMMIT).sidetagGroup("g").dependents(List.of("b"))
            .overrides(CommonConfig.builder().set("allowed_committers", List.of("me")).build()).build())
        .build();
    String yaml = built.toYaml();
    assertTrue(yaml.contains("upstream_tag_template: v{version}\n"), yaml);
    assertTrue(yaml.contains("- job: pull_from_upstream\n  trigger: release\n"), yaml);
    PackitConfig read = PackitConfigLoader.builder().repositoryName("hello").build().load(yaml, "generated.yaml");
    assertEquals(built.topLevel(), read.topLevel());
    assertEquals(built.jobs().stream().map(j -> j.toBuilder().sourceIndex(0).build()).toList(),
        read.jobs().stream().map(j -> j.toBuilder().sourceIndex(0).build()).toList());
  }

  @Test
  void builderChecksTypes() {
    assertThrows(IllegalArgumentException.class, () -> CommonConfig.builder().set("no_such_key", "x"));
    assertThrows(IllegalArgumentException.class, () -> CommonConfig.builder().set("create_pr", "yes"));
    assertThrows(IllegalArgumentException.class, () -> CommonConfig.builder().set("upstream_tag_template", null));
    assertEquals(Optional.empty(), CommonConfig.builder().set("specfile_path", null).build().specfilePath());
  }

  @Test
  void jsonSchemaCoversEveryKey() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(ConfigSchema.json());
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    JsonNode common = schema.get("$defs").get("common").get("properties");
    for (String key : CommonConfig.knownKeys()) {
      assertTrue(common.has(key), key);
    }
    assertEquals(CommonConfig.knownKeys().size(), common.size());
    JsonNode job = schema.get("$defs").get("job");
    assertEquals("[\"job\",\"trigger\"]", job.get("required").toString());
    assertEquals(JobType.values().length, job.get("properties").get("job").get("enum").size());
    assertTrue("commit | koji_build".matches(job.get("properties").get("trigger").get("pattern").asText()
        .replace("\\s", "\\s")));
    assertEquals(7200, common.get("timeout").get("default").asInt());
    assertFalse(schema.get("unevaluatedProperties").asBoolean());
  }
}
