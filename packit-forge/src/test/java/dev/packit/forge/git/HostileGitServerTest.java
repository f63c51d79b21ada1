package dev.packit.forge.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 row 9: a git server that accepts the connection and never answers hung a dist-git
 * clone (JGit has no read timeout by default). A real TCP server here does exactly that; clone,
 * fetch and push give up after the configured timeout with an error naming host and repository.
 */
@Tag("integration")
class HostileGitServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** Generous bound for the whole operation: the point is that it ends, not its exact speed. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  private ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private Thread acceptor;
  private URI uri;

  @BeforeEach
  void silentServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          held.add(server.accept()); // accept, read nothing, answer nothing
        } catch (IOException e) {
          return;
        }
      }
    }, "silent-git-server");
    acceptor.setDaemon(true);
    acceptor.start();
    uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/rpms/hello.git");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    for (Socket s : held) {
      s.close();
    }
    acceptor.join(5000);
  }

  private void assertNamesHostAndRepository(GitTimeoutException e, String op) {
    assertEquals(op, e.operation());
    assertEquals("127.0.0.1:" + server.getLocalPort(), e.host());
    assertEquals("/rpms/hello.git", e.repository());
    assertEquals(TIMEOUT, e.timeout());
    assertEquals("git " + op + ": timed out after 1 s: no answer from 127.0.0.1:" + server.getLocalPort()
        + " for repository /rpms/hello.git (connect/read timeout)", e.getMessage());
    assertTrue(e.transport());
    assertFalse(held.isEmpty(), "the server accepted the connection");
  }

  @Test
  void cloneTimesOutAndLeavesNothing(@TempDir Path tmp) {
    Path dir = tmp.resolve("hello");
    GitTimeoutException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(GitTimeoutException.class,
        () -> LocalRepository.cloneFrom(CloneRequest.builder(uri, dir).branch("rawhide").singleBranch(true)
            .timeout(TIMEOUT).build())));
    assertNamesHostAndRepository(e, "clone");
    assertEquals(1, held.size(), "a timeout is not retried: one connection, not four");
    assertFalse(Files.exists(dir), "the half-made clone folder is removed");
  }

  @Test
  void fetchTimesOut(@TempDir Path tmp) {
    try (LocalRepository repo = LocalRepository.init(tmp.resolve("r"), "rawhide", Clock.systemUTC())) {
      repo.setRemote("origin", uri);
      repo.transportTimeout(TIMEOUT);
      GitTimeoutException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(GitTimeoutException.class,
          () -> repo.fetch("origin", GitCredentials.none())));
      assertNamesHostAndRepository(e, "fetch");
    }
  }

  @Test
  void pushTimesOut(@TempDir Path tmp) throws IOException {
    try (LocalRepository repo = LocalRepository.init(tmp.resolve("r"), "rawhide", Clock.systemUTC())) {
      Files.writeString(repo.directory().resolve("hello.spec"), "Name: hello\n");
      repo.addAll();
      repo.commit("init", GitIdentity.of("Packit", "hello@packit.dev"));
      repo.setRemote("origin", uri);
      repo.transportTimeout(TIMEOUT);
      GitTimeoutException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(GitTimeoutException.class,
          () -> repo.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build())));
      assertNamesHostAndRepository(e, "push");
    }
  }

  @Test
  void theDefaultIsSixtySecondsAndTimeoutsMustBePositive(@TempDir Path tmp) {
    assertEquals(Duration.ofSeconds(60), LocalRepository.DEFAULT_TRANSPORT_TIMEOUT);
    assertEquals(Duration.ofSeconds(60), CloneRequest.builder(uri, tmp).build().timeout());
    assertThrows(IllegalArgumentException.class, () -> CloneRequest.builder(uri, tmp).timeout(Duration.ZERO).build());
  }
}
