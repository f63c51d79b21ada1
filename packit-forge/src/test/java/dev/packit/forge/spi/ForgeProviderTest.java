package dev.packit.forge.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Forges;
import dev.packit.forge.RepoId;
import dev.packit.forge.capability.AccessLevels;
import dev.packit.forge.capability.CheckRuns;
import dev.packit.forge.capability.CommentListing;
import dev.packit.forge.capability.CommitStatuses;
import dev.packit.forge.capability.PullRequestMerges;
import dev.packit.forge.capability.Releases;
import dev.packit.forge.github.GitHubForge;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The open forge set: ForgeKind as a value, the built-in providers, Forges and capabilities through them. */
class ForgeProviderTest {

  @Test
  void theBuiltInHostRulesAnswerThroughTheProviders() {
    Map<String, ForgeKind> hosts = Map.ofEntries(
        Map.entry("https://github.com/packit/ogr", ForgeKind.GITHUB),
        Map.entry("https://api.github.com/repos/packit/ogr", ForgeKind.GITHUB),
        Map.entry("https://github.example.com/team/tool", ForgeKind.GITHUB),
        Map.entry("https://gitlab.com/packit-service/ogr-tests", ForgeKind.GITLAB),
        Map.entry("https://gitlab.gnome.org/GNOME/glib", ForgeKind.GITLAB),
        Map.entry("https://salsa.gitlab.example/x/y", ForgeKind.GITLAB),
        Map.entry("https://src.fedoraproject.org/rpms/hello", ForgeKind.PAGURE),
        Map.entry("https://pagure.io/packit", ForgeKind.PAGURE),
        Map.entry("https://git.centos.org/rpms/bash", ForgeKind.PAGURE),
        Map.entry("https://codeberg.org/forgejo/forgejo", ForgeKind.FORGEJO),
        Map.entry("https://forge.fedoraproject.org/infra/ansible", ForgeKind.FORGEJO),
        Map.entry("https://gitea.com/gitea/tea", ForgeKind.FORGEJO));
    hosts.forEach((url, kind) -> assertEquals(kind, ForgeKind.guess(URI.create(url)).orElseThrow(), url));
    assertTrue(ForgeKind.guess(URI.create("https://git.example.org/a/b")).isEmpty(), "a neutral host tells nothing");
    assertTrue(ForgeKind.guess(URI.create("file:///srv/git/a")).isEmpty());
  }

  @Test
  void kindsAreInternedValuesWithTheEnumsNames() throws Exception {
    assertSame(ForgeKind.PAGURE, ForgeKind.of("pagure"));
    assertSame(ForgeKind.GITHUB, ForgeKind.valueOf("GITHUB"), "the enum's valueOf still reads names");
    assertEquals("FORGEJO", ForgeKind.FORGEJO.name());
    assertEquals("forgejo", ForgeKind.FORGEJO.id());
    assertEquals("GITLAB", ForgeKind.GITLAB.toString());
    ForgeKind gogs = ForgeKind.of("Gogs");
    assertSame(gogs, ForgeKind.of("gogs"), "== compares kinds as it did on the enum");
    assertFalse(gogs.isBuiltIn());
    assertTrue(ForgeKind.GITHUB.isBuiltIn());
    assertTrue(ForgeKind.GITHUB.compareTo(gogs) < 0, "built-ins sort first, in their enum order");
    assertTrue(ForgeKind.GITHUB.compareTo(ForgeKind.FORGEJO) < 0);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ForgeKind.of("my forge"));
    assertTrue(bad.getMessage().contains("'my forge'"), bad.getMessage());

