package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.AuthenticationException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.testing.FakeTime;
import dev.packit.forge.Branch;
import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays every recording of ../shared/fixtures/pagure through the Pagure client. */
class PagureContractTest {
  private static final String TOKEN = "PAGURETOKEN0123456789CONTRACT";
  private static final RepoId OGR_TESTS = RepoId.of("ogr-tests");
  private static Replay replay;
  private final FakeTime time = new FakeTime(Instant.parse("2021-03-10T13:00:00Z"));

  @BeforeAll
  static void start() {
    replay = new Replay("pagure", PagureContractTest.class, false);
  }

  @AfterEach
  void reset() {
    replay.testDone();
  }

  @AfterAll
  static void stop() {
    replay.checkAllReplayed();
  }

  private PagureForge forge() {
    return Pagure.builder().instance(URI.create(replay.wm.baseUrl() + "/")).credentials(ForgeCredentials.token(TOKEN))
        .sleeper(time).clock(time).pollInterval(Duration.ofSeconds(1)).build();
  }

  private static LoggedRequest only(Recording rec) {
    List<LoggedRequest> found = replay.wm.findAll(rec.sent());
    assertEquals(1, found.size(), "requests matching " + rec.method() + " " + rec.path() + " " + rec.query());
    assertEquals("token " + TOKEN, found.get(0).getHeader("Authorization"));
    assertTrue(found.get(0).getHeader("User-Agent").startsWith("packit-java/"));
    return found.get(0);
  }

