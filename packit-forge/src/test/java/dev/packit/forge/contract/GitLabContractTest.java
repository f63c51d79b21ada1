package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.AuthenticationException;
import dev.packit.core.ConflictException;
import dev.packit.core.testing.FakeTime;
import dev.packit.forge.Branch;
import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.FileContent;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RateLimit;
import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.gitlab.GitLabForge;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays every recording of ../shared/fixtures/gitlab through the GitLab client. */
class GitLabContractTest {
  private static final String TOKEN = "glpat-contractTest000000000";
  private static final RepoId OGR_TESTS = RepoId.of("packit-service/ogr-tests");
  private static Replay replay;
  private final FakeTime time = new FakeTime(Instant.parse("2020-08-27T09:50:00Z"));

  @BeforeAll
  static void start() {
    replay = new Replay("gitlab", GitLabContractTest.class, false);
  }

  @AfterEach
  void reset() {
    replay.testDone();
  }

  @AfterAll
  static void stop() {
    replay.checkAllReplayed();
  }

  private GitLabForge forge() {
    return GitLab.builder().baseUri(URI.create(replay.wm.baseUrl() + "/api/v4/")).credentials(ForgeCredentials.token(TOKEN))
        .sleeper(time).clock(time).pollInterval(Duration.ofSeconds(2)).build();
  }

  private static void verifyHeaders(LoggedRequest r) {
    assertEquals(TOKEN, r.getHeader("PRIVATE-TOKEN"));
    assertEquals("application/json", r.getHeader("Accept"));
    assertTrue(r.getHeader("User-Agent").startsWith("packit-java/"));
  }

  private static LoggedRequest only(Recording rec) {
    List<LoggedRequest> found = replay.wm.findAll(rec.sent());
    assertEquals(1, found.size(), "requests matching " + rec.method() + " " + rec.path() + " " + rec.query());
    verifyHeaders(found.get(0));
    return found.get(0);
  }

  private static JsonNode body(LoggedRequest r) throws Exception {
    return new ObjectMapper().readTree(r.getBodyAsString());
  }

  /** Stubs {@code GET /projects/<path>} with the recorded project, its id replaced. */
  private static void project(String path, long id) {
    ObjectNode p = (ObjectNode) Recording.load("gitlab", "project").json();
    p.put("id", id).put("path_with_namespace", path);
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/" + path.replace("/", "%2F")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(p.toString())));
  }

  @Test
  void projectInfo() {
    Recording rec = replay.stub("project");
    Repository repo = forge().repository(OGR_TESTS).orElseThrow();
    assertEquals(OGR_TESTS, repo.id());
    assertEquals("master", repo.defaultBranch());
    assertEquals(14233409L, repo.forgeId());
    assertFalse(repo.isPrivate());
    assertFalse(repo.isFork());
    assertTrue(repo.ready());
    assertEquals(URI.create("https://gitlab.com/packit-service/ogr-tests"), repo.webUrl());
    assertEquals(URI.create("https://gitlab.com/packit-service/ogr-tests.git"), repo.cloneUrl());
    only(rec);
  }

  @Test
  void missingProjectIsEmpty() {
    Recording rec = replay.stub("project_404");
    assertEquals(Optional.empty(), forge().repository(RepoId.of("some-none-existing-namespace/some-non-existing-repo")));
    only(rec);
  }

  @Test
  void unauthorizedIsAClearAuthenticationError() {
    Recording rec = replay.stub("unauthorized_401");
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> forge().currentUser());
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("401 Unauthorized"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    only(rec);
  }

  @Test
  void currentUser() {
    Recording rec = replay.stub("user");
    assertEquals("mfocko", forge().currentUser().login());
    assertEquals("Matej Focko", forge().currentUser().fullName());
    assertEquals(2, replay.wm.findAll(rec.sent()).size(), "one call per client");
  }

  @Test
  void rateLimitFromHeadersOfAHead() {
    Recording rec = replay.stub("user_head_ratelimit");
    assertEquals(new RateLimit(2000, 1998, Instant.ofEpochSecond(1768314540)), forge().rateLimit().orElseThrow());
    only(rec);
  }

  @Test
  void fileContent() {
    replay.stub("project");
    Recording rec = replay.stub("file_get");
    FileContent f = forge().file(OGR_TESTS, "README.md", "master").orElseThrow();
    assertEquals("README.md", f.path());
    assertTrue(f.text().contains("ogr"), f.text());
    assertEquals("master", only(rec).queryParameter("ref").firstValue());
  }

