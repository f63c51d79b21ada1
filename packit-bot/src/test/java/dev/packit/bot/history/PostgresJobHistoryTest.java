package dev.packit.bot.history;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract on PostgreSQL: {@code PACKIT_TEST_POSTGRES_URL}, {@code _USER} and {@code _PASSWORD}
 * (set by {@code .ci/postgres.sh}). Each test gets schemas of its own, dropped afterwards. Skips
 * without a server, fails instead under {@code PACKIT_CI=true}.
 */
@org.junit.jupiter.api.Tag("integration")
class PostgresJobHistoryTest extends JdbcJobHistoryContract {
  private final String prefix = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
  private final List<String> schemas = new ArrayList<>();

  static String env(String name) {
    String v = System.getenv(name);
    return v == null ? "" : v;
  }

  @Override
  JobHistory create() throws Exception {
    String url = env("PACKIT_TEST_POSTGRES_URL");
    if (url.isEmpty()) {
      String msg = "PostgreSQL tests need PACKIT_TEST_POSTGRES_URL/_USER/_PASSWORD (source .ci/postgres.sh; start_postgresql)";
      if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
        fail(msg + " (PACKIT_CI=true requires it)");
      }
      Assumptions.abort(msg);
    }
    return super.create();
  }

  @Override
  String jdbcUrl(String db) throws Exception {
    String schema = (prefix + db).toLowerCase(Locale.ROOT);
    String base = env("PACKIT_TEST_POSTGRES_URL");
    if (!schemas.contains(schema)) {
      try (Connection c = DriverManager.getConnection(base, user(), password()); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      schemas.add(schema);
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  String user() {
    return env("PACKIT_TEST_POSTGRES_USER");
  }

  @Override
  String password() {
    return env("PACKIT_TEST_POSTGRES_PASSWORD");
  }

  @AfterEach
  void dropSchemas() throws Exception {
    if (history != null) {
      history.close();
      history = null;
    }
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(env("PACKIT_TEST_POSTGRES_URL"), user(), password());
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void theConfigsPostgresHistoryReadsItsPasswordFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path pw = dir.resolve("db-password");
    java.nio.file.Files.writeString(pw, password() + "\n");
    var config = new dev.packit.bot.config.BotConfig.History(dev.packit.bot.config.BotConfig.HistoryKind.POSTGRESQL,
        dir, java.util.Optional.of(jdbcUrl("main")), user(),
        java.util.Optional.of(new dev.packit.bot.config.SecretFile(pw, "history.password_file")));
    try (JdbcJobHistory h = JdbcJobHistory.of(config)) {
      assertTrue(h.isPostgres());
      h.queued(full("via-config"));
    }
    assertTrue(history.find("via-config").isPresent());
  }

  @Test
  void thePostgresDialectIsUsed() {
    assertTrue(((JdbcJobHistory) history).isPostgres());
  }
}
