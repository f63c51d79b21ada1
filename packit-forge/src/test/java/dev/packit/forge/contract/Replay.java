package dev.packit.forge.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Bookkeeping shared by the contract tests: one WireMock server per class, and the check that a
 * full run of the class replayed every recording of its forge folder.
 */
final class Replay {
  private final String forge;
  private final Class<?> testClass;
  private final Set<String> replayed = new TreeSet<>();
  private int testsRun;
  final WireMockServer wm;

  Replay(String forge, Class<?> testClass, boolean templating) {
    this.forge = forge;
    this.testClass = testClass;
    try {
      // a private file root: WireMock must never write into the source tree
      java.nio.file.Path root = java.nio.file.Files.createTempDirectory("packit-wiremock-");
      root.toFile().deleteOnExit();
      this.wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
          .globalTemplating(templating).usingFilesUnderDirectory(root.toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    wm.start();
  }

  /** Loads and stubs a recording, and notes it as replayed. */
  synchronized Recording stub(String name) {
    Recording r = Recording.load(forge, name);
    r.stub(wm);
    replayed.add(name);
    return r;
  }

  /** Loads a recording without stubbing it (the test stubs a variant), noting it as replayed. */
  synchronized Recording load(String name) {
    replayed.add(name);
    return Recording.load(forge, name);
  }

  synchronized void testDone() {
    testsRun++;
    wm.resetAll();
  }

  /** When every test of the class ran, every recording of the folder must have been replayed. */
  synchronized void checkAllReplayed() {
    try {
      long declared = Arrays.stream(testClass.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class)).count();
      if (testsRun == declared) {
        assertEquals(Recording.all(forge), replayed, "recordings in ../shared/fixtures/" + forge + " not replayed by " + testClass.getSimpleName());
      }
    } finally {
      wm.stop();
    }
  }

  static Method[] tests(Class<?> c) {
    return c.getDeclaredMethods();
  }
}
