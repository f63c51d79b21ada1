package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.jobs.ConfigLocation;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.jobs.DispatchResult;
import dev.packit.fedora.jobs.JobRequest;
import dev.packit.fedora.jobs.JobSkip;
import dev.packit.fedora.jobs.Trigger;
import dev.packit.fedora.koji.KojiBuildState;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.KojiTag;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Release;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.OtherEvent;
import dev.packit.forge.webhook.ReleaseEvent;
import dev.packit.forge.webhook.WebhookRepository;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The typed road's dispatch: every rule of the event-to-job table, as requests or typed skips. */
class JobDispatcherTest {
  private final JobDispatcher dispatcher = new JobDispatcher(DistroAliases.from(List.of()), ConfigResolver.fedora());
  private static final String UPSTREAM_YAML = "upstream_package_name: hello\ndownstream_package_name: hello\njobs:\n"
      + "  - job: propose_downstream\n    trigger: release\n    dist_git_branches: [rawhide, f43]\n";
  private static final String DIST_GIT_YAML = "jobs:\n"
      + "  - job: pull_from_upstream\n    trigger: release\n    dist_git_branches: [rawhide, f43]\n"
      + "  - job: koji_build\n    trigger: commit\n    dist_git_branches: [rawhide, f43]\n"
      + "  - job: bodhi_update\n    trigger: commit\n    dist_git_branches: [f43]\n";
  private static final String SIDE_TAG_YAML = "jobs:\n"
      + "  - job: koji_build\n    trigger: koji_build\n    sidetag_group: hello-stack\n    dependencies: [hello]\n"
      + "    dist_git_branches: [f43]\n"
      + "  - job: bodhi_update\n    trigger: koji_build\n    sidetag_group: hello-stack\n    dependencies: [hello]\n"
      + "    dist_git_branches: [f43]\n";

  private static ConfigText upstream() {
    return ConfigText.of(UPSTREAM_YAML, "upstream/hello@v1.1.0/.packit.yaml", "");
  }

  private static ConfigText distGit(String pkg, String yaml) {
    return ConfigText.of(yaml, "rpms/" + pkg + "@rawhide/.packit.yaml", pkg);
  }

  private static final WebhookRepository REPO = new WebhookRepository("upstream", "hello",
      URI.create("https://github.com/upstream/hello"), URI.create("https://github.com/upstream/hello.git"));

  private static ReleaseEvent release(String action, boolean draft) {
    return new ReleaseEvent(ForgeKind.GITHUB, "release", action, REPO, "v1.1.0", "1.1.0", "Greets louder.", false, draft,
        "jane", "c0ffee", URI.create("https://github.com/upstream/hello/releases/v1.1.0"));
  }

  private static CommentEvent comment(String action, String body) {
    return new CommentEvent(ForgeKind.GITHUB, "issue_comment", action, REPO, 7, false, 70, body, "jane", "COLLABORATOR",
        URI.create("https://github.com/upstream/hello/issues/7#c70"));
  }

  static FedoraMessage prComment(String action, String comment, String target) {
    Map<String, Object> pr = Map.of("id", 3, "branch", target, "branch_from", "update", "title", "Update",
        "status", "Open", "project", Map.of("fullname", "rpms/hello"), "repo_from", Map.of("fullname", "rpms/hello"),
        "comments", List.of(Map.of("comment", comment, "user", Map.of("name", "packager"))));
    return FedoraMessages.typed(MessageEnvelope.of("org.fedoraproject.prod.pagure.pull-request." + action,
        "pagure.pull-request." + action, Map.of("agent", "packager", "pullrequest", pr)), "test");
  }

  static DistGitPush push(String branch, Long pr) {
    return new DistGitPush(new MessageEnvelope("m-1", "org.fedoraproject.prod.pagure.git.receive", Map.of(), Map.of()), "rpms",
        "hello", "rpms/hello", branch, "aaa", "bbb", "ccc", 1, false, "jane", pr, Map.of("hello.spec", "M"), List.of("jane"));
  }

