package dev.packit.fedora.bodhi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.packit.core.config.Distro;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodhi's release pages through BodhiClient and BodhiReleases into the core alias resolver; the
 * expected values are those of fedora-distro-aliases' own tests on the same data (which Packit uses).
 */
class BodhiAliasResolutionTest {
  private static final String ACTIVE = "/releases/?state=current&state=pending&state=frozen&page=";
  private static WireMockServer wm;

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
  }

  private static Map<String, List<Distro>> aliases(String... pages) throws Exception {
    for (int i = 0; i < pages.length; i++) {
      wm.stubFor(get(urlEqualTo(ACTIVE + (i + 1))).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(Files.readString(Fixtures.file("bodhi/" + pages[i])))));
    }
    BodhiClient client = BodhiClient.builder().baseUri(URI.create("http://127.0.0.1:" + wm.port() + "/"))
        .retryPolicy(RetryPolicy.none()).build();
    DistroAliases resolved = BodhiReleases.builder(client).build().aliases();
    return resolved.aliases();
  }

  private static List<String> namevers(Map<String, List<Distro>> aliases, String alias) {
    return aliases.get(alias).stream().map(Distro::namever).collect(Collectors.toList());
  }

  private static List<String> branches(Map<String, List<Distro>> aliases, String alias) {
    return aliases.get(alias).stream().map(Distro::branch).collect(Collectors.toList());
  }

  @Test
  void f42FrozenAfterBranching() throws Exception {
    Map<String, List<Distro>> a = aliases("releases-bodhi-f42-post-branch-window.json");
    assertEquals(List.of("fedora-40", "fedora-41", "fedora-42"), namevers(a, "fedora-branched"));
    assertEquals(List.of("fedora-42", "fedora-rawhide"), namevers(a, "fedora-development"));
    assertEquals(List.of("fedora-40", "fedora-41"), namevers(a, "fedora-stable"));
    assertEquals(List.of("f40", "f41", "f42", "rawhide"), branches(a, "fedora-all"));
    assertEquals(List.of("fedora-42"), namevers(a, "fedora-latest"));
    assertEquals(List.of("fedora-41"), namevers(a, "fedora-latest-stable"));
  }

  @Test
  void epel10AfterThe101Branching() throws Exception {
    Map<String, List<Distro>> a = aliases("releases-bodhi-epel10-post-10.1-branch-window.json");
    assertEquals(List.of("epel-8", "epel-9", "epel-10.0", "epel-10.1", "epel-10.2"), namevers(a, "epel-all"));
    assertEquals(List.of("epel-10.0", "epel-10.1", "epel-10.2"), namevers(a, "epel-10-all"));
    assertEquals(List.of("epel-10.2"), namevers(a, "epel-10"));
    assertEquals(List.of("epel10"), branches(a, "epel-10"));
    assertEquals(List.of("epel-10.0", "epel-10.1"), namevers(a, "epel-10-branched"));
  }

  @Test
  void pagedReleasesDuringTheBranchingWindow() throws Exception {
    // pages 1+2: F42 still claims branch rawhide while being the newest Fedora -> it is Rawhide
    Map<String, List<Distro>> a = aliases("releases-bodhi-page-1.json", "releases-bodhi-page-2.json");
    assertEquals(List.of("f39", "f40", "f41", "rawhide"), branches(a, "fedora-all"));
    assertEquals(List.of("fedora-39", "fedora-40", "fedora-41", "fedora-rawhide"), namevers(a, "fedora-all"));
  }

  @Test
  void recordedProductionResponse() throws Exception {
    // 2025-02-12: F43 is rawhide, F42 branched (pending), EPEL 10.0 has branch epel10
    Map<String, List<Distro>> a = aliases("releases-active-page1.recorded.json");
    assertEquals(List.of("f40", "f41", "f42", "rawhide"), branches(a, "fedora-all"));
    assertEquals(List.of("fedora-40", "fedora-41", "fedora-42"), namevers(a, "fedora-branched"));
    assertEquals(List.of("epel-10.0"), namevers(a, "epel-10"));
  }
}
