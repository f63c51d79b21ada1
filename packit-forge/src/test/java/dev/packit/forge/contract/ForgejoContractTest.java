package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.AuthenticationException;
import dev.packit.core.ConflictException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.testing.FakeTime;
import dev.packit.forge.AccessLevel;
import dev.packit.forge.Branch;
import dev.packit.forge.Comment;
import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.FileContent;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Forges;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.forgejo.ForgejoForge;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays every recording of ../shared/fixtures/forgejo (real exchanges with a Forgejo instance,
 * and the synthetic error answers) through the Forgejo client, and checks every request the client
 * sent against Forgejo's own Swagger description.
 */
class ForgejoContractTest {
  private static final String TOKEN = "FORGEJOTOKEN0123456789CONTRACT";
  /** The token the synthetic 401 quotes back. */
  private static final String ECHOED_TOKEN = "0123456789abcdef0123456789abcdef01234567";
  private static final RepoId OGR_TESTS = RepoId.of("packit-validator/ogr-tests");
  private static final String SHA = "11b37d913374b14f8519d16c2a2cca3ebc14ac64";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Replay replay;
  private final FakeTime time = new FakeTime(Instant.parse("2025-05-01T12:00:00Z"));

  @BeforeAll
  static void start() {
    replay = new Replay("forgejo", ForgejoContractTest.class, false);
  }

  /** Every request sent under /api/v1 must be one Forgejo describes, with the parameters and body it describes. */
  @AfterEach
  void validateRequestsAndReset() {
    try {
      List<String> problems = new ArrayList<>();
      for (ServeEvent e : replay.wm.getAllServeEvents()) {
        LoggedRequest r = e.getRequest();
        String path = URI.create(r.getUrl()).getRawPath();
        if (ForgejoOpenApi.describes(path)) {
          for (String p : ForgejoOpenApi.request(r)) {
            problems.add(r.getMethod() + " " + r.getUrl() + ": " + p);
          }
        }
      }
      assertEquals(List.of(), problems, "requests that Forgejo's swagger does not describe:" + ForgejoOpenApi.show(problems));
    } finally {
      replay.testDone();
    }
  }

  @AfterAll
  static void stop() {
    replay.checkAllReplayed();
  }

  private ForgejoForge forge() {
    return forge(ForgeCredentials.token(TOKEN));
  }

  private ForgejoForge forge(ForgeCredentials credentials) {
    return Forgejo.builder().instance(URI.create(replay.wm.baseUrl() + "/")).credentials(credentials)
        .sleeper(time).clock(time).pollInterval(Duration.ofSeconds(1)).build();
  }

  private static LoggedRequest only(Recording rec) {
    List<LoggedRequest> found = replay.wm.findAll(rec.sent());
    assertEquals(1, found.size(), "requests matching " + rec.method() + " " + rec.path() + " " + rec.query());
    assertEquals("token " + TOKEN, found.get(0).getHeader("Authorization"));
    assertTrue(found.get(0).getHeader("User-Agent").startsWith("packit-java/"));
    return found.get(0);
  }