  static KojiBuildStateChange build(KojiBuildState state, String target, String method) {
    return new KojiBuildStateChange(new MessageEnvelope("m-2", "org.fedoraproject.prod.buildsys.build.state.change", Map.of(), Map.of()),
        1234, 99L, "hello", "1.1.0", "1.fc43", null, "packit", KojiBuildState.BUILDING, state,
        "git+https://src.fedoraproject.org/rpms/hello.git#ccc", target, false, method, null, null, "primary");
  }

  static KojiTag tag(String tag, String name) {
    return new KojiTag(new MessageEnvelope("m-3", "org.fedoraproject.prod.buildsys.tag", Map.of(), Map.of()), tag, 5, 1234,
        name, "1.1.0", "1.fc43", "packit", "packit", "primary");
  }

  private static FedoraMessage fixture(String name) throws IOException {
    return FedoraMessages.parse(Files.readString(Fixtures.file("messages/" + name)), name);
  }

  private static JobSkip onlySkip(DispatchResult result) {
    assertEquals(List.of(), result.requests());
    assertEquals(1, result.skips().size(), result.skips().toString());
    return result.skips().get(0);
  }

  @Test
  void aPublishedReleaseProposesDownstreamWithEverythingTheWebhookSaid() {
    DispatchResult result = dispatcher.dispatch(Trigger.of(release("published", false)), upstream());
    JobRequest.ProposeDownstream r = assertInstanceOf(JobRequest.ProposeDownstream.class, result.requests().get(0));
    assertEquals(List.of("rawhide", "f43"), r.branches());
    assertEquals("hello", r.packageName());
    assertEquals(List.of("github", "upstream/hello", "v1.1.0", "c0ffee", "Greets louder.", 0L),
        List.of(r.upstreamForge(), r.upstreamRepository(), r.tag(), r.commitSha(), r.releaseNotes(), r.reportIssue()));
    assertEquals(upstream(), r.config(), "the request carries the text as read");
    assertEquals(Optional.of(new ConfigLocation("upstream/hello", false, "c0ffee", "")),
        dispatcher.resolver().locate(Trigger.of(release("published", false))));

    assertEquals(JobSkip.Reason.IGNORED_ACTION, onlySkip(dispatcher.dispatch(Trigger.of(release("published", true)), upstream())).reason());
    assertEquals(JobSkip.Reason.IGNORED_ACTION, onlySkip(dispatcher.dispatch(Trigger.of(release("edited", false)), upstream())).reason());
  }

  @Test
  void aCommentCommandProposesTheReleaseTheCallerLookedUp() {
    CommentEvent c = comment("created", "/packit propose-downstream");
    Release latest = new Release("v1.1.0", "1.1.0", "Greets louder.", false, false, null, null, null, null);
    JobRequest.ProposeDownstream r = assertInstanceOf(JobRequest.ProposeDownstream.class,
        dispatcher.dispatch(Trigger.command(c, latest), upstream()).requests().get(0));
    assertEquals(List.of("v1.1.0", "", "Greets louder.", 7L), List.of(r.tag(), r.commitSha(), r.releaseNotes(), r.reportIssue()));
    assertEquals("v1.1.0", dispatcher.resolver().locate(Trigger.command(c, latest)).orElseThrow().ref());

    // As a bare webhook the release is unknown: a typed skip that says what to do.
    JobSkip bare = onlySkip(dispatcher.dispatch(Trigger.of(c), upstream()));
    assertEquals(JobSkip.Reason.NOT_APPLICABLE, bare.reason());
    assertTrue(bare.detail().contains("Trigger.command"), bare.detail());
    assertEquals(JobSkip.Reason.IGNORED_ACTION, onlySkip(dispatcher.dispatch(Trigger.command(comment("edited", "/packit propose-downstream"), latest), upstream())).reason());
    assertEquals(JobSkip.Reason.NO_COMMAND, onlySkip(dispatcher.dispatch(Trigger.of(comment("created", "thanks!")), upstream())).reason());
    assertEquals(JobSkip.Reason.NO_COMMAND, onlySkip(dispatcher.dispatch(Trigger.of(comment("created", "/packit koji-build")), upstream())).reason());
    assertEquals(JobSkip.Reason.NO_COMMAND, onlySkip(dispatcher.dispatch(Trigger.of(comment("created", "/packit propose-downstream --bogus")), upstream())).reason());
  }

