package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.AuthenticationException;
import dev.packit.core.PackitServiceException;
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
import dev.packit.forge.User;
import dev.packit.forge.github.CheckRun;
import dev.packit.forge.github.CheckRunSpec;
import dev.packit.forge.github.ContentEntry;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.github.GitHubForge;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays every recording of ../shared/fixtures/github through the GitHub client. */
class GitHubContractTest {
  private static final String TOKEN = "ghp_contractTestToken0000000000000000";
  private static Replay replay;
  private final FakeTime time = new FakeTime(Instant.parse("2019-11-01T13:36:03Z"));

  @BeforeAll
  static void start() {
    replay = new Replay("github", GitHubContractTest.class, false);
  }

  @AfterEach
  void reset() {
    replay.testDone();
  }

  @AfterAll
  static void stop() {
    replay.checkAllReplayed();
  }

  private GitHubForge forge() {
    return forge(ForgeCredentials.token(TOKEN));
  }

  private GitHubForge forge(ForgeCredentials credentials) {
    return GitHub.builder().baseUri(URI.create(replay.wm.baseUrl() + "/")).credentials(credentials)
        .sleeper(time).clock(time).pollInterval(Duration.ofSeconds(1)).build();
  }

  /** Every request carries the API media type, version and the token. */
  private static void verifyHeaders(LoggedRequest r) {
    assertEquals("application/vnd.github+json", r.getHeader("Accept"));
    assertEquals("2022-11-28", r.getHeader("X-GitHub-Api-Version"));
    assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"));
    assertTrue(r.getHeader("User-Agent").startsWith("packit-java/"), r.getHeader("User-Agent"));
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

  @Test
  void repositoryInfo() {
    Recording rec = replay.stub("repo");
    Repository repo = forge().repository(RepoId.of("packit/ogr")).orElseThrow();
    assertEquals(RepoId.of("packit/ogr"), repo.id());
    assertEquals("master", repo.defaultBranch());
    assertEquals(URI.create("https://github.com/packit/ogr.git"), repo.cloneUrl());
    assertEquals("git@github.com:packit/ogr.git", repo.sshUrl());
    assertEquals(URI.create("https://github.com/packit/ogr"), repo.webUrl());
    assertFalse(repo.isPrivate());
    assertFalse(repo.isFork());
    assertEquals(161636700L, repo.forgeId());
    only(rec);
  }

  @Test
  void movedRepositoryIsFollowed() {
    Recording moved = replay.stub("repo_moved_301");
    Recording target = Recording.load("github", "repo");
    replay.wm.stubFor(get(urlPathEqualTo("/repositories/464988123")).willReturn(target.response(replay.wm.baseUrl())));
    Repository repo = forge().repository(RepoId.of("konveyor/volume-snapshot-mover")).orElseThrow();
    assertEquals(RepoId.of("packit/ogr"), repo.id());
    only(moved);
    assertEquals(1, replay.wm.findAll(getRequestedFor(urlPathEqualTo("/repositories/464988123"))).size());
  }

  @Test
  void unauthorizedIsAClearAuthenticationError() {
    Recording rec = replay.stub("unauthorized_401");
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> forge().repository(RepoId.of("packit/ogr")));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("Bad credentials"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), "token leaked: " + e.getMessage());
    only(rec);
  }

  @Test
  void currentUserIsAskedOnce() {
    Recording rec = replay.stub("user");
    GitHubForge gh = forge();
    User me = gh.currentUser();
    assertEquals("mfocko", me.login());
    assertEquals(me, gh.currentUser());
    only(rec);
  }

  @Test
  void branchByName() {
    Recording rec = replay.stub("branch_get");
    Branch b = forge().branch(RepoId.of("packit/hello-world"), "test-for-flock").orElseThrow();
    assertEquals(new Branch("test-for-flock", "e2282f3083a5e11e76a0a4a2d5de7c7f8afdecd0"), b);
    only(rec);
  }

  @Test
  void tagsList() {
    Recording rec = replay.stub("tags_list");
    List<Tag> tags = forge().tags(RepoId.of("packit/ogr")).collect(Collectors.toList());
    assertEquals(rec.json().size(), tags.size());
    assertEquals(new Tag("0.13.1", "da9d777fa7c5aa463f86b47d36ce244e7f422138"), tags.get(0));
    assertEquals("100", only(rec).queryParameter("per_page").firstValue());
  }

  @Test
  void latestRelease() {
    Recording rec = replay.stub("release_latest");
    Release r = forge().latestRelease(RepoId.of("packit/ogr")).orElseThrow();
    assertEquals("0.13.1", r.tagName());
    assertEquals("0.13.1", r.name());
    assertTrue(r.body().startsWith("# 0.13.1"), r.body());
    assertFalse(r.draft());
    assertEquals(rec.json().get("published_at").asText(), r.publishedAt().toString().replace(".000", ""));
    only(rec);
  }

  @Test
  void noLatestReleaseIsEmpty() {
    Recording rec = replay.stub("release_latest_404");
    assertEquals(Optional.empty(), forge().latestRelease(RepoId.of("mfocko/ogr-playground")));
    only(rec);
  }

  @Test
  void releaseById() {
    Recording rec = replay.stub("release_get_by_id");
    Release r = forge().release(RepoId.of("packit/hello-world"), 18757440L).orElseThrow();
    assertEquals("0.4.1", r.tagName());
    only(rec);
  }

  @Test
  void releasesList() {
    Recording rec = replay.stub("releases_list");
    List<Release> all = forge().releases(RepoId.of("packit/ogr")).collect(Collectors.toList());
    assertEquals(rec.json().size(), all.size());
    assertEquals(List.of("0.13.1", "0.13.0", "0.12.2"), all.stream().limit(3).map(Release::tagName).collect(Collectors.toList()));
    only(rec);
  }

  @Test
  void createRelease() throws Exception {
    Recording rec = replay.stub("release_create");
    Release r = forge().createRelease(RepoId.of("packit/hello-world"), new ReleaseSpec("0.80", "test", "testing release", null));
    assertEquals("0.80", r.tagName());
    assertEquals("testing release", r.body());
    JsonNode sent = body(only(rec));
    assertEquals("0.80", sent.get("tag_name").asText());
    assertEquals("test", sent.get("name").asText());
    assertEquals("testing release", sent.get("body").asText());
  }

  @Test
  void fileContent() {
    Recording rec = replay.stub("contents_file");
    FileContent f = forge().file(RepoId.of("packit/ogr"), ".git_archival.txt", "master").orElseThrow();
    String expected = new String(Base64.getMimeDecoder().decode(rec.json().get("content").asText()), StandardCharsets.UTF_8);
    assertEquals(expected, f.text());
    assertTrue(f.text().startsWith("ref-names: "), f.text());
    assertEquals("master", only(rec).queryParameter("ref").firstValue());
  }

  @Test
  void missingFileIsEmpty() {
    Recording rec = replay.stub("contents_404");
    assertEquals(Optional.empty(), forge().file(RepoId.of("packit/ogr"), ".blablabla_nonexisting_file", "master"));
    only(rec);
  }

  @Test
  void directoryListing() {
    Recording rec = replay.stub("contents_dir");
    List<ContentEntry> entries = forge().directory(RepoId.of("packit/ogr"), "", "master");
    assertEquals(rec.json().size(), entries.size());
    assertEquals(new ContentEntry(".fmf", ".fmf", "dir", "e97abb5ad3383c11a4e9a42971c117ed6ae4ebd6", 0), entries.get(0));
    only(rec);
  }

  @Test
  void pullRequestByNumber() {
    Recording rec = replay.stub("pr_get");
    PullRequest pr = forge().pullRequest(RepoId.of("packit/ogr"), 1).orElseThrow();
    assertEquals(1, pr.number());
    assertEquals(PrState.MERGED, pr.state());
    assertEquals(RepoId.of("packit/ogr"), pr.target());
    assertEquals(RepoId.of("lachmanfrantisek/ogr"), pr.source());
    only(rec);
  }

  @Test
  void openPullRequests() {
    Recording rec = replay.stub("pr_list");
    List<PullRequest> prs = forge().pullRequests(RepoId.of("packit/hello-world"), PrState.OPEN).collect(Collectors.toList());
    assertEquals(rec.json().size(), prs.size());
    PullRequest first = prs.get(0);
    assertEquals(72, first.number());
    assertEquals("test_source", first.sourceBranch());
    assertEquals("master", first.targetBranch());
    assertEquals("mfocko", first.author());
    assertTrue(prs.stream().allMatch(p -> p.state() == PrState.OPEN));
    only(rec);
  }

  @Test
  void createPullRequestFromFork() throws Exception {
    Recording rec = replay.stub("pr_create");
    PullRequest pr = forge().createPullRequest(RepoId.of("packit/hello-world"), PullRequestSpec.builder()
        .title("test: upstream <- fork").body("pull request body")
        .source(RepoId.of("mfocko/hello-world"), "test_source").targetBranch("test_target").build());
    assertEquals(146, pr.number());
    assertEquals(RepoId.of("mfocko/hello-world"), pr.source());
    assertEquals(URI.create("https://github.com/packit/hello-world/pull/146"), pr.webUrl());
    JsonNode sent = body(only(rec));
    assertEquals("mfocko:test_source", sent.get("head").asText());
    assertEquals("test_target", sent.get("base").asText());
    assertEquals("test: upstream <- fork", sent.get("title").asText());
    assertEquals("pull request body", sent.get("body").asText());
  }

  @Test
  void duplicatePullRequestIsAvoidedAfterALostResponse() {
    Recording user = replay.stub("user");
    Recording created = Recording.load("github", "pr_create");
    // the create reaches GitHub but the answer is lost: the connection drops
    replay.wm.stubFor(post(urlPathEqualTo("/repos/packit/hello-world/pulls"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    replay.wm.stubFor(get(urlPathEqualTo("/repos/packit/hello-world/pulls"))
        .withQueryParam("head", equalTo("mfocko:test_source")).withQueryParam("state", equalTo("open"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("[" + created.text() + "]")));
    PullRequest pr = forge().createPullRequest(RepoId.of("packit/hello-world"), PullRequestSpec.builder()
        .title("test: upstream <- fork").source(RepoId.of("mfocko/hello-world"), "test_source").targetBranch("test_target").build());
    assertEquals(146, pr.number());
    assertEquals(1, replay.wm.findAll(postRequestedFor(urlPathEqualTo("/repos/packit/hello-world/pulls"))).size(),
        "the create must not be repeated once the lookup found the pull request");
    assertEquals("test_target", replay.wm.findAll(getRequestedFor(urlPathEqualTo("/repos/packit/hello-world/pulls")))
        .get(0).queryParameter("base").firstValue());
    only(user);
  }

  @Test
  void findOpenPullRequestFiltersOnTheServer() {
    Recording list = Recording.load("github", "pr_list");
    replay.wm.stubFor(get(urlPathEqualTo("/repos/packit/hello-world/pulls")).withQueryParam("head", equalTo("mfocko:test_source"))
        .withQueryParam("base", equalTo("master")).willReturn(list.response(replay.wm.baseUrl())));
    assertEquals(72, forge().findOpenPullRequest(RepoId.of("packit/hello-world"), "test_source", "master", "mfocko")
        .orElseThrow().number());
  }

  @Test
  void forkCreatedAndPolledUntilReady() throws Exception {
    replay.stub("user");
    Recording forks = replay.stub("forks_list");
    Recording fork = replay.load("fork_create");
    // not forked yet: the user's repository is missing
    replay.wm.stubFor(get(urlPathEqualTo("/repos/mfocko/fed-to-brew")).inScenario("fork").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
    replay.wm.stubFor(fork.mapping().inScenario("fork").willSetStateTo("created").willReturn(fork.response(replay.wm.baseUrl())));
    // right after the 202 the repository exists but has no git data yet, then it has
    replay.wm.stubFor(get(urlPathEqualTo("/repos/mfocko/fed-to-brew")).inScenario("fork").whenScenarioStateIs("created")
        .willReturn(fork.response(replay.wm.baseUrl())));
    replay.wm.stubFor(get(urlPathEqualTo("/repos/mfocko/fed-to-brew/branches")).inScenario("fork").whenScenarioStateIs("created")
        .willSetStateTo("populated").willReturn(aResponse().withStatus(200).withBody("[]")));
    replay.wm.stubFor(get(urlPathEqualTo("/repos/mfocko/fed-to-brew")).inScenario("fork").whenScenarioStateIs("populated")
        .willReturn(fork.response(replay.wm.baseUrl())));
    replay.wm.stubFor(get(urlPathEqualTo("/repos/mfocko/fed-to-brew/branches")).inScenario("fork").whenScenarioStateIs("populated")
        .willReturn(aResponse().withStatus(200).withBody("[{\"name\":\"main\",\"commit\":{\"sha\":\"abc\"}}]")));

    Repository r = forge().forkOrCreate(RepoId.of("fedora-modularity/fed-to-brew"));
    assertEquals(RepoId.of("mfocko/fed-to-brew"), r.id());
    assertEquals(RepoId.of("fedora-modularity/fed-to-brew"), r.parent());
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps(), "one poll wait between the empty and the populated fork");
    LoggedRequest create = only(fork);
    assertEquals("{}", create.getBodyAsString().replace(" ", ""));
    assertEquals(1, replay.wm.findAll(forks.sent()).size());
  }

  @Test
  void forksListed() {
    Recording rec = replay.stub("forks_list");
    List<Repository> forks = forge().forks(RepoId.of("fedora-modularity/fed-to-brew")).collect(Collectors.toList());
    assertEquals(6, forks.size());
    assertTrue(forks.stream().allMatch(f -> RepoId.of("fedora-modularity/fed-to-brew").equals(f.parent())));
    assertEquals("bcrocker15", forks.get(0).owner());
    only(rec);
  }

  @Test
  void commitStatusSet() throws Exception {
    Recording rec = replay.stub("status_create");
    CommitStatus s = forge().setCommitStatus(RepoId.of("packit/ogr"), "c891a9e4ac01e6575f3fd66cf1b7db2f52f10128",
        CommitStatusSpec.of(CommitState.SUCCESS, "test", "testing description").withTargetUrl(URI.create("https://github.com/packit/ogr")));
    assertEquals(CommitState.SUCCESS, s.state());
    assertEquals("test", s.context());
    assertEquals("bcrocker15", s.author());
    JsonNode sent = body(only(rec));
    assertEquals("success", sent.get("state").asText());
    assertEquals("test", sent.get("context").asText());
    assertEquals("testing description", sent.get("description").asText());
    assertEquals("https://github.com/packit/ogr", sent.get("target_url").asText());
  }

  @Test
  void tooLongStatusDescriptionIsAClearError() {
    Recording rec = replay.stub("status_create_422");
    PackitServiceException e = assertThrows(PackitServiceException.class, () -> forge().setCommitStatus(RepoId.of("packit/ogr"),
        "c891a9e4ac01e6575f3fd66cf1b7db2f52f10128", CommitStatusSpec.of(CommitState.FAILURE, "test", "x".repeat(141))));
    assertEquals(422, e.status());
    assertTrue(e.getMessage().contains("description is too long (maximum is 140 characters)"), e.getMessage());
    assertFalse(e.retryable());
    only(rec);
  }

  @Test
  void commitStatusesEmpty() {
    Recording rec = replay.stub("statuses_list");
    assertEquals(0, forge().commitStatuses(RepoId.of("packit/ogr"), "29ca3caefc781b4b41245df3e01086ffa4b4639e").count());
    only(rec);
  }

  @Test
  void commitStatusesFollowTheLinkHeaderLazily() {
    Recording page1 = replay.stub("statuses_page1_link");
    Recording page2 = replay.stub("statuses_page2_link");
    try (Stream<CommitStatus> s = forge().commitStatuses(RepoId.of("packit/ogr"), "c891a9e4ac01e6575f3fd66cf1b7db2f52f10128")) {
      List<CommitStatus> firstFew = s.limit(5).collect(Collectors.toList());
      assertEquals(5, firstFew.size());
    }
    assertEquals(0, replay.wm.findAll(page2.sent()).size(), "page 2 must not be fetched before it is needed");
    List<CommitStatus> all = forge().commitStatuses(RepoId.of("packit/ogr"), "c891a9e4ac01e6575f3fd66cf1b7db2f52f10128")
        .collect(Collectors.toList());
    assertEquals(page1.json().size() + page2.json().size(), all.size());
    assertEquals(1, replay.wm.findAll(page2.sent()).size());
    verifyHeaders(replay.wm.findAll(page2.sent()).get(0));
  }

  @Test
  void threePagesOfReleases() {
    Recording page = Recording.load("github", "releases_list");
    String base = replay.wm.baseUrl();
    replay.wm.stubFor(get(urlPathEqualTo("/repos/packit/ogr/releases")).willReturn(page.response(base, "Link", "<" + base + "/repositories/161636700/releases?page=2>; rel=\"next\"")));
    replay.wm.stubFor(get(urlPathEqualTo("/repositories/161636700/releases")).withQueryParam("page", equalTo("2"))
        .willReturn(page.response(base, "Link", "<" + base + "/repositories/161636700/releases?page=3>; rel=\"next\", <"
            + base + "/repositories/161636700/releases?page=1>; rel=\"prev\"")));
    replay.wm.stubFor(get(urlPathEqualTo("/repositories/161636700/releases")).withQueryParam("page", equalTo("3"))
        .willReturn(page.response(base, "Link", "<" + base + "/repositories/161636700/releases?page=2>; rel=\"prev\"")));
    long n = forge().releases(RepoId.of("packit/ogr")).count();
    assertEquals(3L * page.json().size(), n);
    assertEquals(3, replay.wm.getAllServeEvents().size());
  }

  @Test
  void rateLimit() {
    Recording rec = replay.stub("rate_limit");
    RateLimit l = forge().rateLimit().orElseThrow();
    assertEquals(new RateLimit(5000, 5000, Instant.ofEpochSecond(1768315875)), l);
    only(rec);
  }

  @Test
  void checkRuns() throws Exception {
    Recording create = replay.stub("check_run_create");
    Recording list = replay.stub("check_runs_list");
    GitHubForge gh = forge();
    CheckRun run = gh.createCheckRun(RepoId.of("packit/hello-world"), new CheckRunSpec("neutral completed",
        "7cf6d0cbeca285ecbeb19a0067cb243783b3c768", "completed", "neutral", "Compile & run tests", "Compilation failed",
        URI.create("https://localhost"), "ogr-test"));
    assertEquals(2685073263L, run.id());
    assertEquals("neutral", run.conclusion());
    assertEquals("Compile & run tests", run.title());
    JsonNode sent = body(only(create));
    assertEquals("7cf6d0cbeca285ecbeb19a0067cb243783b3c768", sent.get("head_sha").asText());
    assertEquals("Compilation failed", sent.path("output").get("summary").asText());
    List<CheckRun> runs = gh.checkRuns(RepoId.of("packit/hello-world"), "7cf6d0cbeca285ecbeb19a0067cb243783b3c768")
        .collect(Collectors.toList());
    assertEquals(list.json().get("total_count").asInt(), runs.size());
    only(list);
  }

  @Test
  void gitHubAppInstallationTokenIsMintedAndRefreshed() throws Exception {
    Recording installation = replay.stub("app_installation");
    Recording token = replay.stub("app_installation_token");
    replay.stub("repo");
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024); // small key: the test checks the signing, not the strength
    KeyPair keys = g.generateKeyPair();
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pkcs1(keys.getPrivate().getEncoded())) + "\n-----END RSA PRIVATE KEY-----\n";
    GitHubForge gh = forge(ForgeCredentials.gitHubApp(29076, pem));
    gh.repository(RepoId.of("packit/ogr")).orElseThrow();
    gh.repository(RepoId.of("packit/ogr")).orElseThrow();

    LoggedRequest inst = replay.wm.findAll(installation.sent()).get(0);
    assertEquals(1, replay.wm.findAll(installation.sent()).size(), "installation looked up once");
    assertEquals(1, replay.wm.findAll(token.sent()).size(), "token minted once while valid");
    String jwt = inst.getHeader("Authorization").substring("Bearer ".length());
    String[] parts = jwt.split("\\.");
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(keys.getPublic());
    v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(v.verify(Base64.getUrlDecoder().decode(parts[2])), "JWT signature");
    JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("29076", claims.get("iss").asText());
    assertEquals(time.instant().getEpochSecond() - 60, claims.get("iat").asLong());
    assertEquals(jwt, replay.wm.findAll(token.sent()).get(0).getHeader("Authorization").substring(7));
    for (LoggedRequest r : replay.wm.findAll(getRequestedFor(urlPathEqualTo("/repos/packit/ogr")))) {
      assertEquals("Bearer <redacted>", r.getHeader("Authorization"), "the installation token from the answer");
    }
    // the token expires at 14:35:53; five minutes before, a new one is minted
    time.sleep(Duration.ofMinutes(56));
    gh.repository(RepoId.of("packit/ogr")).orElseThrow();
    assertEquals(2, replay.wm.findAll(token.sent()).size(), "token refreshed before expiry");
  }

  /** Extracts the PKCS#1 RSAPrivateKey from a PKCS#8 PrivateKeyInfo (the last OCTET STRING). */
  static byte[] pkcs1(byte[] pkcs8) {
    int i = 0;
    i++; // SEQUENCE
    i += lengthBytes(pkcs8, i);
    i += 3; // INTEGER 0
    i++; // algorithm SEQUENCE
    int algLen = length(pkcs8, i);
    i += lengthBytes(pkcs8, i) + algLen;
    i++; // OCTET STRING
    int len = length(pkcs8, i);
    i += lengthBytes(pkcs8, i);
    byte[] out = new byte[len];
    System.arraycopy(pkcs8, i, out, 0, len);
    return out;
  }

  private static int lengthBytes(byte[] b, int i) {
    int first = b[i] & 0xff;
    return first < 0x80 ? 1 : 1 + (first & 0x7f);
  }

  private static int length(byte[] b, int i) {
    int first = b[i] & 0xff;
    if (first < 0x80) {
      return first;
    }
    byte[] n = new byte[first & 0x7f];
    System.arraycopy(b, i + 1, n, 0, n.length);
    return new BigInteger(1, n).intValue();
  }
}
