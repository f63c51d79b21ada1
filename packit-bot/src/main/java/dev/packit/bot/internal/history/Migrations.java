package dev.packit.bot.internal.history;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a database to the newest history schema with Flyway. */
public final class Migrations {
  /**
   * Where the SQL migrations are. Not the conventional {@code classpath:db/migration}: an
   * application that embeds the bot and runs its own Flyway over that default location would
   * otherwise apply the bot's migrations to its own database (Flyway scans sub-folders too).
   */
  public static final String LOCATION = "classpath:dev/packit/bot/internal/history/db/migration";

  /** Flyway's own bookkeeping table, named so it cannot clash with the application's. */
  public static final String TABLE = "packit_bot_schema_history";

  /**
   * One migration at a time in this JVM. Flyway serializes instances on PostgreSQL with an advisory
   * lock, but on H2 two histories opened at once on the same file both try to create the schema
   * history table and one fails with a duplicate key (seen in JdbcJobHistoryContract). An H2 file
   * cannot be shared between processes, so a lock in the JVM is enough.
   */
  private static final Object LOCK = new Object();

  private Migrations() {}

  /**
   * Applies every pending migration; a database already at the newest version is left as it is.
   *
   * @param dataSource the database
   * @param target the version to stop at, or null for the newest
   * @return how many migrations ran
   */
  public static int migrate(DataSource dataSource, String target) {
    var config = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(TABLE)
        // Under JPMS a resource package that is not opened is invisible: fail instead of
        // "migrating" with no migrations at all.
        .failOnMissingLocations(true)
        .validateOnMigrate(true);
    if (target != null) {
      config.target(target);
    }
    synchronized (LOCK) {
      MigrateResult result = config.load().migrate();
      return result.migrationsExecuted;
    }
  }
}
