package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.forge.AccessLevel;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.github.GitHubForge;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sandbox's GitHub and Pagure answer the permission calls as the real ones do, to the real clients. */
@Tag("integration")
class SandboxAccessLevelTest {
  @Test
  void gitHubCollaboratorRolesAndPagureAclsThroughGroups() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.createBareRepository("upstream/hello");
      sandbox.createBareRepository("rpms/hello");
      sandbox.github().collaborator("upstream/hello", "dev", "write");
      sandbox.github().collaborator("upstream/hello", "keeper", "maintain");
      sandbox.github().collaborator("upstream/hello", "triager", "triage");
      GitHubForge gh = GitHub.builder().baseUri(sandbox.github().apiUri())
          .credentials(ForgeCredentials.token(sandbox.github().token("packit"))).build();
      RepoId up = RepoId.of("upstream/hello");
      assertEquals(AccessLevel.ADMIN, gh.accessLevel(up, "upstream"), "the owner");
      assertEquals(AccessLevel.MAINTAIN, gh.accessLevel(up, "keeper"));
      assertEquals(AccessLevel.WRITE, gh.accessLevel(up, "dev"));
      assertEquals(AccessLevel.TRIAGE, gh.accessLevel(up, "triager"));
      assertEquals(AccessLevel.READ, gh.accessLevel(up, "outsider"));
      assertEquals(AccessLevel.NONE, gh.accessLevel(RepoId.of("upstream/nothere"), "upstream"));

      sandbox.pagure().grantUser("rpms/hello", "commit", "comaintainer");
      sandbox.pagure().grantUser("rpms/hello", "ticket", "bugzapper");
      sandbox.pagure().grantGroup("rpms/hello", "commit", "python-packagers-sig");
      sandbox.pagure().group("python-packagers-sig", List.of("sigmember"));
      PagureForge pagure = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token(sandbox.pagure().token("packit"))).build();
      RepoId pkg = RepoId.of("rpms/hello");
      assertEquals(AccessLevel.ADMIN, pagure.accessLevel(pkg, "packager"), "the default owner");
      assertEquals(AccessLevel.WRITE, pagure.accessLevel(pkg, "comaintainer"));
      assertEquals(AccessLevel.WRITE, pagure.accessLevel(pkg, "sigmember"));
      assertEquals(AccessLevel.TRIAGE, pagure.accessLevel(pkg, "bugzapper"));
      assertEquals(AccessLevel.NONE, pagure.accessLevel(pkg, "outsider"));
      assertTrue(pagure.hasWriteAccess(pkg, "sigmember"));
      assertFalse(pagure.hasWriteAccess(pkg, "bugzapper"));
      assertEquals(List.of("sigmember"), pagure.groupMembers("python-packagers-sig").orElseThrow());
    }
  }
}
