package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.jobs.ConfigLocation;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.DispatchResult;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import dev.packit.forge.webhook.ReleaseEvent;
import dev.packit.forge.webhook.WebhookRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed road end to end on the sandbox, every job through its JSON form as a queue would carry
 * it: a release webhook proposes, the merge's push builds, a dist-git pull request's
 * {@code /packit koji-build} (a {@code ClassCastException} in the sample bot before) and
 * {@code /packit create-update} are planned, the finished build gets its update.
 */
@org.junit.jupiter.api.Tag("integration")
class TypedRoadSandboxTest {
  private static final RepoId HELLO = RepoId.of("rpms/hello");

  private static Plan planQueued(ReleaseWorkflow wf, JobRequest request) {
    return wf.plan(JobRequest.fromJson(request.toJson()));
  }

  private static BranchResult only(RunResult r) {
    assertEquals(1, r.branches().size(), r.toString());
    return r.branches().get(0);
  }

  private static List<FedoraMessage> published(FedoraSandbox sandbox) {
    return sandbox.messages().published().stream().map((MessageEnvelope e) -> FedoraMessages.typed(e, "sandbox")).toList();
  }

  private static FedoraMessage prComment(long id, String comment, String target) {
    Map<String, Object> pr = Map.of("id", id, "branch", target, "branch_from", "f43-update-propose_downstream", "title", "Update",
        "status", "Open", "project", Map.of("fullname", "rpms/hello"), "repo_from", Map.of("fullname", "forks/packit/rpms/hello"),
        "comments", List.of(Map.of("comment", comment, "user", Map.of("name", "jane"))));
    return FedoraMessages.typed(MessageEnvelope.of("org.fedoraproject.prod.pagure.pull-request.comment.added",
        "pagure.pull-request.comment.added", Map.of("agent", "jane", "pullrequest", pr)), "test");
  }

