package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.git.ChangedFile;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The propose-downstream git path end to end over HTTP: clone dist-git with JGit, commit on a
 * bot branch, push it to the packager's fork, open the PR on the fake Pagure.
 */
@Tag("integration")
class DistGitPullRequestRoundTripTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private static final GitIdentity PACKIT = GitIdentity.of("Packit", "hello@packit.dev");

  @Test
  void cloneCommitPushToForkAndOpenPullRequest(@TempDir Path tmp) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      List<GitPush> pushes = new CopyOnWriteArrayList<>();
      sandbox.onGitPush(pushes::add);
      sandbox.requireGitPushToken("packit", Secret.of("git-push-token"));
      GitCredentials push = GitCredentials.token("packit", Secret.of("git-push-token"));

      // dist-git rpms/hello with a spec on rawhide
      sandbox.createBareRepository("rpms/hello");
      try (LocalRepository seed = LocalRepository.init(tmp.resolve("seed"), "rawhide", CLOCK)) {
        Files.writeString(seed.directory().resolve("hello.spec"), "Name: hello\nVersion: 1.0\n");
        seed.addAll();
        seed.commit("Initial import", GitIdentity.of("Packager", "packager@fedoraproject.org"));
        seed.push(PushRequest.builder(sandbox.gitUri("rpms/hello").toString()).refSpec("refs/heads/rawhide")
            .credentials(push).build());
      }

      SandboxPagure fake = sandbox.pagure();
      PagureForge distgit = Pagure.builder().instance(fake.instanceUri())
          .credentials(ForgeCredentials.token(fake.token("packit"))).build();
      RepoId hello = RepoId.of("rpms/hello");
      Repository upstream = distgit.repository(hello).orElseThrow();
      Repository fork = distgit.forkOrCreate(hello);

      try (LocalRepository repo = LocalRepository.cloneFrom(CloneRequest.builder(upstream.cloneUrl(), tmp.resolve("hello"))
          .branch(upstream.defaultBranch()).singleBranch(true).depth(1).build(), CLOCK)) {
        repo.setRemote("fork", fork.cloneUrl());
        repo.checkoutNewBranch("hello-1.1-rawhide", "origin/rawhide");
        Files.writeString(repo.directory().resolve("hello.spec"), "Name: hello\nVersion: 1.1\n");
        repo.addAll();
        CommitInfo commit = repo.commit("Update to 1.1", GitIdentity.of("Upstream Dev", "dev@example.org"), PACKIT);
        assertEquals(List.of(new ChangedFile(ChangedFile.Change.MODIFIED, "hello.spec", "hello.spec")),
            repo.plumbing().changedFiles("origin/rawhide", "HEAD"));

        pushes.clear();
        repo.push(PushRequest.builder("fork").refSpec("HEAD:refs/heads/hello-1.1-rawhide").force(true)
            .credentials(push).build());
        assertEquals(1, pushes.size());
        assertEquals("forks/packit/rpms/hello", pushes.get(0).repository());
        assertEquals(commit.id(), pushes.get(0).newId());

        PullRequest pr = distgit.createPullRequest(hello, PullRequestSpec.builder().title("Update to 1.1")
            .body("Upstream release 1.1").source(fork.id(), "hello-1.1-rawhide").targetBranch("rawhide").build());
        assertEquals(commit.id(), pr.headSha(), "the PR carries the commit JGit pushed");
        assertEquals(fork.id(), pr.source());
        assertTrue(distgit.findOpenPullRequest(hello, "hello-1.1-rawhide", "rawhide", "packit").isPresent());
      }
    }
  }
}
