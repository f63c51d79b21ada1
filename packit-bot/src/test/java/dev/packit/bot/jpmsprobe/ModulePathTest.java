package dev.packit.bot.jpmsprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests run on the class path (see the parent pom), so this one checks the module path on its
 * own: a child JVM with packit-bot and its runtime dependencies as modules opens the history. It
 * proves Flyway finds the migrations in the named module (the {@code opens} in module-info.java),
 * its database plugins in the automatic {@code flyway.database.postgresql} module, and the JDBC
 * drivers as {@code java.sql.Driver} services.
 */
@org.junit.jupiter.api.Tag("integration")
class ModulePathTest {
  @TempDir
  Path dir;

  @Test
  void theHistoryWorksFromTheModulePath() throws Exception {
    // the runtime dependencies, written by maven-dependency-plugin (see pom.xml), and the bot itself
    Path runtime = Path.of("target/runtime-classpath.txt");
    assertTrue(Files.isRegularFile(runtime), runtime.toAbsolutePath() + " is missing: run the tests through Maven");
    List<String> modulePath = new ArrayList<>();
    modulePath.add(Path.of("target/classes").toAbsolutePath().toString());
    for (String e : Files.readString(runtime).strip().split(File.pathSeparator)) {
      if (!e.isBlank()) {
        modulePath.add(e);
      }
    }
    // the probe itself stays on the class path, in a package no module has
    List<String> classPath = List.of(Path.of("target/test-classes").toAbsolutePath().toString());
    String pgUrl = System.getenv("PACKIT_TEST_POSTGRES_URL");
    String schema = "probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    boolean pg = pgUrl != null && !pgUrl.isEmpty();
    if (pg) {
      try (Connection c = DriverManager.getConnection(pgUrl, System.getenv("PACKIT_TEST_POSTGRES_USER"),
          System.getenv("PACKIT_TEST_POSTGRES_PASSWORD")); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
    }
    try {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          "--module-path", String.join(File.pathSeparator, modulePath),
          "--add-modules", "dev.packit.bot",
          "-cp", String.join(File.pathSeparator, classPath),
          ModulePathProbe.class.getName(), dir.resolve("history").toString()));
      if (pg) {
        cmd.add(schema);
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out;
      try (Stream<String> lines = p.inputReader(StandardCharsets.UTF_8).lines()) {
        out = lines.collect(Collectors.joining("\n"));
      }
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("bot module: dev.packit.bot"), out);
      assertTrue(out.contains("flyway module: flyway.core"), out);
      assertTrue(out.contains("h2 module: com.h2database"), out);
      assertTrue(out.contains("h2 found: probe-1"), out);
      if (pg) {
        assertTrue(out.contains("pg module: org.postgresql.jdbc"), out);
        assertTrue(out.contains("pg found: probe-1 postgres=true"), out);
      }
    } finally {
      if (pg) {
        try (Connection c = DriverManager.getConnection(pgUrl, System.getenv("PACKIT_TEST_POSTGRES_USER"),
            System.getenv("PACKIT_TEST_POSTGRES_PASSWORD")); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
  }
}