  @Test
  void fromAReleaseWebhookToABodhiUpdateOnTheTypedRoad(@TempDir Path work) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.pagure().owner("rpms/hello", "jane");
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      List<FedoraRelease> releases = hello.bodhi().releases(BodhiClient.ACTIVE_STATES).stream()
          .map(r -> new FedoraRelease(r.name(), r.longName(), r.version(), r.idPrefix(), r.state(), r.branch(), r.distTag(),
              r.candidateTag()))
          .toList();
      JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(releases), ConfigResolver.fedora());

      // 1. The release webhook: config read upstream at the tag, propose_downstream to every branch.
      Trigger release = Trigger.of(new ReleaseEvent(ForgeKind.GITHUB, "release", "published",
          new WebhookRepository("upstream", "hello", sandbox.baseUri().resolve("upstream/hello"), sandbox.gitUri(SandboxScenario.UPSTREAM)),
          hello.tag(), hello.releasedVersion(), hello.releaseNotesText(), false, false, "jane", "",
          sandbox.baseUri().resolve("upstream/hello/releases/" + hello.tag())));
      ConfigLocation upstreamAt = dispatcher.resolver().locate(release).orElseThrow();
      assertEquals(new ConfigLocation(SandboxScenario.UPSTREAM, false, hello.tag(), ""), upstreamAt);
      ConfigText upstreamConfig = upstreamAt.read(hello.upstreamForge()).orElseThrow();
      JobRequest propose = assertInstanceOf(JobRequest.ProposeDownstream.class,
          dispatcher.dispatch(release, upstreamConfig).requests().get(0));
      RunResult proposed = wf.apply(planQueued(wf, propose));
      assertTrue(proposed.succeeded(), proposed.toString());

      // dist-git's own config, where the dispatcher reads it for dist-git events
      hello.putDistGitConfig(hello.packitYaml(), work.resolve("cfg"));
      ConfigLocation distGitAt = dispatcher.resolver().forPackage("hello");
      ConfigText distGitConfig = distGitAt.read(hello.distGitForge()).orElseThrow();
      assertEquals("hello", distGitConfig.repositoryName());

      // 2. The maintainer merges the f43 PR; the push builds (the PR's author, packit, is asked of dist-git).
      PagureForge jane = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      PullRequest f43Pr = jane.pullRequests(HELLO, PrState.OPEN).filter(p -> p.targetBranch().equals("f43")).findFirst().orElseThrow();
      jane.mergePullRequest(HELLO, f43Pr.number());
      DistGitPush push = published(sandbox).stream().filter(DistGitPush.class::isInstance).map(DistGitPush.class::cast)
          .filter(p -> p.branch().equals("f43")).findFirst().orElseThrow();
      Trigger pushed = Trigger.of(push);
      assertEquals(distGitAt, dispatcher.resolver().locate(pushed).orElseThrow());
      JobRequest.KojiBuildOnPush build = assertInstanceOf(JobRequest.KojiBuildOnPush.class,
          dispatcher.dispatch(pushed, distGitConfig).requests().get(0));
      assertEquals(f43Pr.number(), build.pullRequestId());
      assertEquals("", build.pullRequestAuthor(), "the planner asks dist-git");
      BranchResult built = only(wf.apply(planQueued(wf, build)));
      assertEquals(BranchOutcome.DONE, built.outcome(), built.detail());
      assertEquals("hello-1.1.0-1.fc43", built.buildNvr().orElseThrow());

      // 3. "/packit koji-build" on the f43 pull request: a typed request, planned: the NVR is building.
      DispatchResult kojiBuild = dispatcher.dispatch(Trigger.of(prComment(f43Pr.number(), "/packit koji-build", "f43")), distGitConfig);
      JobRequest.KojiBuildOnRequest onRequest = assertInstanceOf(JobRequest.KojiBuildOnRequest.class, kojiBuild.requests().get(0));
      Plan again = planQueued(wf, onRequest);
      assertEquals("hello-1.1.0-1.fc43 is already building in Koji", again.branches().get(0).skip(), again.render());

      // 4. Koji finishes; the build's message asks for the update.
      sandbox.koji().advance(Duration.ofHours(1));
      KojiBuildStateChange complete = published(sandbox).stream().filter(KojiBuildStateChange.class::isInstance)
          .map(KojiBuildStateChange.class::cast).filter(c -> c.newState().name().equals("COMPLETE")).findFirst().orElseThrow();
      JobRequest.BodhiUpdateOnBuild update = assertInstanceOf(JobRequest.BodhiUpdateOnBuild.class,
          dispatcher.dispatch(Trigger.of(complete), distGitConfig).requests().get(0));
      BranchResult updated = only(wf.apply(planQueued(wf, update)));
      assertEquals(BranchOutcome.DONE, updated.outcome(), updated.detail());
      String alias = updated.updateAlias().orElseThrow();
      assertEquals(1, sandbox.bodhi().updates().size());

      // 5. "/packit create-update" afterwards finds that update: planned, skipped, nothing created.
      JobRequest createUpdate = dispatcher.dispatch(Trigger.of(prComment(f43Pr.number(), "/packit create-update", "f43")),
          distGitConfig).requests().get(0);
      assertInstanceOf(JobRequest.BodhiUpdateOnRequest.class, createUpdate);
      Plan noDuplicate = planQueued(wf, createUpdate);
      assertEquals("update " + alias + " already contains hello-1.1.0-1.fc43", noDuplicate.branches().get(0).skip(), noDuplicate.render());

      // A workflow built without Bodhi (as a bot without Bodhi settings) fails the update typed, no NPE.
      ReleaseWorkflow noBodhi = hello.workflow(work.resolve("nb")).bodhi(null).build();
      assertTrue(planQueued(noBodhi, update).branches().get(0).planningFailed());
      assertEquals(1, sandbox.bodhi().updates().size());
    }
  }
}
