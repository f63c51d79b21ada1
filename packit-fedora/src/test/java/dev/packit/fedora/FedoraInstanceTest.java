package dev.packit.fedora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.distgit.DistGitLayout;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.DistGitRepositories;
import java.net.URI;
import org.junit.jupiter.api.Test;

class FedoraInstanceTest {

  @Test
  void productionIsFedorasInfrastructureAndEveryDerivedRuleAgrees() {
    FedoraInstance f = FedoraInstance.production();
    assertEquals(URI.create("https://src.fedoraproject.org/"), f.distGit());
    assertEquals("rpms", f.namespace());
    assertEquals("rawhide", f.defaultBranch());
    assertEquals(URI.create("https://src.fedoraproject.org/repo/pkgs/upload.cgi"), f.lookasideUpload());
    assertEquals(URI.create("https://koji.fedoraproject.org/kojihub"), f.kojiHub());
    assertEquals("org.fedoraproject.prod", f.topicPrefix());
    assertEquals(f, FedoraInstance.fedora());
    // the derived rules come from the same values
    assertEquals(new ConfigResolver("rpms", "rawhide"), ConfigResolver.of(f));
    assertEquals(ConfigResolver.fedora(), ConfigResolver.of(f));
    assertEquals(DistGitLayout.fedora(), f.layout());
    assertEquals(URI.create("https://src.fedoraproject.org/rpms/hello.git"), f.layout().packageUri("hello"));
    assertEquals("rpms/hello", f.repository("hello"));
    assertTrue(DistGitRepositories.fedora().matches(URI.create("https://pkgs.stg.fedoraproject.org/rpms/hello")));
    assertTrue(f.distGitRepositories().matches(URI.create("https://src.fedoraproject.org/rpms/hello")));
    assertFalse(f.distGitRepositories().matches(URI.create("https://src.fedoraproject.org/tests/hello")));
  }

  @Test
  void stagingAndABuilderCopyChangeOnlyWhatTheyName() {
    FedoraInstance stg = FedoraInstance.staging();
    assertEquals("src.stg.fedoraproject.org", stg.distGit().getHost());
    assertEquals("koji.stg.fedoraproject.org", stg.kojiHub().getHost());
    assertEquals("org.fedoraproject.stg", stg.topicPrefix());

    FedoraInstance mine = FedoraInstance.builder(FedoraInstance.production())
        .distGit(URI.create("https://git.example.com")).gitBase(URI.create("https://git.example.com/"))
        .namespace("pkgs").defaultBranch("main").lookaside(URI.create("https://git.example.com/lookaside"))
        .build();
    assertEquals(URI.create("https://git.example.com/"), mine.distGit(), "roots end in a slash");
    assertEquals(URI.create("https://git.example.com/lookaside/upload.cgi"), mine.lookasideUpload());
    assertEquals(FedoraInstance.production().kojiHub(), mine.kojiHub());
    assertEquals(new ConfigResolver("pkgs", "main"), ConfigResolver.of(mine));
    assertEquals(URI.create("https://git.example.com/pkgs/hello.git"), mine.layout().packageUri("hello"));
    LookasideClient lookaside = LookasideClient.builder().instance(mine).build();
    assertEquals(URI.create("https://git.example.com/lookaside/"), lookaside.baseUri());
  }

  @Test
  void badComponentsAreRefusedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FedoraInstance.builder().kojiHub(URI.create("/kojihub")).build());
    assertTrue(e.getMessage().startsWith("kojiHub must be an absolute URI"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FedoraInstance.builder().namespace("rpms/x").build());
    assertTrue(e.getMessage().startsWith("namespace"), e.getMessage());
    NullPointerException n = assertThrows(NullPointerException.class, () -> FedoraInstance.builder().bodhi(null).build());
    assertEquals("bodhi == null", n.getMessage());
  }
}
