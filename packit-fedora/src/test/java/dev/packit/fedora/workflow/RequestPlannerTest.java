package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.JobType;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.forge.Forge;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReleaseWorkflow#plan} on a workflow missing what a job needs: a plan whose branches could
 * not be planned, naming the missing client, never a {@code NullPointerException}.
 */
class RequestPlannerTest {
  private static final ConfigText CONFIG = ConfigText.of("jobs:\n  - job: bodhi_update\n    trigger: commit\n",
      "rpms/hello@rawhide/.packit.yaml", "hello");

  private static ReleaseWorkflow workflow(Forge distGit, KojiClient koji, Path work) {
    ReleaseWorkflow.Builder b = ReleaseWorkflow.builder().distGit(distGit, URI.create("https://src.example.org/")).workDir(work);
    return koji == null ? b.build() : b.koji(koji).build();
  }

  @Test
  void bodhiAndKojiJobsOnAWorkflowWithoutThoseClientsFailTyped(@TempDir Path work) {
    Forge distGit = mock(Forge.class);
    ReleaseWorkflow wf = workflow(distGit, null, work);
    List<JobRequest> needing = List.of(
        new JobRequest.BodhiUpdateOnBuild("hello", List.of("f43"), CONFIG, 1, 0, "hello", "1.1", "1.fc43", "", "packit",
            "COMPLETE", "git+https://src.example.org/rpms/hello.git#c", "f43-candidate", false, "primary", ""),
        new JobRequest.BodhiUpdateOnRequest("hello", List.of("f43", "f42"), CONFIG, List.of(), "enhancement", "", "jane"),
        new JobRequest.SideTagUpdate("hello", List.of("f43"), CONFIG, "f43-build-side-1-g", "g", "hello-1.1-1.fc43"),
        new JobRequest.KojiBuildOnRequest("hello", List.of("f43"), CONFIG, false, "jane"),
        new JobRequest.SideTagBuild("hello", List.of("f43"), CONFIG, "f43-build-side-1-g", "g", "x-1-1.fc43"),
        new JobRequest.KojiBuildOnPush("hello", List.of("f43"), CONFIG, "rpms/hello", "f43", "a", "b", "jane", 0, "",
            Map.of("hello.spec", "M"), ""));
    for (JobRequest r : needing) {
      Plan plan = wf.plan(r);
      assertEquals(r.jobType(), plan.job());
      assertEquals(r.branches(), plan.branches().stream().map(BranchPlan::branch).toList());
      for (BranchPlan bp : plan.branches()) {
        assertTrue(bp.planningFailed(), plan.render());
        String client = r.jobType() == JobType.BODHI_UPDATE && !(r instanceof JobRequest.SideTagUpdate) ? "Bodhi" : "Koji";
        assertTrue(bp.skip().contains("this workflow has no " + client + " client"), bp.skip());
      }
    }
    verifyNoInteractions(distGit);
  }

  @Test
  void aServiceFailingWhilePlanningIsAFailedPlanNotAnException(@TempDir Path work) {
    Forge distGit = mock(Forge.class);
    when(distGit.branch(any(), any())).thenThrow(new PackitClientException("dist-git answered 503"));
    ReleaseWorkflow wf = workflow(distGit, mock(KojiClient.class), work);
    Plan plan = wf.plan(new JobRequest.SideTagBuild("hello", List.of("f43"),
        ConfigText.of("jobs:\n  - job: koji_build\n    trigger: koji_build\n    sidetag_group: g\n", "x", "hello"),
        "f43-build-side-1-g", "g", "x-1-1.fc43"));
    assertTrue(plan.branches().get(0).planningFailed(), plan.render());
    assertTrue(plan.branches().get(0).skip().contains("dist-git answered 503"), plan.render());
  }

  @Test
  void aPullFromUpstreamCommandWithoutAVersionFailsSayingSo(@TempDir Path work) {
    ReleaseWorkflow wf = workflow(mock(Forge.class), null, work);
    Plan plan = wf.plan(new JobRequest.PullFromUpstream("hello", List.of("rawhide"), CONFIG, "", List.of(), 0));
    assertTrue(plan.branches().get(0).skip().contains("no upstream version given"), plan.render());
  }
}
