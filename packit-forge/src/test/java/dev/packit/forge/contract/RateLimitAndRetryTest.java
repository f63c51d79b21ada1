package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.FakeTime;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.gitlab.GitLabForge;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab's 429 handling and look-up-before-retry of creates on GitLab and Pagure. */
class RateLimitAndRetryTest {
  @TempDir
  Path tmp;
  private WireMockServer wm;
  private final FakeTime time = new FakeTime(Instant.parse("2020-08-27T09:52:00Z"));

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(tmp.toString()));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private GitLabForge gitlab() {
    return GitLab.builder().baseUri(URI.create(wm.baseUrl() + "/api/v4/")).credentials(ForgeCredentials.token("t"))
        .sleeper(time).clock(time).retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void gitLab429WaitsUntilRateLimitReset() {
    Recording user = Recording.load("gitlab", "user");
    wm.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("limit").willSetStateTo("ok").willReturn(aResponse().withStatus(429)
        .withHeader("RateLimit-Reset", String.valueOf(time.instant().getEpochSecond() + 30))
        .withHeader("Date", "Thu, 27 Aug 2020 09:52:00 GMT").withBody("Retry later")));
    wm.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("limit").whenScenarioStateIs("ok").willReturn(user.response(wm.baseUrl())));
    assertEquals("mfocko", gitlab().currentUser().login());
    assertEquals(List.of(Duration.ofSeconds(31)), time.sleeps());
  }

  @Test
  void gitLab429PrefersRetryAfter() {
    Recording user = Recording.load("gitlab", "user");
    wm.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("limit").willSetStateTo("ok")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
    wm.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("limit").whenScenarioStateIs("ok").willReturn(user.response(wm.baseUrl())));
    gitlab().currentUser();
    assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps());
  }

  @Test
  void endless429WithRetryAfterZeroStopsAtTheBudget() {
    // Regression (canary test): "Retry-After: 0" on every answer kept the client looping forever.
    wm.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
    GitLabForge forge = GitLab.builder().baseUri(URI.create(wm.baseUrl() + "/api/v4/")).credentials(ForgeCredentials.token("t"))
        .sleeper(time).clock(time).retryPolicy(RetryPolicy.none()).rateLimitBudget(Duration.ofSeconds(5)).build();
    dev.packit.core.PackitServiceException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.packit.core.PackitServiceException.class, forge::currentUser);
    assertEquals(429, e.status());
    assertEquals(6, wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/v4/user")).build()).getCount());
  }

  @Test
  void gitLabMergeRequestCreateThatFailedWith502IsLookedUpNotRepeated() {
    Recording project = Recording.load("gitlab", "project");
    Recording mr = Recording.load("gitlab", "mr_create");
    wm.stubFor(get(urlPathEqualTo("/api/v4/projects/packit-service%2Fogr-tests")).willReturn(project.response(wm.baseUrl())));
    wm.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(Recording.load("gitlab", "user").response(wm.baseUrl())));
    wm.stubFor(post(urlPathEqualTo("/api/v4/projects/14233409/merge_requests")).willReturn(aResponse().withStatus(502)));
    wm.stubFor(get(urlPathEqualTo("/api/v4/projects/14233409/merge_requests")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("[" + mine(mr) + "]")));
    PullRequest found = gitlab().createPullRequest(RepoId.of("packit-service/ogr-tests"), PullRequestSpec.builder()
        .title("t").sourceBranch("one-more-branch").targetBranch("master").build());
    assertEquals(46, found.number());
    assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo("/api/v4/projects/14233409/merge_requests"))).size());
    var lookup = wm.findAll(getRequestedFor(urlPathEqualTo("/api/v4/projects/14233409/merge_requests"))).get(0);
    assertEquals("one-more-branch", lookup.queryParameter("source_branch").firstValue());
    assertEquals("master", lookup.queryParameter("target_branch").firstValue());
    assertEquals("mfocko", lookup.queryParameter("author_username").firstValue());
    assertEquals("opened", lookup.queryParameter("state").firstValue());
  }

  /** The recorded merge request, authored by the recorded current user. */
  private static String mine(Recording mr) {
    com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) mr.json();
    n.putObject("author").put("username", "mfocko");
    return n.toString();
  }

  @Test
  void pagureForkNotFoundAfterAFailedCreateIsTriedAgain() {
    PagureForge p = Pagure.builder().instance(URI.create(wm.baseUrl() + "/")).credentials(ForgeCredentials.token("t"))
        .sleeper(time).clock(time).retryPolicy(RetryPolicy.none()).createSettle(Duration.ofSeconds(6)).build();
    wm.stubFor(post(urlPathEqualTo("/api/0/-/whoami")).willReturn(Recording.load("pagure", "whoami").response(wm.baseUrl())));
    wm.stubFor(get(urlPathEqualTo("/api/0/fork/mfocko/ogr-tests")).inScenario("f").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(404).withBody(Recording.load("pagure", "project_404").text())));
    wm.stubFor(post(urlPathEqualTo("/api/0/fork")).inScenario("f").whenScenarioStateIs("Started").willSetStateTo("second")
        .willReturn(aResponse().withStatus(504)));
    wm.stubFor(get(urlPathEqualTo("/api/0/fork/mfocko/ogr-tests")).inScenario("f").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(404).withBody(Recording.load("pagure", "project_404").text())));
    wm.stubFor(post(urlPathEqualTo("/api/0/fork")).inScenario("f").whenScenarioStateIs("second").willSetStateTo("done")
        .willReturn(Recording.load("pagure", "fork_create").response(wm.baseUrl())));
    wm.stubFor(get(urlPathEqualTo("/api/0/fork/mfocko/ogr-tests")).inScenario("f").whenScenarioStateIs("done")
        .willReturn(Recording.load("pagure", "project_fork").response(wm.baseUrl())));
    wm.stubFor(get(urlPathEqualTo("/api/0/fork/mfocko/ogr-tests/git/branches")).willReturn(Recording.load("pagure", "git_branches").response(wm.baseUrl())));
    wm.stubFor(get(urlPathEqualTo("/api/0/fork/mfocko/ogr-tests/git/urls")).willReturn(Recording.load("pagure", "git_urls").response(wm.baseUrl())));
    p.forkOrCreate(RepoId.of("ogr-tests"));
    assertEquals(2, wm.findAll(postRequestedFor(urlPathEqualTo("/api/0/fork"))).size(), "looked up (absent), then created again");
    // A 504 is a gateway that gave up: the fork is looked for at 2, 4 and 6 s (the settle time) first.
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)), time.sleeps());
  }
}
