/**
 * packit-testkit: an in-process Fedora sandbox for tests, speaking the real wire protocols on
 * loopback over real git repositories.
 */
module dev.packit.testkit {
  // Nullness annotations only (no run-time code): @NullMarked packages, @Nullable exceptions.
  requires static transitive org.jspecify;
  requires transitive dev.packit.fedora;
  requires transitive jdk.httpserver;
  requires static transitive org.junit.jupiter.api;
  requires org.eclipse.jgit;
  requires com.fasterxml.jackson.databind;

  exports dev.packit.testkit;
}