    ObjectMapper json = new ObjectMapper();
    assertEquals("\"PAGURE\"", json.writeValueAsString(ForgeKind.PAGURE), "the JSON form is the enum's");
    assertSame(ForgeKind.PAGURE, json.readValue("\"PAGURE\"", ForgeKind.class));
    assertSame(gogs, json.readValue("\"GOGS\"", ForgeKind.class));
  }

  @Test
  void theBuiltInsAreServiceLoaderProvidersAndComeFirst() {
    List<String> loaded = ServiceLoader.load(ForgeProvider.class).stream().map(p -> p.type().getSimpleName())
        .collect(Collectors.toList());
    assertTrue(loaded.containsAll(List.of("GitHubProvider", "GitLabProvider", "PagureProvider", "ForgejoProvider")),
        loaded.toString());
    assertEquals(List.of(ForgeKind.GITHUB, ForgeKind.GITLAB, ForgeKind.PAGURE, ForgeKind.FORGEJO),
        Forges.providers().subList(0, 4).stream().map(ForgeProvider::kind).collect(Collectors.toList()));
    assertEquals(ForgeKind.values().length, Forges.providers().size());
    assertSame(ForgeKind.PAGURE, ForgeKind.PAGURE.provider().orElseThrow().kind());
    assertTrue(ForgeKind.of("no-such-forge").provider().isEmpty());
  }

  @Test
  void forgesBuildsWhatTheProviderSays() {
    assertEquals(URI.create("https://api.github.com/"), Forges.baseUri(URI.create("https://github.com/a/b"), ForgeKind.GITHUB));
    assertEquals(URI.create("https://github.example.com/api/v3/"),
        Forges.baseUri(URI.create("https://github.example.com/a/b"), ForgeKind.GITHUB));
    assertEquals(URI.create("https://gitlab.example.com:8443/api/v4/"),
        Forges.baseUri(URI.create("https://gitlab.example.com:8443/a/b"), ForgeKind.GITLAB));
    assertEquals(URI.create("https://src.fedoraproject.org/"),
        Forges.baseUri(URI.create("https://src.fedoraproject.org/rpms/hello"), ForgeKind.PAGURE));
    Forge gh = Forges.forUrl(URI.create("https://github.com/packit/ogr"), ForgeCredentials.anonymous());
    assertEquals(ForgeKind.GITHUB, gh.kind());
    assertTrue(gh instanceof GitHubForge);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Forges.forUrl(URI.create("https://git.example.org/a/b"), ForgeKind.of("nope"), ForgeCredentials.anonymous()));
    assertTrue(none.getMessage().contains("'nope'") && none.getMessage().contains("github"), none.getMessage());
    IllegalArgumentException neutral = assertThrows(IllegalArgumentException.class,
        () -> Forges.forUrl(URI.create("https://git.example.org/a/b"), ForgeCredentials.anonymous()));
    assertTrue(neutral.getMessage().contains("git.example.org"), neutral.getMessage());
  }

  @Test
  void capabilitiesTellWhereTheBuiltInForgesDiffer() {
    Map<ForgeKind, List<Class<?>>> has = Map.of(
        ForgeKind.GITHUB, List.of(Releases.class, CommitStatuses.class, AccessLevels.class, CommentListing.class, CheckRuns.class),
        ForgeKind.GITLAB, List.of(Releases.class, CommitStatuses.class, AccessLevels.class, CommentListing.class),
        ForgeKind.PAGURE, List.of(CommitStatuses.class, AccessLevels.class, CommentListing.class, PullRequestMerges.class),
        ForgeKind.FORGEJO, List.of(Releases.class, CommitStatuses.class, AccessLevels.class, CommentListing.class,
            PullRequestMerges.class));
    List<Class<?>> all = List.of(Releases.class, CommitStatuses.class, AccessLevels.class, CommentListing.class,
        CheckRuns.class, PullRequestMerges.class);
    has.forEach((kind, caps) -> {
      Forge forge = Forges.forUrl(URI.create("https://forge.invalid/"), kind, ForgeCredentials.anonymous());
      for (Class<?> c : all) {
        assertEquals(caps.contains(c), forge.capability(c).isPresent(), kind + " " + c.getSimpleName());
      }
      assertEquals(caps.contains(Releases.class), forge.supportsReleases(), kind + " supportsReleases");
    });
    Forge pagure = Forges.forUrl(URI.create("https://forge.invalid/"), ForgeKind.PAGURE, ForgeCredentials.anonymous());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> pagure.latestRelease(RepoId.of("rpms/hello")));
    assertTrue(e.getMessage().contains("Pagure") || e.getMessage().contains("PAGURE"), e.getMessage());
  }
}
