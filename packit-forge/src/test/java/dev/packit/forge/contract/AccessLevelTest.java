package dev.packit.forge.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.AccessLevel;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.pagure.Pagure;
import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Forge.accessLevel}: who may command the bot. Pagure reads the recorded project (its
 * {@code access_users}) and looks into groups; GitHub and GitLab answer as their API documents
 * (no recording of these calls exists).
 */
class AccessLevelTest {
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

  private void json(String path, int status, String body) {
    wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void gitHubReadsTheCollaboratorsRoleAndFallsBackToTheLegacyPermission() {
    String base = "/repos/packit/ogr/collaborators/";
    json(base + "owner/permission", 200, "{\"permission\":\"admin\",\"role_name\":\"admin\",\"user\":{\"login\":\"owner\"}}");
    // maintain reads as "write" in the legacy field; role_name tells it apart
    json(base + "keeper/permission", 200, "{\"permission\":\"write\",\"role_name\":\"maintain\",\"user\":{\"login\":\"keeper\"}}");
    json(base + "dev/permission", 200, "{\"permission\":\"write\",\"role_name\":\"write\",\"user\":{\"login\":\"dev\"}}");
    json(base + "triager/permission", 200, "{\"permission\":\"read\",\"role_name\":\"triage\",\"user\":{\"login\":\"triager\"}}");
    json(base + "custom/permission", 200, "{\"permission\":\"write\",\"role_name\":\"release-manager\",\"user\":{\"login\":\"custom\"}}");
    json(base + "outsider/permission", 200, "{\"permission\":\"read\",\"role_name\":\"read\",\"user\":{\"login\":\"outsider\"}}");
    json(base + "ghost/permission", 404, "{\"message\":\"ghost is not a user\"}");
    var gh = GitHub.builder().baseUri(URI.create(wm.baseUrl() + "/")).credentials(ForgeCredentials.token("t")).build();
    RepoId repo = RepoId.of("packit/ogr");

    assertEquals(AccessLevel.ADMIN, gh.accessLevel(repo, "owner"));
    assertEquals(AccessLevel.MAINTAIN, gh.accessLevel(repo, "keeper"));
    assertEquals(AccessLevel.WRITE, gh.accessLevel(repo, "dev"));
    assertEquals(AccessLevel.TRIAGE, gh.accessLevel(repo, "triager"));
    assertEquals(AccessLevel.WRITE, gh.accessLevel(repo, "custom"));
    assertEquals(AccessLevel.READ, gh.accessLevel(repo, "outsider"));
    assertEquals(AccessLevel.NONE, gh.accessLevel(repo, "ghost"));
    assertTrue(gh.hasWriteAccess(repo, "dev"));
    assertFalse(gh.hasWriteAccess(repo, "triager"));
    assertFalse(gh.hasWriteAccess(repo, "outsider"));
  }

  @Test
  void gitLabReadsTheMembersAccessLevelIncludingInheritedOnes() throws Exception {
    json("/api/v4/projects/packit-service%2Fogr-tests", 200, Files.readString(Fixtures.file("gitlab/project.json")));
    long project = 14233409;
    String[][] users = {{"lbarczio", "11", "40"}, {"dev", "12", "30"}, {"reporter", "13", "20"}, {"guest", "14", "10"}};
    json("/api/v4/users", 200, "[]"); // no such user; the stubs below take precedence for the others
    for (String[] u : users) {
      wm.stubFor(get(urlPathEqualTo("/api/v4/users")).withQueryParam("username", equalTo(u[0])).willReturn(aResponse()
          .withStatus(200).withHeader("Content-Type", "application/json")
          .withBody("[{\"id\":" + u[1] + ",\"username\":\"" + u[0] + "\",\"state\":\"active\"}]")));
      json("/api/v4/projects/" + project + "/members/all/" + u[1], 200,
          "{\"id\":" + u[1] + ",\"username\":\"" + u[0] + "\",\"access_level\":" + u[2] + "}");
    }
    wm.stubFor(get(urlPathEqualTo("/api/v4/users")).withQueryParam("username", equalTo("outsider")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json").withBody("[{\"id\":99,\"username\":\"outsider\"}]")));
    json("/api/v4/projects/" + project + "/members/all/99", 404, "{\"message\":\"404 Not found\"}");
    var gl = GitLab.builder().baseUri(URI.create(wm.baseUrl() + "/api/v4/")).credentials(ForgeCredentials.token("t")).build();
    RepoId repo = RepoId.of("packit-service/ogr-tests");

    assertEquals(AccessLevel.MAINTAIN, gl.accessLevel(repo, "lbarczio"));
    assertEquals(AccessLevel.WRITE, gl.accessLevel(repo, "dev"));
    assertEquals(AccessLevel.TRIAGE, gl.accessLevel(repo, "reporter"));
    assertEquals(AccessLevel.READ, gl.accessLevel(repo, "guest"));
    assertEquals(AccessLevel.NONE, gl.accessLevel(repo, "outsider"));
    assertEquals(AccessLevel.NONE, gl.accessLevel(repo, "nobody"), "an unknown user");
    assertTrue(gl.hasWriteAccess(repo, "dev"));
    assertFalse(gl.hasWriteAccess(repo, "reporter"));
  }

  @Test
  void pagureReadsAccessUsersAndLooksIntoGroupsOnlyWhenTheyRaiseTheLevel() throws Exception {
    ObjectNode project = (ObjectNode) JSON.readTree(Files.readString(Fixtures.file("pagure/project.json")));
    // The recording has no group ACL: give the project a committer group and a ticket group.
    ((ObjectNode) project.path("access_groups")).putArray("commit").add("python-sig");
    ((ObjectNode) project.path("access_groups")).putArray("ticket").add("triagers");
    ((ObjectNode) project.path("access_users")).putArray("ticket").add("reporter");
    json("/api/0/ogr-tests", 200, project.toString());
    json("/api/0/group/python-sig", 200, "{\"name\":\"python-sig\",\"display_name\":\"Python SIG\","
        + "\"members\":[\"pyuser\",\"reporter\"],\"group_type\":\"user\"}");
    json("/api/0/group/triagers", 200, "{\"name\":\"triagers\",\"members\":[\"tina\"]}");
    json("/api/0/nothere", 404, "{\"error\":\"Project not found\",\"error_code\":\"ENOPROJECT\"}");
    var pagure = Pagure.builder().instance(URI.create(wm.baseUrl() + "/")).credentials(ForgeCredentials.token("t")).build();
    RepoId repo = RepoId.of("ogr-tests");

    assertEquals(AccessLevel.ADMIN, pagure.accessLevel(repo, "lachmanfrantisek"), "owner in the recording");
    assertEquals(AccessLevel.ADMIN, pagure.accessLevel(repo, "mfocko"), "admin in the recording");
    assertEquals(0, wm.findAll(getRequestedFor(urlPathEqualTo("/api/0/group/python-sig"))).size(),
        "an admin's groups cannot raise the level: not asked");
    assertEquals(AccessLevel.WRITE, pagure.accessLevel(repo, "pyuser"), "commit through a group");
    assertEquals(AccessLevel.WRITE, pagure.accessLevel(repo, "reporter"), "ticket directly, commit through a group");
    assertEquals(AccessLevel.TRIAGE, pagure.accessLevel(repo, "tina"));
    assertEquals(AccessLevel.NONE, pagure.accessLevel(repo, "outsider"));
    assertEquals(AccessLevel.NONE, pagure.accessLevel(RepoId.of("nothere"), "mfocko"));
    assertTrue(pagure.hasWriteAccess(repo, "pyuser"));
    assertFalse(pagure.hasWriteAccess(repo, "tina"));
  }
}