  @Test
  void theNewHotnessAndAnityaPullFromUpstream() throws IOException {
    FedoraMessage hotness = fixture("packit-service__new_hotness_update.json");
    assertEquals(Optional.of(new ConfigLocation("rpms/redis", true, "rawhide", "redis")), dispatcher.resolver().locate(Trigger.of(hotness)));
    JobRequest.PullFromUpstream r = assertInstanceOf(JobRequest.PullFromUpstream.class,
        dispatcher.dispatch(Trigger.of(hotness), distGit("redis", DIST_GIT_YAML)).requests().get(0));
    assertEquals("redis", r.packageName());
    assertEquals(List.of("rhbz#2106196"), r.resolvedBugs());
    assertTrue(!r.version().isEmpty() && r.anityaProjectId() > 0, r.toString());
    assertEquals(List.of("rawhide", "f43"), r.branches());

    // mapped to CentOS only: no Fedora package to update
    FedoraMessage anitya = fixture("packit-service__anitya_version_update.json");
    assertEquals(Optional.empty(), dispatcher.resolver().locate(Trigger.of(anitya)));
    assertEquals(JobSkip.Reason.NOT_APPLICABLE, onlySkip(dispatcher.dispatch(Trigger.of(anitya), distGit("redis", DIST_GIT_YAML))).reason());
  }

  @Test
  void distGitPullRequestCommentsRequestTheirJobOnTheTargetBranch() {
    ConfigText cfg = distGit("hello", DIST_GIT_YAML);
    JobRequest.KojiBuildOnRequest build = assertInstanceOf(JobRequest.KojiBuildOnRequest.class,
        dispatcher.dispatch(Trigger.of(prComment("comment.added", "/packit koji-build", "f43")), cfg).requests().get(0));
    assertEquals(List.of("hello", List.of("f43"), false, "packager"),
        List.of(build.packageName(), build.branches(), build.scratch(), build.requestedBy()));

    JobRequest.BodhiUpdateOnRequest update = assertInstanceOf(JobRequest.BodhiUpdateOnRequest.class,
        dispatcher.dispatch(Trigger.of(prComment("comment.added", "/packit create-update", "f43")), cfg).requests().get(0));
    assertEquals(List.of("f43"), update.branches());
    assertEquals(List.of(), update.builds());

    JobRequest.PullFromUpstream pull = assertInstanceOf(JobRequest.PullFromUpstream.class, dispatcher.dispatch(
        Trigger.of(prComment("comment.added", "/packit pull-from-upstream --version 2.0 --resolve-bug rhbz#1,rhbz#2", "rawhide")),
        cfg).requests().get(0));
    assertEquals(List.of("2.0", List.of("rhbz#1", "rhbz#2")), List.of(pull.version(), pull.resolvedBugs()));

    // "main" is the default branch; a branch no job has is a typed skip
    assertEquals(List.of("rawhide"), dispatcher.dispatch(Trigger.of(prComment("comment.added", "/packit koji-build", "main")), cfg)
        .requests().get(0).branches());
    assertEquals(JobSkip.Reason.BRANCH_NOT_CONFIGURED,
        onlySkip(dispatcher.dispatch(Trigger.of(prComment("comment.added", "/packit koji-build", "f40")), cfg)).reason());
    assertEquals(JobSkip.Reason.IGNORED_ACTION,
        onlySkip(dispatcher.dispatch(Trigger.of(prComment("comment.edited", "/packit koji-build", "f43")), cfg)).reason());
    assertEquals(JobSkip.Reason.NO_COMMAND,
        onlySkip(dispatcher.dispatch(Trigger.of(prComment("comment.added", "/packit propose-downstream", "f43")), cfg)).reason());
    assertEquals(JobSkip.Reason.NO_COMMAND,
        onlySkip(dispatcher.dispatch(Trigger.of(prComment("comment.added", "LGTM", "f43")), cfg)).reason());
  }

