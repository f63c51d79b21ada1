/**
 * packit-bot: the reusable release bot. Intake from webhooks and fedora-messaging, a job queue,
 * a runner over the typed road ({@code JobDispatcher} → {@code JobRequest} → {@code ReleaseWorkflow}),
 * job history, a status page and reconciliation.
 */
@SuppressWarnings("requires-transitive-automatic") // Micrometer has no module-info; its MeterRegistry is in the API
module dev.packit.bot {
  requires transitive dev.packit.fedora;
  requires transitive org.eclipse.jetty.server;
  requires transitive micrometer.core;
  requires micrometer.registry.prometheus;
  requires com.rabbitmq.client;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.packit.bot;
  exports dev.packit.bot.history;
}
