package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.distgit.DistGit;
import dev.packit.fedora.distgit.DistGitCheckout;
import dev.packit.fedora.distgit.DistGitLayout;
import dev.packit.fedora.distgit.NewSources;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.SourcesFile;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.pagure.Pagure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clone, new-sources with two archives, commit, push to the fork, open a PR; then again: nothing changes. */
@Tag("integration")
class DistGitSandboxTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private static final GitIdentity PACKIT = GitIdentity.of("Packit", "packit@example.org");
  private FedoraSandbox sandbox;
  @TempDir Path work;

  @BeforeEach
  void start() throws Exception {
    sandbox = FedoraSandbox.start();
    sandbox.createBareRepository("rpms/hello");
    Path seed = work.resolve("seed");
    try (LocalRepository r = LocalRepository.init(seed, "rawhide", CLOCK)) {
      Files.writeString(seed.resolve("hello.spec"), "Name: hello\nVersion: 1.0\nRelease: 1%{?dist}\nSource0: hello-%{version}.tar.gz\n");
      Files.writeString(seed.resolve("sources"), "SHA512 (hello-1.0.tar.gz) = " + "e".repeat(128) + "\n");
      Files.writeString(seed.resolve(".gitignore"), "/hello-1.0.tar.gz\n");
      r.addAll();
      r.commit("Initial import", PACKIT);
      r.setRemote("origin", sandbox.gitUri("rpms/hello"));
      r.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private DistGit distGit() {
    return distGit(CLOCK);
  }

  private DistGit distGit(Clock clock) {
    String token = sandbox.pagure().token("jdoe");
    return DistGit.builder()
        .layout(DistGitLayout.of(sandbox.baseUri().resolve("git/")))
        .lookaside(LookasideClient.builder().baseUri(sandbox.lookaside().baseUri()).retryPolicy(RetryPolicy.none()).build())
        .forge(Pagure.builder().instance(sandbox.pagure().instanceUri()).credentials(ForgeCredentials.token(token)).build())
        .user("jdoe")
        .identity(PACKIT)
        .clock(clock)
        .build();
  }

  private Path archive(String name, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(name.hashCode()).nextBytes(data);
    return Files.write(work.resolve(name), data);
  }

  private static Optional<ObjectId> ref(Path bare, String ref) throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
      return Optional.ofNullable(r.resolve(ref));
    }
  }

  /** One propose-downstream run in a fresh clone; returns the checkout directory. */
  private DistGitCheckout.Proposal update(DistGit distGit, Path dir, List<Path> archives) throws Exception {
    try (DistGitCheckout co = distGit.clone("hello", "rawhide", dir)) {
      co.newSources(archives);
      String spec = Files.readString(co.specFile()).replace("Version: 1.0", "Version: 2.0");
      Files.writeString(co.specFile(), spec);
      co.commit("Update to 2.0");
      return co.proposeUpdate("update-2.0-rawhide", "Update to 2.0", "Upstream release 2.0");
    }
  }

  @Test
  void cloneNewSourcesCommitPushToForkAndOpenAPullRequestThenASecondRunChangesNothing() throws Exception {
    DistGit distGit = distGit();
    List<Path> archives = List.of(archive("hello-2.0.tar.gz", 150_000), archive("hello-2.0-vendor.tar.xz", 250_000));

    DistGitCheckout.Proposal first = update(distGit, work.resolve("run1"), archives);
    assertTrue(first.created());
    assertEquals("update-2.0-rawhide", first.pullRequest().sourceBranch());
    assertEquals("rawhide", first.pullRequest().targetBranch());
    assertEquals(2, sandbox.lookaside().uploads());
    List<JsonNode> prs = sandbox.pagure().pullRequests("rpms/hello");
    assertEquals(1, prs.size());
    Path forkBare = sandbox.root().resolve("git/forks/jdoe/rpms/hello.git");
    ObjectId pushed = ref(forkBare, "refs/heads/update-2.0-rawhide").orElseThrow();

    // what was pushed: the spec change, both archives in sources and .gitignore, no archive in git
    Path verify = work.resolve("verify");
    try (LocalRepository fork = LocalRepository.cloneFrom(dev.packit.forge.git.CloneRequest.builder(
        sandbox.gitUri("forks/jdoe/rpms/hello"), verify).branch("update-2.0-rawhide").build())) {
      SourcesFile sources = SourcesFile.read(verify.resolve("sources"));
      assertEquals(List.of("hello-2.0.tar.gz", "hello-2.0-vendor.tar.xz"), sources.entries().stream().map(e -> e.filename()).toList());
      assertEquals(HashedFile.of(archives.get(1), HashType.SHA512).digest(HashType.SHA512), sources.entries().get(1).hash());
      assertEquals("/hello-1.0.tar.gz\n/hello-2.0.tar.gz\n/hello-2.0-vendor.tar.xz\n", Files.readString(verify.resolve(".gitignore")));
      assertTrue(Files.readString(verify.resolve("hello.spec")).contains("Version: 2.0"));
      assertFalse(Files.exists(verify.resolve("hello-2.0.tar.gz")));
      CommitInfo head = fork.plumbing().commitInfo("HEAD").orElseThrow();
      assertEquals("Update to 2.0", head.message().strip());
      // and the archives come back from the lookaside, verified
      try (DistGitCheckout co = distGit.open("hello", verify)) {
        assertEquals(2, co.downloadSources().size());
      }
    }

    // the second run, an hour later: a fresh clone, same inputs -> no upload, nothing pushed, same PR
    int attempts = sandbox.lookaside().uploadAttempts();
    DistGit later = distGit(Clock.offset(CLOCK, java.time.Duration.ofHours(1)));
    DistGitCheckout.Proposal second = update(later, work.resolve("run2"), archives);
    assertEquals(List.of(), second.pushed());
    assertFalse(second.created());
    assertEquals(first.pullRequest().number(), second.pullRequest().number());
    assertEquals(attempts, sandbox.lookaside().uploadAttempts(), "nothing uploaded");
    assertEquals(pushed, ref(forkBare, "refs/heads/update-2.0-rawhide").orElseThrow(), "fork branch unchanged");
    assertEquals(1, sandbox.pagure().pullRequests("rpms/hello").size());
    assertEquals(Optional.empty(), ref(sandbox.root().resolve("git/rpms/hello.git"), "refs/heads/update-2.0-rawhide"));

    // and re-running the steps in the same checkout stages and commits nothing
    try (DistGitCheckout co = later.open("hello", work.resolve("run2"))) {
      NewSources.Result r = co.newSources(archives);
      assertFalse(r.changed());
      assertEquals(0, r.uploaded());
      assertEquals(Optional.empty(), co.commit("Update to 2.0"));
      assertFalse(co.proposeUpdate("update-2.0-rawhide", "Update to 2.0", "Upstream release 2.0").created());
    }
  }

  @Test
  void directPushWithoutPullRequest() throws Exception {
    DistGit distGit = distGit();
    Path dir = work.resolve("direct");
    try (DistGitCheckout co = distGit.clone("hello", "rawhide", dir)) {
      co.newSources(List.of(archive("hello-3.0.tar.gz", 10_000)));
      CommitInfo c = co.commit("Update to 3.0").orElseThrow();
      co.push();
      assertEquals(ObjectId.fromString(c.id()), ref(sandbox.root().resolve("git/rpms/hello.git"), "refs/heads/rawhide").orElseThrow());
      assertEquals(List.of(), sandbox.pagure().pullRequests("rpms/hello"));
    }
  }
}