  @Test
  void missingFileIsEmpty() {
    replay.stub("project");
    Recording rec = replay.stub("file_404");
    assertEquals(Optional.empty(), forge().file(OGR_TESTS, "./.blablabla_nonexisting_file", "master"));
    only(rec);
  }

  @Test
  void tagByName() {
    replay.stub("project");
    Recording rec = replay.stub("tag_get");
    Tag t = forge().tag(OGR_TESTS, "0.1.0").orElseThrow();
    assertEquals(new Tag("0.1.0", "24c86d0704694f686329b2ea636c5b7522cfdc40"), t);
    only(rec);
  }

  @Test
  void releasesAndLatest() {
    Recording project = replay.stub("project");
    Recording rec = replay.stub("releases_list");
    GitLabForge gl = forge();
    List<Release> all = gl.releases(OGR_TESTS).collect(Collectors.toList());
    assertEquals(10, all.size());
    Release first = all.get(0);
    assertEquals("0.2.8", first.tagName());
    assertEquals("test 0.2.8", first.name());
    assertEquals("testing release-0.2.8", first.body());
    assertEquals(1, replay.wm.findAll(project.sent()).size(), "the project id is looked up once");
    replay.wm.resetAll();
    Recording latest = replay.stub("release_latest_list");
    assertEquals("0.2.8", gl.latestRelease(OGR_TESTS).orElseThrow().tagName());
    assertEquals("100", only(latest).queryParameter("per_page").firstValue());
    assertEquals(1, replay.wm.getAllServeEvents().size(), "latest reads only the first page");
    assertEquals("100", replay.wm.getAllServeEvents().get(0).getRequest().queryParameter("per_page").firstValue());
    assertEquals(rec.path(), latest.path());
  }