  private static Map<String, String> form(LoggedRequest r) {
    assertTrue(r.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"), r.getHeader("Content-Type"));
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : r.getBodyAsString().split("&")) {
      int eq = kv.indexOf('=');
      out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Stubs the git/branches and git/urls of a fork from the parent's recordings. */
  private static void forkGitInfo(String forkPath) {
    String base = replay.wm.baseUrl();
    replay.wm.stubFor(get(urlPathEqualTo("/api/0/" + forkPath + "/git/branches"))
        .willReturn(Recording.load("pagure", "git_branches").response(base)));
    replay.wm.stubFor(get(urlPathEqualTo("/api/0/" + forkPath + "/git/urls"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"urls\":{\"git\":\"https://pagure.io/" + forkPath + ".git\",\"ssh\":\"ssh://git@pagure.io/" + forkPath + ".git\"}}")));
  }

  @Test
  void projectInfo() {
    Recording p = replay.stub("project");
    Recording b = replay.stub("git_branches");
    Recording u = replay.stub("git_urls");
    Repository repo = forge().repository(OGR_TESTS).orElseThrow();
    assertEquals(OGR_TESTS, repo.id());
    assertEquals("master", repo.defaultBranch());
    assertEquals(URI.create("https://pagure.io/ogr-tests.git"), repo.cloneUrl());
    assertEquals("ssh://git@pagure.io/ogr-tests.git", repo.sshUrl());
    assertEquals(URI.create(replay.wm.baseUrl() + "/ogr-tests"), repo.webUrl(), "no full_url: derived from the instance");
    assertFalse(repo.isFork());
    assertFalse(repo.isPrivate());
    only(p);
    only(b);
    only(u);
  }

  @Test
  void forkOfAUser() {
    Recording rec = replay.stub("project_fork");
    forkGitInfo("fork/ttomecek/ogr-tests");
    Repository fork = forge().fork(OGR_TESTS, "ttomecek").orElseThrow();
    assertEquals(RepoId.of("fork/ttomecek/ogr-tests"), fork.id());
    assertEquals(OGR_TESTS, fork.parent());
    assertEquals("ttomecek", fork.owner());
    assertEquals(URI.create("https://pagure.io/fork/ttomecek/ogr-tests"), fork.webUrl());
    only(rec);
  }

  @Test
  void missingForkIsEmpty() {
    Recording rec = replay.stub("project_404");
    assertEquals(Optional.empty(), forge().fork(OGR_TESTS, "qwertzuiopasdfghjkl"));
    only(rec);
  }

  @Test
  void forkCreatedWithWaitThenFound() {
    replay.stub("whoami");
    Recording create = replay.stub("fork_create");
    ObjectNode fork = (ObjectNode) Recording.load("pagure", "project_fork").json();
    ((ObjectNode) fork.get("user")).put("name", "mfocko");
    fork.put("fullname", "forks/mfocko/ogr-tests").put("url_path", "fork/mfocko/ogr-tests").remove("full_url");
    replay.wm.stubFor(get(urlPathEqualTo("/api/0/fork/mfocko/ogr-tests")).inScenario("fork").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(404).withBody(Recording.load("pagure", "project_404").text())));
    replay.wm.stubFor(post(urlPathEqualTo("/api/0/fork")).inScenario("fork").willSetStateTo("forked")
        .willReturn(create.response(replay.wm.baseUrl())));
    replay.wm.stubFor(get(urlPathEqualTo("/api/0/fork/mfocko/ogr-tests")).inScenario("fork").whenScenarioStateIs("forked")
        .willReturn(aResponse().withStatus(200).withBody(fork.toString())));
    forkGitInfo("fork/mfocko/ogr-tests");
    Repository r = forge().forkOrCreate(OGR_TESTS);
    assertEquals(RepoId.of("fork/mfocko/ogr-tests"), r.id());
    assertEquals(URI.create(replay.wm.baseUrl() + "/fork/mfocko/ogr-tests"), r.webUrl());
    Map<String, String> sent = form(only(create));
    assertEquals(Map.of("repo", "ogr-tests", "wait", "true"), sent);
    assertEquals(List.of(), time.sleeps(), "wait=true: no polling");
  }

  @Test
  void forksSearchedAndFiltered() {
    Recording rec = replay.stub("projects_forks_search");
    List<Repository> forks = forge().forks(OGR_TESTS).collect(Collectors.toList());
    assertEquals(5, forks.size());
    assertTrue(forks.stream().allMatch(f -> OGR_TESTS.equals(f.parent())), forks.toString());
    assertEquals(List.of("lbarczio", "lachmanfrantisek", "ttomecek", "jscotka", "fnecas"),
        forks.stream().map(Repository::owner).collect(Collectors.toList()));
    only(rec);
  }

  @Test
  void branchesWithCommitsAndObjectDefault() {
    Recording rec = replay.stub("git_branches_with_commits");
    List<Branch> b = forge().branches(OGR_TESTS).collect(Collectors.toList());
    assertEquals(3, b.size());
    assertTrue(b.contains(new Branch("master", "517121273b142293807606dbd7a2e0f514b21cc8")));
    only(rec);
  }

  @Test
  void tagsAndTagCreate() {
    Recording list = replay.stub("git_tags");
    Recording create = replay.stub("git_tag_create");
    PagureForge p = forge();
    assertEquals(0, p.tags(OGR_TESTS).count());
    Tag t = p.createTag(OGR_TESTS, "v0", "517121273b142293807606dbd7a2e0f514b21cc8", "first");
    assertEquals(new Tag("v0", "517121273b142293807606dbd7a2e0f514b21cc8"), t);
    assertEquals(Map.of("tagname", "v0", "commit_hash", "517121273b142293807606dbd7a2e0f514b21cc8", "message", "first"),
        form(only(create)));
    only(list);
  }

  @Test
  void releasesAreNotSupported() {
    assertFalse(forge().supportsReleases());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> forge().latestRelease(OGR_TESTS));
    assertTrue(e.getMessage().contains("tags"), e.getMessage());
    assertEquals(0, replay.wm.getAllServeEvents().size());
  }

  @Test
  void rawFile() {
    Recording rec = replay.stub("raw_file");
    assertEquals("# ogr-tests\n\nTesting repository for python-ogr package.\nLast time merged PR.\n",
        forge().file(OGR_TESTS, "README.md", "master").orElseThrow().text());
    only(rec);
  }

  @Test
  void missingRawFileIsEmpty() {
    Recording rec = replay.stub("raw_file_404");
    assertEquals(Optional.empty(), forge().file(OGR_TESTS, ".blablabla_nonexisting_file", "master"));
    only(rec);
  }

