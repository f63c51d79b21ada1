/**
 * packit-bot: the reusable release bot. Intake from webhooks and fedora-messaging, a job queue,
 * a runner over the typed road ({@code JobDispatcher} → {@code JobRequest} → {@code ReleaseWorkflow}),
 * job history, a status page and reconciliation.
 */
@SuppressWarnings("requires-transitive-automatic") // Micrometer has no module-info; its MeterRegistry is in the API
module dev.packit.bot {
  // Nullness annotations only (no run-time code): @NullMarked packages, @Nullable exceptions.
  requires static transitive org.jspecify;
  requires transitive dev.packit.fedora;
  requires transitive org.eclipse.jetty.server;
  requires transitive micrometer.core;
  requires micrometer.registry.prometheus;
  requires com.rabbitmq.client;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.packit.bot;
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
