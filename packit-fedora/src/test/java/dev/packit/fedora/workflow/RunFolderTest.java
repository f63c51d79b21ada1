package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for the crash-resume finding: a workflow process killed mid-clone left its clones
 * and partial downloads in the work folder forever. Runs now work in a locked folder that the
 * next run deletes once nobody holds its lock.
 */
class RunFolderTest {

  @Test
  void aDeadRunsFolderIsSweptAndALiveOneIsKept(@TempDir Path work) throws Exception {
    Path runs = Files.createDirectories(work.resolve("runs"));
    // What a SIGKILLed process leaves: an unlocked lock file, a clone with a git lock, a partial download.
    Files.writeString(runs.resolve("dead.lock"), "");
    Path deadClone = Files.createDirectories(runs.resolve("dead/apply/hello-f43-1/.git"));
    Files.writeString(deadClone.resolve("index.lock"), "half");
    Files.createDirectories(runs.resolve("dead/downloads"));
    Files.writeString(runs.resolve("dead/downloads/hello-1.1.0.tar.gz123.part"), "half");
    // A sweeper killed between deleting a folder's lock and the folder.
    Files.createDirectories(runs.resolve("orphan/plan"));

    Object liveOwner = new Object();
    RunFolder live = RunFolder.create(work, liveOwner);
    Files.writeString(live.dir().resolve("clone-in-progress"), "x");
    assertFalse(Files.exists(runs.resolve("dead")), "the dead run's folder is deleted");
    assertFalse(Files.exists(runs.resolve("dead.lock")));
    assertFalse(Files.exists(runs.resolve("orphan")));

    Object otherOwner = new Object();
    RunFolder other = RunFolder.create(work, otherOwner);
    assertNotEquals(live.dir(), other.dir());
    assertTrue(Files.exists(live.dir().resolve("clone-in-progress")), "a live run's folder is kept");
    assertEquals(live.dir().getParent(), other.dir().getParent());
  }
}
