package dev.packit.forge.git;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook planted in a bot's repository (by a file an upstream synced into {@code .git/hooks}, or
 * by anything else) never runs: not on commit, not on push, whichever way the repository was
 * opened. The control case shows plain JGit does run the same hook.
 */
class HostileGitHooksTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
  private static final GitIdentity BOT = GitIdentity.of("Packit", "hello@packit.dev");
  private static final List<String> HOOKS = List.of("pre-commit", "commit-msg", "post-commit", "pre-push");

  private static void plant(Path gitDir, Path canaries) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to run a hook with");
    Files.createDirectories(gitDir.resolve("hooks"));
    for (String h : HOOKS) {
      Path hook = gitDir.resolve("hooks").resolve(h);
      Files.writeString(hook, "#!/bin/sh\ntouch '" + canaries.resolve(h) + "'\nexit 0\n");
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static void assertNoHookRan(Path canaries) {
    for (String h : HOOKS) {
      assertFalse(Files.exists(canaries.resolve(h)), h + " ran");
    }
  }

  @Test
  void plantedHooksNeverRunOnCommitOrPush(@TempDir Path tmp) throws Exception {
    Path canaries = Files.createDirectories(tmp.resolve("canaries"));
    Path bare = tmp.resolve("server.git");
    LocalRepository.initBare(bare, CLOCK).close();
    Path work = tmp.resolve("work");
    try (LocalRepository r = LocalRepository.init(work, "rawhide", CLOCK)) {
      plant(r.plumbing().gitDirectory(), canaries);
      Files.writeString(work.resolve("a.txt"), "a\n");
      r.addAll();
      r.commit("first", BOT);
      r.push(PushRequest.builder(bare.toUri().toString()).refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
    assertNoHookRan(canaries);
    // Reopened, cloned, shared: the same.
    try (LocalRepository r = LocalRepository.open(work, CLOCK)) {
      Files.writeString(work.resolve("b.txt"), "b\n");
      r.addAll();
      r.commit("second", BOT);
      r.push(PushRequest.builder(bare.toUri().toString()).refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
    Path clone = tmp.resolve("clone");
    try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(bare.toUri(), clone).branch("rawhide").build(), CLOCK)) {
      plant(r.plumbing().gitDirectory(), canaries);
      Files.writeString(clone.resolve("c.txt"), "c\n");
      r.addAll();
      r.commit("third", BOT);
      r.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
    try (LocalRepository r = LocalRepository.cloneShared(bare, "rawhide",
        LocalRepository.open(bare, CLOCK).plumbing().resolve("refs/heads/rawhide").orElseThrow(), tmp.resolve("shared"), bare.toUri(), CLOCK)) {
      plant(r.plumbing().gitDirectory(), canaries);
      Files.writeString(r.directory().resolve("d.txt"), "d\n");
      r.addAll();
      r.commit("fourth", BOT);
      r.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
    assertNoHookRan(canaries);

    // Control: plain JGit on the same repository runs the planted pre-commit hook.
    try (Git plain = Git.open(clone.toFile())) {
      Files.writeString(clone.resolve("e.txt"), "e\n");
      plain.add().addFilepattern(".").call();
      plain.commit().setMessage("plain").setSign(false).setAuthor("x", "x@example.org").setCommitter("x", "x@example.org").call();
    }
    assertTrue(Files.exists(canaries.resolve("pre-commit")), "plain JGit runs hooks, so the test can see one");
  }
}