  @Test
  void aCommentAnsweredByTwoJobsOfOneTypeIsOneRequest() {
    ConfigText cfg = distGit("hello", DIST_GIT_YAML + "  - job: koji_build\n    trigger: koji_build\n    sidetag_group: g\n"
        + "    dist_git_branches: [f43]\n");
    DispatchResult result = dispatcher.dispatch(Trigger.of(prComment("comment.added", "/packit koji-build", "f43")), cfg);
    assertEquals(1, result.requests().size(), result.toString());
  }

  @Test
  void aDistGitPushBuildsInKoji() {
    ConfigText cfg = distGit("hello", DIST_GIT_YAML);
    JobRequest.KojiBuildOnPush r = assertInstanceOf(JobRequest.KojiBuildOnPush.class,
        dispatcher.dispatch(Trigger.of(push("main", 12L)), cfg).requests().get(0));
    assertEquals(List.of("rawhide"), r.branches());
    assertEquals(List.of("hello", "rpms/hello", "main", "aaa", "ccc", "jane", 12L, "", "m-1"), List.of(r.packageName(),
        r.repository(), r.branch(), r.oldCommit(), r.endCommit(), r.agent(), r.pullRequestId(), r.pullRequestAuthor(), r.messageId()));
    assertEquals(Map.of("hello.spec", "M"), r.changedFiles());
    assertEquals(0, r.withPullRequestAuthor("x").pullRequestId() - 12);
    assertEquals(JobSkip.Reason.BRANCH_NOT_CONFIGURED, onlySkip(dispatcher.dispatch(Trigger.of(push("f40", null)), cfg)).reason());
    assertEquals(JobSkip.Reason.NOT_CONFIGURED, onlySkip(dispatcher.dispatch(Trigger.of(push("f43", null)), distGit("hello", "jobs: []\n"))).reason());
  }

  @Test
  void aCompleteKojiBuildAsksForABodhiUpdate() {
    ConfigText cfg = distGit("hello", DIST_GIT_YAML);
    JobRequest.BodhiUpdateOnBuild r = assertInstanceOf(JobRequest.BodhiUpdateOnBuild.class,
        dispatcher.dispatch(Trigger.of(build(KojiBuildState.COMPLETE, "f43-candidate", "build")), cfg).requests().get(0));
    assertEquals(List.of("f43"), r.branches());
    assertEquals("hello-1.1.0-1.fc43", r.nvr());
    assertEquals(List.of(1234L, 99L, "", "COMPLETE", "f43-candidate", "m-2"),
        List.of(r.buildId(), r.taskId(), r.epoch(), r.state(), r.target(), r.messageId()));
    assertEquals(Optional.of(new ConfigLocation("rpms/hello", true, "rawhide", "hello")),
        dispatcher.resolver().locate(Trigger.of(build(KojiBuildState.COMPLETE, "f43-candidate", "build"))));
    assertEquals(JobSkip.Reason.IGNORED_ACTION,
        onlySkip(dispatcher.dispatch(Trigger.of(build(KojiBuildState.DELETED, "f43-candidate", "build")), cfg)).reason());
    assertEquals(JobSkip.Reason.IGNORED_ACTION,
        onlySkip(dispatcher.dispatch(Trigger.of(build(KojiBuildState.COMPLETE, "f43-candidate", "image")), cfg)).reason());
    assertEquals(JobSkip.Reason.BRANCH_NOT_CONFIGURED,
        onlySkip(dispatcher.dispatch(Trigger.of(build(KojiBuildState.COMPLETE, "rawhide", "build")), cfg)).reason());
  }

