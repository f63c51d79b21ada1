package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.fedora.koji.KojiBuildRequest;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.koji.KojiBuildState;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fakes publish on the sandbox bus; subscribers get typed messages. */
@Tag("integration")
class SandboxMessagesTest {
  @TempDir
  Path work;

  @Test
  void kojiBuildStateChangesArriveTypedOnTheSandboxBus() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      List<FedoraMessage> got = new CopyOnWriteArrayList<>();
      sandbox.messages().subscribe(List.of("org.fedoraproject.prod.buildsys.build.state.change"), got::add);
      SandboxKoji hub = sandbox.koji();

      Path bare = sandbox.createBareRepository("rpms/hello");
      Path wt = work.resolve("hello");
      String sha;
      try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(wt.toFile()).call()) {
        Files.writeString(wt.resolve("hello.spec"), "Name:    hello\nVersion: 1.2\nRelease: 3%{?dist}\nSummary: x\n");
        git.add().addFilepattern(".").call();
        RevCommit c = git.commit().setMessage("spec").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        git.push().setRemote("origin").add("HEAD:refs/heads/rawhide").call();
        sha = c.getName();
      }
      KojiClient koji = KojiClient.builder().hub(sandbox.baseUri().resolve("kojihub")).sleeper(hub::advance)
          .taskPolling(Duration.ofSeconds(30), Duration.ofMinutes(1))
          .login(KojiLogin.negotiate(() -> Secret.of(Base64.getEncoder().encodeToString(
              "packit@FEDORAPROJECT.ORG".getBytes(StandardCharsets.UTF_8)))))
          .build();
      long task = koji.build(KojiBuildRequest.of("git+" + sandbox.baseUri() + "git/rpms/hello.git#" + sha, "rawhide"));
      koji.waitForTask(task, Duration.ofHours(1));
      assertTrue(sandbox.messages().awaitIdle(Duration.ofSeconds(10)));

      assertEquals(2, got.size(), got.toString());
      KojiBuildStateChange start = assertInstanceOf(KojiBuildStateChange.class, got.get(0));
      KojiBuildStateChange done = assertInstanceOf(KojiBuildStateChange.class, got.get(1));
      assertEquals(KojiBuildState.BUILDING, start.newState());
      assertEquals(KojiBuildState.COMPLETE, done.newState());
      assertEquals(KojiBuildState.BUILDING, done.oldState());
      assertEquals("hello-1.2-3.fc44", done.nvr());
      assertEquals(Optional.of("rawhide"), done.branch());
      assertEquals(Optional.of(sha), done.commit());
      assertEquals(task, done.taskId());
      assertEquals("packit", done.owner());
    }
  }
}
