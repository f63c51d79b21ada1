package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.Secret;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.jobs.ConfigLocation;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.DispatchResult;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.jobs.JobSkip;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.webhook.WebhookParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's "done when": every recorded webhook and fedora-messaging fixture goes parse → trigger
 * → dispatch → JSON (the queue) → {@code plan(JobRequest)} on a sandbox workflow, and on a
 * workflow without Koji and Bodhi, and ends in a plan or a typed skip: no cast, no NPE, no
 * exception out of the road.
 */
@org.junit.jupiter.api.Tag("integration")
class TypedRoadFixturesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /**
   * Every branch the fixtures name (two dist-git pull requests target feature branches), so that
   * the jobs get past the branch filter and on to planning.
   */
  private static final String BRANCHES = "[rawhide, f43, f42, f40, f39, f36, epel8, epel9, test-koji-downstream, packit-src-git]";

  /** A dist-git config with every job, for a package. */
  static String distGitYaml() {
    return "jobs:\n"
        + "  - job: pull_from_upstream\n    trigger: release\n    dist_git_branches: " + BRANCHES + "\n"
        + "  - job: koji_build\n    trigger: commit\n    dist_git_branches: " + BRANCHES + "\n"
        + "  - job: bodhi_update\n    trigger: commit\n    dist_git_branches: " + BRANCHES + "\n"
        + "  - job: koji_build\n    trigger: koji_build\n    sidetag_group: stack\n    dist_git_branches: " + BRANCHES + "\n"
        + "  - job: bodhi_update\n    trigger: koji_build\n    sidetag_group: stack\n    dist_git_branches: " + BRANCHES + "\n";
  }

  /** An upstream config proposing the release downstream. */
  static String upstreamYaml(String name) {
    return "upstream_package_name: " + name + "\ndownstream_package_name: " + name + "\njobs:\n"
        + "  - job: propose_downstream\n    trigger: release\n    dist_git_branches: [rawhide, f43]\n";
  }

  record Fixture(String name, Trigger trigger) {}

  /** Every webhook and message fixture, parsed to a trigger; a file that does not parse fails the test. */
  static List<Fixture> fixtures() throws IOException {
    List<Fixture> out = new ArrayList<>();
    WebhookParser parser = WebhookParser.create();
    for (Path p : list(Fixtures.dir("messages"), ".json")) {
      out.add(new Fixture("messages/" + p.getFileName(), Trigger.of(FedoraMessages.parse(Files.readString(p), p.toString()))));
    }
    for (Path p : list(Fixtures.dir("forgejo/webhooks"), ".json")) {
      String name = p.getFileName().toString();
      if (name.endsWith(".meta.json")) {
        continue;
      }
      if (name.startsWith("fedmsg_")) {
        out.add(new Fixture("forgejo/webhooks/" + name, Trigger.of(FedoraMessages.parse(Files.readString(p), p.toString()))));
        continue;
      }
      JsonNode meta = MAPPER.readTree(p.resolveSibling(name.replaceFirst("\\.json$", ".meta.json")).toFile());
      String event = meta.path("event").asText(meta.path("headers").path("X-Forgejo-Event").asText());
      assertFalse(event.isEmpty(), "no event in the meta file of " + name);
      out.add(new Fixture("forgejo/webhooks/" + name, Trigger.of(parser.parse(ForgeKind.FORGEJO, event, Files.readAllBytes(p), name))));
    }
    for (Path p : list(Fixtures.dir("github"), ".json")) {
      String name = p.getFileName().toString();
      if (name.startsWith("webhook_")) {
        out.add(new Fixture("github/" + name, Trigger.of(parser.parse(ForgeKind.GITHUB, gitHubEvent(name), Files.readAllBytes(p), name))));
      }
    }
    for (Path p : list(Fixtures.dir("gitlab"), ".json")) {
      String name = p.getFileName().toString();
      if (name.startsWith("webhook_")) {
        out.add(new Fixture("gitlab/" + name, Trigger.of(parser.parse(ForgeKind.GITLAB, gitLabEvent(name), Files.readAllBytes(p), name))));
      }
    }
    return out;
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** X-GitHub-Event of a recorded payload, from what the file records. */
  private static String gitHubEvent(String file) {
    for (String e : List.of("check_run", "installation", "issue_comment", "pull_request", "push", "release")) {
      if (file.startsWith("webhook_" + e)) {
        return e;
      }
    }
    return file.contains("issue") ? "issue_comment" : "unknown";
  }

  private static String gitLabEvent(String file) {
    if (file.contains("release")) {
      return "Release Hook";
    } else if (file.contains("tag_push")) {
      return "Tag Push Hook";
    } else if (file.contains("push")) {
      return "Push Hook";
    } else if (file.contains("merge_request")) {
      return "Merge Request Hook";
    }
    return "Note Hook";
  }

  @Test
  void everyFixtureEndsInAPlanOrATypedSkip(@TempDir Path work) throws IOException {
    List<Fixture> fixtures = fixtures();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow full = hello.workflow(work.resolve("full")).build();
      // As Bot.fromEnvironment builds it when Koji and Bodhi are not configured.
      ReleaseWorkflow bare = ReleaseWorkflow.builder().upstream(hello.upstreamForge())
          .distGit(hello.distGitForge(), sandbox.baseUri().resolve("git/")).botUser(SandboxScenario.BOT)
          .gitCredentials(GitCredentials.token(SandboxScenario.BOT, Secret.of(sandbox.pagure().token(SandboxScenario.BOT))))
          .downloads(hello.downloads()).allowInsecureDownloadHosts(List.of(sandbox.baseUri().getHost()))
          .workDir(work.resolve("bare")).build();
      List<FedoraRelease> releases = hello.bodhi().releases(BodhiClient.ACTIVE_STATES).stream()
          .map(r -> new FedoraRelease(r.name(), r.longName(), r.version(), r.idPrefix(), r.state(), r.branch(), r.distTag(),
              r.candidateTag()))
          .toList();
      JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(releases), "rawhide");

      Map<String, Integer> outcomes = new TreeMap<>();
      Map<String, Integer> kinds = new TreeMap<>();
      int requests = 0;
      for (Fixture f : fixtures) {
        DispatchResult result;
        try {
          ConfigText config = dispatcher.resolver().locate(f.trigger()).map(TypedRoadFixturesTest::configAt)
              .orElse(ConfigText.of(upstreamYaml("hello"), "no config location for " + f.name(), ""));
          result = dispatcher.dispatch(f.trigger(), config);
        } catch (RuntimeException e) {
          throw new AssertionError(f.name() + ": dispatch threw", e);
        }
        System.out.println(f.name() + " -> " + result.requests().stream().map(r -> r.kind() + "/" + r.on() + " " + r.branches()).toList()
            + " " + result.skips().stream().map(JobSkip::describe).toList());
        for (JobSkip skip : result.skips()) {
          outcomes.merge("skip " + skip.reason(), 1, Integer::sum);
        }
        for (JobRequest request : result.requests()) {
          requests++;
          kinds.merge(request.kind() + "/" + request.on(), 1, Integer::sum);
          JobRequest queued = JobRequest.fromJson(request.toJson());
          assertEquals(request, queued, f.name());
          for (ReleaseWorkflow wf : List.of(full, bare)) {
            Plan plan;
            try {
              plan = wf.plan(queued);
            } catch (RuntimeException e) {
              throw new AssertionError(f.name() + ": plan(" + request.kind() + "/" + request.on() + ") threw on the "
                  + (wf == full ? "sandbox" : "bare") + " workflow", e);
            }
            assertNotNull(plan);
            assertEquals(request.jobType(), plan.job(), f.name());
            assertFalse(plan.branches().isEmpty(), f.name() + "\n" + plan.render());
            outcomes.merge((wf == full ? "sandbox" : "bare") + " plan " + outcome(plan), 1, Integer::sum);
            if (wf == bare && request.jobType() != dev.packit.core.config.JobType.PROPOSE_DOWNSTREAM
                && request.jobType() != dev.packit.core.config.JobType.PULL_FROM_UPSTREAM) {
              assertTrue(plan.branches().stream().allMatch(BranchPlan::planningFailed), f.name() + "\n" + plan.render());
            }
          }
        }
        if (result.requests().isEmpty() && result.skips().isEmpty()) {
          fail(f.name() + ": neither a request nor a skip");
        }
      }
      System.out.println("typed road over " + fixtures.size() + " fixtures: " + requests + " requests " + kinds + "; " + outcomes);
      assertEquals(62, fixtures.size(), "a fixture was added or lost: count it here on purpose");
      // What the recorded traffic starts; a dispatch rule lost or changed shows here.
      assertEquals(Map.of("bodhi_update/build", 10, "koji_build/push", 4, "koji_build/request", 2,
          "propose_downstream/release", 5, "pull_from_upstream/new_version", 1), kinds, outcomes.toString());
      assertEquals(Map.of("skip BRANCH_NOT_CONFIGURED", 2, "skip IGNORED_ACTION", 8, "skip NOT_APPLICABLE", 4,
          "skip NOT_A_JOB_EVENT", 22, "skip NO_COMMAND", 4,
          // the sandbox has rpms/hello only: the fixtures' packages and upstream repositories are not
          // there (a failed plan); python-ogr's and packit's complete builds by packit get an update
          "sandbox plan with steps", 4, "sandbox plan skipped", 10, "sandbox plan failed", 8,
          // without Koji and Bodhi (and without the fixtures' repositories) nothing can be planned
          "bare plan failed", 22), outcomes);
    }
  }

  private static String outcome(Plan plan) {
    if (plan.branches().stream().allMatch(BranchPlan::planningFailed)) {
      return "failed";
    } else if (plan.branches().stream().anyMatch(b -> !b.steps().isEmpty())) {
      return "with steps";
    }
    return "skipped";
  }

  /** The config the bot would read there: every job for a dist-git package, propose_downstream upstream. */
  private static ConfigText configAt(ConfigLocation where) {
    String name = where.repository().substring(where.repository().lastIndexOf('/') + 1);
    return where.distGit()
        ? ConfigText.of(distGitYaml(), where.repository() + "@" + where.ref() + "/.packit.yaml", where.repositoryName())
        : ConfigText.of(upstreamYaml(name), where.repository() + "@" + where.ref() + "/.packit.yaml", "");
  }
}