  @Test
  void aBuildInAGroupsSideTagStartsTheDependentsBuildsAndTheGroupsUpdate() {
    KojiTag tagged = tag("f43-build-side-7-hello-stack", "hello");
    DispatchResult plugins = dispatcher.dispatch(Trigger.of(tagged), distGit("hello-plugins", SIDE_TAG_YAML));
    assertEquals(2, plugins.requests().size(), plugins.toString());
    JobRequest.SideTagBuild b = assertInstanceOf(JobRequest.SideTagBuild.class, plugins.requests().get(0));
    assertEquals(List.of("hello-plugins", List.of("f43"), "f43-build-side-7-hello-stack", "hello-stack", "hello-1.1.0-1.fc43"),
        List.of(b.packageName(), b.branches(), b.sideTag(), b.group(), b.taggedBuild()));
    JobRequest.SideTagUpdate u = assertInstanceOf(JobRequest.SideTagUpdate.class, plugins.requests().get(1));
    assertEquals("hello-stack", u.group());

    // the tagged package itself is not rebuilt; its update still runs
    DispatchResult hello = dispatcher.dispatch(Trigger.of(tagged), distGit("hello", SIDE_TAG_YAML));
    assertEquals(List.of(JobRequest.SideTagUpdate.class), hello.requests().stream().map(Object::getClass).toList());
    assertEquals(JobSkip.Reason.NOT_APPLICABLE,
        onlySkip(dispatcher.dispatch(Trigger.of(tag("f43-build-side-7", "hello")), distGit("hello", SIDE_TAG_YAML))).reason());
    assertEquals(JobSkip.Reason.NOT_APPLICABLE,
        onlySkip(dispatcher.dispatch(Trigger.of(tag("f43-updates-candidate", "hello")), distGit("hello", SIDE_TAG_YAML))).reason());
    assertEquals(JobSkip.Reason.NOT_CONFIGURED,
        onlySkip(dispatcher.dispatch(Trigger.of(tagged), distGit("hello", DIST_GIT_YAML))).reason());
    assertEquals(new ConfigLocation("rpms/hello-plugins", true, "rawhide", "hello-plugins"), dispatcher.resolver().forPackage("hello-plugins"));
  }

  @Test
  void eventsNoJobReactsToAreTypedSkips() throws IOException {
    assertEquals(JobSkip.Reason.NOT_A_JOB_EVENT,
        onlySkip(dispatcher.dispatch(Trigger.of(new OtherEvent(ForgeKind.GITHUB, "star", "created")), upstream())).reason());
    assertEquals(JobSkip.Reason.NOT_A_JOB_EVENT,
        onlySkip(dispatcher.dispatch(Trigger.of(fixture("packit-service__koji_build_scratch_end.json")), upstream())).reason());
    // a Forgejo relay of a push outside rpms/ starts nothing
    FedoraMessage infraPush = fixture("packit-service__forgejo_push.json");
    assertEquals(Optional.empty(), dispatcher.resolver().locate(Trigger.of(infraPush)));
    assertEquals(JobSkip.Reason.NOT_A_JOB_EVENT, onlySkip(dispatcher.dispatch(Trigger.of(infraPush), upstream())).reason());
  }

  @Test
  void theResolverKeepsTheDistGitNamingRules() {
    ConfigResolver r = new ConfigResolver("pkgs", "main");
    assertEquals("pkgs/hello", r.repository("hello"));
    assertEquals(Optional.of("hello"), r.packageOf("pkgs/hello"));
    assertEquals(Optional.of("hello"), r.packageOf("forks/jane/pkgs/hello"));
    assertEquals(Optional.empty(), r.packageOf("rpms/hello"));
    assertEquals(new ConfigLocation("pkgs/hello", true, "main", "hello"), r.forPackage("hello"));
    JobDispatcher onMain = new JobDispatcher(DistroAliases.from(List.of()), r);
    DistGitPush p = new DistGitPush(push("main", null).envelope(), "pkgs", "hello", "pkgs/hello", "main", "a", "b", "c", 1, false,
        "jane", null, Map.of("hello.spec", "M"), List.of());
    assertEquals(List.of("main"), onMain.dispatch(Trigger.of(p), distGit("hello", "jobs:\n  - job: koji_build\n    trigger: commit\n"))
        .requests().get(0).branches());
  }
}
