package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.JobType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseWorkflowUnitTest {

  @Test
  void versionComesFromTheTagThroughTheTemplate() {
    assertEquals("1.2.0", ReleaseWorkflow.versionFromTag("1.2.0", "{version}"));
    assertEquals("1.2.0", ReleaseWorkflow.versionFromTag("v1.2.0", "v{version}"));
    assertEquals("2.0rc1", ReleaseWorkflow.versionFromTag("hello-2.0rc1", "{upstream_package_name}-{version}"));
    assertEquals("3.1", ReleaseWorkflow.versionFromTag("release/3.1", "release/{version}"));
    PackitClientException e = assertThrows(PackitClientException.class,
        () -> ReleaseWorkflow.versionFromTag("1.2.0", "v{version}"));
    assertEquals("tag '1.2.0' does not match upstream_tag_template 'v{version}'", e.getMessage());
  }

  @Test
  void aTagWhoseVersionRpmWouldRefuseOrExpandFailsNamingTheTag() {
    for (String tag : List.of("v1.1.0%(touch${IFS}pwned)", "v1.1.0%{lua:os.exit()}", "v1.1.0$(id)", "v1.1.0!",
        "v1..1", "v1.1 0", "v", "v1.1.0\u00e9")) {
      PackitClientException e = assertThrows(PackitClientException.class,
          () -> ReleaseWorkflow.versionFromTag(tag, "v{version}"), tag);
      assertTrue(e.getMessage().startsWith("tag '" + tag + "'"), e.getMessage());
    }
    // '-' is converted, not refused: 1.2-rc1 becomes 1.2~rc1, 1.2-1 becomes 1.2.1
    assertEquals("1.2-rc1", ReleaseWorkflow.versionFromTag("v1.2-rc1", "v{version}"));
  }

  @Test
  void branchPlanWarningsAreRenderedAndSerialized() {
    BranchPlan bp = BranchPlan.of("rawhide", List.of(new PlannedStep.DirectPush("rawhide")))
        .withWarnings(List.of("hello.spec line 7: Source0 still names version 1.0"));
    Plan plan = new Plan(JobType.PROPOSE_DOWNSTREAM, "hello", "1.1", "test", List.of(bp));
    assertTrue(plan.render().contains("    ! warning: hello.spec line 7: Source0 still names version 1.0\n"),
        plan.render());
    assertTrue(plan.toJson().contains("\"warnings\" : [ \"hello.spec line 7"), plan.toJson());
    assertEquals(List.of(), BranchPlan.of("f43", List.of(new PlannedStep.DirectPush("f43"))).warnings());
  }

  @Test
  void archiveNamesFollowRpm() {
    assertEquals("hello-1.0.tar.gz", TagVersions.fileNameOf("https://example.org/dl/hello-1.0.tar.gz"));
    assertEquals("hello-1.0.tar.gz", TagVersions.fileNameOf("https://github.com/o/hello/archive/v1.0.tar.gz#/hello-1.0.tar.gz"));
    assertEquals("x.zip", TagVersions.fileNameOf("https://example.org/get/x.zip?raw=true"));
  }

  @Test
  void planRendersStepsDiffsAndSkips() {
    PlannedStep.FileChange spec = new PlannedStep.FileChange("hello.spec", "Version: 1.1\n".getBytes(),
        "--- a/hello.spec\n+++ b/hello.spec\n@@ -1 +1 @@\n-Version: 1.0\n+Version: 1.1\n");
    Plan plan = new Plan(JobType.PROPOSE_DOWNSTREAM, "hello", "1.1", "release v1.1 of packit/hello", List.of(
        BranchPlan.of("rawhide", List.of(
            new PlannedStep.Upload("hello-1.1.tar.gz", 10, "ab".repeat(64), Path.of("/tmp/x")),
            new PlannedStep.Commit("rawhide-update-propose_downstream", "0123456789abcdef", "Update to 1.1 upstream release", List.of(spec)),
            new PlannedStep.PullRequest("rawhide-update-propose_downstream", "rawhide", "Update rawhide to upstream release 1.1", "body"))),
        BranchPlan.skipped("f42", "downgrade: f42 has 2.0, newer than 1.1"),
        BranchPlan.unplannable("f41", "dist-git has no branch f41")));
    String text = plan.render();
    assertTrue(text.startsWith("Plan: propose_downstream for hello 1.1 (release v1.1 of packit/hello)\n"), text);
    assertTrue(text.contains("  rawhide: 3 steps\n"), text);
    assertTrue(text.contains("+Version: 1.1"), text);
    assertTrue(text.contains("  f42: skip, downgrade: f42 has 2.0, newer than 1.1\n"), text);
    String json = plan.toJson();
    assertTrue(json.contains("\"skip\" : \"downgrade: f42 has 2.0, newer than 1.1\",\n    \"skipKind\" : \"rule\""), json);
    assertTrue(json.contains("\"skipKind\" : \"planning_failed\""), json);
    assertTrue(!json.contains("\"skipKind\" : \"none\""), "a planned branch has no skipKind: " + json);
    assertTrue(json.contains("\"sha512\" : \"" + "ab".repeat(64) + "\""), json);
    assertEquals(1, plan.branch("rawhide").orElseThrow().steps(PlannedStep.Upload.class).size());
  }

  @Test
  void branchPlanHasStepsOrAReason() {
    assertThrows(IllegalArgumentException.class, () -> new BranchPlan("f42", List.of(), ""));
    assertThrows(IllegalArgumentException.class, () -> new BranchPlan("f42",
        List.of(new PlannedStep.DirectPush("f42")), "why"));
  }

  @Test
  void gitCredentialsDefaultToAnonymousAndNullIsRefusedNamingTheBuilderMethod() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> ReleaseWorkflow.builder().gitCredentials(null));
    assertTrue(e.getMessage().contains("ReleaseWorkflow.Builder.gitCredentials"), e.getMessage());
  }
}
