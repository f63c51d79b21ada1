/**
 * packit-bot: the reusable release bot. Intake from webhooks and fedora-messaging, a job queue,
 * a runner over the typed road ({@code JobDispatcher} → {@code JobRequest} → {@code ReleaseWorkflow}),
 * job history, a status page and reconciliation.
 */
module dev.packit.bot {
  requires transitive dev.packit.fedora;
  requires org.slf4j;
  requires transitive org.eclipse.jetty.server;

  exports dev.packit.bot.history;
  exports dev.packit.bot.status;
  exports dev.packit.bot.reconcile;
  // JdbcJobHistory: JDBC, and Flyway for its schema (flyway-core ships no module name: its
  // automatic module is named after the jar). The H2 and PostgreSQL drivers are found as
  // java.sql.Driver services and Flyway's database support as Flyway plugins: no requires needed.
  requires transitive java.sql;
  requires flyway.core;

  exports dev.packit.bot.config;

  // Flyway reads the SQL migrations through the class loader; a named module's resource package
  // is only visible to it when opened. It holds .sql files only, no classes.
  opens dev.packit.bot.internal.history.db.migration;
}
