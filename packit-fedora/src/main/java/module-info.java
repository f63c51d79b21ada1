/**
 * packit-fedora: dist-git, the lookaside cache, Koji, Bodhi, fedora-messaging and the
 * {@code ReleaseWorkflow} that composes them.
 */
@SuppressWarnings("module") // the qualified export names a module built later in the reactor
module dev.packit.fedora {
  // Nullness annotations only (no run-time code): @NullMarked packages, @Nullable exceptions.
  requires static transitive org.jspecify;
  requires transitive dev.packit.forge;
  requires com.rabbitmq.client;
  requires java.security.jgss;
  requires jdk.security.auth;
  requires com.fasterxml.jackson.databind;
  requires java.xml;

  exports dev.packit.fedora;
  exports dev.packit.fedora.bodhi;
  exports dev.packit.fedora.messaging;
  exports dev.packit.fedora.lookaside;
  exports dev.packit.fedora.koji;
  exports dev.packit.fedora.workflow;
  exports dev.packit.fedora.jobs;
  // The sandbox's fake Koji hub speaks XML-RPC with the same codec.
  exports dev.packit.fedora.internal.xmlrpc to dev.packit.testkit;
  // RealKerberosTest checks mutual authentication against mod_auth_gssapi through the shared login
  exports dev.packit.fedora.internal.kerberos to dev.packit.testkit;
  exports dev.packit.fedora.distgit;
}
