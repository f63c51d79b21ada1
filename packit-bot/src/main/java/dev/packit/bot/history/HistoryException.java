package dev.packit.bot.history;

import dev.packit.core.PackitException;
import java.sql.SQLException;

/**
 * The job history's database failed: unreachable, full, or a schema the bot cannot migrate.
 *
 * <pre>{@code
 * try {
 *   history.queued(record);
 * } catch (HistoryException e) {
 *   if (e.retryable()) { ... }   // the connection dropped: try again later
 * }
 * }</pre>
 */
public class HistoryException extends PackitException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /**
   * Creates an exception.
   *
   * @param message what the history was doing, without secrets
   * @param cause the cause
   */
  public HistoryException(String message, Throwable cause) {
    super(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
    this.sqlState = sqlState(cause);
  }

  /** The first SQL state in the cause chain: Flyway wraps the driver's exception in its own. */
  private static String sqlState(Throwable cause) {
    for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return "";
  }

  /**
   * The SQL state of the first {@link SQLException} among the causes (empty when there is none).
   *
   * @return the five-character SQL state, or empty
   */
  public String sqlState() {
    return sqlState;
  }

  /** Connection failures (class 08), serialization failures and deadlocks (class 40) may pass. */
  @Override
  public boolean retryable() {
    return sqlState.startsWith("08") || sqlState.startsWith("40");
  }
}
