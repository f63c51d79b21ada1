package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 3: what the user typed is checked before any work; a typo is exit 2 with a message
 * naming what is wrong, never a plan, a WARN line or a "skipped" branch.
 */
@Tag("integration")
class TypedInputSandboxTest {

  private static void assertNothingChanged(CliSandbox s) {
    assertEquals(0, s.pullRequests(), "pull requests");
    assertEquals(0, s.sandbox.lookaside().uploads(), "uploads");
    assertEquals(0, s.sandbox.koji().builds().size(), "builds");
    assertEquals(0, s.sandbox.bodhi().updates().size(), "updates");
  }

  @Test
  void aTagTypedAsTheVersionGetsDidYouMean(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      CliSandbox.Run dry = s.run("propose-downstream", "--dry-run", s.upstreamUrl(), "v1.1.0");
      assertEquals(2, dry.exit(), dry.all());
      assertEquals("", dry.out());
      assertTrue(dry.err().contains("no upstream tag vv1.1.0 for version v1.1.0 in upstream/hello; v1.1.0 is a tag: did you mean 1.1.0?"),
          dry.err());
      CliSandbox.Run real = s.run("propose-downstream", s.upstreamUrl(), "v1.1.0");
      assertEquals(2, real.exit(), real.all());
      assertNothingChanged(s);
    }
  }

  @Test
  void aVersionWithoutAnUpstreamTagIsRefused(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      CliSandbox.Run near = s.run("propose-downstream", "--dry-run", s.upstreamUrl(), "1.1.1");
      assertEquals(2, near.exit(), near.all());
      assertTrue(near.err().contains("no upstream tag v1.1.1 for version 1.1.1 in upstream/hello; did you mean 1.1.0?"), near.err());
      CliSandbox.Run far = s.run("propose-downstream", "--dry-run", s.upstreamUrl(), "7");
      assertEquals(2, far.exit(), far.all());
      assertTrue(far.err().contains("no upstream tag v7 for version 7 in upstream/hello; the latest tagged version is 1.1.0"), far.err());
      CliSandbox.Run blank = s.run("propose-downstream", "--dry-run", s.upstreamUrl(), " ");
      assertEquals(2, blank.exit(), blank.all());
      assertTrue(blank.err().contains("VERSION is empty"), blank.err());
      // The forge's tags are the check for pull-from-upstream (the dist-git checkout has none of upstream's).
      Path distGit = Files.createDirectories(tmp.resolve("hello"));
      Files.writeString(distGit.resolve(".packit.yaml"), "upstream_project_url: " + s.base() + "git/upstream/hello\n"
          + "upstream_tag_template: v{version}\n"
          + "jobs:\n- job: pull_from_upstream\n  trigger: release\n  dist_git_branches: [rawhide]\n");
      CliSandbox.Run pull = s.run("pull-from-upstream", "--dry-run", distGit.toString(), "1.2.0");
      assertEquals(2, pull.exit(), pull.all());
      assertTrue(pull.err().contains("no upstream tag v1.2.0 for version 1.2.0 in upstream/hello"), pull.err());
      assertNothingChanged(s);
    }
  }

  @Test
  void aBranchThatDoesNotExistIsRefusedBeforeAnyWork(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      CliSandbox.Run r = s.run("propose-downstream", "--dist-git-branch", "rawhide,f99", s.upstreamUrl(), "1.1.0");
      assertEquals(2, r.exit(), r.all());
      String host = "127.0.0.1:" + s.sandbox.baseUri().getPort();
      assertTrue(r.err().contains("dist-git branch f99 does not exist in rpms/hello on " + host + " (it has: "), r.err());
      assertFalse(r.out().contains("rawhide"), "nothing was planned: " + r.out());
      assertNothingChanged(s);

      Path repo = Files.createDirectories(tmp.resolve("hello"));
      Files.writeString(repo.resolve(".packit.yaml"), s.hello.packitYaml());
      CliSandbox.Run build = s.run("build-in-koji", "--dist-git-branch", "f41,f40", repo.toString());
      assertEquals(2, build.exit(), build.all());
      assertTrue(build.err().contains("dist-git branches f41, f40 do not exist in rpms/hello on " + host), build.err());
      CliSandbox.Run upd = s.run("create-update", "--dist-git-branch", "f4", repo.toString());
      assertEquals(2, upd.exit(), upd.all());
      assertTrue(upd.err().contains("dist-git branch f4 does not exist"), upd.err());

      // A package that is not in dist-git is named as such.
      Files.writeString(repo.resolve(".packit.yaml"), s.hello.packitYaml().replace("downstream_package_name: hello",
          "downstream_package_name: helo"));
      CliSandbox.Run pkg = s.run("build-in-koji", "--dry-run", repo.toString());
      assertEquals(2, pkg.exit(), pkg.all());
      assertTrue(pkg.err().contains("no package rpms/helo in dist-git on " + host), pkg.err());
      assertNothingChanged(s);
    }
  }

  @Test
  void aMistypedKojiBuildIsAnErrorNotASkip(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      Path repo = Files.createDirectories(tmp.resolve("hello"));
      Files.writeString(repo.resolve(".packit.yaml"), s.hello.packitYaml());
      String koji = s.sandbox.baseUri().getHost();
      CliSandbox.Run typo = s.run("create-update", "--dry-run", "--dist-git-branch", "f43", "--koji-build", "hello-1.1.0-1.fc34",
          repo.toString());
      assertEquals(2, typo.exit(), typo.all());
      assertTrue(typo.err().contains("--koji-build hello-1.1.0-1.fc34: no such build in Koji on " + koji), typo.err());
      CliSandbox.Run other = s.run("create-update", "--dry-run", "--dist-git-branch", "f43", "--koji-build", "bash-5.2-1.fc43",
          repo.toString());
      assertEquals(2, other.exit(), other.all());
      assertTrue(other.err().contains("--koji-build bash-5.2-1.fc43 is a build of bash, not of hello"), other.err());
      CliSandbox.Run notNvr = s.run("create-update", "--dry-run", "--dist-git-branch", "f43", "--koji-build", "hello", repo.toString());
      assertEquals(2, notNvr.exit(), notNvr.all());
      assertTrue(notNvr.err().contains("not an NVR"), notNvr.err());
      // An NVR Koji has is accepted.
      s.sandbox.koji().importBuild("hello-1.0.0-1.fc43", "f43-updates-candidate");
      CliSandbox.Run ok = s.run("create-update", "--dry-run", "--dist-git-branch", "f43", "--koji-build", "hello-1.0.0-1.fc43",
          repo.toString());
      assertEquals(0, ok.exit(), ok.all());
      assertTrue(ok.out().contains("hello-1.0.0-1.fc43"), ok.out());
      assertEquals(0, s.sandbox.bodhi().updates().size(), "updates");
    }
  }
}
