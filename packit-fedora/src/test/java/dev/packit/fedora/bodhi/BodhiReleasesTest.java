package dev.packit.fedora.bodhi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitServiceException;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodhiReleasesTest {
  private static final String ACTIVE = "/releases/?state=current&state=pending&state=frozen&page=";
  private static WireMockServer wm;
  private BodhiClient client;
  private MutableClock clock;
  @TempDir Path tmp;

  @BeforeAll
  static void startServer() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterAll
  static void stopServer() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    client = BodhiClient.builder().baseUri(URI.create("http://127.0.0.1:" + wm.port() + "/")).retryPolicy(RetryPolicy.none()).build();
    clock = new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
  }

  private void serve(String page, String fixture) throws Exception {
    wm.stubFor(get(urlEqualTo(ACTIVE + page)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(Files.readString(Fixtures.file("bodhi/" + fixture)))));
  }

  private void down() {
    wm.resetAll();
    wm.stubFor(get(urlPathEqualTo("/releases/")).willReturn(aResponse().withStatus(503).withBody("maintenance")));
  }

  @Test
  void pagesAreJoinedInBodhiOrder() throws Exception {
    serve("1", "releases-bodhi-page-1.json");
    serve("2", "releases-bodhi-page-2.json");
    List<String> names = BodhiReleases.builder(client).clock(clock).build().activeReleases().stream()
        .map(BodhiRelease::name).collect(Collectors.toList());
    // the order fedora-distro-aliases' pagination test expects
    assertEquals(List.of("ELN", "EPEL-10.0", "EPEL-8", "EPEL-9", "EPEL-9N", "F39", "F39C", "F39F", "F40", "F40C",
        "F40F", "F41", "F41C", "F41F", "F42", "F42C", "F42F"), names);
  }

  @Test
  void listIsCachedForTheTtl() throws Exception {
    serve("1", "releases-bodhi-f42-post-branch-window.json");
    BodhiReleases r = BodhiReleases.builder(client).clock(clock).ttl(Duration.ofHours(12)).build();
    r.activeReleases();
    clock.advance(Duration.ofHours(11));
    r.activeReleases();
    wm.verify(1, getRequestedFor(urlPathEqualTo("/releases/")));
    clock.advance(Duration.ofHours(2));
    r.activeReleases();
    wm.verify(2, getRequestedFor(urlPathEqualTo("/releases/")));
    assertEquals(Instant.parse("2026-11-23T13:00:00Z"), r.fetchedAt().orElseThrow());
  }

  @Test
  void diskCopyIsUsedWhenBodhiIsDown() throws Exception {
    Path cache = tmp.resolve("cache/bodhi-releases.json");
    serve("1", "releases-bodhi-f42-post-branch-window.json");
    List<BodhiRelease> first = BodhiReleases.builder(client).clock(clock).cacheFile(cache).build().activeReleases();
    assertTrue(Files.isRegularFile(cache));
    try (var files = Files.list(cache.getParent())) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
    down();
    // a new process: nothing in memory, Bodhi down -> the last-known-good copy
    BodhiReleases restarted = BodhiReleases.builder(client).clock(clock).cacheFile(cache).build();
    assertEquals(first, restarted.activeReleases());
    assertTrue(restarted.fetchedAt().isEmpty());
  }

  @Test
  void memoryCopyIsUsedWhenBodhiGoesDownAfterTheTtl() throws Exception {
    serve("1", "releases-bodhi-f42-post-branch-window.json");
    BodhiReleases r = BodhiReleases.builder(client).clock(clock).build();
    List<BodhiRelease> first = r.activeReleases();
    down();
    clock.advance(Duration.ofDays(1));
    assertEquals(first, r.activeReleases());
  }

  @Test
  void withoutAnyCopyTheFailurePropagates() {
    down();
    BodhiReleases r = BodhiReleases.builder(client).clock(clock).cacheFile(tmp.resolve("none.json")).build();
    PackitServiceException e = assertThrows(PackitServiceException.class, r::activeReleases);
    assertEquals(503, e.status());
  }

  @Test
  void corruptCacheFileIsNamedInTheError() throws Exception {
    Path cache = tmp.resolve("bad.json");
    Files.writeString(cache, "{\n \"releases\": [ {\"name\": \n");
    down();
    BodhiReleases r = BodhiReleases.builder(client).clock(clock).cacheFile(cache).build();
    InvalidInputException e = assertThrows(InvalidInputException.class, r::activeReleases);
    assertEquals(cache.toString(), e.location().source());
    assertTrue(e.location().line() >= 2, e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
