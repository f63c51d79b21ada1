package dev.packit.testkit.canary;

import static dev.packit.testkit.canary.CanarySecretTest.CANARY;
import static dev.packit.testkit.canary.CanarySecretTest.assertNoCanary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary in the workflow's own output: plans ({@code render()}, {@code toJson()}), results and
 * {@code toString()}, when the dist-git git URL carries credentials (a common way to configure
 * git access) and the forge token is the canary.
 */
@Tag("integration")
class CanaryWorkflowTest {

  @Test
  void plansAndResultsNeverShowTheCredentialsOfTheGitUrl(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.pagure().owner("rpms/hello", "jane");
      URI gitBase = URI.create(sandbox.baseUri().resolve("git/").toString()
          .replace("://", "://packit:" + URLEncoder.encode(CANARY, StandardCharsets.UTF_8) + "@"));
      ReleaseWorkflow wf = hello.workflow(work).distGit(hello.distGit(), gitBase).build();
      StringBuilder seen = new StringBuilder(wf.toString()).append('\n');

      Plan plan = wf.planProposeDownstream(hello.releaseRequest());
      seen.append(plan.render()).append(plan.toJson()).append(plan);
      RunResult result = wf.apply(plan);
      seen.append(result);
      result.branches().forEach(b -> assertEquals(BranchOutcome.DONE, b.outcome(), b.toString()));

      PagureForge jane = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      for (PullRequest pr : jane.pullRequests(RepoId.of("rpms/hello"), PrState.OPEN).toList()) {
        jane.mergePullRequest(RepoId.of("rpms/hello"), pr.number());
      }
      List<DistGitPush> pushes = sandbox.messages().published().stream().map(e -> FedoraMessages.typed(e, "sandbox"))
          .filter(DistGitPush.class::isInstance).map(DistGitPush.class::cast)
          .filter(p -> p.fullName().equals("rpms/hello")).toList();
      assertTrue(!pushes.isEmpty(), "merges were pushed");
      Plan build = wf.planKojiBuild(pushes.get(0), hello.config(), "packit");
      seen.append(build.render()).append(build.toJson()).append(build);
      RunResult built = wf.apply(build);
      seen.append(built);
      assertEquals(BranchOutcome.DONE, built.branches().get(0).outcome(), built.toString());
      // Koji fetches the source itself: it must get a URL without the bot's credentials.
      String source = String.valueOf(sandbox.koji().tasks().get(0).get("request"));
      seen.append(source);

      assertNoCanary(seen.toString(), "plans, results and the Koji build source");
    }
  }
}
