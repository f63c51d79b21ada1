package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.forge.git.ChangedFile;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitException;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.GitPushRejectedException;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.git.RefChange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

@Tag("integration")
class GitHttpRoundTripTest {
  private static final GitIdentity PACKIT = GitIdentity.of("Packit", "hello@packit.dev");
  private static final GitIdentity MAINTAINER = GitIdentity.of("Jane Maintainer", "jane@example.org");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.ofHours(2));

  private static void write(LocalRepository repo, String file, String content) throws Exception {
    Path p = repo.directory().resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  /** Creates rpms/hello with two commits on rawhide and one on f41, pushed over HTTP. */
  private static void seed(FedoraSandbox sandbox, Path dir) throws Exception {
    sandbox.createBareRepository("rpms/hello");
    try (LocalRepository repo = LocalRepository.init(dir, "rawhide", CLOCK)) {
      write(repo, "hello.spec", "Name: hello\nVersion: 1.0\n");
      repo.addAll();
      repo.commit("Initial import", MAINTAINER);
      write(repo, "sources", "SHA512 (hello-1.0.tar.gz) = abc\n");
      repo.addAll();
      repo.commit("Add sources", MAINTAINER);
      repo.createBranch("f41", "HEAD~1");
      repo.setRemote("origin", sandbox.gitUri("rpms/hello"));
      List<RefChange> pushed = repo.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide")
          .refSpec("refs/heads/f41").build());
      assertEquals(2, pushed.size());
      assertTrue(pushed.stream().allMatch(c -> c.status().equals("OK")), pushed::toString);
    }
  }

  @Test
  void cloneCommitPushBranchForcePushAndFetch(@TempDir Path tmp) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      List<GitPush> pushes = new CopyOnWriteArrayList<>();
      sandbox.onGitPush(pushes::add);
      seed(sandbox, tmp.resolve("seed"));
      assertEquals(2, pushes.size());
      assertEquals("rpms/hello", pushes.get(0).repository());
      assertEquals("0000000000000000000000000000000000000000", pushes.get(0).oldId());

      URI uri = sandbox.gitUri("rpms/hello");
      assertEquals(sandbox.baseUri().resolve("git/rpms/hello.git"), uri);
      try (LocalRepository clone = LocalRepository.cloneFrom(CloneRequest.builder(uri, tmp.resolve("clone")).build(), CLOCK)) {
        assertEquals("rawhide", clone.currentBranch().orElseThrow());
        assertEquals(2, clone.log("", 10).size());
        clone.checkout("f41");
        assertEquals("f41", clone.currentBranch().orElseThrow());
        assertEquals(1, clone.log("", 10).size());
        clone.checkout("rawhide");

        // propose-downstream style: a bot branch with author and committer, pushed to the remote
        clone.checkoutNewBranch("hello-1.1-rawhide", "origin/rawhide");
        write(clone, "hello.spec", "Name: hello\nVersion: 1.1\n");
        clone.addAll();
        assertFalse(clone.isClean());
        CommitInfo c = clone.commit("Update to 1.1", MAINTAINER, PACKIT);
        assertEquals(MAINTAINER, c.author());
        assertEquals(PACKIT, c.committer());
        assertEquals(CLOCK.instant(), c.commitTime());
        assertEquals(List.of(clone.plumbing().resolve("origin/rawhide").orElseThrow()), c.parents());
        assertEquals(List.of(new ChangedFile(ChangedFile.Change.MODIFIED, "hello.spec", "hello.spec")),
            clone.plumbing().changedFiles("origin/rawhide", "HEAD"));
        assertEquals(1, clone.log("hello.spec", 10).stream().filter(x -> x.shortMessage().equals("Update to 1.1")).count());
        assertEquals(1, clone.log("sources", 10).size(), "history of a path");

        pushes.clear();
        clone.push(PushRequest.builder("origin").refSpec("refs/heads/hello-1.1-rawhide").build());
        assertEquals(1, pushes.size());
        GitPush push = pushes.get(0);
        assertEquals("refs/heads/hello-1.1-rawhide", push.ref());
        assertEquals(c.id(), push.newId());
        assertFalse(push.forced());

        // the bot rewrites its branch: a plain push is rejected, a force-push goes through
        clone.checkoutNewBranch("hello-1.1-rawhide", "origin/rawhide");
        write(clone, "hello.spec", "Name: hello\nVersion: 1.1\nRelease: 2\n");
        clone.addAll();
        CommitInfo rewritten = clone.commit("Update to 1.1 (take 2)", PACKIT);
        GitPushRejectedException rejected = assertThrows(GitPushRejectedException.class,
            () -> clone.push(PushRequest.builder("origin").refSpec("refs/heads/hello-1.1-rawhide").build()));
        assertEquals("REJECTED_NONFASTFORWARD", rejected.changes().get(0).status());

        GitPushRejectedException lease = assertThrows(GitPushRejectedException.class,
            () -> clone.push(PushRequest.builder("origin").refSpec("refs/heads/hello-1.1-rawhide").force(true)
                .expectRemote("refs/heads/hello-1.1-rawhide", rewritten.id()).build()));
        assertTrue(lease.getMessage().contains("hello-1.1-rawhide"), lease.getMessage());

        pushes.clear();
        List<RefChange> forced = clone.push(PushRequest.builder("origin").refSpec("refs/heads/hello-1.1-rawhide")
            .force(true).expectRemote("refs/heads/hello-1.1-rawhide", c.id()).build());
        assertEquals("OK", forced.get(0).status());
        assertTrue(pushes.get(0).forced());
        assertEquals(c.id(), pushes.get(0).oldId());
        assertEquals(rewritten.id(), pushes.get(0).newId());
      }

      // a second, shallow single-branch clone sees only the tip of rawhide; fetch brings the bot branch
      try (LocalRepository shallow = LocalRepository.cloneFrom(CloneRequest.builder(uri, tmp.resolve("shallow"))
          .branch("rawhide").singleBranch(true).depth(1).build())) {
        assertEquals(1, shallow.log("", 10).size(), "depth 1");
        assertEquals(List.of("rawhide"), shallow.branches());
        assertTrue(shallow.plumbing().resolve("origin/f41").isEmpty(), "single branch");
        List<RefChange> fetched = shallow.fetch("origin",
            List.of("+refs/heads/hello-1.1-rawhide:refs/remotes/origin/hello-1.1-rawhide"), GitCredentials.none());
        assertEquals(1, fetched.size());
        shallow.checkout("hello-1.1-rawhide");
        assertEquals("Update to 1.1 (take 2)", shallow.log("", 1).get(0).shortMessage());
      }
    }
  }

  @Test
  void fixedClockMakesCommitsReproducible(@TempDir Path tmp) throws Exception {
    String[] ids = new String[2];
    for (int i = 0; i < 2; i++) {
      try (LocalRepository repo = LocalRepository.init(tmp.resolve("r" + i), "main", CLOCK)) {
        write(repo, "a.txt", "same\n");
        repo.addAll();
        ids[i] = repo.commit("same", PACKIT).id();
        assertEquals(ids[i], repo.head().orElseThrow());
        GitException nothing = assertThrows(GitException.class, () -> repo.commit("again", PACKIT));
        assertTrue(nothing.getMessage().contains("nothing to commit"), nothing.getMessage());
      }
    }
    assertEquals(ids[0], ids[1]);
  }

  @Test
  void pushesNeedTheTokenWhenOneIsRequired(@TempDir Path tmp) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      Secret token = Secret.of("sandbox-push-token-123");
      sandbox.requireGitPushToken("packit", token);
      sandbox.createBareRepository("rpms/secure");
      try (LocalRepository repo = LocalRepository.init(tmp.resolve("w"), "rawhide", CLOCK)) {
        write(repo, "a.spec", "Name: a\n");
        repo.addAll();
        repo.commit("init", PACKIT);
        repo.setRemote("origin", sandbox.gitUri("rpms/secure"));

        GitException anonymous = assertThrows(GitException.class,
            () -> repo.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide").build()));
        assertTrue(anonymous.transport(), anonymous::getMessage);

        GitException wrong = assertThrows(GitException.class, () -> repo.push(PushRequest.builder("origin")
            .refSpec("refs/heads/rawhide").credentials(GitCredentials.token("packit", Secret.of("nope"))).build()));
        assertFalse(wrong.getMessage().contains("nope"), wrong.getMessage());

        List<RefChange> ok = repo.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide")
            .credentials(GitCredentials.token("packit", token)).build());
        assertEquals("OK", ok.get(0).status());
        assertFalse(GitCredentials.token("packit", token).toString().contains(token.reveal()));
      }
      // clones stay anonymous
      try (LocalRepository clone = LocalRepository.cloneFrom(
          CloneRequest.builder(sandbox.gitUri("rpms/secure"), tmp.resolve("c")).build())) {
        assertEquals("init", clone.log("", 1).get(0).shortMessage());
      }
    }
  }

  @Test
  void failedCloneLeavesNothingBehind(@TempDir Path tmp) {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      Path target = tmp.resolve("missing");
      GitException e = assertThrows(GitException.class, () -> LocalRepository.cloneFrom(
          CloneRequest.builder(sandbox.gitUri("rpms/does-not-exist"), target).build()));
      assertEquals("clone", e.operation());
      assertFalse(Files.exists(target));
    }
  }

  private static String pkt(String line) {
    return String.format("%04x", line.length() + 4) + line;
  }

  @Test
  void gzipRequestBodiesAreAccepted(@TempDir Path tmp) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      seed(sandbox, tmp.resolve("seed"));
      String head;
      try (LocalRepository seed = LocalRepository.open(tmp.resolve("seed"))) {
        head = seed.plumbing().resolve("rawhide").orElseThrow();
      }
      String request = pkt("want " + head + "\n") + "0000" + pkt("done\n");
      java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
      }
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              sandbox.baseUri().resolve("git/rpms/hello.git/git-upload-pack"))
          .header("Content-Type", "application/x-git-upload-pack-request")
          .header("Content-Encoding", "gzip")
          .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, r.statusCode());
      String body = new String(r.body(), StandardCharsets.ISO_8859_1);
      assertTrue(body.startsWith("0008NAK\n"), body.substring(0, Math.min(40, body.length())));
      assertTrue(body.contains("PACK"), "a pack follows the NAK");
    }
  }

  @Test
  void unknownRoutesAndReposAreRefused() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.createBareRepository("rpms/x");
      HttpClient http = HttpClient.newHttpClient();
      int dumb = http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("git/rpms/x.git/info/refs")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      assertEquals(403, dumb);
      int missing = http.send(HttpRequest.newBuilder(
          sandbox.baseUri().resolve("git/rpms/nope.git/info/refs?service=git-upload-pack")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      assertEquals(404, missing);
      int escape = http.send(HttpRequest.newBuilder(
          URI.create(sandbox.baseUri() + "git/rpms/%2E%2E/%2E%2E/x.git/info/refs?service=git-upload-pack")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      assertTrue(escape == 400 || escape == 404, "status " + escape);
      HttpResponse<String> adv = http.send(HttpRequest.newBuilder(
          sandbox.baseUri().resolve("git/rpms/x.git/info/refs?service=git-upload-pack")).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(200, adv.statusCode());
      assertEquals("application/x-git-upload-pack-advertisement", adv.headers().firstValue("Content-Type").orElse(""));
      assertTrue(adv.body().startsWith("001e# service=git-upload-pack\n0000"), adv.body());
      HttpResponse<String> v2 = http.send(HttpRequest.newBuilder(
          sandbox.baseUri().resolve("git/rpms/x.git/info/refs?service=git-upload-pack"))
          .header("Git-Protocol", "version=2").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertTrue(v2.body().startsWith("000dversion 2"), v2.body());
      assertTrue(v2.body().contains("ls-refs"), v2.body());
    }
  }
}
