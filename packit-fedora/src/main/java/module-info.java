/**
 * packit-fedora: dist-git, the lookaside cache, Koji, Bodhi, fedora-messaging and the
 * {@code ReleaseWorkflow} that composes them.
 */
module dev.packit.fedora {
  requires transitive dev.packit.forge;
  requires com.rabbitmq.client;
  requires java.security.jgss;
  requires jdk.security.auth;
  requires com.fasterxml.jackson.databind;

  exports dev.packit.fedora;
  exports dev.packit.fedora.bodhi;
  exports dev.packit.fedora.messaging;
  exports dev.packit.fedora.lookaside;
}
