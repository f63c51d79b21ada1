package dev.packit.forge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RepoIdTest {
  @Test
  void parsesPlainNamespacedAndForkPaths() {
    assertEquals(new RepoId("", "ogr-tests", null), RepoId.of("ogr-tests"));
    assertEquals(new RepoId("group/sub", "repo", null), RepoId.of("/group/sub/repo.git"));
    RepoId fork = RepoId.of("fork/jdoe/rpms/hello");
    assertEquals(new RepoId("rpms", "hello", "jdoe"), fork);
    assertEquals("fork/jdoe/rpms/hello", fork.path());
    assertEquals("rpms/hello", fork.fullName());
    assertEquals(RepoId.of("forks/jdoe/rpms/hello"), fork, "Pagure's fullname form");
    assertEquals(RepoId.of("rpms/hello"), fork.withoutFork());
    assertEquals(fork, RepoId.of("rpms/hello").forkOf("jdoe"));
  }

  @Test
  void readsWebAndCloneUrls() {
    assertEquals(RepoId.of("rpms/hello"), RepoId.fromUrl(URI.create("https://src.fedoraproject.org/rpms/hello.git")));
    assertEquals(RepoId.of("group/proj"), RepoId.fromUrl(URI.create("https://gitlab.com/group/proj/-/tree/main")));
    assertThrows(IllegalArgumentException.class, () -> RepoId.fromUrl(URI.create("https://github.com/")));
  }

  @Test
  void rejectsBadParts() {
    assertThrows(IllegalArgumentException.class, () -> new RepoId("a", "b/c", null));
    assertThrows(IllegalArgumentException.class, () -> new RepoId("../x", "b", null));
    assertThrows(IllegalArgumentException.class, () -> RepoId.of("fork/onlyuser"));
  }

  @Test
  void forgesPickTheApiRoot() {
    assertEquals(URI.create("https://api.github.com/"), Forges.baseUri(URI.create("https://github.com/packit/ogr"), ForgeKind.GITHUB));
    assertEquals(URI.create("https://github.example.com/api/v3/"),
        Forges.baseUri(URI.create("https://github.example.com/o/r"), ForgeKind.GITHUB));
    assertEquals(URI.create("https://gitlab.com/api/v4/"), Forges.baseUri(URI.create("https://gitlab.com/a/b"), ForgeKind.GITLAB));
    assertEquals(URI.create("https://src.fedoraproject.org/"),
        Forges.baseUri(URI.create("https://src.fedoraproject.org/rpms/hello"), ForgeKind.PAGURE));
    assertEquals(ForgeKind.PAGURE, Forges.forUrl(URI.create("https://src.fedoraproject.org/rpms/hello"),
        ForgeCredentials.anonymous()).kind());
    assertThrows(IllegalArgumentException.class, () -> Forges.forUrl(URI.create("https://git.example.org/x/y"),
        ForgeCredentials.anonymous()));
  }

  @Test
  void credentialsNeverShowSecrets() {
    assertEquals("ForgeCredentials[token=***]", ForgeCredentials.token("ghp_secret").toString());
    String app = ForgeCredentials.gitHubApp(1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----").toString();
    assertEquals("ForgeCredentials[gitHubApp=1, key=***]", app);
  }
}
