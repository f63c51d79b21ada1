package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 2: a packager's local run is signed by the packager, not by Packit. */
@Tag("integration")
class PackagerIdentitySandboxTest {

  @Test
  void gitsUserNameAndEmailSignTheCommitAndTheChangelog(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      // CliSandbox sets HOME to tmp.
      Files.writeString(tmp.resolve(".gitconfig"), "[user]\n\tname = Jane Packager\n\temail = jane@example.org\n");
      CliSandbox.Run r = s.run("propose-downstream", "--verbose", "--no-pr", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, r.exit(), r.all());
      assertTrue(r.err().contains("commits and changelog entries by Jane Packager <jane@example.org> (from user.name/user.email in "),
          r.err());
      Path clone = tmp.resolve("clone");
      try (Git git = Git.cloneRepository().setURI(s.sandbox.gitUri("rpms/hello").toString()).setBranch("f43")
          .setDirectory(clone.toFile()).call()) {
        RevCommit head = git.log().setMaxCount(1).call().iterator().next();
        assertEquals("Jane Packager", head.getAuthorIdent().getName());
        assertEquals("jane@example.org", head.getAuthorIdent().getEmailAddress());
        assertEquals("jane@example.org", head.getCommitterIdent().getEmailAddress());
      }
      String spec = Files.readString(clone.resolve("hello.spec"));
      assertTrue(spec.contains("Jane Packager <jane@example.org> - 1.1.0-1"), spec);
      assertFalse(spec.contains("hello@packit.dev"), spec);
    }
  }

  @Test
  void rpmPackagerThenPackagerMacroThenFasUser(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      Files.writeString(tmp.resolve(".gitconfig"), "[user]\n\tname = Jane Packager\n\temail = jane@example.org\n");
      s.env.put("RPM_PACKAGER", "Rita Rpm <rita@example.org>");
      CliSandbox.Run env = s.run("propose-downstream", "--dry-run", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, env.exit(), env.all());
      assertTrue(env.out().contains("Rita Rpm <rita@example.org> - 1.1.0-1"), env.out());

      s.env.remove("RPM_PACKAGER");
      Files.writeString(tmp.resolve(".rpmmacros"), "%_topdir %{getenv:HOME}/rpmbuild\n%packager   Mac Ro <macro@example.org>\n");
      CliSandbox.Run macro = s.run("propose-downstream", "--dry-run", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, macro.exit(), macro.all());
      assertTrue(macro.out().contains("Mac Ro <macro@example.org> - 1.1.0-1"), macro.out());

      Files.delete(tmp.resolve(".rpmmacros"));
      Files.delete(tmp.resolve(".gitconfig"));
      CliSandbox.Run fas = s.run("propose-downstream", "--dry-run", "--fas-user", "jdoe", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, fas.exit(), fas.all());
      assertTrue(fas.out().contains("jdoe <jdoe@fedoraproject.org> - 1.1.0-1"), fas.out());

      // The config's fas_user (the sandbox's is packit) when no option names one.
      CliSandbox.Run cfg = s.run("propose-downstream", "--dry-run", "--dist-git-branch", "f43", s.upstreamUrl(), "1.1.0");
      assertEquals(0, cfg.exit(), cfg.all());
      assertTrue(cfg.out().contains("packit <packit@fedoraproject.org> - 1.1.0-1"), cfg.out());

      // Nothing set at all: Packit's identity, as before.
      Path noAccount = tmp.resolve("no-account.yaml");
      Files.writeString(noAccount, s.userConfig(s.pagureToken).replaceAll("(?m)^fas_user:.*\n", ""));
      CliSandbox.Run none = s.run("propose-downstream", "--config", noAccount.toString(), "--dry-run", "--dist-git-branch", "f43",
          s.upstreamUrl(), "1.1.0");
      assertEquals(0, none.exit(), none.all());
      assertTrue(none.out().contains("Packit <hello@packit.dev> - 1.1.0-1"), none.out());
    }
  }
}
