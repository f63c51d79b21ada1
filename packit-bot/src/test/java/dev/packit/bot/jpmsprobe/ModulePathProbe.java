package dev.packit.bot.jpmsprobe;

import dev.packit.bot.history.JdbcJobHistory;
import dev.packit.bot.history.JobHistory;
import dev.packit.bot.history.JobRecord;
import dev.packit.core.Secret;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Run by {@link ModulePathTest} in a child JVM whose module path holds packit-bot and its
 * dependencies (this class stays on the class path, in a package no module has): opens the history
 * on H2, and on PostgreSQL when {@code PACKIT_TEST_POSTGRES_URL} is set, and prints what it saw.
 */
public final class ModulePathProbe {
  private ModulePathProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("bot module: " + JdbcJobHistory.class.getModule().getName());
    System.out.println("flyway module: " + org.flywaydb.core.Flyway.class.getModule().getName());
    System.out.println("h2 module: " + Class.forName("org.h2.Driver").getModule().getName());
    try (JobHistory h = JdbcJobHistory.embedded(Path.of(args[0]))) {
      h.queued(JobRecord.queued("probe-1", "koji_build", "hello", List.of("f43"), "probe", Instant.now()));
      System.out.println("h2 found: " + h.find("probe-1").orElseThrow().id());
    }
    String url = System.getenv("PACKIT_TEST_POSTGRES_URL");
    if (url != null && !url.isEmpty() && args.length > 1) {
      System.out.println("pg module: " + Class.forName("org.postgresql.Driver").getModule().getName());
      String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + args[1];
      try (JdbcJobHistory h = JdbcJobHistory.connect(schemaUrl, System.getenv("PACKIT_TEST_POSTGRES_USER"),
          Secret.of(System.getenv("PACKIT_TEST_POSTGRES_PASSWORD")))) {
        h.queued(JobRecord.queued("probe-1", "koji_build", "hello", List.of("f43"), "probe", Instant.now()));
        System.out.println("pg found: " + h.find("probe-1").orElseThrow().id() + " postgres=" + h.isPostgres());
      }
    }
  }
}
