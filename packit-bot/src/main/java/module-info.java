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
}
