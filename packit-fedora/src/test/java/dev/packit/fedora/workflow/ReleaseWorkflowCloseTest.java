package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.packit.core.config.JobType;
import dev.packit.forge.Forge;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReleaseWorkflow#close()} stops the pool the workflow made, never the caller's. */
class ReleaseWorkflowCloseTest {
  private static Plan skips() {
    return new Plan(JobType.KOJI_BUILD, "hello", "", "test",
        List.of(BranchPlan.skipped("f43", "x"), BranchPlan.skipped("f42", "y"), BranchPlan.skipped("f41", "z")));
  }

  /** A dist-git forge no test here calls: every call fails. */
  private static Forge forge() {
    return (Forge) java.lang.reflect.Proxy.newProxyInstance(Forge.class.getClassLoader(), new Class<?>[] {Forge.class},
        (proxy, method, args) -> {
          if (method.getName().equals("toString")) {
            return "no forge";
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void closeStopsTheOwnPoolAndBranchesThenRunInTheCallersThread(@TempDir Path work) {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ReleaseWorkflow wf = ReleaseWorkflow.builder().distGit(forge(), URI.create("https://dg.example/"))
        .workDir(work).listener(new WorkflowListener() {
          @Override
          public void branchFinished(BranchResult r) {
            threads.add(Thread.currentThread().getName());
          }
        }).build();
    wf.close();
    RunResult r = wf.apply(skips());
    assertEquals(3, r.branches().size());
    assertEquals(Set.of(Thread.currentThread().getName()), threads, "the stopped pool took no branch");
    wf.close(); // twice is fine
  }

  @Test
  void aCallersExecutorIsLeftRunning(@TempDir Path work) {
    ExecutorService mine = Executors.newFixedThreadPool(2);
    try {
      try (ReleaseWorkflow wf = ReleaseWorkflow.builder().distGit(forge(), URI.create("https://dg.example/"))
          .workDir(work).executor(mine).build()) {
        assertEquals(3, wf.apply(skips()).branches().size());
      }
      assertFalse(mine.isShutdown());
    } finally {
      mine.shutdownNow();
    }
  }
}
