package dev.packit.bot.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.bot.internal.history.ConnectionPool;
import dev.packit.bot.internal.history.Migrations;
import dev.packit.core.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract plus what a database adds: two instances sharing one database, schema migrations,
 * UTC timestamps. Subclasses say how to reach an isolated database named {@code db}.
 */
abstract class JdbcJobHistoryContract extends JobHistoryContract {
  /** The JDBC URL of an isolated, initially empty database (or schema) for this test. */
  abstract String jdbcUrl(String db) throws Exception;

  abstract String user();

  abstract String password();

  JdbcJobHistory connect(String db) throws Exception {
    return JdbcJobHistory.connect(jdbcUrl(db), user(), Secret.of(password()));
  }

  ConnectionPool pool(String db) throws Exception {
    return new ConnectionPool(jdbcUrl(db), user(), password(), 2, Duration.ofSeconds(10));
  }

  @Override
  JobHistory create() throws Exception {
    return connect("main");
  }

  @Test
  void twoInstancesOnOneDatabaseRacingRecordEachJobOnce() throws Exception {
    try (JdbcJobHistory second = connect("main")) {
      race(List.of(history, second), 8, 100);
    }
  }

  @Test
  void anOlderSchemaIsMigratedAndItsJobsKept() throws Exception {
    try (ConnectionPool ds = pool("old")) {
      // the database as a bot of schema version 1 left it: one job, no decisions table yet
      assertEquals(1, Migrations.migrate(ds, "1"));
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO packit_job (id, kind, package_name, trigger_text, state, queued_at, bot_instance, "
            + "detail, retryable, request) VALUES ('old-1', 'koji_build', 'hello', 'push', 'DONE', "
            + "TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:05+00', 'bot-1', '', FALSE, '')");
        s.executeUpdate("INSERT INTO packit_job_branch (job_id, position, branch) VALUES ('old-1', 0, 'f43')");
      }
      try (JdbcJobHistory upgraded = connect("old")) {
        JobRecord old = upgraded.find("old-1").orElseThrow();
        assertEquals(List.of("f43"), old.branches());
        assertEquals(java.time.Instant.parse("2026-01-02T03:04:05Z"), old.queuedAt());
        upgraded.decided(new ReconcileDecision(T0, "hello", "f43", "none", "in order", ""));
        assertEquals(1, upgraded.decisions("hello", 5).size());
      }
      assertEquals(List.of("1", "2"), appliedVersions(ds));
      // the newest schema again: nothing to do, nothing changed
      assertEquals(0, Migrations.migrate(ds, null));
      try (JdbcJobHistory again = connect("old")) {
        assertEquals(List.of("old-1"), again.jobs(JobQuery.all()).stream().map(JobRecord::id).toList());
      }
      assertEquals(List.of("1", "2"), appliedVersions(ds));
    }
  }

  @Test
  void instancesStartingAtOnceOnAnEmptyDatabaseMigrateItOnce() throws Exception {
    String url = jdbcUrl("fresh");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<JdbcJobHistory>> opened = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        opened.add(pool.submit(() -> {
          go.await();
          return JdbcJobHistory.connect(url, user(), Secret.of(password()));
        }));
      }
      go.countDown();
      for (var f : opened) {
        try (JdbcJobHistory h = f.get(120, java.util.concurrent.TimeUnit.SECONDS)) {
          h.queued(JobRecord.queued("j-" + System.identityHashCode(h), "koji_build", "hello", List.of(), "", T0));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    try (ConnectionPool ds = pool("fresh")) {
      assertEquals(List.of("1", "2"), appliedVersions(ds));
    }
  }

  static List<String> appliedVersions(ConnectionPool ds) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"" + Migrations.TABLE
            + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      while (rs.next()) {
        assertTrue(rs.getBoolean(2), "migration " + rs.getString(1) + " failed");
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void timestampsAreStoredInUtc() throws Exception {
    history.queued(full("j1"));
    history.started("j1", T0.plusSeconds(1), "bot-a");
    try (ConnectionPool ds = pool("main"); Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT queued_at, started_at FROM packit_job WHERE id = ?")) {
      ps.setString(1, "j1");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        OffsetDateTime q = rs.getObject(1, OffsetDateTime.class);
        assertEquals(ZoneOffset.UTC, q.getOffset());
        assertEquals(T0, q.toInstant());
        assertEquals(T0.plusSeconds(1), rs.getObject(2, OffsetDateTime.class).toInstant());
      }
    }
    // finer than a microsecond is cut, as PostgreSQL would, and the same on every database
    history.queued(JobRecord.queued("j2", "koji_build", "hello", List.of(), "", T0.plusNanos(1_234_567)));
    assertEquals(T0.plusNanos(1_234_000), history.find("j2").orElseThrow().queuedAt());
  }

  @Test
  void aFailingWriteNamesTheJobAndLeavesNothingHalfWritten() {
    String id = "x".repeat(300);
    HistoryException e = assertThrows(HistoryException.class, () -> history.queued(full(id)));
    assertTrue(e.getMessage().startsWith("cannot record job xxx"), e.getMessage());
    assertEquals(Optional.empty(), history.find(id));
    // a branch name too long for its column fails after the job row: the job row is rolled back
    JobRecord r = JobRecord.queued("j-long-branch", "koji_build", "hello", List.of("b".repeat(300)), "", T0);
    assertThrows(HistoryException.class, () -> history.queued(r));
    assertEquals(Optional.empty(), history.find("j-long-branch"));
    assertTrue(history.queued(JobRecord.queued("j-long-branch", "koji_build", "hello", List.of("f43"), "", T0)));
  }

  @Test
  void aClosedHistorySaysSo() {
    history.close();
    HistoryException e = assertThrows(HistoryException.class, () -> history.find("j1"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    history = null;
  }
}
