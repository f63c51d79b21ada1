package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.Comment;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.gitlab.GitLab;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listing a pull request's comments on GitHub and GitLab (Pagure's is in its contract test): every
 * page, oldest first, GitLab's system notes left out. GitHub's comment objects are the real one of
 * a recorded {@code issue_comment} webhook (the REST API returns the same object).
 */
class CommentListingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  @Test
  void gitHubReadsEveryPageOfThePullRequestsConversation() throws Exception {
    ObjectNode real = (ObjectNode) JSON.readTree(Files.readString(
        Fixtures.file("github/webhook_issue_comment_wrong_packit_command.json"))).path("comment");
    ObjectNode later = real.deepCopy();
    later.put("id", real.path("id").asLong() + 1).put("body", "/packit propose-downstream")
        .put("created_at", "2019-08-01T10:00:00Z");
    ((ObjectNode) later.path("user")).put("login", "packit-maintainer");
    String path = "/repos/packit-service/hello-world/issues/9/comments";
    wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(JSON.createArrayNode().add(later).toString())));
    wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("per_page", equalTo("100")).atPriority(10)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader("Link", "<" + wm.baseUrl() + path + "?per_page=100&page=2>; rel=\"next\"")
            .withBody(JSON.createArrayNode().add(real).toString())));
    var gh = GitHub.builder().baseUri(URI.create(wm.baseUrl() + "/")).credentials(ForgeCredentials.token("t")).build();

    List<Comment> comments = gh.comments(RepoId.of("packit-service/hello-world"), 9);
    assertEquals(2, comments.size(), comments.toString());
    assertEquals(real.path("id").asLong(), comments.get(0).id());
    assertEquals(real.path("body").asText(), comments.get(0).body());
    assertEquals(real.path("user").path("login").asText(), comments.get(0).author());
    assertEquals("packit-maintainer", comments.get(1).author());
    assertEquals("/packit propose-downstream", comments.get(1).body());
  }

  @Test
  void gitLabListsNotesOldestFirstWithoutSystemNotes() {
    // GitLab notes as its API documents them; no recording of this call exists.
    ArrayNode notes = JSON.createArrayNode();
    notes.addObject().put("id", 301).put("body", "added 1 commit").put("system", true)
        .put("created_at", "2024-05-01T10:00:00.000Z").putObject("author").put("username", "packit");
    notes.addObject().put("id", 302).put("body", "Please rebase.").put("system", false)
        .put("created_at", "2024-05-01T11:00:00.000Z").putObject("author").put("username", "mfocko");
    // The client looks the project up by path first (the recorded answer), then uses its id.
    Recording.load("gitlab", "project").stub(wm);
    String path = "/api/v4/projects/14233409/merge_requests/46/notes";
    wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("sort", equalTo("asc")).withQueryParam("order_by", equalTo("created_at"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(notes.toString())));
    var gl = GitLab.builder().baseUri(URI.create(wm.baseUrl() + "/api/v4/")).credentials(ForgeCredentials.token("t")).build();

    List<Comment> comments = gl.comments(RepoId.of("packit-service/ogr-tests"), 46);
    assertEquals(List.of(new Comment(302, "Please rebase.", "mfocko", java.time.Instant.parse("2024-05-01T11:00:00Z"))),
        comments);
  }
}
