package dev.packit.bot.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.bot.internal.history.ConnectionPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pool behind {@link JdbcJobHistory#embedded} and {@link JdbcJobHistory#connect}, on H2. */
class ConnectionPoolTest {
  @TempDir
  Path dir;

  @Test
  void connectionsAreReusedBoundedAndGivenBackClean() throws Exception {
    try (ConnectionPool pool = new ConnectionPool("jdbc:h2:file:" + dir.resolve("db"), "", "", 2, Duration.ofMillis(300))) {
      Connection a = pool.getConnection();
      Connection raw = a.unwrap(Connection.class);
      a.setAutoCommit(false);
      try (Statement s = a.createStatement()) {
        s.execute("CREATE TABLE t (x INT)");
        s.execute("INSERT INTO t VALUES (1)");
      }
      a.close();
      assertTrue(a.isClosed());
      assertThrows(SQLException.class, a::createStatement);
      Connection b = pool.getConnection();
      // the same physical connection, its open transaction rolled back and auto-commit restored
      assertSame(raw, b.unwrap(Connection.class));
      assertTrue(b.getAutoCommit());
      Connection c = pool.getConnection();
      assertNotSame(raw, c.unwrap(Connection.class));
      SQLException full = assertThrows(SQLException.class, pool::getConnection);
      assertEquals("08001", full.getSQLState());
      b.close();
      c.close();
    }
  }

  @Test
  void aClosedPoolRefusesAndItsNameHidesTheUrl() throws Exception {
    ConnectionPool pool = new ConnectionPool("jdbc:postgresql://db/packit?password=hunter2", "u", "p", 1, Duration.ofSeconds(1));
    assertEquals("ConnectionPool[jdbc:postgresql]", pool.toString());
    pool.close();
    SQLException e = assertThrows(SQLException.class, pool::getConnection);
    assertFalse(e.getMessage().contains("hunter2"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
