package dev.packit.forge.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mirror fetched once and working trees that borrow its objects: the release workflow's way to
 * work on ten dist-git branches for the price of one clone.
 */
class SharedCloneTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
  private static final GitIdentity ME = GitIdentity.of("Packager", "packager@example.org");

  /** A bare "server" repository with branches rawhide and f43 (f43 one commit behind). */
  private static Path server(Path tmp) {
    Path bare = tmp.resolve("server.git");
    LocalRepository.initBare(bare, CLOCK).close();
    try (LocalRepository seed = LocalRepository.init(tmp.resolve("seed"), "rawhide", CLOCK)) {
      Files.writeString(seed.directory().resolve("hello.spec"), "Name: hello\nVersion: 1.0\n");
      seed.addAll();
      seed.commit("Initial import", ME);
      seed.createBranch("f43", "HEAD");
      Files.writeString(seed.directory().resolve("hello.spec"), "Name: hello\nVersion: 1.1\n");
      seed.addAll();
      seed.commit("Update to 1.1", ME);
      seed.push(PushRequest.builder(bare.toUri().toString()).refSpec("refs/heads/rawhide:refs/heads/rawhide")
          .refSpec("refs/heads/f43:refs/heads/f43").build());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bare;
  }

  private static long packFiles(Path gitDir) throws Exception {
    Path pack = gitDir.resolve("objects/pack");
    if (!Files.isDirectory(pack)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(pack)) {
      return s.count();
    }
  }

  @Test
  void branchesOfOneMirrorBorrowItsObjectsAndPushLikeClones(@TempDir Path tmp) throws Exception {
    Path bare = server(tmp);
    try (LocalRepository mirror = LocalRepository.initBare(tmp.resolve("mirror"), CLOCK)) {
      mirror.fetch(bare.toUri().toString(), List.of("+refs/heads/rawhide:refs/heads/rawhide",
          "+refs/heads/f43:refs/heads/f43"), GitCredentials.none());
      Map<String, String> heads = mirror.plumbing().refs("refs/heads/");
      assertEquals(List.of("refs/heads/f43", "refs/heads/rawhide"), List.copyOf(heads.keySet()));

      for (String branch : List.of("rawhide", "f43")) {
        Path dir = tmp.resolve("work-" + branch);
        try (LocalRepository tree = LocalRepository.cloneShared(mirror.plumbing().gitDirectory(), branch,
            heads.get("refs/heads/" + branch), dir, bare.toUri(), CLOCK)) {
          assertEquals(0, packFiles(tree.plumbing().gitDirectory()), "nothing copied: the objects are borrowed");
          assertEquals(branch.equals("rawhide") ? "Name: hello\nVersion: 1.1\n" : "Name: hello\nVersion: 1.0\n",
              Files.readString(dir.resolve("hello.spec")));
          assertEquals(java.util.Optional.of(branch), tree.currentBranch());
          assertEquals(tree.head(), tree.plumbing().resolve("origin/" + branch), "origin/" + branch + " is where the branch starts");
          assertTrue(tree.isClean());

          Files.writeString(dir.resolve("hello.spec"), "Name: hello\nVersion: 2.0\n");
          tree.addAll();
          CommitInfo c = tree.commit("Update to 2.0 on " + branch, ME);
          tree.push(PushRequest.builder("origin").refSpec("refs/heads/" + branch + ":refs/heads/" + branch).build());
          try (LocalRepository server = LocalRepository.open(bare)) {
            assertEquals(java.util.Optional.of(c.id()), server.plumbing().resolve("refs/heads/" + branch),
                "the push sent the new commit; the server has no alternates to borrow from");
          }
        }
      }
    }
  }

  @Test
  void refsCopiedFromTheMirrorResolveInTheWorkingTree(@TempDir Path tmp) throws Exception {
    Path bare = server(tmp);
    try (LocalRepository mirror = LocalRepository.initBare(tmp.resolve("mirror"), CLOCK)) {
      mirror.fetch(bare.toUri().toString(), List.of("+refs/heads/*:refs/remotes/fork/*"), GitCredentials.none());
      String f43 = mirror.plumbing().refs("refs/remotes/fork/").get("refs/remotes/fork/f43");
      mirror.fetch(bare.toUri().toString(), List.of("+refs/heads/rawhide:refs/heads/rawhide"), GitCredentials.none());
      String rawhide = mirror.plumbing().resolve("refs/heads/rawhide").orElseThrow();
      try (LocalRepository tree = LocalRepository.cloneShared(mirror.plumbing().gitDirectory(), "rawhide", rawhide,
          tmp.resolve("tree"), bare.toUri(), CLOCK)) {
        tree.plumbing().updateRef("refs/remotes/fork/f43", f43);
        assertEquals(java.util.Optional.of(f43), tree.plumbing().resolve("refs/remotes/fork/f43"));
        assertEquals(1, tree.plumbing().commitsBetween(f43, rawhide).size(), "history is readable through the mirror");
      }
    }
  }

  @Test
  void aCommitTheMirrorLacksFailsAndLeavesNothingBehind(@TempDir Path tmp) {
    Path bare = server(tmp);
    try (LocalRepository mirror = LocalRepository.initBare(tmp.resolve("mirror"), CLOCK)) {
      Path dir = tmp.resolve("tree");
      GitException e = assertThrows(GitException.class, () -> LocalRepository.cloneShared(mirror.plumbing().gitDirectory(),
          "rawhide", "0123456789abcdef0123456789abcdef01234567", dir, bare.toUri(), CLOCK));
      assertTrue(e.getMessage().contains("is not in"), e.getMessage());
      assertFalse(Files.exists(dir), "the half-made working tree is removed");
    }
  }
}