  @Test
  void releasesOverThreePagesLazily() {
    String base = replay.wm.baseUrl();
    Recording page2 = replay.stub("releases_list_paginated");
    project("group/proj", 4207231);
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/4207231/releases")).atPriority(10)
        .willReturn(page2.response(base, "X-Page", "1", "X-Next-Page", "2",
            "Link", "<" + base + "/api/v4/projects/4207231/releases?id=4207231&page=2&per_page=20>; rel=\"next\"")));
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/4207231/releases")).withQueryParam("page", equalTo("3"))
        .willReturn(page2.response(base, "X-Page", "3", "X-Next-Page", "",
            "Link", "<" + base + "/api/v4/projects/4207231/releases?id=4207231&page=2&per_page=20>; rel=\"prev\"")));
    GitLabForge gl = forge();
    assertEquals(20, gl.releases(RepoId.of("group/proj")).limit(20).count());
    assertEquals(0, replay.wm.findAll(page2.sent()).size(), "page 2 is fetched only when needed");
    assertEquals(60, gl.releases(RepoId.of("group/proj")).count());
    only(page2);
  }

  @Test
  void createRelease() throws Exception {
    replay.stub("project");
    Recording rec = replay.stub("release_create");
    Release r = forge().createRelease(OGR_TESTS, new ReleaseSpec("0.2.8", "test 0.2.8", "testing release-0.2.8", "master"));
    assertEquals(URI.create("https://gitlab.com/packit-service/ogr-tests/-/archive/0.2.8/ogr-tests-0.2.8.tar.gz"), r.tarballUrl());
    JsonNode sent = body(only(rec));
    assertEquals("0.2.8", sent.get("tag_name").asText());
    assertEquals("testing release-0.2.8", sent.get("description").asText());
    assertEquals("master", sent.get("ref").asText());
  }

  @Test
  void branchesOverTwoPages() throws Exception {
    String base = replay.wm.baseUrl();
    Recording last = replay.stub("branches_paginated");
    project("graphviz/graphviz", 3163647);
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/3163647/repository/branches")).atPriority(10)
        .willReturn(last.response(base, "X-Page", "1", "X-Next-Page", "2",
            "Link", "<" + base + "/api/v4/projects/3163647/repository/branches?id=3163647&page=2&per_page=20>; rel=\"next\"")));
    List<Branch> all = forge().branches(RepoId.of("graphviz/graphviz")).collect(Collectors.toList());
    assertEquals(2 * last.json().size(), all.size());
    assertEquals("tmp-extend-download-attr", all.get(0).name());
    only(last);
  }

  @Test
  void mergeRequestByNumber() {
    replay.stub("project");
    Recording rec = replay.stub("mr_get");
    PullRequest mr = forge().pullRequest(OGR_TESTS, 1).orElseThrow();
    assertEquals(1, mr.number());
    assertEquals(PrState.MERGED, mr.state());
    assertEquals(OGR_TESTS, mr.target());
    only(rec);
  }

  @Test
  void openMergeRequests() {
    replay.stub("project");
    Recording rec = replay.stub("mr_list");
    List<PullRequest> mrs = forge().pullRequests(OGR_TESTS, PrState.OPEN).collect(Collectors.toList());
    assertEquals(List.of(50L, 25L), mrs.stream().map(PullRequest::number).collect(Collectors.toList()));
    assertEquals("pr-3", mrs.get(0).sourceBranch());
    assertEquals("mfocko", mrs.get(0).author());
    only(rec);
  }

  @Test
  void mergeRequestCreatedOnTheForkWithTargetProjectId() throws Exception {
    replay.stub("project");
    project("lbarcziova/ogr-tests", 14529826);
    Recording rec = replay.stub("mr_create");
    PullRequest mr = forge().createPullRequest(OGR_TESTS, PullRequestSpec.builder().title("test PR: fork -> upstream")
        .body("test description").source(RepoId.of("lbarcziova/ogr-tests"), "one-more-branch").targetBranch("master").build());
    assertEquals(46, mr.number());
    assertEquals(OGR_TESTS, mr.target());
    assertEquals(RepoId.of("lbarcziova/ogr-tests"), mr.source());
    JsonNode sent = body(only(rec));
    assertEquals(14233409L, sent.get("target_project_id").asLong());
    assertEquals("one-more-branch", sent.get("source_branch").asText());
    assertEquals("master", sent.get("target_branch").asText());
    assertEquals("test description", sent.get("description").asText());
  }

  @Test
  void duplicateMergeRequestIsAConflict() throws Exception {
    replay.stub("project");
    ObjectNode fork = (ObjectNode) Recording.load("gitlab", "fork_create").json();
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/mfocko%2Fogr-tests"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fork.toString())));
    Recording rec = replay.stub("mr_create_409");
    ConflictException e = assertThrows(ConflictException.class, () -> forge().createPullRequest(OGR_TESTS,
        PullRequestSpec.builder().title("x").source(RepoId.of("mfocko/ogr-tests"), "master").targetBranch("master").build()));
    assertTrue(e.getMessage().contains("already open"), e.getMessage());
    assertTrue(e.getMessage().contains("Another open merge request already exists"), e.getMessage());
    only(rec);
  }

  @Test
  void forkCreatedAndPolledUntilImported() throws Exception {
    replay.stub("user");
    replay.stub("project");
    Recording forks = replay.stub("forks_list");
    Recording create = replay.stub("fork_create");
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/mfocko%2Fogr-tests"))
        .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"404 Project Not Found\"}")));
    ObjectNode started = (ObjectNode) create.json();
    started.put("import_status", "started");
    ObjectNode finished = started.deepCopy();
    finished.put("import_status", "finished").put("default_branch", "master");
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/20772752")).inScenario("import").whenScenarioStateIs("Started")
        .willSetStateTo("done").willReturn(aResponse().withStatus(200).withBody(started.toString())));
    replay.wm.stubFor(get(urlPathEqualTo("/api/v4/projects/20772752")).inScenario("import").whenScenarioStateIs("done")
        .willReturn(aResponse().withStatus(200).withBody(finished.toString())));
    Repository fork = forge().forkOrCreate(OGR_TESTS);
    assertTrue(fork.ready());
    assertEquals(RepoId.of("mfocko/ogr-tests"), fork.id());
    assertEquals("master", fork.defaultBranch());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), time.sleeps());
    only(create);
    only(forks);
  }

  @Test
  void commitStatusSetAndListed() throws Exception {
    replay.stub("project");
    Recording set = replay.stub("status_create");
    Recording list = replay.stub("statuses_list");
    GitLabForge gl = forge();
    CommitStatus s = gl.setCommitStatus(OGR_TESTS, "11b37d913374b14f8519d16c2a2cca3ebc14ac64",
        CommitStatusSpec.of(CommitState.SUCCESS, "test", "testing status").withTargetUrl(URI.create("https://gitlab.com/packit-service/ogr-tests")));
    assertEquals(CommitState.SUCCESS, s.state());
    assertEquals("test", s.context());
    JsonNode sent = body(only(set));
    assertEquals("success", sent.get("state").asText());
    assertEquals("test", sent.get("name").asText());
    List<CommitStatus> all = gl.commitStatuses(OGR_TESTS, "11b37d913374b14f8519d16c2a2cca3ebc14ac64").collect(Collectors.toList());
    assertEquals(2, all.size());
    assertEquals("lbarcziova", all.get(0).author());
    only(list);
  }
}
