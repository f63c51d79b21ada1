package dev.packit.fedora;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.http.HttpClientOptions;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.FakeTime;
import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.workflow.JobDispatcher;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FedoraServicesTest {
  private static final String ACTIVE = "/releases/?state=current&state=pending&state=frozen&page=1";
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

  private void releases(String fixture) throws Exception {
    wm.stubFor(get(urlEqualTo("/bodhi" + ACTIVE)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(Files.readString(Fixtures.file("bodhi/" + fixture)))));
  }

  private FedoraServices services(FakeTime time) {
    URI base = URI.create("http://127.0.0.1:" + wm.port() + "/");
    FedoraInstance local = FedoraInstance.builder().distGit(base.resolve("pagure/")).gitBase(base.resolve("git/"))
        .lookaside(base.resolve("repo/pkgs/")).kojiHub(base.resolve("kojihub")).bodhi(base.resolve("bodhi/")).build();
    return FedoraServices.builder(local)
        .options(HttpClientOptions.defaults().withRetryPolicy(RetryPolicy.none()).withClock(time).withSleeper(time)
            .withUserAgent("my-bot/1.0"))
        .releases(Duration.ofHours(1), null)
        .build();
  }

  @Test
  void theReleaseListIsReadThroughOneSupplierAndRefreshedOnTheIntervalOrOnDemand() throws Exception {
    releases("releases-bodhi-f42-post-branch-window.json");
    FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    FedoraServices s = services(time);
    Supplier<DistroAliases> current = s.releases();
    JobDispatcher dispatcher = new JobDispatcher(current, ConfigResolver.of(s.instance()));
    assertEquals("rpms", dispatcher.resolver().namespace());

    DistroAliases first = current.get();
    assertEquals(first.aliases(), current.get().aliases());
    wm.verify(1, getRequestedFor(urlEqualTo("/bodhi" + ACTIVE)));

    // Bodhi's list changes: within the interval the old list stays, on demand the new one is read
    releases("releases-bodhi-epel10-post-10.1-branch-window.json");
    assertEquals(first.aliases(), current.get().aliases());
    DistroAliases refreshed = s.refreshReleases();
    assertNotEquals(first.aliases(), refreshed.aliases());
    assertEquals(refreshed.aliases(), current.get().aliases());
    wm.verify(2, getRequestedFor(urlEqualTo("/bodhi" + ACTIVE)));

    // ... and after the interval without being asked
    releases("releases-bodhi-f42-post-branch-window.json");
    time.sleep(Duration.ofHours(2));
    assertEquals(first.aliases(), current.get().aliases());
    wm.verify(3, getRequestedFor(urlEqualTo("/bodhi" + ACTIVE)));
    // the shared client options reached the Bodhi client
    wm.verify(getRequestedFor(urlPathEqualTo("/bodhi/releases/")).withHeader("User-Agent", equalTo("my-bot/1.0")));
  }

  @Test
  void clientsAreBuiltFromTheInstance() {
    FedoraServices s = services(new FakeTime(Instant.parse("2026-01-01T00:00:00Z")));
    assertEquals(s.instance().bodhi(), s.bodhi().baseUri());
    assertEquals(s.instance().lookaside(), s.lookaside().baseUri());
    assertSame(s.options().clock(), s.options().clock());
    assertEquals("pagure", s.distGit().kind().id());
  }
}
