package dev.packit.fedora.distgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.PackitException;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.FakeTime;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.RepoId;
import dev.packit.forge.forgejo.ForgejoForge;
import dev.packit.forge.pagure.PagureForge;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One dist-git host that moves from Pagure to Forgejo while a bot runs, without a config change. */
class DistGitBackendProbeTest {
  private WireMockServer wm;
  private URI instance;
  private final FakeTime time = new FakeTime(Instant.parse("2026-12-06T12:00:00Z"));

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    instance = URI.create(wm.baseUrl() + "/");
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private void servePagure() {
    wm.resetAll();
    wm.stubFor(get(urlPathEqualTo("/api/0/version")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"version\": \"5.14.1\"}")));
    wm.stubFor(get(urlPathEqualTo("/api/v1/version")).willReturn(aResponse().withStatus(404).withBody("<html>not found</html>")));
  }

  private void serveForgejo() {
    wm.resetAll();
    // after the move the old API path is Forgejo's 404 page
    wm.stubFor(get(urlPathEqualTo("/api/0/version")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "text/html").withBody("<html>Not found</html>")));
    wm.stubFor(get(urlPathEqualTo("/api/v1/version")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"version\": \"15.0.3+gitea-1.22.0\"}")));
    wm.stubFor(get(urlPathEqualTo("/api/v1/repos/rpms/hello")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"full_name\": \"rpms/hello\", \"default_branch\": \"rawhide\"}")));
  }

  private DistGitBackendProbe.Builder probe() {
    return DistGitBackendProbe.builder().clock(time).retryPolicy(RetryPolicy.none()).cacheFor(Duration.ofMinutes(10));
  }

  @Test
  void theSameHostSwitchesFromPagureToForgejoMidLife() {
    DistGitBackendProbe probe = probe().build();
    servePagure();
    assertEquals(ForgeKind.PAGURE, probe.backend(instance));
    assertInstanceOf(PagureForge.class, probe.forge(instance, ForgeCredentials.token("t0ken-pagure")));
    assertEquals(1, wm.findAll(getRequestedFor(urlPathEqualTo("/api/0/version"))).size(), "asked once, then cached");

    serveForgejo(); // the migration
    time.sleep(Duration.ofMinutes(5));
    assertEquals(ForgeKind.PAGURE, probe.backend(instance), "still cached");
    assertEquals(Optional.of(ForgeKind.PAGURE), probe.cached(instance));
    time.sleep(Duration.ofMinutes(6));
    assertEquals(Optional.empty(), probe.cached(instance));
    assertEquals(ForgeKind.FORGEJO, probe.backend(instance), "probed again after the cache time");
    ForgejoForge forge = assertInstanceOf(ForgejoForge.class, probe.forge(instance, ForgeCredentials.token("t0ken-forgejo")));
    assertEquals("rawhide", forge.repository(RepoId.of("rpms/hello")).orElseThrow().defaultBranch());
    assertEquals("15.0.3+gitea-1.22.0", forge.serverVersion());
  }

  @Test
  void forgetProbesAgainAtOnce() {
    DistGitBackendProbe probe = probe().cacheFor(Duration.ofDays(1)).build();
    servePagure();
    assertEquals(ForgeKind.PAGURE, probe.backend(instance));
    serveForgejo();
    assertEquals(ForgeKind.PAGURE, probe.backend(instance));
    probe.forget(instance); // e.g. the Pagure client just got a 404 for a package that exists
    assertEquals(ForgeKind.FORGEJO, probe.backend(instance));
  }

  @Test
  void aPinnedHostIsNeverProbed() {
    serveForgejo();
    DistGitBackendProbe probe = probe().pin(URI.create(wm.baseUrl() + "/rpms/hello"), ForgeKind.PAGURE).build();
    assertEquals(ForgeKind.PAGURE, probe.backend(instance), "the pin wins over what the server says");
    probe.forget(instance);
    assertEquals(ForgeKind.PAGURE, probe.backend(instance));
    assertEquals(0, wm.getAllServeEvents().size());
    assertThrows(IllegalArgumentException.class, () -> DistGitBackendProbe.builder().pin(instance, ForgeKind.GITHUB));
  }

  @Test
  void neitherApiAnsweringIsAClearError() {
    wm.stubFor(get(urlPathEqualTo("/api/0/version")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody("<html>a proxy's page</html>")));
    wm.stubFor(get(urlPathEqualTo("/api/v1/version")).willReturn(aResponse().withStatus(502)));
    PackitException e = assertThrows(PackitException.class, () -> probe().build().backend(instance));
    assertTrue(e.getMessage().contains("/api/0/version") && e.getMessage().contains("/api/v1/version"), e.getMessage());
    assertEquals(Optional.empty(), probe().build().cached(instance), "a failed probe caches nothing");
  }
}
