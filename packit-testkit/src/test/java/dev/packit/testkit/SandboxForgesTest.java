package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.AuthenticationException;
import dev.packit.core.ConflictException;
import dev.packit.core.http.Sleeper;
import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.github.GitHubForge;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packit-forge clients against the sandbox's fake Pagure and GitHub, over real git. */
@Tag("integration")
class SandboxForgesTest {
  private static final PersonIdent ME = new PersonIdent("Packit", "packit@sandbox.invalid");

  @TempDir
  Path work;

  /** Commits {@code file} on {@code branch} (based on {@code from}) and pushes it to a bare repository. */
  private String commit(Path bare, String from, String branch, String file, String content) throws Exception {
    Path dir = Files.createTempDirectory(work, "wc");
    try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(dir.toFile()).call()) {
      boolean empty = git.getRepository().resolve("refs/remotes/origin/" + from) == null;
      if (!empty) {
        git.checkout().setName(branch).setCreateBranch(!branch.equals(git.getRepository().getBranch()))
            .setStartPoint("origin/" + from).call();
      }
      Files.writeString(dir.resolve(file), content);
      git.add().addFilepattern(file).call();
      ObjectId id = git.commit().setMessage("change " + file).setAuthor(ME).setCommitter(ME).call();
      git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
      return id.name();
    }
  }

  private static String head(Path bare, String branch) throws Exception {
    try (org.eclipse.jgit.lib.Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
      return r.resolve("refs/heads/" + branch).name();
    }
  }

  @Test
  void pagureForkPullRequestAndRealMerge() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      Path upstream = sandbox.createBareRepository("rpms/hello");
      commit(upstream, "rawhide", "rawhide", "hello.spec", "Version: 1.0\n");
      SandboxPagure fake = sandbox.pagure();
      PagureForge distgit = Pagure.builder().instance(fake.instanceUri())
          .credentials(ForgeCredentials.token(fake.token("packit"))).build();
      RepoId hello = RepoId.of("rpms/hello");

      Repository repo = distgit.repository(hello).orElseThrow();
      assertEquals("rawhide", repo.defaultBranch());
      assertEquals(sandbox.baseUri().resolve("git/rpms/hello.git"), repo.cloneUrl());
      assertEquals("Version: 1.0\n", distgit.file(hello, "hello.spec", "rawhide").orElseThrow().text());
      assertTrue(distgit.file(hello, "nope.txt", "rawhide").isEmpty());
      assertEquals("packit", distgit.currentUser().login());

      Repository fork = distgit.forkOrCreate(hello);
      assertEquals(RepoId.of("fork/packit/rpms/hello"), fork.id());
      assertEquals(hello, fork.parent());
      Path forkDir = sandbox.root().resolve("git/forks/packit/rpms/hello.git");
      assertTrue(Files.isDirectory(forkDir), "the fork is a real repository");
      assertEquals(fork.id(), distgit.forkOrCreate(hello).id(), "a second call finds the fork");
      assertEquals(List.of(fork.id()), distgit.forks(hello).map(Repository::id).collect(Collectors.toList()));

      String sha = commit(forkDir, "rawhide", "update-1.1", "hello.spec", "Version: 1.1\n");
      PullRequest pr = distgit.createPullRequest(hello, PullRequestSpec.builder().title("Update to 1.1").body("New upstream")
          .source(fork.id(), "update-1.1").targetBranch("rawhide").build());
      assertEquals(1, pr.number());
      assertEquals(sha, pr.headSha());
      assertEquals(fork.id(), pr.source());
      assertEquals(pr.number(), distgit.findOpenPullRequest(hello, "update-1.1", "rawhide", "packit").orElseThrow().number());
      assertTrue(distgit.findOpenPullRequest(hello, "update-1.1", "rawhide", "someone-else").isEmpty());
      assertEquals("Update to 1.1 (v2)", distgit.updatePullRequest(hello, 1, "Update to 1.1 (v2)", null).title());
      distgit.comment(hello, 1, "/packit koji-build");
      assertEquals("/packit koji-build", fake.pullRequests("rpms/hello").get(0).get("comments").get(0).get("comment").asText());

      CommitStatus flag = distgit.setCommitStatus(hello, sha, CommitStatusSpec.of(CommitState.SUCCESS, "packit/rpm-build", "built")
          .withTargetUrl(URI.create("https://packit.dev/jobs/1")).withUid("rpmbuild"));
      assertEquals(CommitState.SUCCESS, flag.state());
      distgit.setCommitStatus(hello, sha, CommitStatusSpec.of(CommitState.FAILURE, "packit/rpm-build", "rebuilt, failed")
          .withTargetUrl(URI.create("https://packit.dev/jobs/2")).withUid("rpmbuild"));
      List<CommitStatus> flags = distgit.commitStatuses(hello, sha).collect(Collectors.toList());
      assertEquals(1, flags.size(), "the same uid updates the flag");
      assertEquals(CommitState.FAILURE, flags.get(0).state());

      PullRequest merged = distgit.mergePullRequest(hello, 1);
      assertEquals(PrState.MERGED, merged.state());
      assertEquals(sha, head(upstream, "rawhide"), "fast-forward merge in the bare repository");
      assertEquals("Version: 1.1\n", distgit.file(hello, "hello.spec", "rawhide").orElseThrow().text());
      assertTrue(distgit.findOpenPullRequest(hello, "update-1.1", "rawhide", "packit").isEmpty());
      List<String> topics = sandbox.messages().published().stream().map(m -> m.topic()).collect(Collectors.toList());
      assertTrue(topics.contains("org.fedoraproject.prod.pagure.pull-request.new"), topics.toString());
      var push = sandbox.messages().published().stream()
          .filter(m -> m.topic().equals("org.fedoraproject.prod.pagure.git.receive")).findFirst().orElseThrow();
      assertEquals(sha, push.body().get("end_commit"));
      assertEquals("rawhide", push.body().get("branch"));
      assertEquals(1, ((Number) push.body().get("pull_request_id")).intValue());
    }
  }

  @Test
  void pagureMergeCommitWhenBranchesDiverged() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      Path upstream = sandbox.createBareRepository("rpms/hello");
      commit(upstream, "rawhide", "rawhide", "hello.spec", "Version: 1.0\n");
      SandboxPagure fake = sandbox.pagure();
      PagureForge distgit = Pagure.builder().instance(fake.instanceUri())
          .credentials(ForgeCredentials.token(fake.token("packit"))).build();
      RepoId hello = RepoId.of("rpms/hello");
      Repository fork = distgit.forkOrCreate(hello);
      Path forkDir = sandbox.root().resolve("git/forks/packit/rpms/hello.git");
      commit(forkDir, "rawhide", "update", "sources", "SHA512 (hello-1.1.tar.gz) = 00\n");
      commit(upstream, "rawhide", "rawhide", "README", "maintainer change\n");
      distgit.createPullRequest(hello, PullRequestSpec.builder().title("t").source(fork.id(), "update").targetBranch("rawhide").build());
      distgit.mergePullRequest(hello, 1);
      assertTrue(distgit.file(hello, "sources", "rawhide").isPresent());
      assertTrue(distgit.file(hello, "README", "rawhide").isPresent());
    }
  }

  @Test
  void pagureRefusesAnUnknownTokenWithTheAcl() {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.createBareRepository("rpms/hello");
      PagureForge distgit = Pagure.builder().instance(sandbox.pagure().instanceUri())
          .credentials(ForgeCredentials.token("wrong")).build();
      AuthenticationException e = assertThrows(AuthenticationException.class, () -> distgit.forkOrCreate(RepoId.of("rpms/hello")));
      assertTrue(e.getMessage().contains("EINVALIDTOK"), e.getMessage());
    }
  }

  @Test
  void gitHubReleasesForksPullRequestsAndStatuses() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      Path upstream = sandbox.createBareRepository("upstream/hello");
      commit(upstream, "rawhide", "rawhide", "README.md", "hello\n");
      SandboxGitHub fake = sandbox.github();
      fake.addRelease("upstream/hello", "1.0", "1.0", "First", false);
      fake.addRelease("upstream/hello", "1.1-rc1", "1.1 RC", "Candidate", true);
      fake.forkPolls(2);
      List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
      Sleeper sleeper = sleeps::add;
      GitHubForge gh = GitHub.builder().baseUri(fake.apiUri()).credentials(ForgeCredentials.token(fake.token("packit")))
          .sleeper(sleeper).pollInterval(Duration.ofSeconds(1)).build();
      RepoId hello = RepoId.of("upstream/hello");

      assertEquals("1.0", gh.latestRelease(hello).orElseThrow().tagName(), "pre-releases are not the latest");
      assertEquals("Candidate", gh.release(hello, "1.1-rc1").orElseThrow().body());
      assertEquals(2, gh.releases(hello).count());
      assertEquals("hello\n", gh.file(hello, "README.md", "rawhide").orElseThrow().text());

      Repository fork = gh.forkOrCreate(hello);
      assertEquals(RepoId.of("packit/hello"), fork.id());
      assertEquals(hello, fork.parent());
      assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps, "polled until the fork had branches");

      Path forkDir = sandbox.root().resolve("git/forks/packit/hello.git");
      String sha = commit(forkDir, "rawhide", "fix", "README.md", "hello, world\n");
      PullRequestSpec spec = PullRequestSpec.builder().title("Fix").body("b").source(fork.id(), "fix").targetBranch("rawhide").build();
      PullRequest pr = gh.createPullRequest(hello, spec);
      assertEquals(sha, pr.headSha());
      ConflictException dup = assertThrows(ConflictException.class, () -> gh.createPullRequest(hello, spec));
      assertTrue(dup.getMessage().contains("already open"), dup.getMessage());
      assertEquals(pr.number(), gh.findOpenPullRequest(hello, "fix", "rawhide", "packit").orElseThrow().number());
      assertEquals("New title", gh.updatePullRequest(hello, pr.number(), "New title", "New body").title());
      assertEquals("/packit build", gh.comment(hello, pr.number(), "/packit build").body());
      assertEquals(PrState.CLOSED, gh.closePullRequest(hello, pr.number()).state());
      assertTrue(gh.findOpenPullRequest(hello, "fix", "rawhide", "packit").isEmpty());

      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<CommitStatus>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String ctx = "check-" + i;
          futures.add(pool.submit(() -> gh.setCommitStatus(hello, sha, CommitStatusSpec.of(CommitState.PENDING, ctx, "queued"))));
        }
        for (Future<CommitStatus> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(8, gh.commitStatuses(hello, sha).count());
      assertEquals(8, fake.statuses("upstream/hello", sha).size());
      assertFalse(gh.repository(RepoId.of("nobody/nothing")).isPresent());
    }
  }
}
