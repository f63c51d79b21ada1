package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 6: an error names the host, the repository and the cause, once. */
@Tag("integration")
class ErrorMessagesSandboxTest {

  /** A local port nobody listens on: connecting to it is refused. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aWrongUpstreamUrlNamesTheUrlAndTheCause(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      String wrong = s.base() + "git/upstream/helo";
      CliSandbox.Run r = s.run("propose-downstream", "--dry-run", wrong, "1.1.0");
      assertEquals(2, r.exit(), r.all());
      assertTrue(r.err().contains("cannot fetch " + wrong + ": "), r.err());
      assertTrue(r.err().contains("no git repository at this URL"), r.err());
      assertFalse(r.err().contains("Invalid remote"), r.err());
      assertEquals(1, count(r.err(), "cannot fetch"), "said once: " + r.err());
    }
  }

  @Test
  void aRefusedConnectionIsExplained(@TempDir Path tmp) throws Exception {
    try (CliSandbox s = new CliSandbox(tmp)) {
      String url = "http://127.0.0.1:" + closedPort() + "/upstream/hello.git";
      CliSandbox.Run r = s.run("propose-downstream", "--dry-run", url, "1.1.0");
      assertEquals(2, r.exit(), r.all());
      assertTrue(r.err().contains("cannot fetch " + url + ": "), r.err());
      assertTrue(r.err().contains("connection refused"), r.err());
      assertTrue(r.err().contains("is the host and port right and the service running?"), r.err());

      // A Fedora service that is down: the host and the repository are named with the cause.
      int port = closedPort();
      Path cfg = tmp.resolve("down.yaml");
      Files.writeString(cfg, s.userConfig(s.pagureToken).replaceAll("dist_git: \\S+", "dist_git: http://127.0.0.1:" + port + "/pagure/"));
      CliSandbox.Run down = s.run("propose-downstream", "--config", cfg.toString(), "--dry-run", s.upstreamUrl(), "1.1.0");
      assertEquals(2, down.exit(), down.all());
      assertTrue(down.err().contains("rpms/hello on 127.0.0.1:" + port), down.err());
      assertTrue(down.err().contains("connection refused"), down.err());
    }
  }
}
