package dev.packit.bot.internal.history;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/** A borrowed connection whose close() gives it back to its {@link ConnectionPool}. */
final class PooledConnection implements InvocationHandler {
  private final Connection target;
  private final ConnectionPool pool;
  private boolean returned;
  private boolean broken;
  private boolean suspect;

  private PooledConnection(Connection target, ConnectionPool pool) {
    this.target = target;
    this.pool = pool;
  }

  static Connection wrap(Connection target, ConnectionPool pool) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        new PooledConnection(target, pool));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "close":
        giveBack();
        return null;
      case "isClosed":
        return returned || target.isClosed();
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "PooledConnection[" + pool + "]";
      default:
        break;
    }
    if (returned) {
      throw new SQLException("connection already given back to the pool", "08003");
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException s) {
        // class 08 is a lost connection; others (57P01: the server shut down) may be one too
        if (s.getSQLState() != null && s.getSQLState().startsWith("08")) {
          broken = true;
        } else {
          suspect = true;
        }
      }
      throw cause;
    }
  }

  private void giveBack() {
    if (returned) {
      return;
    }
    returned = true;
    try {
      // A connection goes back clean: no open transaction, auto-commit on.
      if (!target.isClosed() && !target.getAutoCommit()) {
        target.rollback();
        target.setAutoCommit(true);
      }
      if (suspect && !broken && !target.isValid(2)) {
        broken = true;
      }
    } catch (SQLException e) {
      broken = true;
    }
    pool.giveBack(target, broken);
  }
}
