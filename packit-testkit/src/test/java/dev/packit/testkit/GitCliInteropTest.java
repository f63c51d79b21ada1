package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.packit.core.Secret;
import dev.packit.forge.git.ChangedFile;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Repositories JGit writes are read by the git CLI and the other way round; the CLI talks to the sandbox server. */
@Tag("integration")
class GitCliInteropTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private static final GitIdentity PACKIT = GitIdentity.of("Packit", "hello@packit.dev");

  @TempDir
  static Path home;

  @BeforeAll
  static void needsGit() {
    boolean present;
    try {
      Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      present = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      present = false;
    }
    if (!present) {
      String msg = "the git CLI is not installed: git interop tests skipped";
      if ("true".equals(System.getenv("PACKIT_CI"))) {
        fail(msg + " (PACKIT_CI=true requires it)");
      }
      Assumptions.abort(msg);
    }
  }

  /** Runs git with an isolated configuration; returns stdout, fails the test on a non-zero exit. */
  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=CLI User", "-c", "user.email=cli@example.org",
        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z");
    if (System.getenv("PACKIT_GIT_TRACE") != null) {
      env.put("GIT_TRACE_PACKET", "1");
      env.put("GIT_TRACE_CURL", "1");
    }
    Path err = Files.createTempFile(home, "git-err", ".txt");
    Path outFile = Files.createTempFile(home, "git-out", ".txt");
    pb.redirectError(err.toFile());
    pb.redirectOutput(outFile.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("git " + String.join(" ", args) + " timed out: " + Files.readString(err));
    }
    String out = Files.readString(outFile, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail("git " + String.join(" ", args) + " exited " + p.exitValue() + ": " + Files.readString(err));
    }
    return out;
  }

  @Test
  void cliReadsWhatJGitWrote(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("jgit");
    String id;
    try (LocalRepository repo = LocalRepository.init(dir, "rawhide", CLOCK)) {
      Files.writeString(dir.resolve("hello.spec"), "Name: hello\n");
      Files.createDirectories(dir.resolve("sub"));
      Files.writeString(dir.resolve("sub/patch.diff"), "--- a\n+++ b\n");
      repo.addAll();
      repo.commit("Initial import\n\nWith a body.", GitIdentity.of("Jane Doe", "jane@example.org"), PACKIT);
      Files.delete(dir.resolve("sub/patch.diff"));
      Files.writeString(dir.resolve("hello.spec"), "Name: hello\nVersion: 2\n");
      repo.addAll();
      id = repo.commit("Update to 2", PACKIT).id();
      repo.tag("v2", "release 2", PACKIT);
    }
    git(dir, "fsck", "--strict", "--no-progress");
    assertEquals(id + "\n", git(dir, "rev-parse", "HEAD"));
    assertEquals("rawhide\n", git(dir, "rev-parse", "--abbrev-ref", "HEAD"));
    assertEquals("Update to 2|Packit|hello@packit.dev|2026-11-23T12:00:00+00:00\n"
            + "Initial import|Jane Doe|jane@example.org|2026-11-23T12:00:00+00:00\n",
        git(dir, "log", "--format=%s|%an|%ae|%cI"));
    assertEquals("M\thello.spec\nD\tsub/patch.diff\n", git(dir, "diff", "--name-status", "HEAD~1", "HEAD"));
    assertEquals("", git(dir, "status", "--porcelain"), "JGit's index must look clean to git");
    assertEquals("v2\n", git(dir, "tag", "--list"));
  }

  @Test
  void jgitReadsWhatTheCliWrote(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("cli");
    Files.createDirectories(dir);
    git(dir, "init", "-q", "-b", "main");
    Files.writeString(dir.resolve("a.txt"), "one\n");
    git(dir, "add", "a.txt");
    git(dir, "commit", "-q", "-m", "first");
    Files.writeString(dir.resolve("b.txt"), "two\n");
    Files.writeString(dir.resolve("a.txt"), "one more\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "second", "--author", "Someone Else <else@example.org>");
    git(dir, "checkout", "-q", "-b", "feature");
    git(dir, "gc", "-q"); // packed refs and a pack file, not just loose objects
    String head = git(dir, "rev-parse", "HEAD").trim();

    try (LocalRepository repo = LocalRepository.open(dir, CLOCK)) {
      assertEquals(head, repo.head().orElseThrow());
      assertEquals("feature", repo.currentBranch().orElseThrow());
      assertEquals(List.of("feature", "main"), repo.branches());
      List<CommitInfo> log = repo.log("", 10);
      assertEquals(List.of("second", "first"), log.stream().map(CommitInfo::shortMessage).toList());
      assertEquals(GitIdentity.of("Someone Else", "else@example.org"), log.get(0).author());
      assertEquals(GitIdentity.of("CLI User", "cli@example.org"), log.get(0).committer());
      assertEquals(Instant.parse("2026-11-20T10:00:00Z"), log.get(0).commitTime());
      assertEquals(List.of("first"), repo.log("", 10).subList(1, 2).stream().map(CommitInfo::shortMessage).toList());
      assertEquals(1, repo.log("b.txt", 10).size());
      assertEquals(List.of(new ChangedFile(ChangedFile.Change.MODIFIED, "a.txt", "a.txt"),
          new ChangedFile(ChangedFile.Change.ADDED, "/dev/null", "b.txt")), repo.plumbing().changedFiles("HEAD~1", "HEAD"));
      assertTrue(repo.isClean());
      // and JGit can add to it, which git accepts again
      Files.writeString(dir.resolve("c.txt"), "three\n");
      repo.addAll();
      repo.commit("third", PACKIT);
    }
    git(dir, "fsck", "--strict", "--no-progress");
    assertEquals("third\n", git(dir, "log", "-1", "--format=%s"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void cliClonesFetchesAndPushesThroughTheSandbox(int protocol, @TempDir Path tmp) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      List<GitPush> pushes = new CopyOnWriteArrayList<>();
      sandbox.onGitPush(pushes::add);
      sandbox.requireGitPushToken("packit", Secret.of("cli-token"));
      sandbox.createBareRepository("rpms/cli");

      // JGit seeds the repository over HTTP
      try (LocalRepository seed = LocalRepository.init(tmp.resolve("seed"), "rawhide", CLOCK)) {
        for (int i = 0; i < 3; i++) {
          Files.writeString(seed.directory().resolve("file" + i + ".txt"), "content " + i + "\n".repeat(50));
          seed.addAll();
          seed.commit("commit " + i, PACKIT);
        }
        seed.setRemote("origin", sandbox.gitUri("rpms/cli"));
        seed.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide")
            .credentials(dev.packit.forge.git.GitCredentials.token("packit", Secret.of("cli-token"))).build());
      }

      String proto = "protocol.version=" + protocol;
      String url = sandbox.gitUri("rpms/cli").toString();
      git(tmp, "-c", proto, "clone", "-q", url, "cli");
      Path cli = tmp.resolve("cli");
      assertEquals("commit 2\n", git(cli, "log", "-1", "--format=%s"));
      git(tmp, "-c", proto, "clone", "-q", "--depth", "1", "--single-branch", "--branch", "rawhide", url, "shallow");
      assertEquals("1\n", git(tmp.resolve("shallow"), "rev-list", "--count", "HEAD"));

      Files.writeString(cli.resolve("from-cli.txt"), "hi\n");
      git(cli, "add", "from-cli.txt");
      git(cli, "commit", "-q", "-m", "from the CLI");
      String pushUrl = url.replace("http://", "http://packit:cli-token@");
      git(cli, "-c", proto, "push", "-q", pushUrl, "HEAD:refs/heads/cli-branch");
      String cliHead = git(cli, "rev-parse", "HEAD").trim();
      assertEquals(1, pushes.stream().filter(p -> p.ref().equals("refs/heads/cli-branch")).count());
      assertEquals(cliHead, pushes.get(pushes.size() - 1).newId());

      // JGit fetches what the CLI pushed
      try (LocalRepository jgit = LocalRepository.cloneFrom(CloneRequest.builder(sandbox.gitUri("rpms/cli"),
          tmp.resolve("jgit")).build())) {
        jgit.checkout("cli-branch");
        assertEquals(cliHead, jgit.head().orElseThrow());
        assertEquals("from the CLI", jgit.log("", 1).get(0).shortMessage());
      }

      // the CLI fetches a force-push made elsewhere (fetch negotiation with haves, gzip request body)
      git(cli, "-c", proto, "push", "-q", "--force", pushUrl, "HEAD~1:refs/heads/cli-branch");
      git(cli, "-c", proto, "fetch", "-q", "origin");
      assertEquals(git(cli, "rev-parse", "HEAD~1"), git(cli, "rev-parse", "origin/cli-branch"));
      assertTrue(pushes.get(pushes.size() - 1).forced());
    }
  }
}
