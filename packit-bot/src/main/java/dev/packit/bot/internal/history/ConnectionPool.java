package dev.packit.bot.internal.history;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small bounded pool over {@link DriverManager}, for when the embedding application gives a JDBC
 * URL instead of its own {@link DataSource}. Keeping connections open matters for H2: an embedded
 * database closes its file when the last connection closes, and reopening costs milliseconds.
 * Closing a borrowed connection returns it to the pool.
 */
public final class ConnectionPool implements DataSource, AutoCloseable {
  private static final Duration VALIDATE_AFTER = Duration.ofSeconds(30);

  private final String url;
  private final Properties properties;
  private final Semaphore permits;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private final Duration borrowTimeout;
  private boolean closed;

  private record Idle(Connection connection, long since) {}

  /**
   * Creates a pool; no connection is opened yet.
   *
   * @param url the JDBC URL
   * @param user the user, may be empty
   * @param password the password, may be empty; never logged
   * @param maxConnections at most this many open connections
   * @param borrowTimeout how long a caller waits for a free connection
   */
  public ConnectionPool(String url, String user, String password, int maxConnections, Duration borrowTimeout) {
    this.url = url;
    this.properties = new Properties();
    if (user != null && !user.isEmpty()) {
      properties.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      properties.setProperty("password", password);
    }
    this.permits = new Semaphore(maxConnections, true);
    this.borrowTimeout = borrowTimeout;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new SQLException("no free database connection within " + borrowTimeout.toSeconds() + " s", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a database connection", "08001", e);
    }
    try {
      Connection c = take();
      return PooledConnection.wrap(c, this);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private Connection take() throws SQLException {
    while (true) {
      Idle i;
      synchronized (this) {
        if (closed) {
          throw new SQLException("the job history is closed", "08003");
        }
        i = idle.pollLast();
      }
      if (i == null) {
        return DriverManager.getConnection(url, properties);
      }
      // A connection idle for long may have been dropped by the server or a firewall.
      if (System.nanoTime() - i.since() < VALIDATE_AFTER.toNanos() || i.connection().isValid(2)) {
        return i.connection();
      }
      quietClose(i.connection());
    }
  }

  /** Called by a borrowed connection's close(). */
  void giveBack(Connection c, boolean broken) {
    try {
      boolean keep;
      synchronized (this) {
        keep = !closed && !broken;
        if (keep) {
          idle.addLast(new Idle(c, System.nanoTime()));
        }
      }
      if (!keep) {
        quietClose(c);
      }
    } finally {
      permits.release();
    }
  }

  /** Closes every idle connection; borrowed ones are closed when given back. */
  @Override
  public void close() {
    Deque<Idle> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(i -> quietClose(i.connection()));
  }

  private static void quietClose(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already broken: nothing to release
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's user is fixed");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    // the URL may carry a password parameter: print only its scheme and driver
    int colon = url.indexOf(':', 5);
    return "ConnectionPool[" + (colon > 0 ? url.substring(0, colon) : "jdbc") + "]";
  }
}