  @Test
  void whoamiIsAskedOnce() {
    Recording rec = replay.stub("whoami");
    PagureForge p = forge();
    assertEquals("mfocko", p.currentUser().login());
    assertEquals("mfocko", p.currentUser().login());
    only(rec);
  }

  @Test
  void whoamiOnSrcFedoraproject() {
    Recording rec = replay.stub("whoami_src_fedoraproject");
    assertEquals("jscotka", forge().currentUser().login());
    only(rec);
  }

  @Test
  void expiredTokenIsAClearError() {
    Recording rec = replay.stub("whoami_401");
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> forge().currentUser());
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("API token is invalid, expired, or lacks the ACL"), e.getMessage());
    assertTrue(e.getMessage().contains("settings#nav-api-tab"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    only(rec);
  }

  @Test
  void aclRefusalNamesTheAcl() {
    replay.wm.stubFor(post(urlPathEqualTo("/api/0/ogr-tests/pull-request/new")).willReturn(
        Recording.load("pagure", "whoami_401").response(replay.wm.baseUrl())));
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> forge().createPullRequest(OGR_TESTS,
        PullRequestSpec.builder().title("t").sourceBranch("a").targetBranch("master").build()));
    assertTrue(e.getMessage().contains("'pull_request_create'"), e.getMessage());
    assertEquals(1, replay.wm.findAll(postRequestedFor(urlPathEqualTo("/api/0/ogr-tests/pull-request/new"))).size());
  }

  @Test
  void pullRequestByNumber() {
    Recording rec = replay.stub("pr_get");
    PullRequest pr = forge().pullRequest(OGR_TESTS, 5).orElseThrow();
    assertEquals(PrState.MERGED, pr.state());
    assertEquals("test_pr", pr.sourceBranch());
    assertEquals("master", pr.targetBranch());
    assertEquals(RepoId.of("fork/mfocko/ogr-tests"), pr.source());
    assertEquals(OGR_TESTS, pr.target());
    assertEquals("517121273b142293807606dbd7a2e0f514b21cc8", pr.headSha());
    assertEquals(Instant.ofEpochSecond(Long.parseLong(rec.json().get("date_created").asText())), pr.createdAt());
    only(rec);
  }

  @Test
  void openPullRequests() {
    Recording rec = replay.stub("pr_list");
    List<PullRequest> prs = forge().pullRequests(OGR_TESTS, PrState.OPEN).collect(Collectors.toList());
    assertEquals(List.of(10L, 9L, 6L, 4L), prs.stream().map(PullRequest::number).collect(Collectors.toList()));
    assertTrue(prs.stream().allMatch(p -> p.state() == PrState.OPEN));
    only(rec);
  }

  @Test
  void pullRequestsOverThreePages() {
    String base = replay.wm.baseUrl();
    Recording page = Recording.load("pagure", "pr_list");
    for (int i = 1; i <= 3; i++) {
      ObjectNode body = (ObjectNode) page.json();
      ((ObjectNode) body.get("pagination")).put("page", i).put("pages", 3)
          .put("next", i < 3 ? base + "/api/0/ogr-tests/pull-requests?status=Open&page=" + (i + 1) + "&per_page=100" : null);
      replay.wm.stubFor(get(urlPathEqualTo("/api/0/ogr-tests/pull-requests")).withQueryParam("page",
          com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(i)))
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString())));
    }
    PagureForge p = forge();
    assertEquals(4, p.pullRequests(OGR_TESTS, PrState.OPEN).limit(4).count());
    assertEquals(1, replay.wm.getAllServeEvents().size(), "one page read for the first four");
    assertEquals(12, p.pullRequests(OGR_TESTS, PrState.OPEN).count());
    assertEquals(4, replay.wm.getAllServeEvents().size());
  }

  @Test
  void pullRequestFromAFork() {
    Recording rec = replay.stub("pr_create_from_fork");
    PullRequest pr = forge().createPullRequest(OGR_TESTS, PullRequestSpec.builder().title("Testing PR")
        .body("Body of the testing PR.").source(RepoId.of("fork/ttomecek/ogr-tests"), "master").targetBranch("master").build());
    assertEquals(12, pr.number());
    assertEquals(PrState.OPEN, pr.state());
    assertEquals(RepoId.of("fork/ttomecek/ogr-tests"), pr.source());
    assertEquals(Map.of("title", "Testing PR", "branch_to", "master", "branch_from", "master",
        "initial_comment", "Body of the testing PR.", "repo_from", "ogr-tests", "repo_from_username", "ttomecek"),
        form(only(rec)));
  }

  @Test
  void pullRequestFromABranchOfTheProject() {
    Recording rec = replay.stub("pr_create_from_parent");
    PullRequest pr = forge().createPullRequest(OGR_TESTS, PullRequestSpec.builder().title("Testing PR 2")
        .sourceBranch("feature").targetBranch("master").build());
    assertEquals(11, pr.number());
    assertEquals(Map.of("title", "Testing PR 2", "branch_to", "master", "branch_from", "feature"), form(only(rec)));
  }

  @Test
  void changedFilesNotComputedYetIsWaitedThenExplained() {
    Recording rec = replay.stub("pr_diffstats_400");
    PackitServiceException e = assertThrows(PackitServiceException.class, () -> forge().changedFiles(OGR_TESTS, 6));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("ENOPRSTATS"), e.getMessage());
    assertTrue(e.getMessage().contains("try again later"), e.getMessage());
    assertEquals(4, replay.wm.findAll(rec.sent()).size());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), time.sleeps());
  }

  @Test
  void pullRequestFlag() {
    Recording rec = replay.stub("pr_flag_set");
    CommitStatus flag = forge().flagPullRequest(OGR_TESTS, 6, CommitStatusSpec.of(CommitState.SUCCESS, "packit/build",
        "A simple RPM build.").withTargetUrl(URI.create("https://packit.dev")));
    assertEquals(CommitState.SUCCESS, flag.state());
    assertEquals("packit/build", flag.context());
    assertEquals(Map.of("username", "packit/build", "comment", "A simple RPM build.", "url", "https://packit.dev",
        "status", "success"), form(only(rec)));
  }

  @Test
  void commitFlagSetAndListed() {
    Recording set = replay.stub("commit_flag_set");
    Recording list = replay.stub("commit_flags_list");
    PagureForge p = forge();
    CommitStatus s = p.setCommitStatus(OGR_TESTS, "1b491a6718ca39c249e4e15a1b9d74fb2ff9d90a", CommitStatusSpec.of(
        CommitState.SUCCESS, "test", "not failed test").withTargetUrl(URI.create("https://pagure.io/ogr-tests/pull-request/4")));
    assertEquals("1b491a6718ca39c249e4e15a1b9d74fb2ff9d90a", s.sha());
    assertEquals("mfocko", s.author());
    assertEquals("success", form(only(set)).get("status"));
    assertEquals(0, p.commitStatuses(OGR_TESTS, "d87466de81c72231906a6597758f37f28830bb71").count());
    only(list);
  }

  @Test
  void userGroupAndSettings() {
    Recording user = replay.stub("user");
    Recording group = replay.stub("group");
    Recording options = replay.stub("options");
    PagureForge p = forge();
    assertEquals("Matej Focko", p.user("mfocko").orElseThrow().fullName());
    assertTrue(p.groupMembers("packit-service").orElseThrow().contains("lbarczio"));
    Map<String, Object> settings = p.settings(RepoId.of("fork/mfocko/ogr-tests"));
    assertEquals(Boolean.TRUE, settings.get("fedmsg_notifications"));
    assertEquals(-1, ((Number) settings.get("Minimum_score_to_merge_pull-request")).intValue());
    only(user);
    only(group);
    only(options);
  }

  @Test
  void invalidProjectIsExplainedByField() {
    Recording rec = replay.stub("project_create_400");
    PackitServiceException e = assertThrows(PackitServiceException.class,
        () -> forge().createProject(RepoId.of("nonsense/x"), "d"));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("namespace: Not a valid choice"), e.getMessage());
    assertEquals(Map.of("name", "x", "description", "d", "namespace", "nonsense"), form(only(rec)));
  }
}
