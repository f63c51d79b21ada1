/**
 * packit-bot: the reusable release bot. Intake from webhooks and fedora-messaging, a job queue,
 * a runner over the typed road ({@code JobDispatcher} → {@code JobRequest} → {@code ReleaseWorkflow}),
 * job history, a status page and reconciliation.
 */
module dev.packit.bot {
  // Nullness annotations only (no run-time code): @NullMarked packages, @Nullable exceptions.
  requires static transitive org.jspecify;
  requires transitive dev.packit.fedora;
  requires org.slf4j;

  exports dev.packit.bot.history;
}
