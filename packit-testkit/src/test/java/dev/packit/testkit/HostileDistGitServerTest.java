package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 row 9 through the workflow: dist-git's git server accepts connections and never answers.
 * With {@code gitTimeout(1 s)} planning ends quickly, every branch failed (a bot retries it) with
 * the host and repository named, instead of hanging the job.
 */
@Tag("integration")
class HostileDistGitServerTest {

  @Test
  void aSilentDistGitFailsEveryBranchWithinTheGitTimeout(@TempDir Path work) throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (FedoraSandbox sandbox = FedoraSandbox.start();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "silent-dist-git");
      acceptor.setDaemon(true);
      acceptor.start();
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      URI gitBase = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/git/");
      ReleaseWorkflow wf = hello.workflow(work).distGit(hello.distGit(), gitBase).gitTimeout(Duration.ofSeconds(1)).build();

      Plan plan = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> wf.planProposeDownstream(hello.releaseRequest()));
      assertEquals(3, plan.branches().size());
      for (BranchPlan bp : plan.branches()) {
        assertTrue(bp.planningFailed(), plan.render());
        assertEquals(ReleaseWorkflow.CANNOT_PLAN + "git fetch: timed out after 1 s: no answer from 127.0.0.1:"
            + silent.getLocalPort() + " for repository /git/rpms/hello.git (connect/read timeout)", bp.skip());
      }
      assertEquals(1, held.size(), "one fetch of the mirror, not one per branch or per retry");
      assertEquals(0, sandbox.pagure().pullRequests("rpms/hello").size());
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