  private static JsonNode body(LoggedRequest r) {
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
    try {
      return MAPPER.readTree(r.getBodyAsString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Stubs /user with the recorded user renamed (the fork recordings were made by another account). */
  private static void userIs(String login) {
    ObjectNode u = (ObjectNode) replay.load("user").json();
    u.put("login", login);
    replay.wm.stubFor(get(urlPathEqualTo("/api/v1/user")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(u.toString())));
  }

  // ---- user and auth

  @Test
  void currentUserIsAskedOnceWithTheToken() {
    Recording rec = replay.stub("user");
    ForgejoForge f = forge();
    assertEquals("packit-validator", f.currentUser().login());
    assertEquals("public-repos-bot@packit.dev", f.currentUser().email());
    assertEquals("", f.currentUser().fullName(), "an empty full_name is no name");
    assertEquals(ForgeKind.FORGEJO, f.kind());
    assertEquals(Optional.empty(), f.rateLimit());
    only(rec);
  }

  @Test
  void missingTokenIsAnAuthenticationError() {
    Recording rec = replay.stub("unauthorized_401.synth");
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> forge(ForgeCredentials.anonymous()).currentUser());
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("token is required"), e.getMessage());
    LoggedRequest sent = replay.wm.findAll(rec.sent()).get(0);
    assertFalse(sent.containsHeader("Authorization"), "anonymous sends no Authorization");
  }

  @Test
  void unknownTokenIsNotQuotedBackInErrors() {
    replay.stub("unauthorized_401_bad_token.synth");
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> forge(ForgeCredentials.token(ECHOED_TOKEN)).currentUser());
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("access token does not exist"), e.getMessage());
    assertFalse(e.getMessage().contains(ECHOED_TOKEN), e.getMessage());
    assertFalse(e.bodyExcerpt().contains(ECHOED_TOKEN), e.bodyExcerpt());
    assertFalse(String.valueOf(e).contains(ECHOED_TOKEN));
  }

  @Test
  void serverVersion() {
    replay.wm.stubFor(get(urlPathEqualTo("/api/v1/version")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"version\":\"15.0.3+gitea-1.22.0\"}")));
    assertEquals("15.0.3+gitea-1.22.0", forge().serverVersion());
  }

  // ---- repositories

  @Test
  void repositoryPrivateForkAndMissing() {
    Recording repo = replay.stub("repo");
    Recording priv = replay.stub("repo_private");
    Recording fork = replay.stub("repo_fork");
    Recording missing = replay.stub("repo_404");
    ForgejoForge f = forge();
    Repository r = f.repository(OGR_TESTS).orElseThrow();
    assertEquals(OGR_TESTS, r.id());
    assertEquals("master", r.defaultBranch());
    assertEquals(URI.create("https://v10.next.forgejo.org/packit-validator/ogr-tests.git"), r.cloneUrl());
    assertEquals("ssh://git@v10.next.forgejo.org:2100/packit-validator/ogr-tests.git", r.sshUrl());
    assertEquals(531, r.forgeId());
    assertFalse(r.isFork());
    assertFalse(r.isPrivate());
    assertTrue(r.ready());
    assertTrue(f.repository(RepoId.of("mfocko/private")).orElseThrow().isPrivate());
    Repository forked = f.repository(RepoId.of("lbarcziova/ogr-tests")).orElseThrow();
    assertEquals(OGR_TESTS, forked.parent());
    assertEquals("lbarcziova", forked.owner());
    assertEquals(Optional.empty(), f.repository(RepoId.of("some-none-existing-namespace/some-non-existing-repo")));
    only(repo);
    only(priv);
    only(fork);
    only(missing);
  }

  @Test
  void subgroupsAndPagureForkPathsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> forge().repository(RepoId.of("a/b/c")));
    assertThrows(IllegalArgumentException.class, () -> forge().repository(RepoId.of("rpms/hello").forkOf("me")));
    assertEquals(0, replay.wm.getAllServeEvents().size());
  }

  @Test
  void createRepositoryForTheCurrentUser() {
    replay.stub("user");
    Recording rec = replay.stub("repo_create");
    Repository r = forge().createRepository("test", "made by a test", true);
    assertEquals(RepoId.of("packit-validator/test"), r.id());
    JsonNode sent = body(only(rec));
    assertEquals("test", sent.get("name").asText());
    assertEquals("made by a test", sent.get("description").asText());
    assertTrue(sent.get("private").asBoolean());
  }

  // ---- branches, tags, commits

  @Test
  void branchesOnOnePageAndOneBranch() {
    Recording list = replay.stub("branches_list");
    Recording one = replay.stub("branch_get");
    Recording missing = replay.stub("branch_404");
    ForgejoForge f = forge();
    List<Branch> all = f.branches(OGR_TESTS).collect(Collectors.toList());
    assertEquals(9, all.size());
    Branch change = f.branch(OGR_TESTS, "change").orElseThrow();
    assertEquals("change", change.name());
    assertEquals(40, change.commitSha().length(), "the branch's commit is commit.id");
    assertTrue(all.contains(change));
    assertEquals(Optional.empty(), f.branch(OGR_TESTS, "non-existing"));
    assertEquals(List.of("1"), List.of(only(list).queryParameter("page").firstValue()));
    assertEquals(0, replay.wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlPathEqualTo(list.path())).withQueryParam("page", equalTo("2"))).size(), "9 of X-Total-Count 9 seen: no page 2");
    only(one);
    only(missing);
  }

  @Test
  void aPagePastTheEndEndsTheList() {
    // X-Total-Count said 10 while the page held 9 (a branch was deleted meanwhile): page 2 is []
    Recording first = replay.load("branches_list");
    replay.wm.stubFor(first.mapping().willReturn(first.response(replay.wm.baseUrl(), "X-Total-Count", "10")));
    Recording past = replay.stub("branches_list_past_end");
    assertEquals(9, forge().branches(OGR_TESTS).count());
    only(past);
  }

  @Test
  void tagLookup() {
    Recording tag = replay.stub("tag_get");
    Recording missing = replay.stub("tag_404");
    ForgejoForge f = forge();
    Tag t = f.tag(OGR_TESTS, "0.1.0").orElseThrow();
    assertEquals("0.1.0", t.name());
    assertEquals(tag.json().get("commit").get("sha").asText(), t.commitSha());
    assertEquals(Optional.empty(), f.tag(OGR_TESTS, "future"));
    only(tag);
    only(missing);
  }

  @Test
  void commitsWithTheFullPaginationHeaders() {
    Recording rec = replay.stub("commits_list");
    List<String> shas = forge().commits(OGR_TESTS, null).collect(Collectors.toList());
    assertEquals(18, shas.size());
    assertEquals("dd9b6c54c0788301c86bdf058a8e91e3594a0a17", shas.get(0));
    only(rec);
  }

  // ---- files

  @Test
  void filesAtARefAtTheDefaultBranchAndMissing() {
    Recording atSha = replay.stub("contents_file");
    // the default-branch answer is for requests without ?ref only
    Recording atDefault = replay.load("contents_file_default_branch");
    replay.wm.stubFor(atDefault.mapping().withQueryParam("ref", com.github.tomakehurst.wiremock.client.WireMock.absent())
        .willReturn(atDefault.response(replay.wm.baseUrl())));
    Recording missing = replay.stub("contents_404");
    ForgejoForge f = forge();
    FileContent readme = f.file(OGR_TESTS, "README.md", "b8e18207cfdad954f1b3a96db34d0706b272e6cf").orElseThrow();
    assertTrue(readme.text().startsWith("# ogr-tests\n"), readme.text());
    assertEquals(109, readme.size(), "the decoded base64 is the size Forgejo reports");
    assertEquals("b8e18207cfdad954f1b3a96db34d0706b272e6cf", readme.ref());
    assertTrue(f.file(OGR_TESTS, "./README.md", null).orElseThrow().text().contains("ogr"));
    assertEquals(Optional.empty(), f.file(OGR_TESTS, ".blablabla_nonexisting_file", null));
    only(atSha);
    assertEquals(1, replay.wm.findAll(atDefault.sent().withQueryParam("ref", com.github.tomakehurst.wiremock.client.WireMock.absent())).size());
    only(missing);
  }

  @Test
  void rootDirectoryListing() {
    Recording rec = replay.stub("contents_dir");
    List<String> entries = forge().directory(RepoId.of("packit-validator/hello-world"), "", "master");
    assertEquals(11, entries.size());
    assertTrue(entries.contains(".fmf/"), entries.toString());
    only(rec);
  }

  @Test
  void rawFileBytesAndMissing() {
    byte[] content = java.util.Base64.getDecoder().decode(replay.load("contents_file").json().get("content").asText());
    replay.wm.stubFor(get(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/raw/docs/READ%20ME.md"))
        .withQueryParam("ref", equalTo("main")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/octet-stream").withBody(content)));
    replay.wm.stubFor(get(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/raw/nope")).willReturn(
        aResponse().withStatus(404).withBody(replay.load("contents_404").text())));
    assertArrayEquals(content, forge().rawFile(OGR_TESTS, "docs/READ ME.md", "main").orElseThrow());
    assertEquals(Optional.empty(), forge().rawFile(OGR_TESTS, "nope", "main"));
  }

  // ---- releases

  @Test
  void releasesListByTagLatestAndNone() {
    Recording list = replay.stub("releases_list");
    Recording byTag = replay.stub("release_get_by_tag");
    Recording latest = replay.stub("release_latest_via_list");
    Recording none = replay.stub("release_latest_none");
    ForgejoForge f = forge();
    List<Release> all = f.releases(OGR_TESTS).collect(Collectors.toList());
    assertEquals(12, all.size());
    Release r = f.release(OGR_TESTS, "0.1.0").orElseThrow();
    assertEquals("0.1.0", r.tagName());
    assertEquals(List.of(), f.releaseAssets(OGR_TESTS, "0.1.0").orElseThrow());
    Release newest = f.latestRelease(OGR_TESTS).orElseThrow();
    assertEquals(latest.json().get(0).get("tag_name").asText(), newest.tagName());
    assertEquals(Optional.empty(), f.latestRelease(RepoId.of("packit-validator/hello-world")));
    assertEquals(1, replay.wm.findAll(list.sent().withQueryParam("limit", equalTo("50"))).size());
    assertEquals(2, replay.wm.findAll(byTag.sent()).size(), "release and its assets");
    LoggedRequest l = only(latest);
    assertEquals("false", l.queryParameter("draft").firstValue(), "drafts are not the latest release");
    assertEquals("false", l.queryParameter("pre-release").firstValue());
    only(none);
  }

  @Test
  void releaseCreatedUpdatedAndConflict() {
    Recording create = replay.stub("release_create");
    ForgejoForge f = forge();
    Release r = f.createRelease(OGR_TESTS, new ReleaseSpec("0.2.11", "test", "testing release", null));
    assertEquals("0.2.11", r.tagName());
    JsonNode sent = body(only(create));
    assertEquals("0.2.11", sent.get("tag_name").asText());
    assertEquals("testing release", sent.get("body").asText());

    Recording byTag = replay.stub("release_get_by_tag");
    Recording update = replay.stub("release_update");
    Release changed = f.updateRelease(OGR_TESTS, "0.1.0", "test-changed", "testing release-changed");
    assertEquals("test-changed", changed.name());
    assertEquals("testing release-changed", changed.body());
    JsonNode patch = body(only(update));
    assertEquals("test-changed", patch.get("name").asText());
    only(byTag);

    replay.wm.resetAll();
    replay.stub("release_create_409.synth");
    ConflictException e = assertThrows(ConflictException.class,
        () -> f.createRelease(OGR_TESTS, new ReleaseSpec("0.2.11", null, null, null)));
    assertTrue(e.getMessage().contains("already has a release"), e.getMessage());
    assertTrue(e.bodyExcerpt().contains("release tag already exist"), e.bodyExcerpt());
    assertEquals(1, replay.wm.findAll(postRequestedFor(urlPathEqualTo(create.path()))).size(), "a 409 is not retried");
  }

  @Test
  void releaseAssetUploadedAsMultipartAndListed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    Recording byTag = replay.stub("release_get_by_tag");
    java.nio.file.Path tarball = java.nio.file.Files.writeString(dir.resolve("ogr-0.1.0.tar.gz"), "not really gzip");
    String attachment = "{\"id\": 77, \"name\": \"ogr-0.1.0.tar.gz\", \"size\": 15, \"download_count\": 0,"
        + " \"created_at\": \"2025-05-12T12:25:26Z\", \"uuid\": \"0b6d1d6e-3bb4-4d4a-9b8e-6d5c2f0c9a11\", \"type\": \"attachment\","
        + " \"browser_download_url\": \"https://v10.next.forgejo.org/attachments/0b6d1d6e-3bb4-4d4a-9b8e-6d5c2f0c9a11\"}";
    replay.wm.stubFor(post(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/releases/1605/assets"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(attachment)));
    dev.packit.forge.forgejo.ReleaseAsset a = forge().uploadReleaseAsset(OGR_TESTS, "0.1.0", tarball);
    assertEquals("ogr-0.1.0.tar.gz", a.name());
    assertEquals(15, a.size());
    LoggedRequest sent = replay.wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/releases/1605/assets"))).get(0);
    assertEquals("ogr-0.1.0.tar.gz", sent.queryParameter("name").firstValue());
    assertTrue(sent.getHeader("Content-Type").startsWith("multipart/form-data; boundary="), sent.getHeader("Content-Type"));
    assertTrue(sent.getBodyAsString().contains("name=\"attachment\"; filename=\"ogr-0.1.0.tar.gz\""), sent.getBodyAsString());
    assertTrue(sent.getBodyAsString().contains("not really gzip"));
    only(byTag);
  }

  // ---- forks

  @Test
  void forksListed() {
    Recording rec = replay.stub("forks_list");
    List<Repository> forks = forge().forks(OGR_TESTS).collect(Collectors.toList());
    assertEquals(List.of("mfocko", "lbarcziova"), forks.stream().map(Repository::owner).collect(Collectors.toList()));
    assertTrue(forks.stream().allMatch(x -> OGR_TESTS.equals(x.parent())));
    only(rec);
  }

  @Test
  void forkGetOrCreate() {
    userIs("mfocko");
    Recording before = replay.load("fork_get_404_before_create");
    Recording create = replay.load("fork_create");
    Recording after = replay.load("fork_get_after_create");
    replay.wm.stubFor(before.mapping().inScenario("fork").whenScenarioStateIs("Started").willReturn(before.response(replay.wm.baseUrl())));
    replay.wm.stubFor(create.mapping().inScenario("fork").willSetStateTo("forked").willReturn(create.response(replay.wm.baseUrl())));
    replay.wm.stubFor(after.mapping().inScenario("fork").whenScenarioStateIs("forked").willReturn(after.response(replay.wm.baseUrl())));
    Repository fork = forge().forkOrCreate(OGR_TESTS);
    assertEquals(RepoId.of("mfocko/ogr-tests"), fork.id());
    assertEquals(OGR_TESTS, fork.parent());
    assertEquals("{}", body(only(create)).toString(), "no name: the user has no repository called ogr-tests");
    assertEquals(2, replay.wm.findAll(before.sent()).size(), "looked up before and after the create");
    assertEquals(List.of(), time.sleeps(), "Forgejo forks before it answers: no polling");

    // a second run finds the fork and creates nothing
    Repository again = forge().forkOrCreate(OGR_TESTS);
    assertEquals(fork.id(), again.id());
    assertEquals(1, replay.wm.findAll(postRequestedFor(urlPathEqualTo(create.path()))).size());
  }

  @Test
  void forkThatExistsUnderAnotherNameIsFoundAfterA409() {
    userIs("mfocko");
    Recording before = replay.load("fork_get_404_before_create");
    Recording conflict = replay.load("fork_create_409.synth");
    Recording list = replay.stub("forks_list");
    replay.wm.stubFor(before.mapping().willReturn(before.response(replay.wm.baseUrl())));
    replay.wm.stubFor(conflict.mapping().willReturn(conflict.response(replay.wm.baseUrl())));
    // the renamed fork is served where the fork list says it is
    ObjectNode renamed = (ObjectNode) list.json().get(0).deepCopy();
    replay.wm.stubFor(get(urlPathEqualTo("/api/v1/repos/mfocko/ogr-tests")).atPriority(1).inScenario("renamed")
        .whenScenarioStateIs("listed").willReturn(aResponse().withStatus(200).withBody(renamed.toString())));
    replay.wm.stubFor(get(urlPathEqualTo(list.path())).atPriority(1).inScenario("renamed").willSetStateTo("listed")
        .willReturn(list.response(replay.wm.baseUrl())));
    Repository fork = forge().forkOrCreate(OGR_TESTS);
    assertEquals(RepoId.of("mfocko/ogr-tests"), fork.id());
    assertEquals(1, replay.wm.findAll(conflict.sent()).size(), "the 409 is answered by the fork list, not by a retry");
  }

  @Test
  void forkWhenTheUserHasAnotherRepositoryOfThatNameGetsAnotherName() {
    userIs("packit-validator");
    // packit-validator/ogr-tests exists and is not a fork of rpms/ogr-tests
    Recording own = replay.load("repo");
    replay.wm.stubFor(own.mapping().willReturn(own.response(replay.wm.baseUrl())));
    RepoId distgit = RepoId.of("rpms/ogr-tests");
    replay.wm.stubFor(get(urlPathEqualTo("/api/v1/repos/rpms/ogr-tests/forks")).willReturn(aResponse().withStatus(200)
        .withHeader("X-Total-Count", "0").withBody("[]")));
    ObjectNode created = (ObjectNode) replay.load("fork_create").json();
    created.put("full_name", "packit-validator/rpms-ogr-tests").put("name", "rpms-ogr-tests");
    ((ObjectNode) created.get("parent")).put("full_name", "rpms/ogr-tests");
    replay.wm.stubFor(post(urlPathEqualTo("/api/v1/repos/rpms/ogr-tests/forks")).willReturn(aResponse().withStatus(202)
        .withBody(created.toString())));
    replay.wm.stubFor(get(urlPathEqualTo("/api/v1/repos/packit-validator/rpms-ogr-tests")).willReturn(aResponse().withStatus(200)
        .withBody(created.toString())));
    Repository fork = forge().forkOrCreate(distgit);
    assertEquals(RepoId.of("packit-validator/rpms-ogr-tests"), fork.id());
    LoggedRequest sent = replay.wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/repos/rpms/ogr-tests/forks"))).get(0);
    assertEquals("rpms-ogr-tests", body(sent).get("name").asText());
  }

  // ---- pull requests

  @Test
  void pullRequestsListedOpenAndAll() {
    Recording open = replay.stub("pr_list");
    ForgejoForge f = forge();
    List<PullRequest> prs = f.pullRequests(OGR_TESTS, PrState.OPEN).collect(Collectors.toList());
    assertEquals(List.of(209L, 204L, 199L, 198L, 195L, 194L, 170L, 143L), prs.stream().map(PullRequest::number).collect(Collectors.toList()));
    assertTrue(prs.stream().allMatch(p -> p.state() == PrState.OPEN));
    only(open);

    // state=all: page 1 links to the last page (4), whose Link has only first/prev: that ends it
    // although X-Total-Count is 96
    Recording last = replay.stub("pr_list_all_last_page_link");
    Recording page1 = replay.load("pr_list");
    replay.wm.stubFor(get(urlPathEqualTo(page1.path())).withQueryParam("state", equalTo("all")).withQueryParam("page", equalTo("1"))
        .willReturn(page1.response(replay.wm.baseUrl(), "Link", "<" + replay.wm.baseUrl()
            + "/api/v1/repos/packit-validator/ogr-tests/pulls?page=4&state=all>; rel=\"next\"", "X-Total-Count", "96")));
    List<PullRequest> all = f.pullRequests(OGR_TESTS, PrState.ALL).collect(Collectors.toList());
    assertEquals(8 + last.json().size(), all.size());
    only(last);
    assertEquals(0, replay.wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(page1.path()))
        .withQueryParam("page", equalTo("5"))).size());
  }

  @Test
  void pullRequestPageThatCameUpEmpty() {
    Recording first = replay.load("pr_list");
    replay.wm.stubFor(first.mapping().willReturn(first.response(replay.wm.baseUrl(), "X-Total-Count", "9")));
    Recording past = replay.stub("pr_list_past_end");
    assertEquals(8, forge().pullRequests(OGR_TESTS, PrState.OPEN).count());
    only(past);
  }

  @Test
  void pullRequestGetFromForkMergedAndMissing() {
    Recording get = replay.stub("pr_get");
    Recording fromFork = replay.stub("pr_get_from_fork");
    Recording merged = replay.stub("pr_get_merged");
    Recording missing = replay.stub("pr_404");
    ForgejoForge f = forge();
    PullRequest pr = f.pullRequest(OGR_TESTS, 209).orElseThrow();
    assertEquals(PrState.OPEN, pr.state());
    assertEquals("lbarcziova", pr.author());
    assertEquals("test-branch1", pr.sourceBranch());
    assertEquals("test_branch", pr.targetBranch());
    assertEquals(OGR_TESTS, pr.target());
    PullRequest forked = f.pullRequest(OGR_TESTS, 211).orElseThrow();
    assertEquals(RepoId.of("lbarcziova/ogr-tests"), forked.source(), "the fork is head.repo; head.label is the bare branch");
    assertEquals("readme-change-1", forked.sourceBranch());
    assertEquals(PrState.MERGED, f.pullRequest(OGR_TESTS, 119).orElseThrow().state());
    assertEquals(Optional.empty(), f.pullRequest(OGR_TESTS, 2000));
    only(get);
    only(fromFork);
    only(merged);
    only(missing);
  }

  private static void stubMaintainerEdit(Recording created) {
    ObjectNode allowed = (ObjectNode) created.json();
    allowed.put("allow_maintainer_edit", true);
    replay.wm.stubFor(patch(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/pulls/" + allowed.get("number").asLong()))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(allowed.toString())));
  }

  @Test
  void pullRequestFromAForkThenMaintainersMayEdit() {
    Recording create = replay.stub("pr_create");
    stubMaintainerEdit(create);
    PullRequest pr = forge().createPullRequest(OGR_TESTS, PullRequestSpec.builder().title("test: upstream <- fork")
        .body("pull request body").source(RepoId.of("lbarcziova/ogr-tests"), "readme-change-1").targetBranch("master").build());
    assertEquals(219, pr.number());
    assertEquals(RepoId.of("lbarcziova/ogr-tests"), pr.source());
    JsonNode sent = body(only(create));
    assertEquals("lbarcziova:readme-change-1", sent.get("head").asText());
    assertEquals("master", sent.get("base").asText());
    assertFalse(sent.has("allow_maintainer_edit"), "Forgejo's create does not take it");
    List<LoggedRequest> patches = replay.wm.findAll(patchRequestedFor(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/pulls/219")));
    assertEquals(1, patches.size());
    assertEquals("{\"allow_maintainer_edit\":true}", body(patches.get(0)).toString());
  }

  @Test
  void pullRequestInsideTheRepositoryNeedsNoMaintainerEdit() {
    Recording create = replay.stub("pr_create_same_repo");
    PullRequest pr = forge().createPullRequest(OGR_TESTS, PullRequestSpec.builder().title("test: upstream <- upstream")
        .source(OGR_TESTS, "readme-change-1").targetBranch("master").build());
    assertEquals(217, pr.number());
    assertEquals("readme-change-1", body(only(create)).get("head").asText(), "a branch of the target is named bare");
    assertEquals(0, replay.wm.findAll(patchRequestedFor(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/pulls/217"))).size());
  }

  @Test
  void pullRequestCreateThatTimedOutAtTheGatewayIsFoundNotRepeated() {
    replay.stub("user");
    Recording created = replay.load("pr_create");
    replay.wm.stubFor(post(urlPathEqualTo(created.path())).willReturn(aResponse().withStatus(504).withBody("gateway timeout")));
    ArrayNode open = MAPPER.createArrayNode().add(created.json());
    replay.wm.stubFor(get(urlPathEqualTo(created.path())).withQueryParam("state", equalTo("open")).willReturn(aResponse()
        .withStatus(200).withHeader("X-Total-Count", "1").withBody(open.toString())));
    stubMaintainerEdit(created);
    PullRequest pr = forge().createPullRequest(OGR_TESTS, PullRequestSpec.builder().title("t")
        .source(RepoId.of("lbarcziova/ogr-tests"), "readme-change-1").targetBranch("master").build());
    assertEquals(219, pr.number());
    assertEquals(1, replay.wm.findAll(postRequestedFor(urlPathEqualTo(created.path()))).size(), "created once");
    LoggedRequest lookup = replay.wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlPathEqualTo(created.path()))).get(0);
    assertEquals("packit-validator", lookup.queryParameter("poster").firstValue());
  }

  @Test
  void pullRequestCreateRefusals() {
    Recording exists = replay.stub("pr_create_409.synth");
    ForgejoForge f = forge();
    PullRequestSpec spec = PullRequestSpec.builder().title("again").source(RepoId.of("lbarcziova/ogr-tests"), "readme-change-1")
        .targetBranch("master").build();
    ConflictException c = assertThrows(ConflictException.class, () -> f.createPullRequest(OGR_TESTS, spec));
    assertTrue(c.getMessage().contains("already open"), c.getMessage());
    assertTrue(c.bodyExcerpt().contains("pull request already exists"), c.bodyExcerpt());
    only(exists);

    replay.wm.resetAll();
    replay.stub("pr_create_422_same_branch.synth");
    PackitServiceException same = assertThrows(PackitServiceException.class, () -> f.createPullRequest(OGR_TESTS,
        PullRequestSpec.builder().title("same").source(OGR_TESTS, "master").targetBranch("master").build()));
    assertEquals(422, same.status());
    assertTrue(same.getMessage().contains("no changes between the head and the base"), same.getMessage());

    replay.wm.resetAll();
    replay.stub("forbidden_403_token_scope.synth");
    AuthenticationException scope = assertThrows(AuthenticationException.class, () -> f.createPullRequest(OGR_TESTS, spec));
    assertEquals(403, scope.status());
    assertTrue(scope.getMessage().contains("write:repository"), "names the missing scope: " + scope.getMessage());
    assertEquals(1, replay.wm.getAllServeEvents().size(), "a refusal is not retried");
  }

  @Test
  void pullRequestUpdatedClosedAndFound() {
    Recording title = replay.stub("pr_update_title");
    Recording close = replay.stub("pr_close");
    ForgejoForge f = forge();
    PullRequest updated = f.updatePullRequest(OGR_TESTS, 119, "test title", null);
    assertEquals("test title", updated.title());
    assertEquals("{\"title\":\"test title\"}", body(only(title)).toString());
    PullRequest closed = f.closePullRequest(OGR_TESTS, 219);
    assertEquals(PrState.CLOSED, closed.state());
    assertEquals("{\"state\":\"closed\"}", body(only(close)).toString());

    Recording open = replay.stub("pr_list");
    PullRequest found = f.findOpenPullRequest(OGR_TESTS, "test-branch1", "test_branch", "lbarcziova").orElseThrow();
    assertEquals(209, found.number());
    assertEquals(Optional.empty(), f.findOpenPullRequest(OGR_TESTS, "test-branch1", "master", "lbarcziova"));
    assertEquals("lbarcziova", replay.wm.findAll(open.sent()).get(0).queryParameter("poster").firstValue());
  }

  @Test
  void pullRequestCommitsAndPatch() {
    Recording commits = replay.stub("pr_commits");
    Recording patch = replay.stub("pr_patch");
    ForgejoForge f = forge();
    assertEquals(List.of("d490ec67dd98f69dfdc1732b98bb3189f0e0aace"), f.pullRequestCommits(OGR_TESTS, 119).subList(0, 1));
    assertEquals(2, f.pullRequestCommits(OGR_TESTS, 119).size());
    String text = f.pullRequestPatch(OGR_TESTS, 119).orElseThrow();
    assertTrue(text.startsWith("From "), text.substring(0, Math.min(80, text.length())));
    assertEquals(patch.text(), text);
    assertEquals(2, replay.wm.findAll(commits.sent()).size());
    only(patch);
  }

  @Test
  void mergeSendsDo() {
    Recording merged = replay.load("pr_get_merged");
    replay.wm.stubFor(post(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/pulls/119/merge"))
        .willReturn(aResponse().withStatus(200)));
    replay.wm.stubFor(merged.mapping().willReturn(merged.response(replay.wm.baseUrl())));
    assertEquals(PrState.MERGED, forge().mergePullRequest(OGR_TESTS, 119).state());
    LoggedRequest sent = replay.wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/repos/packit-validator/ogr-tests/pulls/119/merge"))).get(0);
    assertEquals("merge", body(sent).get("Do").asText());
  }

  // ---- comments and issues

  @Test
  void commentsThroughTheIssueApi() {
    Recording list = replay.stub("pr_comments_list");
    Recording create = replay.stub("pr_comment_create");
    Recording update = replay.stub("comment_update");
    ForgejoForge f = forge();
    List<Comment> comments = f.comments(OGR_TESTS, 209);
    assertEquals(3, comments.size());
    assertEquals("packit-validator", comments.get(0).author());
    Comment c = f.comment(OGR_TESTS, 199, "Such nice weather");
    assertEquals(3243, c.id());
    assertEquals("{\"body\":\"Such nice weather\"}", body(only(create)).toString());
    Comment edited = f.editComment(OGR_TESTS, 3172, "this wont hurt a bit");
    assertEquals("this wont hurt a bit", edited.body());
    only(list);
    only(update);
  }

  @Test
  void serverErrorWithAnEmptyMessageIsRetriedThenReported() {
    Recording rec = replay.stub("issue_update_500");
    PackitServiceException e = assertThrows(PackitServiceException.class, () -> forge().closeIssue(OGR_TESTS, 245));
    assertEquals(500, e.status());
    assertEquals("forgejo", e.service());
    int attempts = replay.wm.findAll(rec.sent()).size();
    assertTrue(attempts > 1, "an idempotent PATCH is retried on a 5xx: " + attempts);
    assertEquals(attempts, e.attempts());
  }

  // ---- statuses

  @Test
  void commitStatusSetAndListed() {
    Recording create = replay.stub("status_create");
    Recording list = replay.stub("statuses_list");
    ForgejoForge f = forge();
    CommitStatus s = f.setCommitStatus(OGR_TESTS, SHA, CommitStatusSpec.of(CommitState.SUCCESS, "test", "testing status")
        .withTargetUrl(URI.create("https://v10.next.forgejo.org/packit-validator/ogr-tests")));
    assertEquals(CommitState.SUCCESS, s.state(), "the answer names the state 'status'");
    assertEquals("test", s.context());
    JsonNode sent = body(only(create));
    assertEquals("success", sent.get("state").asText());
    assertEquals("https://v10.next.forgejo.org/packit-validator/ogr-tests", sent.get("target_url").asText());
    List<CommitStatus> all = f.commitStatuses(OGR_TESTS, SHA).collect(Collectors.toList());
    assertEquals(13, all.size());
    assertTrue(all.stream().allMatch(x -> x.state() == CommitState.SUCCESS && x.sha().equals(SHA)));
    only(list);
  }

  @Test
  void runningIsSentAsPendingAndCanceledAsError() {
    Recording create = replay.stub("status_create");
    ForgejoForge f = forge();
    f.setCommitStatus(OGR_TESTS, SHA, CommitStatusSpec.of(CommitState.RUNNING, "build", "running"));
    f.setCommitStatus(OGR_TESTS, SHA, CommitStatusSpec.of(CommitState.CANCELED, "build", "canceled"));
    List<String> states = replay.wm.findAll(create.sent()).stream().map(r -> body(r).get("state").asText()).collect(Collectors.toList());
    assertEquals(List.of("pending", "error"), states);
  }

  @Test
  void commitStatusWithoutWriteAccess() {
    replay.stub("forbidden_403_not_writer.synth");
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> forge().setCommitStatus(OGR_TESTS, SHA,
        CommitStatusSpec.of(CommitState.PENDING, "test", "x")));
    assertTrue(e.getMessage().contains("permission to write"), e.getMessage());
  }

  // ---- permissions

  @Test
  void accessLevelsCollaboratorsAndTeams() {
    Recording owner = replay.stub("collaborator_permission");
    Recording reader = replay.stub("collaborator_permission_read");
    Recording collaborators = replay.stub("collaborators_list");
    Recording teams = replay.stub("teams_405");
    ForgejoForge f = forge();
    assertEquals(AccessLevel.ADMIN, f.accessLevel(OGR_TESTS, "packit-validator"), "owner");
    assertTrue(f.hasWriteAccess(OGR_TESTS, "packit-validator"));
    assertEquals(AccessLevel.READ, f.accessLevel(OGR_TESTS, "lbarcziova"));
    assertFalse(f.hasWriteAccess(OGR_TESTS, "lbarcziova"));
    assertEquals(AccessLevel.NONE, f.accessLevel(OGR_TESTS, "nobody-at-all"), "unknown user: 404 means no access");
    assertEquals(List.of("mfocko"), f.collaborators(OGR_TESTS));
    assertEquals(List.of(), f.teams(OGR_TESTS), "405: the repository belongs to a user, it has no teams");
    assertEquals(2, replay.wm.findAll(owner.sent()).size());
    assertEquals(2, replay.wm.findAll(reader.sent()).size());
    only(collaborators);
    only(teams);
  }

  // ---- wiring

  @Test
  void forgesBuildsForgejoForCodebergAndNamedHosts() {
    assertEquals(Optional.of(ForgeKind.FORGEJO), ForgeKind.guess(URI.create("https://codeberg.org/forgejo/forgejo")));
    assertEquals(Optional.of(ForgeKind.FORGEJO), ForgeKind.guess(URI.create("https://forge.fedoraproject.org/infra/ansible")));
    assertEquals(Optional.of(ForgeKind.PAGURE), ForgeKind.guess(URI.create("https://src.fedoraproject.org/rpms/hello")),
        "dist-git keeps its host name when it moves: only a probe tells");
    assertInstanceOf(ForgejoForge.class, Forges.forUrl(URI.create("https://codeberg.org/a/b"), ForgeCredentials.anonymous()));
    assertEquals(URI.create("https://git.example.org/"), Forges.baseUri(URI.create("https://git.example.org/a/b"), ForgeKind.FORGEJO));
    assertFalse(Forgejo.builder().credentials(ForgeCredentials.token(TOKEN)).build().toString().contains(TOKEN));
    assertTrue(new String(new byte[0], StandardCharsets.UTF_8).isEmpty());
  }
}
