package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.RateLimitedException;
import dev.packit.core.testing.FakeTime;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.Release;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.github.GitHubForge;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays hub4j/github-api's WireMock recordings (../shared/fixtures/github/hub4j-wiremock):
 * rate limits waited out with an injected sleeper, an asynchronous fork, releases by tag, a PR.
 */
class Hub4jScenarioTest {
  private WireMockServer wm;
  @org.junit.jupiter.api.io.TempDir Path tmp;
  private final FakeTime time = new FakeTime(Instant.parse("2024-12-20T13:03:00Z"));

  @BeforeEach
  void start() {
    // the recordings template Date and X-RateLimit-Reset with {{now ...}}
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true)
        .usingFilesUnderDirectory(tmp.toString()));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  /** Loads a scenario's mappings, bodies inlined; hub4j's own template helper becomes {{now}}. */
  private void load(String scenario) throws IOException {
    Path dir = Fixtures.dir("github/hub4j-wiremock/" + scenario);
    ObjectMapper m = new ObjectMapper();
    try (Stream<Path> files = Files.list(dir.resolve("mappings"))) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        ObjectNode mapping = (ObjectNode) m.readTree(Files.readString(f).replace("{{testStartDate", "{{now"));
        // two recordings of one scenario share an id; WireMock wants them unique
        mapping.remove("id");
        mapping.remove("uuid");
        // "persistent" would make WireMock write the stub into the source tree
        mapping.remove("persistent");
        ObjectNode response = (ObjectNode) mapping.get("response");
        if (response.has("bodyFileName")) {
          response.put("body", Files.readString(dir.resolve("__files").resolve(response.get("bodyFileName").asText())));
          response.remove("bodyFileName");
        }
        ObjectNode request = (ObjectNode) mapping.get("request");
        // the recordings match the exact URL; our client adds per_page to lists, so match the path
        if (request.has("url") && !request.get("url").asText().contains("?")) {
          request.set("urlPath", request.remove("url"));
        }
        wm.addStubMapping(StubMapping.buildFrom(mapping.toString()));
      }
    }
  }

  private GitHubForge forge() {
    return GitHub.builder().baseUri(URI.create(wm.baseUrl() + "/")).credentials(ForgeCredentials.token("ghp_x"))
        .sleeper(time).clock(time).build();
  }

  private List<LoggedRequest> requests() {
    return wm.findAll(anyRequestedFor(anyUrl()));
  }

  @Test
  void secondaryLimitWithRetryAfterIsWaitedOut() throws IOException {
    load("secondary_rate_limit_429_retry_after");
    Repository r = forge().repository(RepoId.of("hub4j-test-org/temp-testHandler_Wait_Secondary_Limits_Too_Many_Requests")).orElseThrow();
    assertTrue(r.id().name().startsWith("temp-testHandler"), r.id().toString());
    assertEquals(List.of(Duration.ofSeconds(8)), time.sleeps());
    assertEquals(2, requests().size());
    requests().forEach(q -> assertEquals("application/vnd.github+json", q.getHeader("Accept")));
  }

  @Test
  void secondaryLimitSeenOnlyInTheBodyIsWaitedOut() throws IOException {
    load("secondary_rate_limit_403_body_marker");
    forge().repository(RepoId.of("hub4j-test-org/temp-testHandler_Wait_Secondary_Limits_Body_Marker_Only")).orElseThrow();
    assertEquals(List.of(Duration.ofSeconds(60)), time.sleeps(), "no Retry-After: GitHub asks for at least a minute");
    assertEquals(2, requests().size());
  }

  @Test
  void primaryLimitWaitsUntilTheReset() throws IOException {
    load("primary_rate_limit_403");
    forge().repository(RepoId.of("hub4j-test-org/temp-testHandler_Wait")).orElseThrow();
    assertEquals(1, time.sleeps().size());
    Duration waited = time.sleeps().get(0);
    // reset = server Date + 3 s (templated at reply time), plus one second of margin
    assertTrue(waited.compareTo(Duration.ofSeconds(2)) >= 0 && waited.compareTo(Duration.ofSeconds(6)) <= 0, waited.toString());
  }

  @Test
  void rateLimitBeyondTheBudgetIsAClearError() {
    wm.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
        .withBody("{\"message\":\"You have exceeded a secondary rate limit\"}")));
    RateLimitedException e = org.junit.jupiter.api.Assertions.assertThrows(RateLimitedException.class,
        () -> GitHub.builder().baseUri(URI.create(wm.baseUrl() + "/")).sleeper(time).clock(time)
            .rateLimitBudget(Duration.ofMinutes(10)).build().repository(RepoId.of("o/r")));
    assertEquals(Optional.of(Duration.ofSeconds(3600)), e.retryAfter());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void asynchronousForkIsPolledUntilItHasBranches() throws IOException {
    load("create_fork_async_poll");
    // before the POST the user's fork does not exist yet
    StubMapping notYet = get(urlPathEqualTo("/repos/Alaurant/temp-testFork")).atPriority(1).inScenario("forked")
        .whenScenarioStateIs("Started").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")).build();
    wm.addStubMapping(notYet);
    wm.stubFor(get(urlPathEqualTo("/repos/hub4j-test-org/temp-testFork/forks")).atPriority(1).willReturn(
        aResponse().withStatus(200).withBody("[]")));
    for (StubMapping s : wm.getStubMappings()) {
      if ("POST".equals(s.getRequest().getMethod().getName())) {
        s.setScenarioName("forked");
        s.setNewScenarioState("created");
        wm.editStubMapping(s);
      }
    }
    Repository fork = forge().forkOrCreate(RepoId.of("hub4j-test-org/temp-testFork"));
    assertEquals(RepoId.of("Alaurant/temp-testFork"), fork.id());
    assertEquals(RepoId.of("hub4j-test-org/temp-testFork"), fork.parent());
    List<String> calls = requests().stream().map(q -> q.getMethod() + " " + q.getUrl()).toList();
    assertEquals(1, calls.stream().filter(c -> c.startsWith("POST")).count(), calls.toString());
    assertTrue(calls.contains("POST /repos/hub4j-test-org/temp-testFork/forks"), calls.toString());
  }

  @Test
  void releaseByTag() throws IOException {
    load("release_by_tag_200");
    Release r = forge().release(RepoId.of("github/hub"), "v2.3.0-pre10").orElseThrow();
    assertEquals("v2.3.0-pre10", r.tagName());
    assertTrue(r.prerelease());
  }

  @Test
  void missingReleaseByTagIsEmpty() throws IOException {
    load("release_by_tag_404");
    assertEquals(Optional.empty(), forge().release(RepoId.of("hub4j-test-org/github-api"), "foo-bar-baz"));
  }

  @Test
  void pullRequestCreatedAndClosed() throws IOException {
    load("create_pull_request");
    GitHubForge gh = forge();
    RepoId repo = RepoId.of("hub4j-test-org/github-api");
    PullRequest pr = gh.createPullRequest(repo, PullRequestSpec.builder().title("createPullRequest").body("## test")
        .sourceBranch("test/stable").targetBranch("main").build());
    assertEquals(273, pr.number());
    assertEquals("test/stable", pr.sourceBranch());
    PullRequest closed = gh.closePullRequest(repo, 273);
    assertEquals(PrState.CLOSED, closed.state());
    JsonNode sent = new ObjectMapper().readTree(wm.findAll(anyRequestedFor(urlPathEqualTo("/repos/hub4j-test-org/github-api/pulls")))
        .get(0).getBodyAsString());
    assertEquals("test/stable", sent.get("head").asText());
    assertTrue(sent.get("maintainer_can_modify").asBoolean());
  }
}
